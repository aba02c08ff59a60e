/**
 * expand: desired inputs (camelCase) -> AWS requests. Pure functions: no AWS calls here.
 */
import type {
    CreateUserPoolRequest,
    SchemaAttributeType,
    UpdateUserPoolRequest,
    UserPoolType,
} from "@aws-sdk/client-cognito-identity-provider";
import { awsNameOf, isPlainObject, toAws, withNestedDefaults } from "../shared/schema";
import {
    CREATION_TOKEN_TAG,
    fieldSchema,
    immutableFields,
    outputOnlyMembers,
    resetValue,
    updatableFields,
    userPoolSchema,
} from "./model";
import { createNeedsMfaStep } from "./mfa";
import { requestName } from "./schemaAttributes";

export type UserPoolInputs = Record<string, unknown>;

/** One declared field in AWS shape, with the nested members it leaves out set to their defaults. */
export function expandField(field: string, value: unknown): unknown {
    const node = fieldSchema(field);
    return toAws(userPoolSchema, node, withNestedDefaults(userPoolSchema, node, value));
}

/**
 * Schema entries for CreateUserPool and AddCustomAttributes, named as AWS must be sent them:
 * without the custom: prefix, which AWS adds (sent, it would make `custom:custom:NAME`).
 */
export function expandSchemaAttributes(attributes: unknown): SchemaAttributeType[] {
    const items = fieldSchema("schema").items;
    if (!Array.isArray(attributes) || !items) return [];
    return attributes.map((a) => {
        const attribute = toAws(userPoolSchema, items, a) as SchemaAttributeType;
        return typeof attribute.Name === "string" ? { ...attribute, Name: requestName(attribute.Name) } : attribute;
    });
}

export function expandCreate(inputs: UserPoolInputs): CreateUserPoolRequest {
    const request: Record<string, unknown> = {};
    for (const field of [...updatableFields, ...immutableFields]) {
        if (inputs[field] === undefined) continue;
        request[awsNameOf(field, fieldSchema(field))] = expandField(field, inputs[field]);
    }
    if (inputs.schema !== undefined) request.Schema = expandSchemaAttributes(inputs.schema);
    // CreateUserPool sets no MFA factor but SMS. When SetUserPoolMfaConfig follows, the pool
    // starts with MFA OFF and that call sets the mode together with every factor: CreateUserPool
    // refuses ON or OPTIONAL without SMS, and MFA ON with passkeys as a first factor until
    // passkeys count as MFA, which only SetUserPoolMfaConfig can say.
    if (createNeedsMfaStep(inputs) && request.MfaConfiguration !== undefined) request.MfaConfiguration = "OFF";
    return request as unknown as CreateUserPoolRequest;
}

/**
 * The full-state UpdateUserPool request: UpdateUserPool resets every member it is not sent, so
 * it starts from the live pool (every member Describe returns that Update accepts, modeled or
 * not), fixes the known round-trip traps, then overlays the declared fields and resets the ones
 * the program stopped declaring.
 */
export function expandUpdate(live: UserPoolType, desired: UserPoolInputs, removedFields: string[]): UpdateUserPoolRequest {
    const request: Record<string, unknown> = { ...(live as Record<string, unknown>) };
    for (const member of outputOnlyMembers) delete request[member];
    request.UserPoolId = live.Id;
    request.PoolName = live.Name;

    // Describe reports UnusedAccountValidityDays; sending it back is rejected.
    if (isPlainObject(request.AdminCreateUserConfig)) {
        const { UnusedAccountValidityDays: _unused, ...adminCreateUserConfig } = request.AdminCreateUserConfig;
        request.AdminCreateUserConfig = adminCreateUserConfig;
    }
    // The legacy verification messages duplicate the template; the template is authoritative.
    const template = isPlainObject(request.VerificationMessageTemplate) ? { ...request.VerificationMessageTemplate } : {};
    for (const [legacy, member] of [
        ["EmailVerificationMessage", "EmailMessage"],
        ["EmailVerificationSubject", "EmailSubject"],
        ["SmsVerificationMessage", "SmsMessage"],
    ] as const) {
        if (template[member] === undefined && typeof request[legacy] === "string") template[member] = request[legacy] as string;
        delete request[legacy];
    }
    if (Object.keys(template).length > 0) request.VerificationMessageTemplate = template;

    for (const field of removedFields) {
        if (!updatableFields.includes(field)) continue;
        const awsName = awsNameOf(field, fieldSchema(field));
        const reset = resetValue(field);
        if (reset === undefined) delete request[awsName];
        else request[awsName] = expandField(field, reset);
    }
    for (const field of updatableFields) {
        if (desired[field] === undefined) continue;
        const awsName = awsNameOf(field, fieldSchema(field));
        request[awsName] = expandField(field, desired[field]);
    }
    // Declared tags replace the live ones, but the provider's own creation token stays.
    const token = live.UserPoolTags?.[CREATION_TOKEN_TAG];
    if (token !== undefined) request.UserPoolTags = { ...(request.UserPoolTags as Record<string, string> | undefined), [CREATION_TOKEN_TAG]: token };
    return request as unknown as UpdateUserPoolRequest;
}
