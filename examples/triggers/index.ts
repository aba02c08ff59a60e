/**
 * Lambda triggers and a custom email sender.
 *
 * Cognito calls the functions during sign-up, sign-in and token issue; each function's resource
 * policy must allow the cognito-idp.amazonaws.com principal to invoke it (README.md shows the
 * permission). The custom email sender receives codes encrypted with the KMS key in kmsKeyId,
 * which Cognito must be allowed to use for encryption.
 *
 * The functions usually live in another stack or come from @pulumi/aws; here their ARNs are
 * built from the `functionArnPrefix` config, so the example needs nothing but this package.
 */
import * as pulumi from "@pulumi/pulumi";
import { UserPool } from "pulumi-cognito-userpool";

const config = new pulumi.Config();
/** Such as arn:aws:lambda:eu-west-1:123456789012:function:acme- (function names follow). */
const prefix = config.require("functionArnPrefix");
/** A symmetric KMS key Cognito encrypts the codes with before calling the custom email sender. */
const kmsKeyArn = config.require("kmsKeyArn");
const fn = (name: string) => `${prefix}${name}`;

const users = new UserPool("users", {
    poolName: `acme-users-triggers-${pulumi.getStack()}`,
    usernameAttributes: ["email"],
    usernameConfiguration: { caseSensitive: false },
    autoVerifiedAttributes: ["email"],
    schema: [{ name: "tenant", attributeDataType: "String", mutable: true }],
    // The whole set of triggers: one not listed here is detached on the next update.
    lambdaConfig: {
        preSignUp: fn("pre-signup"), // e.g. reject sign-ups from unknown tenants
        postConfirmation: fn("post-confirmation"), // e.g. provision the user in your database
        // Version 2 events can customise access tokens too (ESSENTIALS or PLUS tier).
        preTokenGenerationConfig: { lambdaVersion: "V2_0", lambdaArn: fn("pre-token") },
        // Codes and links are sent by your function (through SES, a mail API, ...) instead of Cognito.
        customEmailSender: { lambdaVersion: "V1_0", lambdaArn: fn("email-sender") },
        kmsKeyId: kmsKeyArn,
    },
});

export const userPoolId = users.id;
export const userPoolArn = users.arn;
export const triggers = users.lambdaConfig;
