/* eslint-disable */
/**
 * Generated from the JSON Schema by scripts/generate.js (npm run generate). Do not edit:
 * change the schema and regenerate.
 */

/**
 * Inputs of an Amazon Cognito user pool. Updates always send the complete configuration, so a setting you stop declaring goes back to AWS's default instead of keeping its last value.
 */
export interface UserPoolArgs {
    /**
     * Name of the user pool: 1 to 128 letters, digits, spaces or the characters _ + = , . @ -. Names need not be unique within an account. Renaming updates the pool in place; it does not create a new one.
     */
    poolName: string;
    policies?: UserPoolPolicies;
    /**
     * ACTIVE makes AWS refuse to delete the pool; INACTIVE (the default) allows it. Set it back to INACTIVE and apply that change before destroying or replacing a protected pool, otherwise the deletion fails.
     */
    deletionProtection?: "ACTIVE" | "INACTIVE";
    lambdaConfig?: LambdaConfig;
    /**
     * Contact attributes (email, phone_number) that Cognito verifies by sending a code when a user signs up. Verifying phone numbers needs smsConfiguration. Order does not matter; the default is none.
     */
    autoVerifiedAttributes?: ("email" | "phone_number")[];
    /**
     * Attributes (email, phone_number, preferred_username) users may sign in with in addition to their username. Cannot be combined with usernameAttributes, and cannot be changed after creation: changing it replaces the pool, which deletes all its users.
     */
    aliasAttributes?: ("email" | "phone_number" | "preferred_username")[];
    /**
     * Attributes (email, phone_number) users sign up and sign in with in place of a separate username. Cannot be combined with aliasAttributes, and cannot be changed after creation: changing it replaces the pool, which deletes all its users.
     */
    usernameAttributes?: ("email" | "phone_number")[];
    /**
     * Deprecated alias of verificationMessageTemplate.smsMessage, accepted for compatibility. Set the template member instead; do not give both different values. 6 to 140 characters containing {####}.
     */
    smsVerificationMessage?: string;
    /**
     * Deprecated alias of verificationMessageTemplate.emailMessage, accepted for compatibility. Set the template member instead; do not give both different values. 6 to 20,000 characters containing {####}.
     */
    emailVerificationMessage?: string;
    /**
     * Deprecated alias of verificationMessageTemplate.emailSubject, accepted for compatibility. Set the template member instead; do not give both different values. 1 to 140 characters.
     */
    emailVerificationSubject?: string;
    verificationMessageTemplate?: VerificationMessageTemplate;
    /**
     * Text message that carries sign-in codes for SMS MFA and SMS one-time-password sign-in: 6 to 140 characters, must contain the placeholder {####}.
     */
    smsAuthenticationMessage?: string;
    /**
     * Multi-factor authentication: OFF (the default), ON (every user must complete MFA to sign in) or OPTIONAL (users who set up a factor are challenged). ON and OPTIONAL need at least one factor: smsConfiguration for SMS codes, softwareTokenMfaConfiguration for authenticator apps or emailMfaConfiguration for email codes (a passkey never counts on its own).
     */
    mfaConfiguration?: "OFF" | "ON" | "OPTIONAL";
    userAttributeUpdateSettings?: UserAttributeUpdateSettings;
    deviceConfiguration?: DeviceConfiguration;
    emailConfiguration?: EmailConfiguration;
    smsConfiguration?: SmsConfiguration;
    userPoolTags?: UserPoolTags;
    adminCreateUserConfig?: AdminCreateUserConfig;
    /**
     * Custom attributes to create and settings of standard attributes (for example email required). A new pool is created with at most 50 entries (CreateUserPool takes no more). Custom attributes (at most 50) can be added later, but no attribute can be changed or removed once the pool exists, and standard attribute settings are fixed at creation. Order does not matter; entries are matched by name.
     *
     * @minItems 1
     * @maxItems 100
     */
    schema?: SchemaAttribute[];
    userPoolAddOns?: UserPoolAddOns;
    dcrConfiguration?: DcrConfiguration;
    usernameConfiguration?: UsernameConfiguration;
    accountRecoverySetting?: AccountRecoverySetting;
    /**
     * Feature plan, which sets the price and the available features: LITE, ESSENTIALS (the default) or PLUS. Threat protection (userPoolAddOns) needs PLUS; email MFA, passwordless sign-in, passkeys as MFA, password history, access-token customisation, dynamic client registration and custom ACR names need at least ESSENTIALS. Changing it updates the pool in place.
     */
    userPoolTier?: "ESSENTIALS" | "LITE" | "PLUS";
    keyConfiguration?: KeyConfiguration;
    issuerConfiguration?: IssuerConfiguration;
    acrConfiguration?: AcrConfiguration;
    softwareTokenMfaConfiguration?: SoftwareTokenMfaConfiguration;
    emailMfaConfiguration?: EmailMfaConfiguration;
    webAuthnConfiguration?: WebAuthnConfiguration;
    /**
     * AWS region of the pool, such as us-east-1 or eu-central-1. When omitted, the stack's aws:region setting is used, and without that the AWS SDK's own region lookup (AWS_REGION and the shared config). Changing it replaces the pool, which deletes all its users.
     */
    region?: string;
    /**
     * Id of an existing user pool to adopt instead of creating a new one, such as `eu-west-1_AbCdEf123`; the pool must be in the region this resource uses. When the resource is created, the provider describes that pool and stops with an error, changing nothing, if it does not exist or if the program declares usernameAttributes, aliasAttributes, usernameConfiguration or an existing schema attribute differently from the pool (adoption never replaces a pool). Otherwise it updates the declared fields in place, adds new custom attributes, and records the pool with its users; fields the program does not declare are left as they are. `cognito-userpool-generate <pool-id>` (a command this package installs) prints a program that matches the pool exactly, and `cognito-userpool-drift <pool-id> <inputs.json>` shows beforehand what adoption would change. Read only at creation: changing or removing it later does nothing. Deleting the resource deletes the adopted pool like any other; the retainOnDelete resource option keeps it.
     */
    adoptUserPoolId?: string;
}
/**
 * Password rules and sign-in options of the pool. When not declared, AWS's defaults are restored: minimum length 8, all four character classes required, temporary passwords valid 7 days, no password history, and password as the only first factor.
 */
export interface UserPoolPolicies {
    passwordPolicy?: PasswordPolicy;
    signInPolicy?: SignInPolicy;
}
/**
 * Complexity, reuse and temporary-password rules for user passwords. Members you leave out are not taken from a new pool's policy: AWS treats a missing require* flag as false, so declare all four explicitly. Left out of a declared policies, it means AWS's default policy (minimum length 8, all four character classes required, temporary passwords valid 7 days, no password history), which the provider then sends explicitly.
 */
export interface PasswordPolicy {
    /**
     * Shortest password accepted, from 6 to 99 characters.
     */
    minimumLength?: number;
    /**
     * Whether a password must contain at least one uppercase letter. AWS treats an omitted value as false.
     */
    requireUppercase?: boolean;
    /**
     * Whether a password must contain at least one lowercase letter. AWS treats an omitted value as false.
     */
    requireLowercase?: boolean;
    /**
     * Whether a password must contain at least one digit. AWS treats an omitted value as false.
     */
    requireNumbers?: boolean;
    /**
     * Whether a password must contain at least one special character. AWS treats an omitted value as false.
     */
    requireSymbols?: boolean;
    /**
     * How many of a user's previous passwords cannot be reused, from 0 to 24; 0 turns the check off. Values above 0 need the ESSENTIALS or PLUS tier, and AWS does not report the setting at all when it is 0.
     */
    passwordHistorySize?: number;
    /**
     * Days a temporary password issued by an administrator stays usable before an administrator must reset it, from 0 to 365. AWS stores 0 as the default of 7 days. This replaces the legacy adminCreateUserConfig.unusedAccountValidityDays, which is not accepted.
     */
    temporaryPasswordValidityDays?: number;
}
/**
 * Which factors users may start choice-based sign-in with. Needs the ESSENTIALS or PLUS tier for anything other than a password.
 */
export interface SignInPolicy {
    /**
     * First factors users may sign in with: PASSWORD, EMAIL_OTP (one-time code by email), SMS_OTP (one-time code by text message) or WEB_AUTHN (passkeys). SOFTWARE_TOKEN exists in the API but AWS does not accept it as a first factor. Order does not matter.
     *
     * @minItems 1
     */
    allowedFirstAuthFactors?: ("EMAIL_OTP" | "PASSWORD" | "SMS_OTP" | "SOFTWARE_TOKEN" | "WEB_AUTHN")[];
}
/**
 * Lambda functions that Cognito calls during sign-up, sign-in and messaging. Each function's resource policy must let the cognito-idp.amazonaws.com service principal invoke it. Triggers not declared here are detached from the pool on the next update.
 */
export interface LambdaConfig {
    /**
     * ARN of the Lambda function run before a new user is registered; it can reject the sign-up, auto-confirm the user or link a federated identity.
     */
    preSignUp?: string;
    /**
     * ARN of the Lambda function run to customise the text of every email and SMS message the pool sends.
     */
    customMessage?: string;
    /**
     * ARN of the Lambda function run after a user confirms their account or contact attribute.
     */
    postConfirmation?: string;
    /**
     * ARN of the Lambda function run before a sign-in is accepted; it can deny the sign-in.
     */
    preAuthentication?: string;
    /**
     * ARN of the Lambda function run after a user has signed in successfully.
     */
    postAuthentication?: string;
    /**
     * ARN of the Lambda function run to decide the next step of a custom authentication flow (one of the three custom challenge triggers).
     */
    defineAuthChallenge?: string;
    /**
     * ARN of the Lambda function run to create the challenge shown to the user in a custom authentication flow.
     */
    createAuthChallenge?: string;
    /**
     * ARN of the Lambda function run to check the user's answer to a custom authentication challenge.
     */
    verifyAuthChallengeResponse?: string;
    /**
     * ARN of the Lambda function run before tokens are issued (legacy form, version 1 event). If preTokenGenerationConfig is also set, both ARNs must be identical.
     */
    preTokenGeneration?: string;
    /**
     * ARN of the Lambda function run when an unknown user signs in or resets their password, to import the user from another directory.
     */
    userMigration?: string;
    preTokenGenerationConfig?: PreTokenGenerationConfig;
    customSmsSender?: CustomSmsSenderConfig;
    customEmailSender?: CustomEmailSenderConfig;
    /**
     * ARN of the AWS KMS key Cognito uses to encrypt codes and temporary passwords passed to customSmsSender and customEmailSender. Needed whenever one of those triggers is set; Cognito must be allowed to use the key.
     */
    kmsKeyId?: string;
    inboundFederation?: InboundFederationConfig;
}
/**
 * Pre token generation trigger with an explicit event version; prefer this to the legacy preTokenGeneration. If both are set, their ARNs must be identical.
 */
export interface PreTokenGenerationConfig {
    /**
     * Event version sent to the function: V1_0 customises ID tokens only, V2_0 also access tokens, V3_0 also access tokens for machine-to-machine (client credentials) clients. V2_0 and V3_0 need the ESSENTIALS or PLUS tier.
     */
    lambdaVersion: "V1_0" | "V2_0" | "V3_0";
    /**
     * ARN of the Lambda function run before tokens are issued, to add, change or remove claims.
     */
    lambdaArn: string;
}
/**
 * Lambda function that delivers every SMS message of the pool itself instead of Cognito. Codes reach it encrypted with the key in kmsKeyId, which must then be set.
 */
export interface CustomSmsSenderConfig {
    /**
     * Event version sent to the function; only V1_0 exists.
     */
    lambdaVersion: "V1_0";
    /**
     * ARN of the Lambda function run to send SMS messages on behalf of the pool.
     */
    lambdaArn: string;
}
/**
 * Lambda function that delivers every email message of the pool itself instead of Cognito or Amazon SES. Codes reach it encrypted with the key in kmsKeyId, which must then be set.
 */
export interface CustomEmailSenderConfig {
    /**
     * Event version sent to the function; only V1_0 exists.
     */
    lambdaVersion: "V1_0";
    /**
     * ARN of the Lambda function run to send email messages on behalf of the pool.
     */
    lambdaArn: string;
}
/**
 * Lambda function that can rewrite the attributes of federated users (SAML or OIDC identity providers) while they sign in.
 */
export interface InboundFederationConfig {
    /**
     * Event version sent to the function; only V1_0 exists.
     */
    lambdaVersion: "V1_0";
    /**
     * ARN of the Lambda function run when a federated user signs in, to transform their attributes.
     */
    lambdaArn: string;
}
/**
 * Messages that carry the code or link users need to verify an email address or phone number. Provide the email members that match defaultEmailOption: emailMessage/emailSubject for codes, emailMessageByLink/emailSubjectByLink for links; AWS rejects a template with both kinds of email message.
 */
export interface VerificationMessageTemplate {
    /**
     * Text message with the verification code: 6 to 140 characters, must contain the placeholder {####}.
     */
    smsMessage?: string;
    /**
     * Email body with the verification code, used with CONFIRM_WITH_CODE: 6 to 20,000 characters (HTML allowed), must contain the placeholder {####}.
     */
    emailMessage?: string;
    /**
     * Subject of the verification-code email: 1 to 140 characters.
     */
    emailSubject?: string;
    /**
     * Email body with a verification link, used with CONFIRM_WITH_LINK: 6 to 20,000 characters, must contain the link placeholder {##link text##}, for example {##Verify email##}.
     */
    emailMessageByLink?: string;
    /**
     * Subject of the verification-link email: 1 to 140 characters.
     */
    emailSubjectByLink?: string;
    /**
     * Whether verification emails carry a code the user types in (CONFIRM_WITH_CODE, the default) or a link the user clicks (CONFIRM_WITH_LINK).
     */
    defaultEmailOption?: "CONFIRM_WITH_CODE" | "CONFIRM_WITH_LINK";
}
/**
 * How changes to a user's email address or phone number are handled.
 */
export interface UserAttributeUpdateSettings {
    /**
     * Attributes (email, phone_number) whose new value takes effect only after the user confirms it with a code; until then the old value stays. Each listed attribute must also be in autoVerifiedAttributes. An empty list turns the check off. Order does not matter.
     */
    attributesRequireVerificationBeforeUpdate?: ("email" | "phone_number")[];
}
/**
 * Remembering of users' devices, so that a remembered device can stand in for an MFA code. Setting any member turns device remembering on for the pool.
 */
export interface DeviceConfiguration {
    /**
     * When true, a remembered device can stand in for the MFA code at sign-in, while devices that are not remembered still get the MFA challenge. Defaults to false.
     */
    challengeRequiredOnNewDevice?: boolean;
    /**
     * When true, a device is remembered only after the user agrees to it (your app reports the choice with UpdateDeviceStatus); when false (the default), every confirmed device is remembered.
     */
    deviceOnlyRememberedOnUserPrompt?: boolean;
}
/**
 * How the pool sends email: through Cognito's built-in sender, which has a low daily limit, or through your own Amazon SES identity.
 */
export interface EmailConfiguration {
    /**
     * ARN of a verified Amazon SES identity (email address or domain) to send from, normally in the pool's region. Required with DEVELOPER; with COGNITO_DEFAULT it only sets a custom FROM address.
     */
    sourceArn?: string;
    /**
     * Address that replies to the pool's emails go to, for example support@example.com.
     */
    replyToEmailAddress?: string;
    /**
     * COGNITO_DEFAULT (the default) sends with Cognito's own account, limited to a small number of emails per day; DEVELOPER sends through your SES identity in sourceArn with your SES limits, and makes Cognito create a service-linked role.
     */
    emailSendingAccount?: "COGNITO_DEFAULT" | "DEVELOPER";
    /**
     * Sender shown to recipients, either an address or a name with an address, for example "Example <no-reply@example.com>". With DEVELOPER the address must be covered by the SES identity in sourceArn.
     */
    from?: string;
    /**
     * Name of an Amazon SES configuration set applied to the pool's emails (for event publishing or dedicated IP pools): 1 to 64 letters, digits, _ or -. Only used with DEVELOPER.
     */
    configurationSet?: string;
}
/**
 * How the pool sends text messages (verification, MFA and invitations): through Amazon SNS with snsCallerArn, or through AWS End User Messaging SMS with eumsSms, not both. A newly created IAM role can be rejected for a minute or two until IAM has propagated it.
 */
export interface SmsConfiguration {
    /**
     * ARN of the IAM role Cognito assumes to publish SMS messages with Amazon SNS. Its trust policy must allow cognito-idp.amazonaws.com (with the externalId condition, if you set one) and its permissions must allow sns:Publish.
     */
    snsCallerArn?: string;
    /**
     * External ID Cognito passes when it assumes the snsCallerArn role; use it in the role's trust policy as a condition.
     */
    externalId?: string;
    /**
     * Region of the Amazon SNS service to send through, such as us-east-1; defaults to the pool's region. Only the pool's region or a supported legacy alternate region works (pools in ap-northeast-2 must use ap-northeast-1).
     */
    snsRegion?: string;
    eumsSms?: EumsSmsConfiguration;
}
/**
 * Sends SMS through AWS End User Messaging SMS instead of Amazon SNS; required in regions without SNS. Use either this or snsCallerArn.
 */
export interface EumsSmsConfiguration {
    /**
     * ARN of the IAM role Cognito assumes to send messages; it must be allowed to call sms-voice:SendTextMessage.
     */
    callerArn: string;
    /**
     * External ID Cognito passes when it assumes the callerArn role, for use as a condition in its trust policy.
     */
    externalId?: string;
    /**
     * Phone number (E.164), sender ID or phone pool to send from, or its ARN. If the role's policy names a specific resource ARN, give that same form. Some destination countries require one.
     */
    originationIdentity?: string;
    /**
     * Name of an End User Messaging SMS configuration set applied to the messages, for logging and event destinations. Without it no configuration set is applied.
     */
    configurationSetName?: string;
    /**
     * Principal entity ID registered under India's DLT rules, needed to send SMS to Indian numbers.
     */
    inEntityId?: string;
    /**
     * Message template ID registered under India's DLT rules, needed to send SMS to Indian numbers.
     */
    inTemplateId?: string;
    /**
     * Region of the End User Messaging SMS resources. It must be the pool's own region, which is also what AWS uses when it is omitted.
     */
    region?: string;
}
/**
 * Tags of the pool as key/value pairs, at most 50. Keys (1 to 128 characters) are used exactly as written; values are 0 to 256 characters. Tags not declared here are removed.
 */
export interface UserPoolTags {
    [k: string]: string | undefined;
}
/**
 * Self-service sign-up and the invitation sent to users that administrators create. Temporary password lifetime is set in policies.passwordPolicy.temporaryPasswordValidityDays.
 */
export interface AdminCreateUserConfig {
    /**
     * When true, only administrators can create users and the SignUp operation is refused; when false (the default), users can sign themselves up.
     */
    allowAdminCreateUserOnly?: boolean;
    inviteMessageTemplate?: InviteMessageTemplate;
}
/**
 * Invitation sent to users created by an administrator. AWS expects each message to contain {username}, and also {####} (the temporary password) unless those users sign in without a password.
 */
export interface InviteMessageTemplate {
    /**
     * Text message of the invitation: 6 to 140 characters, with {username} and, for users with a password, {####}.
     */
    smsMessage?: string;
    /**
     * Email body of the invitation: 6 to 20,000 characters (HTML allowed), with {username} and, for users with a password, {####}.
     */
    emailMessage?: string;
    /**
     * Subject of the invitation email: 1 to 140 characters.
     */
    emailSubject?: string;
}
/**
 * One attribute: a custom attribute to create, or a standard attribute whose settings you set.
 */
export interface SchemaAttribute {
    /**
     * Attribute name, 1 to 20 characters without spaces, not counting a custom: prefix. The custom: prefix of a custom attribute is optional: tenant and custom:tenant are the same attribute, which AWS stores as custom:tenant (the provider sends tenant, because AWS adds the prefix itself). A name that starts with custom:custom: is taken as written: it names the doubled attribute (custom:custom:tenant) that a tool sending the prefix to AWS created, and only that. Use the standard name, such as email or birthdate, to configure a standard attribute.
     */
    name: string;
    /**
     * Type of the attribute's values: String, Number, DateTime or Boolean. AWS rejects an attribute without it. Values still appear as strings in tokens.
     */
    attributeDataType: "Boolean" | "DateTime" | "Number" | "String";
    /**
     * Legacy: when true the attribute is created as dev:NAME and only administrator (IAM-authorised) operations can change it. Prefer app client write permissions. Defaults to false.
     */
    developerOnlyAttribute?: boolean;
    /**
     * Whether the value can change after the user is created. Attributes mapped from a federated identity provider must be mutable. Defaults to true.
     */
    mutable?: boolean;
    /**
     * Whether every user must have a value for the attribute at sign-up. Only standard attributes can be required: AWS refuses a required custom attribute. Defaults to false.
     */
    required?: boolean;
    numberAttributeConstraints?: NumberAttributeConstraints;
    stringAttributeConstraints?: StringAttributeConstraints;
}
/**
 * Smallest and largest allowed value; only for Number attributes. minValue must not be greater than maxValue.
 */
export interface NumberAttributeConstraints {
    /**
     * Smallest allowed value, as an integer or a string of digits with an optional leading minus.
     */
    minValue?: string | number;
    /**
     * Largest allowed value, as an integer or a string of digits with an optional leading minus.
     */
    maxValue?: string | number;
}
/**
 * Shortest and longest allowed value, in characters; only for String attributes. maxLength is at most 2048, and minLength must not be greater than maxLength. AWS fills in its own limits when you leave them out.
 */
export interface StringAttributeConstraints {
    /**
     * Shortest allowed value, as a non-negative integer or a string of digits.
     */
    minLength?: string | number;
    /**
     * Longest allowed value, as a non-negative integer or a string of digits. At most 2048: String attributes hold at most 2048 characters.
     */
    maxLength?: string | number;
}
/**
 * Threat protection (formerly advanced security): risk detection for sign-ins and compromised credentials. Any mode other than OFF needs userPoolTier PLUS.
 */
export interface UserPoolAddOns {
    /**
     * Threat protection for username/password and SRP sign-in: OFF, AUDIT (log risks and metrics, take no action) or ENFORCED (act on risks according to the pool's risk configuration).
     */
    advancedSecurityMode: "AUDIT" | "ENFORCED" | "OFF";
    advancedSecurityAdditionalFlows?: AdvancedSecurityAdditionalFlows;
}
/**
 * Threat protection for authentication flows other than password sign-in.
 */
export interface AdvancedSecurityAdditionalFlows {
    /**
     * Threat protection for custom authentication (Lambda challenge triggers): AUDIT (log only) or ENFORCED (act on detected risks).
     */
    customAuthMode?: "AUDIT" | "ENFORCED";
}
/**
 * Dynamic client registration: lets applications create their own app clients at the /oauth2/register endpoint of the pool's domain. Needs the ESSENTIALS or PLUS tier, and must be Disabled before the pool can move to LITE.
 */
export interface DcrConfiguration {
    /**
     * Enabled or Disabled. Declaring dcrConfiguration without it turns registration on.
     */
    enableStatus?: "Disabled" | "Enabled";
    /**
     * When true, applications can register clients without an access token (open registration); when false (the default), they need an access token with the aws.cognito/dcr/register scope.
     */
    openDcrEnabled?: boolean;
    /**
     * OAuth grant types (code, client_credentials; implicit is accepted but ignored) a client registered with an access token may use. When omitted, code and client_credentials are allowed; an empty list blocks authenticated registration.
     */
    authenticatedGrantTypes?: ("client_credentials" | "code" | "implicit")[];
    /**
     * OAuth grant types an openly registered client may use. When omitted only code is allowed; an empty list blocks open registration. Allowing client_credentials lets anyone obtain machine-to-machine tokens that you pay for.
     */
    openDcrGrantTypes?: ("client_credentials" | "code" | "implicit")[];
    /**
     * Scopes beyond the standard OIDC ones (openid, email, phone, profile) that registered clients may request, such as resource-server scopes or aws.cognito.signin.user.admin. When omitted they get only the OIDC scopes. At most 50 scopes, each 1 to 256 printable ASCII characters without spaces, double quotes or backslashes.
     *
     * @maxItems 50
     */
    allowedScopes?: string[];
}
/**
 * Case sensitivity of usernames. Cannot be changed after creation: changing it replaces the pool, which deletes all its users. If it is omitted AWS creates a case-sensitive pool.
 */
export interface UsernameConfiguration {
    /**
     * false (recommended) makes usernames, and email and preferred_username aliases, match regardless of letter case; true treats UserName and username as different users.
     */
    caseSensitive: boolean;
}
/**
 * How users who forgot their password receive the reset code. By default the verified email is tried first and the verified phone number second.
 */
export interface AccountRecoverySetting {
    /**
     * One or two recovery methods with distinct priorities; their order in the list does not matter, the priorities decide. admin_only turns self-service recovery off and is meant to be used alone. A phone number is skipped for users who also use it for SMS MFA, and likewise an email address used for email MFA.
     *
     * @minItems 1
     * @maxItems 2
     */
    recoveryMechanisms?: RecoveryOption[];
}
/**
 * A recovery method and its rank.
 */
export interface RecoveryOption {
    /**
     * verified_email, verified_phone_number or admin_only (only an administrator can reset the password).
     */
    name: "admin_only" | "verified_email" | "verified_phone_number";
    /**
     * Rank of this method: 1 is tried first, 2 is the fallback.
     */
    priority: number;
}
/**
 * Encryption key protecting the pool's data. In the secondary regions of a multi-region pool it must match the primary's and cannot be changed.
 */
export interface KeyConfiguration {
    /**
     * AWS_OWNED_KEY (a key owned and managed by AWS) or CUSTOMER_MANAGED_KEY (your own KMS key in kmsKeyArn; it must be a multi-region key if the pool is replicated to other regions).
     */
    keyType?: "AWS_OWNED_KEY" | "CUSTOMER_MANAGED_KEY";
    /**
     * ARN of your KMS key, used with CUSTOMER_MANAGED_KEY. Without it an AWS key is used.
     */
    kmsKeyArn?: string;
}
/**
 * Form of the issuer (iss claim) in the pool's tokens. Changing it changes the issuer URL that applications validating tokens must trust. In the secondary regions of a multi-region pool it must match the primary's.
 */
export interface IssuerConfiguration {
    /**
     * ORIGINAL: https://cognito-idp.REGION.amazonaws.com/POOL_ID, served from the pool's region. UPDATED (recommended, needed for multi-region replication): https://issuer-cognito-idp.REGION.amazonaws.com/POOL_ID, with the signing keys served from several regions.
     */
    type?: "ORIGINAL" | "UPDATED";
}
/**
 * Custom names Cognito reports in the acr token claim for its four fixed authentication assurance levels; levels left out keep their default names urn:cognito:loa:1 to urn:cognito:loa:4. Every name must be unique across the four levels, including the default names. Needs the ESSENTIALS or PLUS tier.
 */
export interface AcrConfiguration {
    level1?: AcrLevelConfig;
    level2?: AcrLevelConfig;
    level3?: AcrLevelConfig;
    level4?: AcrLevelConfig;
}
/**
 * Custom name of one authentication assurance level: the value Cognito puts in the acr claim when a sign-in reaches this level.
 */
export interface AcrLevelConfig {
    /**
     * The name, any URI or URN of 1 to 64 printable ASCII characters without spaces, double quotes or backslashes, for example urn:example:loa:mfa. It must differ from the names of the other levels.
     */
    acrValue: string;
}
/**
 * MFA with time-based one-time passwords from authenticator apps (TOTP). Not part of the user pool call itself: the provider applies it with SetUserPoolMfaConfig.
 */
export interface SoftwareTokenMfaConfiguration {
    /**
     * Whether users can register an authenticator app as an MFA factor. Defaults to false.
     */
    enabled?: boolean;
}
/**
 * MFA with codes sent by email. Declaring it turns email MFA on (even as {}), removing it turns email MFA off; the message and subject also serve sign-in with one-time codes by email (EMAIL_OTP). AWS requires mfaConfiguration ON or OPTIONAL, emailConfiguration with emailSendingAccount DEVELOPER, userPoolTier ESSENTIALS or PLUS, and account recovery not by email alone. Not part of the user pool call itself: the provider applies it with SetUserPoolMfaConfig.
 */
export interface EmailMfaConfiguration {
    /**
     * Email body carrying the code: 6 to 20,000 characters, must contain the placeholder {####}. Left out, AWS sends its own default text.
     */
    message?: string;
    /**
     * Subject line of the email: letters, digits, punctuation, symbols and spaces. Left out, AWS uses its own default subject.
     */
    subject?: string;
}
/**
 * Passkeys (WebAuthn): which domain passkeys are bound to, whether authenticators must verify the user, and whether a passkey counts as MFA. Passkey sign-in itself is the WEB_AUTHN first factor in policies.signInPolicy. Removing it restores AWS's defaults. Not part of the user pool call itself: the provider applies it with SetUserPoolMfaConfig.
 */
export interface WebAuthnConfiguration {
    /**
     * Domain name passkeys are registered for (the relying party), 1 to 127 characters: the pool's custom domain when it has one and users sign in through managed login, else typically its prefix domain (<prefix>.auth.<region>.amazoncognito.com) or your application's own domain. Left out, AWS uses the pool's domain; without a domain, passkey sign-in fails until one is set.
     */
    relyingPartyId?: string;
    /**
     * required: only authenticators that verify the user (biometrics, PIN) can register and sign in; preferred (the default): verification is asked for but not required.
     */
    userVerification?: "preferred" | "required";
    /**
     * SINGLE_FACTOR (the default): a passkey is a first factor only. MULTI_FACTOR_WITH_USER_VERIFICATION: a passkey with user verification also satisfies MFA, which AWS requires for WEB_AUTHN as a first factor while mfaConfiguration is ON; needs userPoolTier ESSENTIALS or PLUS. A passkey is never the only MFA factor: ON or OPTIONAL still needs SMS, authenticator apps or email.
     */
    factorConfiguration?: "MULTI_FACTOR_WITH_USER_VERIFICATION" | "SINGLE_FACTOR";
}
