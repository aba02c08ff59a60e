/**
 * The AWS side of the fidelity runner, written without the provider's expand code so that a bug
 * there cannot hide itself: out-of-band changes made the way another tool or a person would make
 * them (a fresh Describe turned into a full-state UpdateUserPool, SetUserPoolMfaConfig,
 * AddCustomAttributes), snapshots of the live pool, and the map from AWS members to the program's
 * fields used to check that undeclared fields are never touched.
 */
import {
    AddCustomAttributesCommand,
    AddCustomAttributesRequest,
    CognitoIdentityProviderClient,
    DescribeUserPoolCommand,
    GetUserPoolMfaConfigCommand,
    SetUserPoolMfaConfigCommand,
    SetUserPoolMfaConfigRequest,
    UpdateUserPoolCommand,
    UpdateUserPoolRequest,
} from "@aws-sdk/client-cognito-identity-provider";
import { awsNameOf, isPlainObject, PlainObject, stableStringify } from "../../provider/shared/schema";
import { aliasFields, fieldSchema, inputFields, mfaFactorFields } from "../../provider/userPool/model";
import { LEGACY_VERIFICATION_MEMBERS, UPDATE_MEMBERS as ALL_UPDATE_MEMBERS } from "../mock/awsShapes";
import type { Operation } from "./scenarioFile";

/** UpdateUserPoolRequest's members besides UserPoolId and PoolName, without the legacy message copies. */
export const UPDATE_MEMBERS = ALL_UPDATE_MEMBERS.filter((member) => !LEGACY_VERIFICATION_MEMBERS.includes(member));

const LEGACY = [
    ["EmailVerificationMessage", "EmailMessage"],
    ["EmailVerificationSubject", "EmailSubject"],
    ["SmsVerificationMessage", "SmsMessage"],
] as const;

/** Dates as ISO strings, undefined members dropped: what a snapshot compares. */
export function plain<T>(value: T): T {
    return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/**
 * Objects merge deeply, lists and scalars replace, null removes the member: how a scenario's
 * AWS-shaped partial is laid over the live configuration.
 */
export function mergeChange(base: PlainObject, change: PlainObject): PlainObject {
    const out: PlainObject = { ...base };
    for (const [key, value] of Object.entries(change)) {
        if (value === null) delete out[key];
        else if (isPlainObject(value) && isPlainObject(out[key])) out[key] = mergeChange(out[key] as PlainObject, value);
        else out[key] = plain(value);
    }
    return out;
}

export async function describe(client: CognitoIdentityProviderClient, id: string): Promise<PlainObject> {
    const { UserPool } = await client.send(new DescribeUserPoolCommand({ UserPoolId: id }));
    if (!UserPool) throw new Error(`DescribeUserPool ${id} answered without a pool`);
    return plain(UserPool) as PlainObject;
}

export async function mfaConfig(client: CognitoIdentityProviderClient, id: string): Promise<PlainObject> {
    const { $metadata: _metadata, ...mfa } = await client.send(new GetUserPoolMfaConfigCommand({ UserPoolId: id }));
    return plain(mfa) as PlainObject;
}

/** A full-state UpdateUserPool request from a Describe answer, as a careful out-of-band tool builds it. */
export function fullStateRequest(pool: PlainObject): PlainObject {
    const request: PlainObject = { UserPoolId: pool.Id, PoolName: pool.Name };
    for (const member of UPDATE_MEMBERS) if (pool[member] !== undefined) request[member] = plain(pool[member]);
    if (isPlainObject(request.AdminCreateUserConfig)) {
        const { UnusedAccountValidityDays: _unused, ...rest } = request.AdminCreateUserConfig;
        request.AdminCreateUserConfig = rest;
    }
    const template: PlainObject = isPlainObject(request.VerificationMessageTemplate) ? { ...request.VerificationMessageTemplate } : {};
    for (const [legacy, member] of LEGACY) if (template[member] === undefined && typeof pool[legacy] === "string") template[member] = pool[legacy];
    if (Object.keys(template).length > 0) request.VerificationMessageTemplate = template;
    return request;
}

/** Applies one out-of-band (or setup) operation to the pool with the SDK. */
export async function applyOperation(client: CognitoIdentityProviderClient, id: string, operation: Operation): Promise<void> {
    switch (operation.operation ?? "UpdateUserPool") {
        case "UpdateUserPool": {
            const request = mergeChange(fullStateRequest(await describe(client, id)), operation.change);
            request.UserPoolId = id;
            await client.send(new UpdateUserPoolCommand(request as unknown as UpdateUserPoolRequest));
            return;
        }
        case "SetUserPoolMfaConfig": {
            const live = await mfaConfig(client, id);
            const base: PlainObject = { MfaConfiguration: live.MfaConfiguration ?? "OFF" };
            if (live.SoftwareTokenMfaConfiguration) base.SoftwareTokenMfaConfiguration = live.SoftwareTokenMfaConfiguration;
            const sms = live.SmsMfaConfiguration;
            if (isPlainObject(sms) && isPlainObject(sms.SmsConfiguration)) base.SmsMfaConfiguration = sms;
            if (live.EmailMfaConfiguration) base.EmailMfaConfiguration = live.EmailMfaConfiguration;
            if (live.WebAuthnConfiguration) base.WebAuthnConfiguration = live.WebAuthnConfiguration;
            const request = mergeChange(base, operation.change);
            // AWS refuses factor settings together with MFA OFF, even a disabled one (cdkd#1977);
            // passkey settings alone are accepted.
            if (request.MfaConfiguration === "OFF") {
                delete request.SmsMfaConfiguration;
                delete request.EmailMfaConfiguration;
                delete request.SoftwareTokenMfaConfiguration;
            }
            request.UserPoolId = id;
            await client.send(new SetUserPoolMfaConfigCommand(request as unknown as SetUserPoolMfaConfigRequest));
            return;
        }
        case "AddCustomAttributes": {
            const request = { ...plain(operation.change), UserPoolId: id };
            await client.send(new AddCustomAttributesCommand(request as unknown as AddCustomAttributesRequest));
            return;
        }
    }
}

export interface Snapshot {
    pool: PlainObject;
    mfa: PlainObject;
}

export async function snapshot(client: CognitoIdentityProviderClient, id: string): Promise<Snapshot> {
    const pool = await describe(client, id);
    // UnusedAccountValidityDays is a legacy echo that no UpdateUserPool may carry: AWS derives it,
    // cognito-local forgets it once it is not sent. It is nobody's setting, so it is not compared.
    if (isPlainObject(pool.AdminCreateUserConfig)) {
        const { UnusedAccountValidityDays: _unused, ...rest } = pool.AdminCreateUserConfig;
        pool.AdminCreateUserConfig = rest;
    }
    return { pool, mfa: await mfaConfig(client, id) };
}

/** Describe members that change on every write, or that no program field owns but AWS computes. */
const VOLATILE_MEMBERS = new Set(["LastModifiedDate"]);

/** Which program fields own each DescribeUserPool member (unlisted members belong to no field). */
const poolMemberOwners: Map<string, string[]> = (() => {
    const owners = new Map<string, string[]>();
    const own = (member: string, ...fields: string[]) => owners.set(member, [...(owners.get(member) ?? []), ...fields]);
    for (const field of inputFields) {
        // The MFA factor fields are no DescribeUserPool members (GetUserPoolMfaConfig's, below).
        if (aliasFields.includes(field) || field === "region" || mfaFactorFields.includes(field)) continue;
        if (field === "poolName") own("Name", field);
        else if (field === "schema") own("SchemaAttributes", field);
        else own(awsNameOf(field, fieldSchema(field)), field);
    }
    for (const [legacy] of LEGACY) own(legacy, "verificationMessageTemplate");
    own("SmsConfigurationFailure", "smsConfiguration");
    own("EmailConfigurationFailure", "emailConfiguration");
    return owners;
})();

/** GetUserPoolMfaConfig members and the fields whose changes may move them. */
const mfaMemberOwners = new Map<string, string[]>([
    ["MfaConfiguration", ["mfaConfiguration"]],
    ["SoftwareTokenMfaConfiguration", ["softwareTokenMfaConfiguration", "mfaConfiguration"]],
    // A Set made for any factor carries an SMS configuration the pool has as the SMS factor
    // (AWS refuses MFA on without it, amplify-backend#1481).
    ["SmsMfaConfiguration", ["smsConfiguration", "smsAuthenticationMessage", "mfaConfiguration", "softwareTokenMfaConfiguration", "emailMfaConfiguration"]],
    // Email MFA goes when MFA is turned OFF (AWS refuses an email block with OFF).
    ["EmailMfaConfiguration", ["emailMfaConfiguration", "mfaConfiguration"]],
    // Passkey settings are always carried (OFF with passkey settings alone is accepted): only their field moves them.
    ["WebAuthnConfiguration", ["webAuthnConfiguration"]],
]);

export interface UntouchedViolation {
    member: string;
    before: unknown;
    after: unknown;
}

/**
 * Members of the pool (and its MFA settings) that belong to no field in `owned` and differ
 * between the two snapshots: an update touched something the program never declared.
 */
export function touchedUndeclared(before: Snapshot, after: Snapshot, owned: Set<string>): UntouchedViolation[] {
    const violations: UntouchedViolation[] = [];
    const compare = (prefix: string, a: PlainObject, b: PlainObject, owners: Map<string, string[]>) => {
        for (const member of new Set([...Object.keys(a), ...Object.keys(b)])) {
            if (VOLATILE_MEMBERS.has(member)) continue;
            if ((owners.get(member) ?? []).some((field) => owned.has(field))) continue;
            if (stableStringify(a[member]) !== stableStringify(b[member])) violations.push({ member: `${prefix}${member}`, before: a[member], after: b[member] });
        }
    };
    compare("", before.pool, after.pool, poolMemberOwners);
    compare("GetUserPoolMfaConfig.", before.mfa, after.mfa, mfaMemberOwners);
    return violations;
}

/** Paths where `actual` does not contain `expected` (deep subset; null expects the member absent). */
export function partialMismatches(expected: unknown, actual: unknown, path = ""): string[] {
    if (expected === null) return actual === undefined || actual === null ? [] : [`${path}: expected absent, found ${stableStringify(actual)}`];
    // Members expected absent are absent when their parent is.
    if ((actual === undefined || actual === null) && onlyAbsences(expected)) return [];
    if (isPlainObject(expected)) {
        if (!isPlainObject(actual)) return [`${path}: expected ${stableStringify(expected)}, found ${stableStringify(actual)}`];
        return Object.entries(expected).flatMap(([key, value]) => partialMismatches(value, actual[key], path === "" ? key : `${path}.${key}`));
    }
    // Lists of plain values in a pool's settings are sets to AWS (attribute names, first factors):
    // the provider may send them sorted, as it stores them, and AWS reports them in its own order.
    const asSet = (value: unknown) => (Array.isArray(value) && value.every((item) => typeof item !== "object") ? [...value].sort() : value);
    return stableStringify(asSet(expected)) === stableStringify(asSet(actual)) ? [] : [`${path}: expected ${stableStringify(expected)}, found ${stableStringify(actual)}`];
}

function onlyAbsences(expected: unknown): boolean {
    return expected === null || (isPlainObject(expected) && Object.values(expected).every(onlyAbsences));
}
