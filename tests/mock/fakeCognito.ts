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

    constructor(readonly stub: AwsClientStub<CognitoIdentityProviderClient>) {
        const regionOf = async (getClient: () => unknown) => {
            const region = await clientRegion(getClient);
            this.callRegions.push(region);
            return region;
        };
        stub.on(DescribeUserPoolCommand).callsFake(async (input, getClient) => this.describe(input.UserPoolId, await regionOf(getClient)));
        stub.on(CreateUserPoolCommand).callsFake(async (input, getClient) => this.create(input, await regionOf(getClient)));
        stub.on(UpdateUserPoolCommand).callsFake(async (input, getClient) => this.update(input, await regionOf(getClient)));
        stub.on(SetUserPoolMfaConfigCommand).callsFake(async (input, getClient) => this.setMfa(input, await regionOf(getClient)));
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
        this.pools.set(id, { region, pool, mfa: { MfaConfiguration: mode, SoftwareTokenMfaConfiguration: { Enabled: false } } });
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
        const pool = stored.pool;
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
        const mode = input.MfaConfiguration ?? stored.pool.MfaConfiguration ?? "OFF";
        const softwareToken = input.SoftwareTokenMfaConfiguration?.Enabled === true;
        const sms = input.SmsMfaConfiguration !== undefined;
        if (mode === "OFF" && sms) throw errors.mfaOffWithFactor();
        if (mode !== "OFF" && !softwareToken && !sms && !input.EmailMfaConfiguration) throw errors.mfaWithoutFactor();
        // SetUserPoolMfaConfig resets the factors it is not sent.
        stored.mfa = {
            MfaConfiguration: mode,
            SoftwareTokenMfaConfiguration: { Enabled: softwareToken },
            ...(input.SmsMfaConfiguration ? { SmsMfaConfiguration: copy(input.SmsMfaConfiguration) } : {}),
            ...(input.EmailMfaConfiguration ? { EmailMfaConfiguration: copy(input.EmailMfaConfiguration) } : {}),
            ...(input.WebAuthnConfiguration ? { WebAuthnConfiguration: copy(input.WebAuthnConfiguration) } : {}),
        };
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
