/**
 * The UserPool provider methods: each composes validate / expand / flatten / find / diff.
 * This module runs inside the provider process (see provider/runtime.ts).
 */
import {
    AddCustomAttributesCommand,
    CreateUserPoolCommand,
    DeleteUserPoolCommand,
    SetUserPoolMfaConfigCommand,
    UpdateUserPoolCommand,
    UserPoolType,
} from "@aws-sdk/client-cognito-identity-provider";
import type * as pulumi from "@pulumi/pulumi";
import { cognitoClient, getStackRegion, resolvedRegion } from "../client";
import { attempt, awsErrorMessage, awsErrorName, partialFailure, ProviderError } from "../shared/errors";
import { isPlainObject } from "../shared/schema";
import { declaredFieldsOf, planUserPool, replacementBlocker } from "./diff";
import { createNeedsMfaStep, expandCreate, expandMfaConfig, expandSchemaAttributes, expandUpdate, UserPoolInputs } from "./expand";
import { findMfaConfig, findUserPool } from "./find";
import { flattenUserPool, isUserPoolState, UserPoolState } from "./flatten";
import { canonicalInputs, validateUserPool } from "./validate";

const PROVIDER_KEY = "__provider";

/** The program's inputs without the engine's bookkeeping key. */
function programInputs(props: Record<string, unknown>): UserPoolInputs {
    const { [PROVIDER_KEY]: _provider, ...inputs } = props;
    return inputs;
}

function asState(props: Record<string, unknown>): UserPoolState {
    const inputs = programInputs(props);
    if (isUserPoolState(inputs)) return inputs;
    // State written without declaredFields (should not happen): treat every present input field as declared.
    return { ...inputs, declaredFields: declaredFieldsOf(inputs) };
}

async function regionFor(inputs: UserPoolInputs): Promise<string> {
    return typeof inputs.region === "string" ? inputs.region : getStackRegion() ?? (await resolvedRegion());
}

/** For a new pool: its region input, else the stack's. For an existing one, pass its state: the region it lives in. */
function clientFor(inputsOrState: UserPoolInputs) {
    return cognitoClient(typeof inputsOrState.region === "string" ? inputsOrState.region : undefined);
}

export async function check(_olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
    try {
        const inputs = programInputs(news);
        const failures = validateUserPool(inputs);
        return { inputs: failures.length === 0 ? canonicalInputs(inputs) : inputs, failures };
    } catch (error) {
        // check must never throw: an unexpected input shape is still a failure the user can read.
        return { inputs: programInputs(news), failures: [{ property: "", reason: `inputs could not be checked: ${awsErrorMessage(error)}` }] };
    }
}

export async function diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.DiffResult> {
    const state = asState(olds);
    const plan = planUserPool(state, programInputs(news), getStackRegion());
    const blocker = replacementBlocker(state, plan);
    if (blocker) throw new ProviderError(blocker);
    const replaces = [...plan.replaceReasons.keys()];
    return {
        changes: plan.changedFields.length > 0 || replaces.length > 0,
        replaces,
        deleteBeforeReplace: false,
    };
}

export async function create(props: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
    const inputs = programInputs(props);
    const client = clientFor(inputs);
    const region = await regionFor(inputs);
    const subject = `user pool "${String(inputs.poolName)}"`;
    const response = await attempt("CreateUserPool", subject, () => client.send(new CreateUserPoolCommand(expandCreate(inputs))));
    const pool = response.UserPool as UserPoolType;
    const id = pool.Id as string;
    const context = { region, declaredFields: declaredFieldsOf(inputs), declaredSchema: inputs.schema };
    // A new pool has software-token MFA disabled; record it when declared so the next diff is empty.
    let outs = flattenUserPool(pool, { ...context, mfa: inputs.softwareTokenMfaConfiguration !== undefined ? {} : undefined });
    if (createNeedsMfaStep(inputs)) {
        try {
            const request = expandMfaConfig(id, inputs);
            const mfa = await attempt("SetUserPoolMfaConfig", `user pool ${id}`, () => client.send(new SetUserPoolMfaConfigCommand(request)));
            outs = flattenUserPool({ ...pool, MfaConfiguration: mfa.MfaConfiguration }, { ...context, mfa });
        } catch (error) {
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
    const outs = flattenUserPool(pool, {
        region: typeof state.region === "string" ? state.region : await regionFor(state),
        declaredFields: state.declaredFields,
        declaredSchema: state.schema,
        mfa,
    });
    return { id, props: outs };
}

export async function update(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.UpdateResult> {
    const state = asState(olds);
    const desired = programInputs(news);
    const plan = planUserPool(state, desired, getStackRegion());
    const client = clientFor(state);
    const subject = `user pool ${id}`;
    const live = await findUserPool(client, id);
    if (!live) throw new ProviderError(`user pool ${id} no longer exists; run pulumi refresh so that pulumi up creates it again`);

    let mfa;
    if (plan.mfaChanged) {
        // SetUserPoolMfaConfig resets factors it is not sent: read them to carry them over.
        const current = await findMfaConfig(client, id);
        const request = expandMfaConfig(id, desired, current);
        mfa = await attempt("SetUserPoolMfaConfig", subject, () => client.send(new SetUserPoolMfaConfigCommand(request)));
        live.MfaConfiguration = mfa.MfaConfiguration;
    }
    const request = expandUpdate(live, desired, plan.removedFields);
    await attempt("UpdateUserPool", subject, () => client.send(new UpdateUserPoolCommand(request)));

    let schemaAttributes = live.SchemaAttributes ?? [];
    if (plan.schema.added.length > 0) {
        const added = expandSchemaAttributes(plan.schema.added);
        await attempt("AddCustomAttributes", subject, () =>
            client.send(new AddCustomAttributesCommand({ UserPoolId: id, CustomAttributes: added })),
        );
        schemaAttributes = [
            ...schemaAttributes,
            ...added.map((a) => ({ ...a, Name: a.Name && !a.Name.includes(":") ? `custom:${a.Name}` : a.Name })),
        ];
    }
    // Outputs are the pool as this update left it, without another Describe call.
    const { UserPoolId: _id, PoolName, ...applied } = request;
    const pool: UserPoolType = { ...live, ...applied, Name: PoolName, SchemaAttributes: schemaAttributes };
    const outs = flattenUserPool(pool, {
        region: typeof state.region === "string" ? state.region : await regionFor(desired),
        declaredFields: declaredFieldsOf(desired),
        declaredSchema: desired.schema,
        mfa: mfa ?? (isPlainObject(state.softwareTokenMfaConfiguration) && desired.softwareTokenMfaConfiguration !== undefined
            ? { SoftwareTokenMfaConfiguration: { Enabled: state.softwareTokenMfaConfiguration.enabled === true } }
            : undefined),
    });
    return { outs };
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
