/**
 * The UserPool provider methods: each composes validate / expand / flatten / find / diff.
 * This module runs inside the provider process (see provider/runtime.ts).
 */
import {
    AddCustomAttributesCommand,
    CreateUserPoolCommand,
    DeleteUserPoolCommand,
    GetUserPoolMfaConfigResponse,
    SchemaAttributeType,
    SetUserPoolMfaConfigCommand,
    UpdateUserPoolCommand,
    UpdateUserPoolRequest,
    UserPoolType,
} from "@aws-sdk/client-cognito-identity-provider";
import type * as pulumi from "@pulumi/pulumi";
import { clientFor, getStackRegion, regionFor } from "../client";
import { PROVIDER_KEY, programInputs } from "../shared/engine";
import { randomUUID } from "crypto";
import { attempt, awsErrorMessage, awsErrorName, describeFailure, partialFailure, ProviderError } from "../shared/errors";
import { currentWaitDefaults } from "../shared/wait";
import { concurrentModificationReason, iamPropagationReason, IAM_PROPAGATION_DEADLINE_MS, retryDuring } from "../shared/retry";
import { isPlainObject } from "../shared/schema";
import { declaredFieldsOf, planUserPool } from "./diff";
import { createNeedsMfaStep, expandCreate, expandMfaConfig, expandSchemaAttributes, expandUpdate, UserPoolInputs } from "./expand";
import { findByCreationToken, findMfaConfig, findUserPool } from "./find";
import { createOnlyFields, CREATION_TOKEN_INPUT, CREATION_TOKEN_TAG, outputOnlyMembers } from "./model";
import { flattenSchemaAttributes, resourceOutputs, UserPoolState } from "./flatten";
import { attributeKey } from "./schemaAttributes";
import { liveAsInputs } from "./storedInputs";
import { asState } from "./preview";
import { adoptionNotFoundMessage, liveForAdoption, planAdoption } from "./adopt";

export { check, diff } from "./preview";

/** Mode-changing calls that AWS rejects while a new SMS role propagates through IAM. */
function withIamPropagation<T>(subject: string, call: () => Promise<T>): Promise<T> {
    return retryDuring({ retryReason: iamPropagationReason, deadlineMs: IAM_PROPAGATION_DEADLINE_MS, subject }, call);
}

/** Errors of the connection itself: the request may or may not have reached AWS. */
const NETWORK_ERRORS = /ECONNRESET|EPIPE|ETIMEDOUT|ESOCKETTIMEDOUT|socket hang up|TimeoutError|RequestTimeout/i;

/**
 * True when a request may have reached AWS and been applied although no answer came back: a
 * server error, or a connection lost mid-request. Errors raised before sending (credentials,
 * region, validation in the SDK) are not: they surface at once.
 */
function outcomeUnknown(error: unknown): boolean {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status !== undefined) return status >= 500;
    const code = (error as { code?: unknown }).code;
    return NETWORK_ERRORS.test(`${awsErrorName(error) ?? ""} ${typeof code === "string" ? code : ""} ${awsErrorMessage(error)}`);
}

const CREATE_ATTEMPTS = 3;

/**
 * CreateUserPool is not idempotent: a request whose answer was lost may still have created a
 * pool. The request carries a creation token in a tag; before trying again after an unknown
 * outcome, the pool with that token is looked for and adopted, so no second pool is made.
 * The token is the one check put in the inputs, which the engine has already written into the
 * state, so a pool made by a create the CLI never saw finish can be found later (recover.ts).
 */
async function createOnce(inputs: UserPoolInputs, subject: string): Promise<UserPoolType> {
    const checkedToken = inputs[CREATION_TOKEN_INPUT];
    const token = typeof checkedToken === "string" && checkedToken !== "" ? checkedToken : randomUUID();
    const request = expandCreate(inputs);
    request.UserPoolTags = { ...request.UserPoolTags, [CREATION_TOKEN_TAG]: token };
    const createClient = clientFor(inputs, "create");
    for (let attemptNumber = 1; ; attemptNumber++) {
        try {
            const response = await withIamPropagation(`CreateUserPool for ${subject}`, () => createClient.send(new CreateUserPoolCommand(request)));
            return response.UserPool as UserPoolType;
        } catch (error) {
            if (!outcomeUnknown(error) || attemptNumber >= CREATE_ATTEMPTS) throw describeFailure("CreateUserPool", subject, error);
            currentWaitDefaults().log(
                `CreateUserPool for ${subject}: ${awsErrorMessage(error)}; the pool may have been created, looking for it by its creation token before trying again`,
            );
            const created = await findByCreationToken(clientFor(inputs), String(inputs.poolName), token);
            if (created) return created;
        }
    }
}

/**
 * Create with `adoptUserPoolId`: take over that existing pool. It must exist, and every immutable
 * field the program declares must already be as declared (adoption never replaces). Then the
 * declared fields are converged by the normal update path, run as if the previous program had
 * declared nothing, so undeclared fields are left as they are; a pool that already matches is
 * recorded without any write. No creation-token tag is added.
 */
async function adopt(poolId: string, props: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
    const inputs = programInputs(props);
    const client = clientFor(inputs);
    const region = await regionFor(inputs);
    const pool = await findUserPool(client, poolId);
    if (!pool) throw new ProviderError(adoptionNotFoundMessage(poolId, region));
    const mfa = inputs.softwareTokenMfaConfiguration !== undefined ? await findMfaConfig(client, poolId) : undefined;
    const live = liveForAdoption(pool, region, mfa);
    const adoption = planAdoption(poolId, live, inputs, getStackRegion());
    if (adoption.blocker) throw new ProviderError(adoption.blocker);
    if (adoption.differingFields.length === 0) {
        const outs = resourceOutputs(pool, { region, declaredFields: declaredFieldsOf(inputs), declaredSchema: inputs.schema, mfa, createOnly: createOnlyInputs(inputs) });
        return { id: poolId, outs };
    }
    currentWaitDefaults().log(`adopting user pool ${poolId}: updating ${adoption.differingFields.join(", ")} to the declared values`);
    const { outs } = await update(poolId, { ...live, [PROVIDER_KEY]: props[PROVIDER_KEY] }, props);
    return { id: poolId, outs };
}

export async function create(props: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
    const inputs = programInputs(props);
    if (typeof inputs.adoptUserPoolId === "string") return adopt(inputs.adoptUserPoolId, props);
    const client = clientFor(inputs);
    const region = await regionFor(inputs);
    const pool = await createOnce(inputs, `user pool "${String(inputs.poolName)}"`);
    const id = pool.Id as string;
    const context = { region, declaredFields: declaredFieldsOf(inputs), declaredSchema: inputs.schema, createOnly: createOnlyInputs(inputs) };
    // A new pool has software-token MFA disabled; record it when declared so the next diff is empty.
    let outs = resourceOutputs(pool, { ...context, mfa: inputs.softwareTokenMfaConfiguration !== undefined ? {} : undefined });
    if (createNeedsMfaStep(inputs)) {
        try {
            const request = expandMfaConfig(id, inputs);
            const mfa = await attempt("SetUserPoolMfaConfig", `user pool ${id}`, () =>
                withIamPropagation(`SetUserPoolMfaConfig for user pool ${id}`, () => client.send(new SetUserPoolMfaConfigCommand(request))),
            );
            outs = resourceOutputs({ ...pool, MfaConfiguration: mfa.MfaConfiguration }, { ...context, mfa });
        } catch (error) {
            // The pool exists: record it so the next pulumi up finishes the MFA step.
            throw partialFailure(error, id, { ...outs, mfaConfiguration: pool.MfaConfiguration }, props[PROVIDER_KEY]);
        }
    }
    return { id, outs };
}

export async function read(id: string, props: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult> {
    const state = asState(props);
    const client = clientFor(state);
    const pool = await findUserPool(client, id);
    if (!pool) return {};
    const mfa = state.declaredFields.includes("softwareTokenMfaConfiguration") ? await findMfaConfig(client, id) : undefined;
    const outs = resourceOutputs(pool, {
        region: typeof state.region === "string" ? state.region : await regionFor(state),
        declaredFields: state.declaredFields,
        declaredSchema: state.schema,
        mfa,
        createOnly: createOnlyInputs(state),
    });
    // The live values of the declared fields become the stored inputs, so the CLI shows an
    // out-of-band change as live => declared on exactly the fields that drifted (storedInputs.ts).
    return { id, props: outs, inputs: liveAsInputs(outs) };
}

export async function update(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.UpdateResult> {
    const state = asState(olds);
    const desired = programInputs(news);
    const plan = planUserPool(state, desired, getStackRegion());
    const client = clientFor(state);
    const subject = `user pool ${id}`;

    let mfa: GetUserPoolMfaConfigResponse | undefined;
    if (plan.mfaChanged) {
        // UpdateUserPool cannot turn MFA ON for an existing pool, so MFA goes first. It resets
        // factors it is not sent: read them to carry over the ones the program does not declare.
        const current = await findMfaConfig(client, id);
        const request = expandMfaConfig(id, desired, current, plan.removedFields);
        mfa = await attempt("SetUserPoolMfaConfig", subject, () =>
            withIamPropagation(`SetUserPoolMfaConfig for ${subject}`, () => client.send(new SetUserPoolMfaConfigCommand(request))),
        );
    }

    // New custom attributes go first, so that the Describe the full-state update is built from
    // also reads back how AWS named them (custom:, dev:custom:) and the constraints it filled in:
    // three calls (AddCustomAttributes, Describe, Update), and outputs the next refresh agrees with.
    const added = plan.schema.added.length > 0 ? expandSchemaAttributes(plan.schema.added) : [];
    for (let start = 0; start < added.length; start += ADD_ATTRIBUTES_PER_CALL) {
        const batch = added.slice(start, start + ADD_ATTRIBUTES_PER_CALL);
        try {
            await attempt("AddCustomAttributes", subject, () => client.send(new AddCustomAttributesCommand({ UserPoolId: id, CustomAttributes: batch })));
        } catch (error) {
            // Earlier batches are in the pool for good: record them, or the next pulumi up would
            // add them again and fail on "Existing attribute". Nothing else was applied.
            if (start > 0) throw partialFailure(error, id, withAddedAttributes(state, desired.schema, undefined, added.slice(0, start)), news[PROVIDER_KEY]);
            throw error;
        }
    }

    // The full-state request is rebuilt from a fresh Describe before every attempt, so a
    // concurrent writer's change to an undeclared field is never overwritten with a stale copy.
    let live: UserPoolType | undefined;
    let request: UpdateUserPoolRequest;
    try {
        request = await attempt("UpdateUserPool", subject, () =>
            retryDuring(
                {
                    retryReason: (error) => concurrentModificationReason(error) ?? iamPropagationReason(error),
                    deadlineMs: IAM_PROPAGATION_DEADLINE_MS,
                    subject: `UpdateUserPool for ${subject}`,
                },
                async () => {
                    live = await findUserPool(client, id);
                    if (!live) throw new ProviderError(`user pool ${id} no longer exists; run pulumi refresh so that pulumi up creates it again`);
                    const fullState = expandUpdate(live, desired, plan.removedFields);
                    await client.send(new UpdateUserPoolCommand(fullState));
                    return fullState;
                },
            ),
        );
    } catch (error) {
        // AWS never removes an attribute, so once they are added the state must say so, or the
        // next pulumi up would add them again and fail on "Existing attribute". Everything else
        // stays as last recorded, so that the next pulumi up still sees it as pending.
        if (added.length > 0) throw partialFailure(error, id, withAddedAttributes(state, desired.schema, live, added), news[PROVIDER_KEY]);
        throw error;
    }

    // Outputs are the pool as this update left it, without another Describe call: the request is
    // the full state, so only the members UpdateUserPool does not take come from the live pool
    // (SchemaAttributes among them, new attributes included).
    const { UserPoolId: _id, PoolName, ...applied } = request;
    const notUpdatable = Object.fromEntries(Object.entries(live ?? {}).filter(([member]) => outputOnlyMembers.includes(member)));
    const pool: UserPoolType = { ...notUpdatable, ...applied, Name: PoolName };
    const context = {
        region: typeof state.region === "string" ? state.region : await regionFor(desired),
        declaredFields: declaredFieldsOf(desired),
        declaredSchema: desired.schema,
        // GetUserPoolMfaConfig is read only for programs that declare the factor.
        mfa: desired.softwareTokenMfaConfiguration === undefined
            ? undefined
            : mfa ?? (isPlainObject(state.softwareTokenMfaConfiguration)
                ? { SoftwareTokenMfaConfiguration: { Enabled: state.softwareTokenMfaConfiguration.enabled === true } }
                : undefined),
        createOnly: createOnlyInputs(desired),
    };
    return { outs: resourceOutputs(pool, context) };
}

/** AddCustomAttributes takes at most 25 attributes per call (CustomAttributesListType); a pool may have 50. */
const ADD_ATTRIBUTES_PER_CALL = 25;

/**
 * The state to record when the update failed after AddCustomAttributes succeeded: the previous
 * state with the new schema declared and its attributes listed, so that the next diff finds them
 * present (not to be added again) while every other change is still pending. The attributes are
 * as AWS reported them when the Describe got through; otherwise as they were sent, under the
 * names AWS gives them, until the next update or refresh reads AWS's own definitions.
 */
function withAddedAttributes(state: UserPoolState, declaredSchema: unknown, live: UserPoolType | undefined, added: SchemaAttributeType[]): UserPoolState {
    const liveAttributes = live ? flattenSchemaAttributes(live) : undefined;
    const sent = added.map((attribute) => flattenSchemaAttributes({ SchemaAttributes: [{ ...attribute, Name: attributeKey(String(attribute.Name)) }] })[0]);
    const previous = Array.isArray(state.schemaAttributes) ? state.schemaAttributes : [];
    return {
        ...state,
        declaredFields: [...new Set([...state.declaredFields, "schema"])].sort(),
        schema: declaredSchema,
        schemaAttributes: liveAttributes ?? [...previous, ...sent],
    };
}

/** The create-only inputs (adoptUserPoolId) the program gives, kept in the outputs for refresh to store back. */
function createOnlyInputs(inputs: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(createOnlyFields.filter((f) => inputs[f] !== undefined).map((f) => [f, inputs[f]]));
}

export async function deleteUserPool(id: string, props: Record<string, unknown>): Promise<void> {
    const state = asState(props);
    const client = clientFor(state);
    try {
        await client.send(new DeleteUserPoolCommand({ UserPoolId: id }));
    } catch (error) {
        const name = awsErrorName(error);
        if (name === "ResourceNotFoundException") return;
        const message = awsErrorMessage(error);
        if (/deletion protection/i.test(message)) {
            throw new ProviderError(
                `DeleteUserPool for user pool ${id} failed: deletion protection is ACTIVE. Set deletionProtection to "INACTIVE", ` +
                    `run pulumi up, then delete again (or use the retainOnDelete resource option to let Pulumi forget the pool without deleting it).`,
                name,
            );
        }
        if (/domain/i.test(message)) {
            throw new ProviderError(
                `DeleteUserPool for user pool ${id} failed: the pool still has a domain (${String(state.domain ?? state.customDomain ?? "unknown")}). ` +
                    `Delete its UserPoolDomain first (declare the domain with userPoolId: pool.id so pulumi destroy orders them).`,
                name,
            );
        }
        await attempt("DeleteUserPool", `user pool ${id}`, () => Promise.reject(error));
    }
}
