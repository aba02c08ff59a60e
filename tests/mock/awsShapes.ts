/**
 * Pure helpers for the mock tests: responses shaped the way Amazon Cognito really returns them
 * (see /work/shared/reference/cognito-behaviour.md, "Schema as DescribeUserPool reports it" and
 * "UpdateUserPool replaces, it does not patch"), and AWS-style errors built from the SDK's own
 * exception classes so that `name`, `message` and `$fault` look exactly like a real failure.
 *
 * Nothing in here imports provider code: the fixtures describe AWS, not the provider.
 */
import {
    CognitoIdentityProviderServiceException,
    ConcurrentModificationException,
    FeatureUnavailableInTierException,
    InvalidParameterException,
    InvalidSmsRoleTrustRelationshipException,
    NotAuthorizedException,
    ResourceNotFoundException,
    SchemaAttributeType,
    TooManyRequestsException,
    UserPoolPolicyType,
    UserPoolType,
} from "@aws-sdk/client-cognito-identity-provider";

export const REGION = "us-east-1";
export const POOL_ID = "us-east-1_AbCdEf123";
export const ACCOUNT = "123456789012";
export const POOL_ARN = `arn:aws:cognito-idp:${REGION}:${ACCOUNT}:userpool/${POOL_ID}`;

/** What the SDK's dynamic provider host puts under `__provider`: the serialized provider module. */
export const SERIALIZED_PROVIDER =
    'exports.handler = __f0;\n\nfunction __f0() {\n  return (function() {\n    with({ loadRuntime: __loadRuntime }) {\n' +
    '      return { check: (olds, news) => loadRuntime().userPool.check(olds, news) };\n    }\n  }).apply(undefined, undefined).apply(this, arguments);\n}\n';

export function lambdaArn(name: string): string {
    return `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
}

const META = { httpStatusCode: 400, requestId: "5e6f7a8b-0000-4c1d-9e2f-30a1b2c3d4e5", attempts: 1, totalRetryDelay: 0 };

type ExceptionClass = new (opts: { message: string; $metadata: typeof META }) => CognitoIdentityProviderServiceException;

function awsError(kind: ExceptionClass, message: string): CognitoIdentityProviderServiceException {
    return new kind({ message, $metadata: { ...META } });
}

export const errors = {
    /** DescribeUserPool / DeleteUserPool for an id that does not exist (API reference, errors). */
    notFound: (id: string) => awsError(ResourceNotFoundException as unknown as ExceptionClass, `User pool ${id} does not exist.`),
    /** cognito-behaviour.md line 19-21. */
    unusedAccountValidityDays: () =>
        awsError(InvalidParameterException as unknown as ExceptionClass, "Please use TemporaryPasswordValidityDays in PasswordPolicy instead of UnusedAccountValidityDays"),
    /** cognito-behaviour.md line 63-64. */
    mfaOnAfterCreation: () =>
        awsError(InvalidParameterException as unknown as ExceptionClass, "Cannot turn MFA functionality ON, once the user pool has been created."),
    /** cognito-behaviour.md line 67-69. */
    mfaWithoutFactor: () =>
        awsError(InvalidParameterException as unknown as ExceptionClass, "Invalid MFA configuration given, can't disable all MFAs with a required or optional configuration."),
    /** cognito-behaviour.md line 70-71. */
    mfaOffWithFactor: () =>
        awsError(InvalidParameterException as unknown as ExceptionClass, "Invalid MFA configuration given, can't turn off MFA and configure an MFA together."),
    /** cognito-behaviour.md line 79-80 (the message AWS answers DeleteUserPool with). */
    deletionProtection: () =>
        awsError(
            InvalidParameterException as unknown as ExceptionClass,
            "The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.",
        ),
    /** cognito-behaviour.md line 81-82. */
    hasDomain: () =>
        awsError(InvalidParameterException as unknown as ExceptionClass, "User pool cannot be deleted. It has a domain configured that should be deleted first."),
    /** cognito-behaviour.md line 22-24: legacy copies that disagree with the template. */
    inconsistentVerificationMessages: () =>
        awsError(InvalidParameterException as unknown as ExceptionClass, "EmailVerificationMessage and VerificationMessageTemplate.EmailMessage must be the same."),
    invalidParameter: (message: string) => awsError(InvalidParameterException as unknown as ExceptionClass, message),
    notAuthorized: (message: string) => awsError(NotAuthorizedException as unknown as ExceptionClass, message),
    throttled: () => awsError(TooManyRequestsException as unknown as ExceptionClass, "Rate exceeded"),
    concurrentModification: () =>
        awsError(ConcurrentModificationException as unknown as ExceptionClass, "The user pool was modified by another request. Try again."),
    /**
     * A feature the pool's feature plan lacks (cognito-behaviour.md, "Passwordless, email MFA,
     * passkeys and feature plans": "The following features need to be disabled for the ESSENTIALS
     * pricing tier configured: Threat Protection", tf PR#40734; "...LITE...: Passwordless Sign-In").
     */
    featureUnavailable: (tier: string, features: string[]) =>
        awsError(
            FeatureUnavailableInTierException as unknown as ExceptionClass,
            `The following features need to be disabled for the ${tier} pricing tier configured: ${features.join(", ")}`,
        ),
    smsRoleTrust: (role: string) =>
        awsError(
            InvalidSmsRoleTrustRelationshipException as unknown as ExceptionClass,
            `Role ${role} cannot be assumed by Cognito. The trust relationship of the role does not allow cognito-idp.amazonaws.com.`,
        ),
};

function stringAttribute(name: string, extra: Partial<SchemaAttributeType> = {}): SchemaAttributeType {
    return {
        Name: name,
        AttributeDataType: "String",
        DeveloperOnlyAttribute: false,
        Mutable: true,
        Required: false,
        StringAttributeConstraints: { MinLength: "0", MaxLength: "2048" },
        ...extra,
    };
}

/**
 * Every standard attribute as DescribeUserPool lists it for a pool that declared none of them
 * (cognito-behaviour.md lines 49-52): strings 0/2048, birthdate 10/10, sub required, immutable and
 * MinLength 1, the *_verified ones Boolean, updated_at Number with MinValue 0.
 */
export function standardSchemaAttributes(): SchemaAttributeType[] {
    return [
        stringAttribute("profile"),
        stringAttribute("address"),
        stringAttribute("birthdate", { StringAttributeConstraints: { MinLength: "10", MaxLength: "10" } }),
        stringAttribute("gender"),
        stringAttribute("preferred_username"),
        { Name: "updated_at", AttributeDataType: "Number", DeveloperOnlyAttribute: false, Mutable: true, Required: false, NumberAttributeConstraints: { MinValue: "0" } },
        stringAttribute("website"),
        stringAttribute("picture"),
        stringAttribute("sub", { Mutable: false, Required: true, StringAttributeConstraints: { MinLength: "1", MaxLength: "2048" } }),
        stringAttribute("phone_number"),
        { Name: "phone_number_verified", AttributeDataType: "Boolean", DeveloperOnlyAttribute: false, Mutable: true, Required: false },
        stringAttribute("zoneinfo"),
        stringAttribute("locale"),
        stringAttribute("email"),
        { Name: "email_verified", AttributeDataType: "Boolean", DeveloperOnlyAttribute: false, Mutable: true, Required: false },
        stringAttribute("given_name"),
        stringAttribute("family_name"),
        stringAttribute("middle_name"),
        stringAttribute("name"),
        stringAttribute("nickname"),
    ];
}

/** A custom attribute as Describe names it (`custom:NAME`) with the constraints AWS fills in (line 53-55). */
export function customStringAttribute(name: string, extra: Partial<SchemaAttributeType> = {}): SchemaAttributeType {
    return stringAttribute(`custom:${name}`, extra);
}

/** The policies AWS gives a pool created without any. */
export function defaultPolicies(): UserPoolPolicyType {
    return {
        PasswordPolicy: {
            MinimumLength: 8,
            RequireUppercase: true,
            RequireLowercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
            TemporaryPasswordValidityDays: 7,
        },
        SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD"] },
    };
}

export const CREATED = new Date("2025-03-14T09:26:53.000Z");
export const MODIFIED = new Date("2025-06-02T17:45:10.000Z");

/**
 * DescribeUserPool's UserPool for a pool that has been configured outside the program too:
 * Lambda triggers, tags and device tracking nobody declared, the legacy verification-message
 * copies beside VerificationMessageTemplate, UnusedAccountValidityDays in AdminCreateUserConfig,
 * a prefix domain, and a member (`FutureSetting`) standing for whatever AWS adds next.
 */
export function describedPool(overrides: Record<string, unknown> = {}): UserPoolType {
    const pool: Record<string, unknown> = {
        Id: POOL_ID,
        Name: "acme-users",
        Policies: defaultPolicies(),
        DeletionProtection: "INACTIVE",
        LambdaConfig: {
            PreSignUp: lambdaArn("acme-pre-signup"),
            PostConfirmation: lambdaArn("acme-post-confirmation"),
            CustomEmailSender: { LambdaVersion: "V1_0", LambdaArn: lambdaArn("acme-email-sender") },
            KMSKeyID: `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
        },
        LastModifiedDate: new Date(MODIFIED),
        CreationDate: new Date(CREATED),
        SchemaAttributes: [...standardSchemaAttributes(), customStringAttribute("tenant")],
        AutoVerifiedAttributes: ["email"],
        UsernameAttributes: ["email"],
        SmsVerificationMessage: "Your verification code is {####}. ",
        EmailVerificationMessage: "Your verification code is {####}. ",
        EmailVerificationSubject: "Your verification code",
        VerificationMessageTemplate: {
            SmsMessage: "Your verification code is {####}. ",
            EmailMessage: "Your verification code is {####}. ",
            EmailSubject: "Your verification code",
            DefaultEmailOption: "CONFIRM_WITH_CODE",
        },
        UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ["email"] },
        MfaConfiguration: "OFF",
        DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true },
        EstimatedNumberOfUsers: 1342,
        EmailConfiguration: { EmailSendingAccount: "COGNITO_DEFAULT" },
        UserPoolTags: { team: "identity", "cost-center": "4711" },
        SmsConfigurationFailure: "User pool does not have SMS configuration to send messages.",
        Domain: "acme-auth",
        AdminCreateUserConfig: {
            AllowAdminCreateUserOnly: false,
            UnusedAccountValidityDays: 7,
            InviteMessageTemplate: {
                EmailSubject: "Your temporary password",
                EmailMessage: "Your username is {username} and temporary password is {####}.",
                SMSMessage: "Your username is {username} and temporary password is {####}.",
            },
        },
        UsernameConfiguration: { CaseSensitive: false },
        Arn: POOL_ARN,
        AccountRecoverySetting: {
            RecoveryMechanisms: [
                { Priority: 1, Name: "verified_email" },
                { Priority: 2, Name: "verified_phone_number" },
            ],
        },
        UserPoolTier: "ESSENTIALS",
        FutureSetting: { Mode: "STRICT", Version: 3 },
        ...overrides,
    };
    for (const [key, value] of Object.entries(pool)) if (value === undefined) delete pool[key];
    return pool as UserPoolType;
}

/** A SchemaAttributeType in the provider's input shape (camelCase), as outputs store it. */
export function attributeAsOutput(attribute: SchemaAttributeType): Record<string, unknown> {
    const out: Record<string, unknown> = {
        name: attribute.Name,
        attributeDataType: attribute.AttributeDataType,
        developerOnlyAttribute: attribute.DeveloperOnlyAttribute,
        mutable: attribute.Mutable,
        required: attribute.Required,
    };
    if (attribute.StringAttributeConstraints) {
        out.stringAttributeConstraints = {
            minLength: attribute.StringAttributeConstraints.MinLength,
            maxLength: attribute.StringAttributeConstraints.MaxLength,
        };
    }
    if (attribute.NumberAttributeConstraints) {
        const constraints: Record<string, unknown> = {};
        if (attribute.NumberAttributeConstraints.MinValue !== undefined) constraints.minValue = attribute.NumberAttributeConstraints.MinValue;
        if (attribute.NumberAttributeConstraints.MaxValue !== undefined) constraints.maxValue = attribute.NumberAttributeConstraints.MaxValue;
        out.numberAttributeConstraints = constraints;
    }
    for (const [key, value] of Object.entries(out)) if (value === undefined) delete out[key];
    return out;
}

/** Members of DescribeUserPool's output that UpdateUserPool does not accept (cognito-behaviour.md lines 15-18). */
export const OUTPUT_ONLY_MEMBERS = [
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

/** Legacy copies of VerificationMessageTemplate members (cognito-behaviour.md lines 22-24). */
export const LEGACY_VERIFICATION_MEMBERS = ["EmailVerificationMessage", "EmailVerificationSubject", "SmsVerificationMessage"];

/** True when a message reads as one sentence, with no stack frames or request dumps. */
export function hasNoStackTrace(message: string): boolean {
    return !/\n\s*at\s/.test(message) && !/\.(js|ts):\d+/.test(message) && !message.includes("$metadata");
}

/** Every member UpdateUserPoolRequest takes besides UserPoolId and PoolName (SDK model), legacy copies included. */
export const UPDATE_MEMBERS = [
    "Policies",
    "DeletionProtection",
    "LambdaConfig",
    "AutoVerifiedAttributes",
    "SmsVerificationMessage",
    "EmailVerificationMessage",
    "EmailVerificationSubject",
    "VerificationMessageTemplate",
    "SmsAuthenticationMessage",
    "UserAttributeUpdateSettings",
    "MfaConfiguration",
    "DeviceConfiguration",
    "EmailConfiguration",
    "SmsConfiguration",
    "UserPoolTags",
    "AdminCreateUserConfig",
    "UserPoolAddOns",
    "DcrConfiguration",
    "AccountRecoverySetting",
    "UserPoolTier",
    "KeyConfiguration",
    "IssuerConfiguration",
    "AcrConfiguration",
];
