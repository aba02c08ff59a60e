/**
 * Multi-factor authentication with both factors: authenticator apps (TOTP) and text messages.
 *
 * SMS goes through Amazon SNS with an IAM role that Cognito assumes (config `smsRoleArn`, see
 * README.md for its trust and permissions policies); the external id ties the role to this pool.
 * CreateUserPool cannot turn on authenticator apps, so the provider follows it with
 * SetUserPoolMfaConfig; a role created moments ago is retried for up to two minutes while IAM
 * propagates it.
 */
import * as pulumi from "@pulumi/pulumi";
import { UserPool } from "pulumi-cognito-userpool";

const config = new pulumi.Config();
const smsRoleArn = config.require("smsRoleArn");
/** Must match the sts:ExternalId condition of the role's trust policy. */
const smsExternalId = config.get("smsExternalId") ?? `acme-users-${pulumi.getStack()}`;
/** "ON": every user must set up a factor; "OPTIONAL": users choose. */
const mfaMode = config.get("mfa") === "ON" ? "ON" : "OPTIONAL";

const users = new UserPool("users", {
    poolName: `acme-users-mfa-${pulumi.getStack()}`,
    usernameAttributes: ["email"],
    usernameConfiguration: { caseSensitive: false },
    autoVerifiedAttributes: ["email", "phone_number"],
    mfaConfiguration: mfaMode,
    softwareTokenMfaConfiguration: { enabled: true },
    smsConfiguration: { snsCallerArn: smsRoleArn, externalId: smsExternalId },
    smsAuthenticationMessage: "Your Acme sign-in code is {####}.",
    verificationMessageTemplate: {
        defaultEmailOption: "CONFIRM_WITH_CODE",
        smsMessage: "Your Acme verification code is {####}.",
    },
    // Remembered devices can stand in for the second factor when the user agrees.
    deviceConfiguration: { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: true },
    accountRecoverySetting: { recoveryMechanisms: [{ name: "verified_email", priority: 1 }] },
});

export const userPoolId = users.id;
export const mfaConfiguration = users.mfaConfiguration;
export const authenticatorApps = users.softwareTokenMfaConfiguration;
