/**
 * Taking over a user pool that was made by hand or by another tool, with its users.
 *
 * `adoptUserPoolId` makes `pulumi up` adopt that pool instead of creating one: the provider
 * describes it, stops (changing nothing) if a declared field that AWS can never change differs,
 * then updates the declared fields in place and records the pool. Fields the program does not
 * declare are left as they are. The id is read only at creation; afterwards it does nothing.
 *
 * Start from the program that matches the pool exactly, printed by
 *     npx cognito-userpool-generate <pool-id> --region <region>
 * and see beforehand what adoption would change with
 *     npx cognito-userpool-drift <pool-id> inputs.json
 */
import * as pulumi from "@pulumi/pulumi";
import { UserPool } from "pulumi-cognito-userpool";

const config = new pulumi.Config();
/** The pool to adopt, such as eu-west-1_AbCdEf123 (`aws cognito-idp list-user-pools --max-results 60`). */
const adoptUserPoolId = config.require("adoptUserPoolId");

const users = new UserPool(
    "users",
    {
        adoptUserPoolId,
        // Declare what you want Pulumi to own, as the pool has it (generate-program prints it all).
        // Immutable fields must match the pool: adoption never replaces it.
        poolName: config.get("poolName") ?? "acme-users",
        usernameAttributes: ["email"],
        usernameConfiguration: { caseSensitive: false },
        // Settings that can change in place are converged by `pulumi up`: here, a stricter password policy.
        policies: {
            passwordPolicy: { minimumLength: 12, requireUppercase: true, requireLowercase: true, requireNumbers: true, requireSymbols: true },
        },
        deletionProtection: "ACTIVE",
        userPoolTags: { "managed-by": "pulumi" },
    },
    {
        // The pool holds users you cannot get back. With retainOnDelete, removing this resource
        // (or pulumi destroy) only drops it from the stack; the pool and its users stay in AWS.
        retainOnDelete: true,
    },
);

export const userPoolId = users.id;
export const issuer = users.issuerUrl;
export const declaredFields = users.declaredFields;
