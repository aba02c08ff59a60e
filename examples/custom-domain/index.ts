/**
 * A user pool whose hosted sign-in pages and OAuth 2.0 endpoints are served on your own domain
 * (auth.example.com). Cognito serves a custom domain through CloudFront, so:
 *  - the certificate must be an issued ACM certificate in us-east-1, whatever the pool's region;
 *  - the parent domain (example.com) must already resolve (an A record) before AWS accepts the
 *    custom domain;
 *  - after `pulumi up`, point the custom domain at the exported `cloudFrontDistribution` with an
 *    alias (Route 53) or CNAME record. AWS can take up to an hour to make the domain ACTIVE; the
 *    provider waits (timeouts.create) and logs progress.
 *
 * The certificate and DNS zone usually come from another stack or from @pulumi/aws; this example
 * takes them as configuration so that it needs nothing but this package (see README.md).
 */
import * as pulumi from "@pulumi/pulumi";
import { UserPool, UserPoolDomain } from "pulumi-cognito-userpool";

const config = new pulumi.Config();
/** The host name users see, such as auth.example.com. */
const domainName = config.require("domainName");
/** arn:aws:acm:us-east-1:<account>:certificate/<id>, covering domainName (check rejects other regions). */
const certificateArn = config.require("certificateArn");
/** Optional: the Route 53 hosted zone of the parent domain, echoed in the DNS instructions. */
const hostedZoneId = config.get("hostedZoneId");

const users = new UserPool("users", {
    poolName: `acme-users-${pulumi.getStack()}`,
    usernameAttributes: ["email"],
    usernameConfiguration: { caseSensitive: false },
    autoVerifiedAttributes: ["email"],
});

const login = new UserPoolDomain("login", {
    domain: domainName,
    userPoolId: users.id,
    customDomainConfig: { certificateArn },
    managedLoginVersion: 2,
    // CloudFront distributions can take up to an hour; this is the default for custom domains, spelled out.
    timeouts: { create: 60, update: 60, delete: 60 },
});

/** The DNS alias target: create an A/AAAA alias (Route 53) or a CNAME record for domainName pointing here. */
export const cloudFrontDistribution = login.cloudFrontDistribution;
/** The record to create, ready to paste into your DNS tooling. */
export const dnsRecord = {
    name: domainName,
    type: "A (alias) and AAAA (alias), or CNAME",
    target: login.cloudFrontDistribution,
    // CloudFront's fixed hosted zone id, used by every Route 53 alias to a CloudFront distribution.
    aliasHostedZoneId: "Z2FDTNDATAQYW2",
    ...(hostedZoneId ? { inHostedZone: hostedZoneId } : {}),
};
export const hostedUiUrl = login.hostedUiUrl;
export const userPoolId = users.id;
