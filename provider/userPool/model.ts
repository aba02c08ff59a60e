/**
 * What the UserPool resource is made of: its schema, which fields exist and how each is applied.
 * Everything here is derived from schema/user-pool.schema.json.
 */
import { resolve, SchemaNode } from "../shared/schema";
import userPoolSchemaJson from "../../schema/user-pool.schema.json";

export const userPoolSchema = userPoolSchemaJson as unknown as SchemaNode;

const topLevel: Record<string, SchemaNode> = userPoolSchema.properties ?? {};

export function fieldSchema(field: string): SchemaNode {
    const node = topLevel[field];
    if (!node) throw new Error(`unknown user pool field ${field}`);
    return node;
}

/**
 * Inputs read only by create (`x-create-only`, such as adoptUserPoolId): never compared, recorded,
 * reset or reported as drift, so changing them after creation does nothing.
 */
export const createOnlyFields: string[] = Object.keys(topLevel).filter((f) => topLevel[f]["x-create-only"] === true);

/** Every top-level input a program may declare that the provider manages (all but the create-only ones). */
export const inputFields: string[] = Object.keys(topLevel).filter((f) => !createOnlyFields.includes(f));

/** Deprecated aliases, folded into the member that replaced them by check. */
export const aliasFields: string[] = inputFields.filter((f) => topLevel[f]["x-deprecated"] !== undefined);

/** Inputs the provider itself consumes (never an UpdateUserPool member). */
export const providerOnlyFields: string[] = inputFields.filter((f) => topLevel[f]["x-provider-only"] === true);

/** Fields the API can never change after creation. */
export const immutableFields: string[] = inputFields.filter((f) => topLevel[f]["x-replace"] === true && !providerOnlyFields.includes(f));

/**
 * The MFA factor inputs: GetUserPoolMfaConfig reports them and only SetUserPoolMfaConfig sets
 * them; DescribeUserPool has none of them, so it is read only for programs that declare one.
 */
export const mfaFactorFields: string[] = ["softwareTokenMfaConfiguration", "emailMfaConfiguration", "webAuthnConfiguration"];

/**
 * Fields carried by the full-state UpdateUserPool request. Schema is applied with
 * AddCustomAttributes; the MFA factor fields (mfaFactorFields) with SetUserPoolMfaConfig.
 */
export const updatableFields: string[] = inputFields.filter(
    (f) => !aliasFields.includes(f) && !providerOnlyFields.includes(f) && !immutableFields.includes(f) && f !== "schema",
);

/** Value that resets a field to AWS's default when a program stops declaring it (schema `default`). */
export function resetValue(field: string): unknown {
    return resolve(userPoolSchema, fieldSchema(field)).default;
}

/**
 * Members of DescribeUserPool's UserPoolType that UpdateUserPool does not accept. Everything
 * else is passed back unchanged, including members this provider does not model yet.
 */
export const outputOnlyMembers = [
    "Id",
    "Name",
    "Arn",
    "Status",
    "CreationDate",
    "LastModifiedDate",
    "EstimatedNumberOfUsers",
    "SchemaAttributes",
    "AliasAttributes",
    "UsernameAttributes",
    "UsernameConfiguration",
    "Domain",
    "CustomDomain",
    "SmsConfigurationFailure",
    "EmailConfigurationFailure",
];

/** Outputs the provider computes in addition to the declared inputs. */
export const computedOutputs = [
    "userPoolId",
    "arn",
    "endpoint",
    "issuerUrl",
    "creationDate",
    "lastModifiedDate",
    "estimatedNumberOfUsers",
    "domain",
    "customDomain",
    "schemaAttributes",
    "declaredFields",
] as const;

/**
 * Tag carried by every pool this provider creates, so that a CreateUserPool whose answer was lost
 * can find the pool it made instead of making a second one. Never shown in outputs or diffs.
 */
export const CREATION_TOKEN_TAG = "pulumi-cognito-userpool:creation-token";

/**
 * Checked input holding the creation token of a pool about to be created. The engine records the
 * checked inputs in the state as a pending `creating` operation before it calls create, so when
 * the CLI dies during CreateUserPool the token of the pool that may exist is in the state, and
 * `recover.ts` can find that pool by its tag. The leading `__` keeps it out of every CLI diff
 * (the engine hides internal keys), as it does `__provider`.
 */
export const CREATION_TOKEN_INPUT = "__creationToken";
