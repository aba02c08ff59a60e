/**
 * flatten: what AWS reports about a pool -> the resource's outputs (input shape, camelCase).
 */
import type { GetUserPoolMfaConfigResponse, UserPoolType } from "@aws-sdk/client-cognito-identity-provider";
import { awsNameOf, fromAws, isPlainObject } from "../shared/schema";
import { flattenMfaFactors } from "./mfa";
import { leanSchemaAttributes } from "./schemaAttributes";
import { aliasFields, CREATION_TOKEN_TAG, fieldSchema, immutableFields, inputFields, providerOnlyFields, userPoolSchema } from "./model";

export type UserPoolState = Record<string, unknown> & { declaredFields: string[] };

/** Live value of every modeled field, in input shape. Unmodeled AWS members are not outputs. */
export function liveFields(pool: UserPoolType): Record<string, unknown> {
    const live: Record<string, unknown> = {};
    const member = pool as Record<string, unknown>;
    for (const field of inputFields) {
        if (aliasFields.includes(field) || providerOnlyFields.includes(field) || field === "schema") continue;
        const node = fieldSchema(field);
        // Describe reports the pool's name as Name; requests call it PoolName.
        const awsName = field === "poolName" ? "Name" : awsNameOf(field, node);
        const value = fromAws(userPoolSchema, node, member[awsName]);
        if (value !== undefined) live[field] = value;
    }
    // A pool created without UsernameConfiguration is case sensitive, and Describe reports nothing.
    if (live.usernameConfiguration === undefined) live.usernameConfiguration = { caseSensitive: true };
    if (isPlainObject(live.userPoolTags)) {
        const { [CREATION_TOKEN_TAG]: _token, ...tags } = live.userPoolTags;
        live.userPoolTags = tags;
    }
    return live;
}

export function flattenSchemaAttributes(pool: UserPoolType): unknown[] {
    const items = fieldSchema("schema").items;
    const attributes = pool.SchemaAttributes ?? [];
    return items ? leanSchemaAttributes(attributes.map((a) => fromAws(userPoolSchema, items, a))) : [];
}

export interface FlattenContext {
    region: string;
    declaredFields: string[];
    /** The schema input the program declared: the `schema` output. */
    declaredSchema?: unknown;
    /** GetUserPoolMfaConfig's answer, read only when the program declares an MFA factor field (mfaFactorFields). */
    mfa?: GetUserPoolMfaConfigResponse;
}

/**
 * The `iss` claim of the pool's tokens. An UPDATED issuer configuration (needed for multi-region
 * pools) moves it to the issuer-cognito-idp host; applications must trust whichever the pool uses.
 */
export function issuerUrl(pool: UserPoolType, region: string): string {
    const host = pool.IssuerConfiguration?.Type === "UPDATED" ? "issuer-cognito-idp" : "cognito-idp";
    return `https://${host}.${region}.amazonaws.com/${pool.Id}`;
}

/** Every modeled field as the pool has it, plus computed outputs: the pool as adoption, the drift report and the resource's outputs start from. */
export function flattenUserPool(pool: UserPoolType, context: FlattenContext): UserPoolState {
    const schemaAttributes = flattenSchemaAttributes(pool);
    const state: UserPoolState = {
        ...liveFields(pool),
        declaredFields: [...context.declaredFields].sort(),
        region: context.region,
        userPoolId: pool.Id,
        arn: pool.Arn,
        endpoint: `cognito-idp.${context.region}.amazonaws.com/${pool.Id}`,
        issuerUrl: issuerUrl(pool, context.region),
        creationDate: pool.CreationDate instanceof Date ? pool.CreationDate.toISOString() : pool.CreationDate,
        lastModifiedDate: pool.LastModifiedDate instanceof Date ? pool.LastModifiedDate.toISOString() : pool.LastModifiedDate,
        estimatedNumberOfUsers: pool.EstimatedNumberOfUsers ?? 0,
        domain: pool.Domain,
        customDomain: pool.CustomDomain,
        schemaAttributes,
    };
    // The attributes as the program declared them: AWS never changes or removes one, so there is
    // no live value to report beyond schemaAttributes, and the stored inputs stay as written.
    if (Array.isArray(context.declaredSchema)) state.schema = context.declaredSchema;
    // The factor fields only GetUserPoolMfaConfig reports, when it was read.
    if (context.mfa) Object.assign(state, flattenMfaFactors(context.mfa));
    for (const [key, value] of Object.entries(state)) if (value === undefined) delete state[key];
    return state;
}

/**
 * Fields kept in the outputs although the program does not declare them. diff needs their live
 * values for the moment a program starts declaring one (an immutable field declared as the pool
 * already has it must not replace the pool), and deletion protection guards every replacement.
 */
const KEPT_UNDECLARED = new Set([...immutableFields, "deletionProtection", "region"]);

/**
 * The resource's outputs: the declared fields as the pool has them, the computed outputs, the
 * few undeclared fields diff needs (KEPT_UNDECLARED), and the create-only inputs the program gave
 * (so a refresh can store them back as inputs). Other undeclared settings are not outputs: they
 * belong to whoever manages them, and a refresh would otherwise show their changes.
 */
export function resourceOutputs(pool: UserPoolType, context: FlattenContext & { createOnly?: Record<string, unknown> }): UserPoolState {
    const state = flattenUserPool(pool, context);
    const declared = new Set(context.declaredFields);
    for (const field of inputFields) if (!declared.has(field) && !KEPT_UNDECLARED.has(field)) delete state[field];
    for (const [field, value] of Object.entries(context.createOnly ?? {})) if (value !== undefined) state[field] = value;
    return state;
}

export function isUserPoolState(value: unknown): value is UserPoolState {
    return isPlainObject(value) && Array.isArray(value.declaredFields);
}
