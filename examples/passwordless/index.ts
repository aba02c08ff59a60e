/**
 * Passwordless sign-in: users choose a passkey (WebAuthn) or a one-time code sent by email, with
 * the password kept as a fallback, on a pool with its hosted sign-in domain (managed login).
 *
 * Choice-based sign-in and passkeys are features of the ESSENTIALS feature plan (and PLUS), so the
 * plan is declared: check then refuses, before any AWS call, anything the plan does not include.
 * Passkeys are bound to a domain, the relying party: here the pool's prefix domain, which serves
 * managed login. Applications sign users in with the USER_AUTH flow (README.md).
 */
import * as pulumi from "@pulumi/pulumi";
import { UserPool, UserPoolDomain } from "pulumi-cognito-userpool";

const stack = pulumi.getStack();
const region = new pulumi.Config("aws").require("region");
const config = new pulumi.Config();
/** Prefixes are unique per region across all AWS accounts: the stack name keeps stacks apart. */
const domainPrefix = config.get("domainPrefix") ?? `acme-passwordless-${stack}`;

const pool = new UserPool("users", {
    poolName: `acme-passwordless-${stack}`,
    userPoolTier: "ESSENTIALS",
    usernameAttributes: ["email"],
    usernameConfiguration: { caseSensitive: false },
    autoVerifiedAttributes: ["email"],
    policies: {
        // Users pick one of these first factors at sign-in. AWS keeps PASSWORD in the list; the
        // password policy left out is AWS's default (8 characters, all four character classes).
        signInPolicy: { allowedFirstAuthFactors: ["PASSWORD", "EMAIL_OTP", "WEB_AUTHN"] },
    },
    webAuthnConfiguration: {
        // The managed login domain below; with a custom domain, that host name instead.
        relyingPartyId: `${domainPrefix}.auth.${region}.amazoncognito.com`,
        // Only authenticators that verify the user (a fingerprint, a face, a device PIN).
        userVerification: "required",
    },
    // Self sign-up stays open; invited users could sign in with a code, no temporary password needed.
    adminCreateUserConfig: { allowAdminCreateUserOnly: false },
});

const domain = new UserPoolDomain("login", {
    domain: domainPrefix,
    userPoolId: pool.id,
    // Managed login (version 2) offers the passkey and one-time-code choices on its sign-in page.
    managedLoginVersion: 2,
});

export const userPoolId = pool.id;
export const userPoolTier = pool.userPoolTier;
export const firstFactors = pool.policies.apply((p) => p?.signInPolicy?.allowedFirstAuthFactors);
export const relyingPartyId = pool.webAuthnConfiguration.apply((w) => w?.relyingPartyId);
/** The managed login pages and OAuth 2.0 endpoints, e.g. https://acme-passwordless-dev.auth.eu-west-1.amazoncognito.com */
export const hostedUiUrl = domain.hostedUiUrl;
