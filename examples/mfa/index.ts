/**
 * Multi-factor authentication with three factors: authenticator apps (TOTP), text messages and
 * email.
 *
 * SMS goes through Amazon SNS with an IAM role that Cognito assumes (config `smsRoleArn`, see
 * README.md for its trust and permissions policies); the external id ties the role to this pool.
 * Email codes go through your own Amazon SES identity (config `sesIdentityArn`): AWS sends MFA
 * codes by email only with DEVELOPER email sending, and only on the ESSENTIALS or PLUS plan.
 * CreateUserPool cannot turn on authenticator apps or email MFA, so the provider follows it with
 * SetUserPoolMfaConfig; a role created moments ago is retried for up to two minutes while IAM
 * propagates it.
 */
import * as pulumi from "@pulumi/pulumi";
import { UserPool } from "pulumi-cognito-userpool";

const config = new pulumi.Config();
const smsRoleArn = config.require("smsRoleArn");
/** A verified Amazon SES identity (an address or a domain) to send email from. */
const sesIdentityArn = config.require("sesIdentityArn");
/** Must match the sts:ExternalId condition of the role's trust policy. */
const smsExternalId = config.get("smsExternalId") ?? `acme-users-${pulumi.getStack()}`;
/** "ON": every user must set up a factor; "OPTIONAL": users choose. */
const mfaMode = config.get("mfa") === "ON" ? "ON" : "OPTIONAL";

const users = new UserPool("users", {
    poolName: `acme-users-mfa-${pulumi.getStack()}`,
    // Email MFA is a feature of the ESSENTIALS plan (and PLUS).
    userPoolTier: "ESSENTIALS",
    usernameAttributes: ["email"],
    usernameConfiguration: { caseSensitive: false },
    autoVerifiedAttributes: ["email", "phone_number"],
    mfaConfiguration: mfaMode,
    softwareTokenMfaConfiguration: { enabled: true },
    smsConfiguration: { snsCallerArn: smsRoleArn, externalId: smsExternalId },
    smsAuthenticationMessage: "Your Acme sign-in code is {####}.",
    emailConfiguration: { emailSendingAccount: "DEVELOPER", sourceArn: sesIdentityArn },
    emailMfaConfiguration: { message: "Your Acme sign-in code is {####}.", subject: "Your Acme sign-in code" },
    verificationMessageTemplate: {
        defaultEmailOption: "CONFIRM_WITH_CODE",
        smsMessage: "Your Acme verification code is {####}.",
    },
    // Remembered devices can stand in for the second factor when the user agrees.
    deviceConfiguration: { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: true },
    // Email MFA rules out recovery by email alone (AWS refuses it), so the phone number is the
    // fallback. A user who receives MFA codes by email (or SMS) is not sent a reset code there.
    accountRecoverySetting: {
        recoveryMechanisms: [
            { name: "verified_email", priority: 1 },
            { name: "verified_phone_number", priority: 2 },
        ],
    },
});

export const userPoolId = users.id;
export const mfaConfiguration = users.mfaConfiguration;
export const authenticatorApps = users.softwareTokenMfaConfiguration;
export const emailMfa = users.emailMfaConfiguration;
