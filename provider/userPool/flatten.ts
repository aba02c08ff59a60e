/**
 * flatten: what AWS reports about a pool -> the resource's outputs (input shape, camelCase).
 */
import type { GetUserPoolMfaConfigResponse, UserPoolType } from "@aws-sdk/client-cognito-identity-provider";
import { awsNameOf, fromAws, isPlainObject } from "../shared/schema";
import { aliasFields, CREATION_TOKEN_TAG, fieldSchema, inputFields, providerOnlyFields, userPoolSchema } from "./model";
import { declaredAttributesAsLive } from "./schemaAttributes";

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
    return items ? attributes.map((a) => fromAws(userPoolSchema, items, a)) : [];
}

export function flattenSoftwareTokenMfa(mfa: GetUserPoolMfaConfigResponse | undefined): unknown {
    if (!mfa) return undefined;
    return { enabled: mfa.SoftwareTokenMfaConfiguration?.Enabled ?? false };
}

export interface FlattenContext {
    region: string;
    declaredFields: string[];
    /** The schema input the program declared, so outputs can show those attributes as live. */
    declaredSchema?: unknown;
    /** GetUserPoolMfaConfig's answer, read only when the program declares MFA factors. */
    mfa?: GetUserPoolMfaConfigResponse;
}

/** The resource's outputs: every modeled field as the pool has it, plus computed outputs. */
export function flattenUserPool(pool: UserPoolType, context: FlattenContext): UserPoolState {
    const schemaAttributes = flattenSchemaAttributes(pool);
    const state: UserPoolState = {
        ...liveFields(pool),
        declaredFields: [...context.declaredFields].sort(),
        region: context.region,
        userPoolId: pool.Id,
        arn: pool.Arn,
        endpoint: `cognito-idp.${context.region}.amazonaws.com/${pool.Id}`,
        creationDate: pool.CreationDate instanceof Date ? pool.CreationDate.toISOString() : pool.CreationDate,
        lastModifiedDate: pool.LastModifiedDate instanceof Date ? pool.LastModifiedDate.toISOString() : pool.LastModifiedDate,
        estimatedNumberOfUsers: pool.EstimatedNumberOfUsers ?? 0,
        domain: pool.Domain,
        customDomain: pool.CustomDomain,
        schemaAttributes,
    };
    const schema = declaredAttributesAsLive(context.declaredSchema, schemaAttributes);
    if (schema !== undefined) state.schema = schema;
    const softwareToken = flattenSoftwareTokenMfa(context.mfa);
    if (softwareToken !== undefined) state.softwareTokenMfaConfiguration = softwareToken;
    for (const [key, value] of Object.entries(state)) if (value === undefined) delete state[key];
    return state;
}

export function isUserPoolState(value: unknown): value is UserPoolState {
    return isPlainObject(value) && Array.isArray(value.declaredFields);
}
