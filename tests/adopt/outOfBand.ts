/**
 * Pools made the way a person or another tool makes them: a CreateUserPool request written
 * straight from a program's inputs with the SDK's member names (no provider code involved, so a
 * bug in the provider's expand cannot hide itself), then SetUserPoolMfaConfig for the
 * authenticator-app factor, which CreateUserPool cannot set.
 */
import {
    CognitoIdentityProviderClient,
    CreateUserPoolCommand,
    CreateUserPoolRequest,
    DeleteUserPoolCommand,
    SetUserPoolMfaConfigCommand,
    SetUserPoolMfaConfigRequest,
} from "@aws-sdk/client-cognito-identity-provider";
import { isPlainObject, PlainObject } from "../../provider/shared/schema";
import { applyOperation } from "../fidelity/awsState";

/** Members whose SDK name is not the input name with its first letter upper-cased, by input path. */
const SDK_NAMES: Record<string, string> = {
    "lambdaConfig.customSmsSender": "CustomSMSSender",
    "lambdaConfig.kmsKeyId": "KMSKeyID",
    "adminCreateUserConfig.inviteMessageTemplate.smsMessage": "SMSMessage",
};

/** Inputs that are maps: their keys are data, not member names. */
const MAPS = new Set(["userPoolTags"]);

/** Inputs that are not CreateUserPool members. */
const NOT_REQUEST_MEMBERS = new Set(["region", "softwareTokenMfaConfiguration", "emailMfaConfiguration", "webAuthnConfiguration", "adoptUserPoolId"]);

/** Settings only SetUserPoolMfaConfig makes: authenticator apps on, email MFA, passkey settings. */
function needsMfaCall(inputs: PlainObject): boolean {
    const totp = isPlainObject(inputs.softwareTokenMfaConfiguration) && inputs.softwareTokenMfaConfiguration.enabled === true;
    return totp || inputs.emailMfaConfiguration !== undefined || inputs.webAuthnConfiguration !== undefined;
}

function sdkShape(value: unknown, path: string): unknown {
    if (Array.isArray(value)) return value.map((item) => sdkShape(item, path));
    if (isPlainObject(value)) {
        if (MAPS.has(path)) return { ...value };
        const out: PlainObject = {};
        for (const [key, member] of Object.entries(value)) {
            if (member === undefined) continue;
            const memberPath = `${path}.${key}`;
            out[SDK_NAMES[memberPath] ?? key.charAt(0).toUpperCase() + key.slice(1)] = sdkShape(member, memberPath);
        }
        return out;
    }
    // Attribute constraints are strings in the API; programs may write numbers.
    if (typeof value === "number" && /AttributeConstraints\.[a-zA-Z]+$/.test(path)) return String(value);
    return value;
}

/** The CreateUserPool request a person would write for these (checked) inputs. */
export function createRequestFor(inputs: PlainObject): CreateUserPoolRequest {
    const request: PlainObject = {};
    for (const [field, value] of Object.entries(inputs)) {
        if (value === undefined || NOT_REQUEST_MEMBERS.has(field)) continue;
        const name = field === "poolName" ? "PoolName" : field === "schema" ? "Schema" : field.charAt(0).toUpperCase() + field.slice(1);
        request[name] = sdkShape(value, field);
    }
    // CreateUserPool cannot enable authenticator apps, email MFA or passkeys as MFA: MFA starts
    // OFF, and SetUserPoolMfaConfig sets it with the factors.
    if (needsMfaCall(inputs) && request.MfaConfiguration !== undefined) request.MfaConfiguration = "OFF";
    return request as unknown as CreateUserPoolRequest;
}

/** Creates the pool out of band; returns its id. */
export async function createOutOfBand(client: CognitoIdentityProviderClient, inputs: PlainObject): Promise<string> {
    const { UserPool } = await client.send(new CreateUserPoolCommand(createRequestFor(inputs)));
    const id = UserPool?.Id;
    if (!id) throw new Error("CreateUserPool answered without a pool id");
    const totp = inputs.softwareTokenMfaConfiguration;
    if (needsMfaCall(inputs)) {
        const totpOn = isPlainObject(totp) && totp.enabled === true;
        const mode = inputs.mfaConfiguration ?? (totpOn ? "OPTIONAL" : "OFF");
        const request: PlainObject = { UserPoolId: id, MfaConfiguration: mode };
        // Passkey settings go with any mode; the factors only with MFA on (AWS refuses them with OFF).
        if (inputs.webAuthnConfiguration !== undefined) request.WebAuthnConfiguration = sdkShape(inputs.webAuthnConfiguration, "webAuthnConfiguration");
        if (mode !== "OFF") request.SoftwareTokenMfaConfiguration = { Enabled: totpOn };
        if (mode !== "OFF" && inputs.emailMfaConfiguration !== undefined) request.EmailMfaConfiguration = sdkShape(inputs.emailMfaConfiguration, "emailMfaConfiguration");
        if (mode !== "OFF" && isPlainObject(inputs.smsConfiguration)) {
            request.SmsMfaConfiguration = {
                SmsConfiguration: sdkShape(inputs.smsConfiguration, "smsConfiguration"),
                ...(typeof inputs.smsAuthenticationMessage === "string" ? { SmsAuthenticationMessage: inputs.smsAuthenticationMessage } : {}),
            };
        }
        await client.send(new SetUserPoolMfaConfigCommand(request as unknown as SetUserPoolMfaConfigRequest));
    }
    return id;
}

/** Deletes a pool out of band, turning deletion protection off first if needed; a missing pool is fine. */
export async function deleteOutOfBand(client: CognitoIdentityProviderClient, id: string): Promise<void> {
    try {
        await client.send(new DeleteUserPoolCommand({ UserPoolId: id }));
    } catch (error) {
        const name = (error as { name?: string }).name;
        if (name === "ResourceNotFoundException") return;
        await applyOperation(client, id, { change: { DeletionProtection: "INACTIVE" } });
        await client.send(new DeleteUserPoolCommand({ UserPoolId: id }));
    }
}
