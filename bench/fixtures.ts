/**
 * The pools the benchmark creates, updates and diffs. Every program here must pass check with no
 * failures (the benchmark verifies that before measuring anything).
 */
import type { PropertyMap } from "../tests/harness/providerHost";

const account = "123456789012";
const lambda = (name: string): string => `arn:aws:lambda:us-east-1:${account}:function:${name}`;

/** A pool with only what a program must declare. */
export function minimalPool(name: string): PropertyMap {
    return { poolName: name };
}

/** A small, typical pool: the base of the update scenarios. */
export function plainPool(name: string): PropertyMap {
    return {
        poolName: name,
        usernameAttributes: ["email"],
        autoVerifiedAttributes: ["email"],
        policies: { passwordPolicy: { minimumLength: 10, requireNumbers: true } },
        schema: [{ name: "tenant", attributeDataType: "String", mutable: true }],
        userPoolTags: { team: "identity" },
    };
}

/** A pool with authenticator-app (TOTP) MFA: CreateUserPool cannot turn it on, SetUserPoolMfaConfig does. */
export function totpPool(name: string): PropertyMap {
    return {
        poolName: name,
        usernameAttributes: ["email"],
        mfaConfiguration: "OPTIONAL",
        softwareTokenMfaConfiguration: { enabled: true },
    };
}

/**
 * A pool that declares its passkey settings, at AWS's defaults (cognito-local reports no passkey
 * settings, so only the defaults converge there): refresh reads GetUserPoolMfaConfig for it, as
 * for any declared factor field only that call reports (email MFA, authenticator apps).
 */
export function passkeyPool(name: string): PropertyMap {
    return {
        poolName: name,
        usernameAttributes: ["email"],
        webAuthnConfiguration: { userVerification: "preferred", factorConfiguration: "SINGLE_FACTOR" },
    };
}

/** Ten custom attributes of every type, with constraints. */
function customAttributes(): PropertyMap[] {
    const attributes: PropertyMap[] = [];
    for (let i = 0; i < 4; i++) attributes.push({ name: `text${i}`, attributeDataType: "String", mutable: true, stringAttributeConstraints: { minLength: 0, maxLength: 64 + i } });
    for (let i = 0; i < 3; i++) attributes.push({ name: `count${i}`, attributeDataType: "Number", mutable: true, numberAttributeConstraints: { minValue: 0, maxValue: 1000 * (i + 1) } });
    attributes.push({ name: "active", attributeDataType: "Boolean", mutable: true });
    attributes.push({ name: "joined", attributeDataType: "DateTime", mutable: false });
    attributes.push({ name: "tenant", attributeDataType: "String", mutable: true, developerOnlyAttribute: false });
    return attributes;
}

/**
 * Every commonly used field declared, with nested members: the worst case for check and diff.
 * deletionProtection, userAttributeUpdateSettings and userPoolTier are left out only because
 * cognito-local does not report them back, so a diff against its outputs would never be empty.
 */
export function fullPool(name: string): PropertyMap {
    return {
        poolName: name,
        usernameAttributes: ["email"],
        usernameConfiguration: { caseSensitive: false },
        autoVerifiedAttributes: ["email"],
        policies: {
            passwordPolicy: {
                minimumLength: 14,
                requireUppercase: true,
                requireLowercase: true,
                requireNumbers: true,
                requireSymbols: true,
                passwordHistorySize: 5,
                temporaryPasswordValidityDays: 3,
            },
        },
        lambdaConfig: {
            preSignUp: lambda("pre-sign-up"),
            customMessage: lambda("custom-message"),
            postConfirmation: lambda("post-confirmation"),
            preAuthentication: lambda("pre-authentication"),
            postAuthentication: lambda("post-authentication"),
            defineAuthChallenge: lambda("define-auth-challenge"),
            createAuthChallenge: lambda("create-auth-challenge"),
            verifyAuthChallengeResponse: lambda("verify-auth-challenge"),
            userMigration: lambda("user-migration"),
            preTokenGenerationConfig: { lambdaVersion: "V2_0", lambdaArn: lambda("pre-token-generation") },
        },
        verificationMessageTemplate: {
            defaultEmailOption: "CONFIRM_WITH_CODE",
            emailMessage: "Your verification code is {####}.",
            emailSubject: "Verify your email",
            smsMessage: "Your code is {####}",
        },
        smsAuthenticationMessage: "Your sign-in code is {####}",
        mfaConfiguration: "OPTIONAL",
        softwareTokenMfaConfiguration: { enabled: true },
        smsConfiguration: { snsCallerArn: `arn:aws:iam::${account}:role/cognito-sms`, externalId: "bench-external", snsRegion: "us-east-1" },
        deviceConfiguration: { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: true },
        emailConfiguration: {
            emailSendingAccount: "DEVELOPER",
            sourceArn: `arn:aws:ses:us-east-1:${account}:identity/bench.example`,
            from: "Bench <no-reply@bench.example>",
            replyToEmailAddress: "support@bench.example",
        },
        adminCreateUserConfig: {
            allowAdminCreateUserOnly: true,
            inviteMessageTemplate: {
                emailMessage: "Hello {username}, your temporary password is {####}",
                emailSubject: "Your new account",
                smsMessage: "User {username}, password {####}",
            },
        },
        userPoolAddOns: { advancedSecurityMode: "OFF" },
        accountRecoverySetting: {
            recoveryMechanisms: [
                { name: "verified_email", priority: 1 },
                { name: "verified_phone_number", priority: 2 },
            ],
        },
        userPoolTags: { team: "identity", "cost-center": "42", environment: "bench", owner: "platform", service: "login" },
        schema: customAttributes(),
    };
}

/** The update scenarios, each applied to the program before it. */
export function updateOneField(previous: PropertyMap): PropertyMap {
    return { ...previous, policies: { passwordPolicy: { minimumLength: 12, requireNumbers: true } } };
}

export function updateManyFields(previous: PropertyMap): PropertyMap {
    return {
        ...previous,
        policies: { passwordPolicy: { minimumLength: 14, requireNumbers: true, requireSymbols: true, passwordHistorySize: 3 } },
        userPoolTags: { team: "identity", "cost-center": "42" },
        deviceConfiguration: { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: true },
        adminCreateUserConfig: { allowAdminCreateUserOnly: true },
        verificationMessageTemplate: { emailMessage: "Code: {####}", emailSubject: "Verify", smsMessage: "Code {####}" },
        accountRecoverySetting: { recoveryMechanisms: [{ name: "verified_email", priority: 1 }] },
    };
}

export function updateNewSchemaAttribute(previous: PropertyMap): PropertyMap {
    const schema = Array.isArray(previous.schema) ? previous.schema : [];
    return { ...previous, schema: [...schema, { name: "plan", attributeDataType: "String", mutable: true, stringAttributeConstraints: { maxLength: 32 } }] };
}

export function updateEnableTotp(previous: PropertyMap): PropertyMap {
    return { ...previous, mfaConfiguration: "OPTIONAL", softwareTokenMfaConfiguration: { enabled: true } };
}

/** A prefix domain; the reserved words aws, amazon and cognito are not allowed in it. */
export function prefixDomain(prefix: string, userPoolId: string, managedLoginVersion: 1 | 2): PropertyMap {
    return { domain: prefix, userPoolId, managedLoginVersion };
}
