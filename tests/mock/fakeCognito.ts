/**
 * A small stateful stand-in for the Cognito user pool API, installed on an aws-sdk-client-mock
 * stub. It enforces the rules of real AWS that the local emulator does not model, each one cited
 * from /work/shared/reference/cognito-behaviour.md, so that a provider that breaks them fails the
 * test with the error AWS would answer:
 *
 *  - pools are regional: a client for another region does not find the pool;
 *  - UpdateUserPool replaces: members it is not sent are reset (only UserPoolTier is kept), lines 9-14;
 *  - UpdateUserPool rejects AdminCreateUserConfig.UnusedAccountValidityDays, lines 19-21;
 *  - legacy verification messages must agree with the template when sent, lines 22-24;
 *  - Policies without a PasswordPolicy get the default one; without a SignInPolicy, ["PASSWORD"]
 *    on create and the pool's list on update (storedPolicies below);
 *  - CreateUserPool cannot use software-token MFA, so ON/OPTIONAL needs SMS there, lines 63-69;
 *  - UpdateUserPool cannot turn MFA ON on an existing pool, SetUserPoolMfaConfig can, lines 63-66;
 *  - SetUserPoolMfaConfig with ON/OPTIONAL needs a factor; OFF with SMS factor fails, lines 67-71;
 *  - the feature plans, email MFA, passkeys and first factors (section "Passwordless, email MFA,
 *    passkeys and feature plans"), for whichever call makes the combination: see poolAndMfaRules
 *    and setMfa below, each rule with its source;
 *  - DeleteUserPool fails with deletion protection ACTIVE or with a domain, lines 79-82;
 *  - CreateUserPool and AddCustomAttributes put custom: before whatever custom attribute name they
 *    are sent, even one that already starts with it (`custom:x` becomes `custom:custom:x`, as
 *    public reports of AWS and cognito-local both show), and refuse names over 20 characters, line 59.
 *
 * Every response is a fresh deep copy (Dates stay Dates), as separate SDK calls would give.
 */
import {
    AddCustomAttributesCommand,
    AddCustomAttributesRequest,
    CognitoIdentityProviderClient,
    CreateUserPoolCommand,
    CreateUserPoolRequest,
    DeleteUserPoolCommand,
    DescribeUserPoolCommand,
    GetUserPoolMfaConfigCommand,
    GetUserPoolMfaConfigResponse,
    SetUserPoolMfaConfigCommand,
    SetUserPoolMfaConfigRequest,
    UpdateUserPoolCommand,
    UserPoolType,
} from "@aws-sdk/client-cognito-identity-provider";
import type { AwsClientStub } from "aws-sdk-client-mock";
import { ACCOUNT, defaultPolicies, errors, LEGACY_VERIFICATION_MEMBERS, standardSchemaAttributes, UPDATE_MEMBERS } from "./awsShapes";

type Pool = Record<string, unknown> & UserPoolType;

interface StoredPool {
    region: string;
    pool: Pool;
    mfa: Omit<GetUserPoolMfaConfigResponse, "$metadata">;
}

/** UpdateUserPoolRequest's members besides UserPoolId and PoolName (SDK model, UpdateUserPoolRequest). */
const META = { httpStatusCode: 200, requestId: "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0", attempts: 1, totalRetryDelay: 0 };

function copy<T>(value: T): T {
    return structuredClone(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

export class FakeCognito {
    readonly pools = new Map<string, StoredPool>();
    /** Region of the client behind each call, in call order. */
    readonly callRegions: string[] = [];
    private counter = 0;
    /** Errors the next calls of an operation answer with, one per call (failNext). */
    private readonly faults = new Map<string, unknown[]>();

    constructor(readonly stub: AwsClientStub<CognitoIdentityProviderClient>) {
        const regionOf = async (getClient: () => unknown) => {
            const region = await clientRegion(getClient);
            this.callRegions.push(region);
            return region;
        };
        stub.on(DescribeUserPoolCommand).callsFake(async (input, getClient) => this.describe(input.UserPoolId, await regionOf(getClient)));
        stub.on(CreateUserPoolCommand).callsFake(async (input, getClient) => this.create(input, await regionOf(getClient)));
        stub.on(UpdateUserPoolCommand).callsFake(async (input, getClient) => {
            this.injectedFault("UpdateUserPool");
            return this.update(input, await regionOf(getClient));
        });
        stub.on(SetUserPoolMfaConfigCommand).callsFake(async (input, getClient) => {
            this.injectedFault("SetUserPoolMfaConfig");
            return this.setMfa(input, await regionOf(getClient));
        });
        stub.on(GetUserPoolMfaConfigCommand).callsFake(async (input, getClient) => this.getMfa(input.UserPoolId, await regionOf(getClient)));
        stub.on(AddCustomAttributesCommand).callsFake(async (input, getClient) => this.addCustomAttributes(input, await regionOf(getClient)));
        stub.on(DeleteUserPoolCommand).callsFake(async (input, getClient) => this.delete(input.UserPoolId, await regionOf(getClient)));
    }

    /** Seeds a pool as DescribeUserPool would report it; MFA factors as GetUserPoolMfaConfig would. */
    seed(pool: UserPoolType, region: string, mfa?: Omit<GetUserPoolMfaConfigResponse, "$metadata">): void {
        this.pools.set(pool.Id as string, {
            region,
            pool: copy(pool) as Pool,
            mfa: mfa ? copy(mfa) : { MfaConfiguration: pool.MfaConfiguration ?? "OFF", SoftwareTokenMfaConfiguration: { Enabled: false } },
        });
    }

    /**
     * The next call of `operation` fails with `error` and changes nothing; later calls are
     * answered as usual. For a failure half way through an update, where the calls before it
     * must still reach the fake (aws-sdk-client-mock's rejectsOnce would replace its handling).
     */
    failNext(operation: "UpdateUserPool" | "SetUserPoolMfaConfig", error: unknown): void {
        this.faults.set(operation, [...(this.faults.get(operation) ?? []), error]);
    }

    private injectedFault(operation: string): void {
        const error = this.faults.get(operation)?.shift();
        if (error !== undefined) throw error;
    }

    /** The pool as AWS now holds it (what the next DescribeUserPool would answer). */
    current(id: string): Pool {
        const stored = this.pools.get(id);
        if (!stored) throw new Error(`fake has no pool ${id}`);
        return copy(stored.pool);
    }

    private find(id: string | undefined, region: string): StoredPool {
        const stored = id === undefined ? undefined : this.pools.get(id);
        // Pools are regional: a client for another region gets ResourceNotFoundException.
        if (!stored || stored.region !== region) throw errors.notFound(String(id));
        return stored;
    }

    private describe(id: string | undefined, region: string) {
        return { $metadata: META, UserPool: copy(this.find(id, region).pool) };
    }

    private create(input: CreateUserPoolRequest, region: string) {
        const request = input as unknown as Record<string, unknown>;
        const mode = input.MfaConfiguration ?? "OFF";
        // Software-token MFA cannot be configured by CreateUserPool: ON/OPTIONAL there needs SMS.
        if (mode !== "OFF" && !isObject(input.SmsConfiguration)) throw errors.mfaWithoutFactor();
        const suffix = `Cr${String(++this.counter).padStart(7, "0")}`;
        const id = `${region}_${suffix}`;
        const now = new Date("2025-07-01T12:00:00.000Z");
        const pool: Pool = {
            Id: id,
            Name: input.PoolName,
            Arn: `arn:aws:cognito-idp:${region}:${ACCOUNT}:userpool/${id}`,
            CreationDate: now,
            LastModifiedDate: now,
            EstimatedNumberOfUsers: 0,
            Policies: defaultPolicies(),
            DeletionProtection: "INACTIVE",
            LambdaConfig: {},
            SchemaAttributes: standardSchemaAttributes(),
            VerificationMessageTemplate: { DefaultEmailOption: "CONFIRM_WITH_CODE" },
            MfaConfiguration: mode,
            EmailConfiguration: { EmailSendingAccount: "COGNITO_DEFAULT" },
            AdminCreateUserConfig: { AllowAdminCreateUserOnly: false, UnusedAccountValidityDays: 7 },
            AccountRecoverySetting: {
                RecoveryMechanisms: [
                    { Priority: 1, Name: "verified_email" },
                    { Priority: 2, Name: "verified_phone_number" },
                ],
            },
            UserPoolTier: "ESSENTIALS",
        };
        for (const [key, value] of Object.entries(request)) {
            if (key === "PoolName" || key === "Schema" || value === undefined) continue;
            if (key === "Policies" && isObject(value)) {
                // A PasswordPolicy sent without some require* flags gets them as false.
                pool.Policies = storedPolicies(value, undefined);
                continue;
            }
            if (key === "AdminCreateUserConfig" && isObject(value)) {
                pool.AdminCreateUserConfig = { UnusedAccountValidityDays: 7, ...copy(value) };
                continue;
            }
            pool[key] = copy(value);
        }
        for (const attribute of input.Schema ?? []) {
            const name = attribute.Name as string;
            checkAttributeName(name);
            const standard = (pool.SchemaAttributes ?? []).findIndex((a) => a.Name === name);
            if (standard >= 0) {
                pool.SchemaAttributes![standard] = { ...pool.SchemaAttributes![standard], ...copy(attribute) };
            } else {
                pool.SchemaAttributes!.push(customAttribute(attribute));
            }
        }
        this.withLegacyCopies(pool);
        const mfa: StoredPool["mfa"] = { MfaConfiguration: mode, SoftwareTokenMfaConfiguration: { Enabled: false } };
        // A new pool has passkeys at their defaults: ON with WEB_AUTHN as a first factor is refused.
        poolAndMfaRules(pool, mfa, "UpdateUserPool");
        this.pools.set(id, { region, pool, mfa });
        return { $metadata: META, UserPool: copy(pool) };
    }

    private update(input: Record<string, unknown>, region: string) {
        const stored = this.find(input.UserPoolId as string, region);
        const admin = input.AdminCreateUserConfig;
        if (isObject(admin) && admin.UnusedAccountValidityDays !== undefined) throw errors.unusedAccountValidityDays();
        // UpdateUserPool cannot switch MFA ON after creation; only SetUserPoolMfaConfig can.
        if (input.MfaConfiguration === "ON" && stored.pool.MfaConfiguration !== "ON") throw errors.mfaOnAfterCreation();
        const template = isObject(input.VerificationMessageTemplate) ? input.VerificationMessageTemplate : {};
        for (const [legacy, member] of [
            ["EmailVerificationMessage", "EmailMessage"],
            ["EmailVerificationSubject", "EmailSubject"],
            ["SmsVerificationMessage", "SmsMessage"],
        ]) {
            if (input[legacy] !== undefined && template[member] !== undefined && input[legacy] !== template[member]) {
                throw errors.inconsistentVerificationMessages();
            }
        }
        // Built on a copy: a refused update changes nothing.
        const pool = copy(stored.pool);
        // Replace, not patch: every member not sent goes back to its default (absent here),
        // except UserPoolTier, which is kept.
        for (const member of UPDATE_MEMBERS) {
            if (member === "UserPoolTier" && input[member] === undefined) continue;
            const sent = input[member];
            if (sent === undefined) delete pool[member];
            else if (member === "Policies" && isObject(sent)) pool.Policies = storedPolicies(sent, pool.Policies);
            else pool[member] = copy(sent);
        }
        if (typeof input.PoolName === "string") pool.Name = input.PoolName;
        if (pool.MfaConfiguration === undefined) pool.MfaConfiguration = "OFF";
        if (isObject(pool.AdminCreateUserConfig)) pool.AdminCreateUserConfig = { UnusedAccountValidityDays: 7, ...pool.AdminCreateUserConfig };
        poolAndMfaRules(pool, { ...stored.mfa, MfaConfiguration: pool.MfaConfiguration }, "UpdateUserPool");
        stored.pool = pool;
        stored.mfa.MfaConfiguration = pool.MfaConfiguration;
        pool.LastModifiedDate = new Date("2025-07-02T08:00:00.000Z");
        this.withLegacyCopies(pool);
        return { $metadata: META };
    }

    /** Describe reports the legacy members beside the template (cognito-behaviour.md line 23). */
    private withLegacyCopies(pool: Pool): void {
        for (const member of LEGACY_VERIFICATION_MEMBERS) delete pool[member];
        const template = pool.VerificationMessageTemplate;
        if (!template) return;
        if (template.EmailMessage !== undefined) pool.EmailVerificationMessage = template.EmailMessage;
        if (template.EmailSubject !== undefined) pool.EmailVerificationSubject = template.EmailSubject;
        if (template.SmsMessage !== undefined) pool.SmsVerificationMessage = template.SmsMessage;
    }

    private setMfa(input: SetUserPoolMfaConfigRequest, region: string) {
        const stored = this.find(input.UserPoolId, region);
        // A full replace: an omitted MfaConfiguration is OFF (cdkd#1968, a bare call dropped TOTP).
        const mode = input.MfaConfiguration ?? "OFF";
        const softwareToken = input.SoftwareTokenMfaConfiguration?.Enabled === true;
        const sms = input.SmsMfaConfiguration !== undefined;
        const email = input.EmailMfaConfiguration;
        // OFF with any SMS, TOTP or email block, even one disabled, is refused; OFF with passkey
        // settings alone is accepted (cdkd#1923, #1977).
        if (mode === "OFF" && (sms || input.SoftwareTokenMfaConfiguration !== undefined || email !== undefined)) throw errors.mfaOffWithFactor();
        if (mode !== "OFF" && !softwareToken && !sms && !email) {
            // Passkeys never count on their own (cdkd#1920).
            if (input.WebAuthnConfiguration !== undefined) throw errors.invalidParameter("SMS MFA, Email MFA, or Software Token MFA must be enabled");
            throw errors.mfaWithoutFactor();
        }
        // MFA on without the SMS factor while the pool sends SMS (amplify-backend#1481).
        if (mode !== "OFF" && !sms && isObject(stored.pool.SmsConfiguration)) throw errors.invalidParameter("Can't turn off SMS_MFA when SMS configuration is set");
        // API_EmailMfaConfigType: Message 6 to 20000 characters with {####}.
        const message = email?.Message;
        if (message !== undefined && (message.length < 6 || message.length > 20000 || !message.includes("{####}"))) {
            throw errors.invalidParameter("1 validation error detected: Value at 'emailMfaConfiguration.message' failed to satisfy constraint: Member must satisfy regular expression pattern and length 6 to 20000");
        }
        // API_WebAuthnConfigurationType: RelyingPartyId 1 to 127 characters.
        const relyingParty = input.WebAuthnConfiguration?.RelyingPartyId;
        if (relyingParty !== undefined && (relyingParty.length < 1 || relyingParty.length > 127)) {
            throw errors.invalidParameter("1 validation error detected: Value at 'webAuthnConfiguration.relyingPartyId' failed to satisfy constraint: Member must have length between 1 and 127");
        }
        // SetUserPoolMfaConfig resets the factors it is not sent. Passkey settings left out are
        // dropped too: what AWS does then is not known, and the harsher reading makes a provider
        // that forgets to carry them fail. Get reports FactorConfiguration and UserVerification
        // defaulted (tf PR#48388), the relying party only when one was set.
        const mfa: StoredPool["mfa"] = {
            MfaConfiguration: mode,
            SoftwareTokenMfaConfiguration: { Enabled: softwareToken },
            ...(input.SmsMfaConfiguration ? { SmsMfaConfiguration: copy(input.SmsMfaConfiguration) } : {}),
            ...(email ? { EmailMfaConfiguration: copy(email) } : {}),
            ...(input.WebAuthnConfiguration
                ? { WebAuthnConfiguration: { UserVerification: "preferred", FactorConfiguration: "SINGLE_FACTOR", ...copy(input.WebAuthnConfiguration) } }
                : {}),
        };
        poolAndMfaRules(stored.pool, mfa, "SetUserPoolMfaConfig");
        stored.mfa = mfa;
        stored.pool.MfaConfiguration = mode;
        return { $metadata: META, ...copy(stored.mfa) };
    }

    private getMfa(id: string | undefined, region: string) {
        return { $metadata: META, ...copy(this.find(id, region).mfa) };
    }

    private addCustomAttributes(input: AddCustomAttributesRequest, region: string) {
        const stored = this.find(input.UserPoolId, region);
        const attributes = stored.pool.SchemaAttributes ?? [];
        // API reference, CustomAttributesListType: 1 to 25 attributes per call.
        const count = input.CustomAttributes?.length ?? 0;
        if (count < 1 || count > 25) {
            const bound = count < 1 ? "greater than or equal to 1" : "less than or equal to 25";
            throw errors.invalidParameter(`1 validation error detected: Value at 'customAttributes' failed to satisfy constraint: Member must have length ${bound}`);
        }
        for (const attribute of input.CustomAttributes ?? []) {
            if (!attribute.AttributeDataType) throw errors.invalidParameter("Invalid AttributeDataType input, consider using the provided AttributeDataType enum.");
            checkAttributeName(String(attribute.Name));
            const added = customAttribute(attribute);
            const name = added.Name as string;
            if (attributes.some((a) => a.Name === name)) throw errors.invalidParameter(`${name}: Existing attribute already has name ${name}.`);
            attributes.push(added);
        }
        stored.pool.SchemaAttributes = attributes;
        return { $metadata: META };
    }

    private delete(id: string | undefined, region: string) {
        const stored = this.find(id, region);
        if (stored.pool.DeletionProtection === "ACTIVE") throw errors.deletionProtection();
        if (stored.pool.Domain !== undefined || stored.pool.CustomDomain !== undefined) throw errors.hasDomain();
        this.pools.delete(id as string);
        return { $metadata: META };
    }
}

/**
 * Policies as AWS keeps them from a CreateUserPool or UpdateUserPool that sent `sent`. AWS fills
 * what a Policies object leaves out instead of storing nothing:
 *  - no PasswordPolicy: AWS's default password policy (8 characters, all four character classes,
 *    temporary passwords valid 7 days), as for a pool created without Policies (issue 14, "A bug
 *    to fix first": a program declaring only signInPolicy got a diff that never went away);
 *  - no SignInPolicy: a new pool gets ["PASSWORD"], and UpdateUserPool keeps the list the pool had
 *    (cognito-behaviour.md, "Passwordless, email MFA, passkeys and feature plans": "New pools read
 *    ["PASSWORD"]; omitting SignInPolicy keeps the old list").
 */
function storedPolicies(sent: Record<string, unknown>, previous: Pool["Policies"] | undefined): Pool["Policies"] {
    const policies = copy(sent) as NonNullable<Pool["Policies"]>;
    if (policies.PasswordPolicy === undefined) policies.PasswordPolicy = defaultPolicies().PasswordPolicy;
    if (policies.SignInPolicy === undefined) policies.SignInPolicy = copy(previous?.SignInPolicy ?? defaultPolicies().SignInPolicy);
    return policies;
}

/**
 * The combinations of pool settings and MFA setup AWS refuses, whichever call would make them
 * (cognito-behaviour.md, "Passwordless, email MFA, passkeys and feature plans"). Where the
 * reference quotes AWS's message, the fake answers with it; the other wordings are the fake's.
 */
function poolAndMfaRules(pool: Pool, mfa: StoredPool["mfa"], call: "UpdateUserPool" | "SetUserPoolMfaConfig"): void {
    const mode = mfa.MfaConfiguration ?? "OFF";
    const factors = pool.Policies?.SignInPolicy?.AllowedFirstAuthFactors ?? ["PASSWORD"];
    const emailMfa = mode !== "OFF" && mfa.EmailMfaConfiguration !== undefined;
    const passkeysAsMfa = mfa.WebAuthnConfiguration?.FactorConfiguration === "MULTI_FACTOR_WITH_USER_VERIFICATION";
    // Feature plans: ESSENTIALS or PLUS for passwordless sign-in, email MFA, passkeys as MFA,
    // password history and access-token customisation; PLUS for threat protection (tiers section
    // and API_EmailMfaConfigType, WebAuthnConfigurationType.FactorConfiguration).
    const tier = pool.UserPoolTier ?? "ESSENTIALS";
    const missing: string[] = [];
    if (tier === "LITE") {
        if (factors.some((f) => f !== "PASSWORD")) missing.push("Passwordless Sign-In");
        if (emailMfa) missing.push("Email MFA");
        if (passkeysAsMfa) missing.push("Passkey MFA");
        if ((pool.Policies?.PasswordPolicy?.PasswordHistorySize ?? 0) > 0) missing.push("Password History");
        const version = pool.LambdaConfig?.PreTokenGenerationConfig?.LambdaVersion;
        if (version === "V2_0" || version === "V3_0") missing.push("Access Token Customization");
    }
    if (tier !== "PLUS" && (pool.UserPoolAddOns?.AdvancedSecurityMode ?? "OFF") !== "OFF") missing.push("Threat Protection");
    if (missing.length > 0) throw errors.featureUnavailable(tier, missing);
    // "Only PASSWORD and WEB_AUTHN (if configured) can be enabled as an auth factor if MFA is enabled" (cdkd#1975).
    if (mode === "ON" && factors.some((f) => f === "EMAIL_OTP" || f === "SMS_OTP")) {
        throw errors.invalidParameter("Only PASSWORD and WEB_AUTHN (if configured) can be enabled as an auth factor if MFA is enabled");
    }
    // WEB_AUTHN as a first factor under required MFA only when passkeys count as MFA (cdkd#2064; tf#50110 from UpdateUserPool).
    if (mode === "ON" && factors.includes("WEB_AUTHN") && !passkeysAsMfa) {
        throw errors.invalidParameter(call === "UpdateUserPool"
            ? "WEB_AUTHN cannot be used as an auth factor when MFA is enabled if not configured for MFA"
            : "Cannot set WebAuthn factor configuration to SINGLE_FACTOR when WEB_AUTHN is an allowed first auth factor and MFA is required");
    }
    // SMS_OTP is refused without a valid SmsConfiguration (cdkd#1968, #1975).
    if (factors.includes("SMS_OTP") && !isObject(pool.SmsConfiguration)) throw errors.invalidParameter("SMS_OTP cannot be an allowed first auth factor without an SMS configuration");
    // "Cannot set EmailMfaConfiguration when user pool EmailConfiguration contains an EmailSendingAccount of COGNITO_DEFAULT" (cdkd);
    // the same pool reached through UpdateUserPool is taken to be refused as well.
    if (emailMfa && pool.EmailConfiguration?.EmailSendingAccount !== "DEVELOPER") {
        throw errors.invalidParameter("Cannot set EmailMfaConfiguration when user pool EmailConfiguration contains an EmailSendingAccount of COGNITO_DEFAULT");
    }
    // Email MFA disqualifies recovery by email: not with email as the only recovery method (AccountRecoverySetting doc; tf#41049).
    const recovery = pool.AccountRecoverySetting?.RecoveryMechanisms ?? [];
    if (emailMfa && recovery.length === 1 && recovery[0].Name === "verified_email") {
        throw errors.invalidParameter("Invalid account recovery setting parameter. Account Recovery Setting cannot use verified_email as the only recovery mechanism when Email MFA is configured.");
    }
}

/** The name length limit of SchemaAttributeType (cognito-behaviour.md line 59). */
function checkAttributeName(name: string): void {
    if (name.length < 1 || name.length > 20) {
        throw errors.invalidParameter(`1 validation error detected: Value '${name}' at 'name' failed to satisfy constraint: Member must have length between 1 and 20`);
    }
}

/**
 * A custom attribute as AWS stores it: custom: put before the name as sent, whatever it is (so
 * `custom:x` sent becomes `custom:custom:x`), and default constraints (cognito-behaviour.md lines 53-55).
 */
function customAttribute(attribute: NonNullable<CreateUserPoolRequest["Schema"]>[number]): NonNullable<UserPoolType["SchemaAttributes"]>[number] {
    const name = String(attribute.Name);
    return {
        Name: attribute.DeveloperOnlyAttribute ? `dev:custom:${name}` : `custom:${name}`,
        AttributeDataType: attribute.AttributeDataType,
        DeveloperOnlyAttribute: attribute.DeveloperOnlyAttribute ?? false,
        Mutable: attribute.Mutable ?? true,
        Required: attribute.Required ?? false,
        ...(attribute.AttributeDataType === "String"
            ? { StringAttributeConstraints: { MinLength: "0", MaxLength: "2048", ...copy(attribute.StringAttributeConstraints ?? {}) } }
            : {}),
        ...(attribute.AttributeDataType === "Number" ? { NumberAttributeConstraints: copy(attribute.NumberAttributeConstraints ?? {}) } : {}),
    };
}

async function clientRegion(getClient: () => unknown): Promise<string> {
    const client = getClient() as CognitoIdentityProviderClient;
    return await client.config.region();
}

/** Names of the commands the stub received, in order. */
export function commandNames(stub: AwsClientStub<CognitoIdentityProviderClient>): string[] {
    return stub.calls().map((call) => (call.args[0] as { constructor: { name: string } }).constructor.name.replace(/Command$/, ""));
}
