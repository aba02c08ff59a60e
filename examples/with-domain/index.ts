/**
 * A user pool with a hosted sign-in domain. The domain takes the pool's id as input, so Pulumi
 * creates the pool first and, on `pulumi destroy`, deletes the domain (and waits until it is gone)
 * before it deletes the pool, which AWS refuses while a domain is attached.
 */
import * as pulumi from "@pulumi/pulumi";
import { UserPool, UserPoolDomain } from "pulumi-cognito-userpool";

const stack = pulumi.getStack();

const pool = new UserPool("users", {
    poolName: `acme-users-${stack}`,
    usernameAttributes: ["email"],
    autoVerifiedAttributes: ["email"],
});

// Prefixes are unique per region across all AWS accounts: the stack name keeps stacks apart.
const domain = new UserPoolDomain("login", {
    domain: `acme-login-${stack}`,
    userPoolId: pool.id,
    managedLoginVersion: 1,
});

// A custom domain instead (the certificate must be in us-east-1, and example.com needs an A record):
//
// const domain = new UserPoolDomain("login", {
//     domain: "auth.example.com",
//     userPoolId: pool.id,
//     customDomainConfig: { certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/..." },
//     timeouts: { create: 90 },
// });
// export const dnsAliasTarget = domain.cloudFrontDistribution;

export const userPoolId = pool.id;
/** The hosted sign-in pages and OAuth 2.0 endpoints, e.g. https://acme-login-dev.auth.us-east-1.amazoncognito.com */
export const hostedUiUrl = domain.hostedUiUrl;
export const domainStatus = domain.status;
