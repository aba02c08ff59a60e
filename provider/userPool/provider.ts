/**
 * The UserPool provider methods: each composes validate / expand / flatten / find / diff.
 * This module runs inside the provider process (see provider/runtime.ts).
 */
import {
    AddCustomAttributesCommand,
    CreateUserPoolCommand,
    DeleteUserPoolCommand,
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
import { declaredFieldsOf, planUserPool } from "./diff";
import { expandCreate, expandSchemaAttributes, expandUpdate, UserPoolInputs } from "./expand";
import { createNeedsMfaStep, declaresMfaFactor, expandMfaConfig, holdMfaMember, holdPoolMember, mfaFromState, MfaSettings, newPoolMfa, orderCalls } from "./mfa";
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
    const mfa = declaresMfaFactor(inputs) ? await findMfaConfig(client, poolId) : undefined;
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
    // A new pool has no MFA factor configured (passkeys at their defaults); recorded when declared
    // so that the next diff is empty, or shows what the MFA step below still has to do.
    const created = newPoolMfa(pool);
    const mfaDeclared = declaresMfaFactor(inputs);
    let outs = resourceOutputs(pool, { ...context, mfa: mfaDeclared ? created : undefined });
    if (createNeedsMfaStep(inputs)) {
        try {
            // The pool was created with MFA OFF (expandCreate): this sets the mode with every factor.
            const request = expandMfaConfig(id, inputs, created, [], pool);
            const { $metadata: _metadata, ...mfa } = await attempt("SetUserPoolMfaConfig", `user pool ${id}`, () =>
                withIamPropagation(`SetUserPoolMfaConfig for user pool ${id}`, () => client.send(new SetUserPoolMfaConfigCommand(request))),
            );
            outs = resourceOutputs({ ...pool, MfaConfiguration: mfa.MfaConfiguration ?? request.MfaConfiguration }, { ...context, mfa: mfaDeclared ? mfa : undefined });
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
    // GetUserPoolMfaConfig only for programs that declare a factor it alone reports.
    const mfa = declaresMfaFactor(state) ? await findMfaConfig(client, id) : undefined;
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
    const region = typeof state.region === "string" ? state.region : await regionFor(desired);

    // SetUserPoolMfaConfig replaces the whole MFA setup: read it, to carry over the factors and
    // passkey settings the program does not declare. Only when an MFA setting changes.
    const liveMfa = plan.mfaChanged ? withoutMetadata(await findMfaConfig(client, id)) : undefined;

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

    /** The pool as last described, or as the last UpdateUserPool of this update left it. */
    let latest: UserPoolType | undefined;
    /** The MFA setup as last read or set. */
    let currentMfa: MfaSettings | undefined = liveMfa;
    /** Whether an UpdateUserPool or SetUserPoolMfaConfig of this update went through. */
    let changedSettings = false;
    /**
     * A call failed. Before any change: a plain error, the state stays as recorded and the next
     * pulumi up does it all again. After a change: a partial failure recording the pool as it now
     * is, so that the next pulumi up does only what is left (attributes, once added, must never be
     * added again).
     */
    const failed = (error: unknown): never => {
        if (!changedSettings && added.length === 0) throw error;
        if (!changedSettings || !latest) throw partialFailure(error, id, withAddedAttributes(state, desired.schema, latest, added), news[PROVIDER_KEY]);
        throw partialFailure(error, id, recordedAfterPartialUpdate(state, desired, latest, currentMfa, region), news[PROVIDER_KEY]);
    };

    // The Describe every call is planned from; the first full-state UpdateUserPool is built from
    // it too. A retried UpdateUserPool, or a later one, describes the pool again, so that a
    // concurrent writer's change to an undeclared field is never overwritten with a stale copy.
    let fresh: UserPoolType | undefined;
    try {
        fresh = await findUserPool(client, id);
    } catch (error) {
        failed(error);
    }
    if (!fresh) return failed(new ProviderError(`user pool ${id} no longer exists; run pulumi refresh so that pulumi up creates it again`));
    latest = fresh;
    const mfaRequest = plan.mfaChanged ? expandMfaConfig(id, desired, liveMfa, plan.removedFields, fresh) : undefined;
    // The order of UpdateUserPool and SetUserPoolMfaConfig AWS accepts for this change (mfa.ts).
    const calls = mfaRequest ? orderCalls(fresh, liveMfa, expandUpdate(fresh, desired, plan.removedFields), mfaRequest).calls : [{ call: "UpdateUserPool" as const }];
    /** The pool's MFA mode as the calls so far left it. */
    let mode = fresh.MfaConfiguration;

    for (const step of calls) {
        try {
            if (step.call === "SetUserPoolMfaConfig" && mfaRequest) {
                const request = holdMfaMember(mfaRequest, liveMfa, step.hold);
                const response = await attempt("SetUserPoolMfaConfig", subject, () =>
                    withIamPropagation(`SetUserPoolMfaConfig for ${subject}`, () => client.send(new SetUserPoolMfaConfigCommand(request))),
                );
                currentMfa = withoutMetadata(response);
                mode = currentMfa.MfaConfiguration ?? request.MfaConfiguration;
                if (latest) latest = { ...latest, MfaConfiguration: mode };
            } else if (step.call === "UpdateUserPool") {
                const request = await attempt("UpdateUserPool", subject, () =>
                    retryDuring(
                        {
                            retryReason: (error) => concurrentModificationReason(error) ?? iamPropagationReason(error),
                            deadlineMs: IAM_PROPAGATION_DEADLINE_MS,
                            subject: `UpdateUserPool for ${subject}`,
                        },
                        async () => {
                            const base = fresh ?? (await findUserPool(client, id));
                            fresh = undefined;
                            if (!base) throw new ProviderError(`user pool ${id} no longer exists; run pulumi refresh so that pulumi up creates it again`);
                            latest = base;
                            const fullState = holdPoolMember(expandUpdate(base, desired, plan.removedFields), base, step.hold);
                            // With SetUserPoolMfaConfig in this update, UpdateUserPool keeps the mode
                            // the pool has now: it cannot turn MFA ON, and the Set sets the mode.
                            if (mfaRequest) fullState.MfaConfiguration = mode;
                            await client.send(new UpdateUserPoolCommand(fullState));
                            return fullState;
                        },
                    ),
                );
                latest = appliedPool(latest, request);
            }
        } catch (error) {
            failed(error);
        }
        changedSettings = true;
    }

    const pool: UserPoolType = { ...latest, MfaConfiguration: mode };
    const context = {
        region,
        declaredFields: declaredFieldsOf(desired),
        declaredSchema: desired.schema,
        // GetUserPoolMfaConfig's members only for programs that declare one; when no MFA setting
        // changed (nothing read or set), the recorded ones are current.
        mfa: declaresMfaFactor(desired) ? currentMfa ?? mfaFromState(state) : undefined,
        createOnly: createOnlyInputs(desired),
    };
    return { outs: resourceOutputs(pool, context) };
}

/** An SDK answer without its request metadata: the MFA settings alone. */
function withoutMetadata(response: MfaSettings & { $metadata?: unknown }): MfaSettings {
    const { $metadata: _metadata, ...rest } = response;
    return rest;
}

/**
 * The pool as a successful UpdateUserPool left it, without another Describe: the request is the
 * full state, so only the members UpdateUserPool does not take come from the pool it was built
 * from (SchemaAttributes among them, new attributes included).
 */
function appliedPool(base: UserPoolType | undefined, request: UpdateUserPoolRequest): UserPoolType {
    const { UserPoolId: _id, PoolName, ...applied } = request;
    const notUpdatable = Object.fromEntries(Object.entries(base ?? {}).filter(([member]) => outputOnlyMembers.includes(member)));
    return { ...notUpdatable, ...applied, Name: PoolName };
}

/**
 * The state to record when a call failed after an UpdateUserPool or SetUserPoolMfaConfig of the
 * same update succeeded: the pool and its MFA setup as they now are, with every field either
 * program declares, so that the next diff finds exactly what is still to do (a field the new
 * program stopped declaring is reset again, which is harmless; one it changed is changed again
 * only if the pool does not have it yet).
 */
function recordedAfterPartialUpdate(state: UserPoolState, desired: UserPoolInputs, pool: UserPoolType, mfa: MfaSettings | undefined, region: string): UserPoolState {
    const declaredFields = [...new Set([...state.declaredFields, ...declaredFieldsOf(desired)])].sort();
    return resourceOutputs(pool, {
        region,
        declaredFields,
        declaredSchema: desired.schema ?? state.schema,
        mfa: declaresMfaFactor({ declaredFields }) ? mfa ?? mfaFromState(state) : undefined,
        createOnly: createOnlyInputs(desired),
    });
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
