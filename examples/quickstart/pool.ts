/**
 * The quickstart pool's inputs, kept apart from index.ts so the demo can also run them through
 * the provider host harness when the Pulumi CLI is not installed.
 */
import type { UserPoolArgs } from "pulumi-cognito-userpool";

export const usersPoolArgs = {
    poolName: "acme-users",
    // Users sign in with their email address; case-insensitive so Alice@ and alice@ are one user.
    usernameAttributes: ["email"],
    usernameConfiguration: { caseSensitive: false },
    autoVerifiedAttributes: ["email"],
    policies: {
        passwordPolicy: { minimumLength: 12, requireNumbers: true, requireSymbols: true, passwordHistorySize: 5 },
    },
    schema: [{ name: "tenant", attributeDataType: "String", mutable: true, stringAttributeConstraints: { maxLength: 64 } }],
    verificationMessageTemplate: {
        defaultEmailOption: "CONFIRM_WITH_CODE",
        emailSubject: "Your Acme verification code",
        emailMessage: "Welcome to Acme! Your code is {####}.",
    },
    accountRecoverySetting: { recoveryMechanisms: [{ name: "verified_email", priority: 1 }] },
    userPoolTags: { team: "identity", environment: "demo" },
} satisfies UserPoolArgs;
