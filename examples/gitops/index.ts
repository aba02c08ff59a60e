/**
 * The stack the drift workflow (.github/workflows/drift.yml) watches. Everything declared here is
 * what the workflow holds the live pool to: a change made in the console to a declared field
 * fails the scheduled `pulumi preview --refresh --expect-no-changes`. Fields left undeclared
 * (here: Lambda triggers, SMS, devices) are not Pulumi's and never count as drift.
 */
import * as pulumi from "@pulumi/pulumi";
import { UserPool } from "pulumi-cognito-userpool";

const users = new UserPool("users", {
    poolName: `acme-users-${pulumi.getStack()}`,
    usernameAttributes: ["email"],
    usernameConfiguration: { caseSensitive: false },
    autoVerifiedAttributes: ["email"],
    policies: {
        passwordPolicy: { minimumLength: 12, requireUppercase: true, requireLowercase: true, requireNumbers: true, requireSymbols: true },
    },
    mfaConfiguration: "OPTIONAL",
    softwareTokenMfaConfiguration: { enabled: true },
    deletionProtection: "ACTIVE",
    schema: [{ name: "tenant", attributeDataType: "String", mutable: true }],
    userPoolTags: { team: "identity", "managed-by": "pulumi" },
});

export const userPoolId = users.id;
export const declaredFields = users.declaredFields;
