/* eslint-disable */
/**
 * Generated from the JSON Schema by scripts/generate.js (npm run generate). Do not edit:
 * change the schema and regenerate.
 */

/**
 * Inputs of an Amazon Cognito user pool domain: the host that serves the pool's hosted sign-in pages (classic hosted UI or managed login) and its OAuth 2.0 endpoints. Either a prefix domain (`acme-login`, served as `acme-login.auth.<region>.amazoncognito.com`) or a custom domain (`auth.example.com`) with an ACM certificate. `pulumi up` waits until AWS reports the domain ACTIVE. A pool has at most one prefix domain and one custom domain.
 */
export interface UserPoolDomainArgs {
    /**
     * The domain. Without a dot it is a prefix domain: 1 to 63 lowercase letters, digits and hyphens, not starting or ending with a hyphen, not containing the reserved words aws, amazon or cognito, and unique within the region; Cognito serves it as `<prefix>.auth.<region>.amazoncognito.com`. With a dot it is a custom domain: a fully-qualified lowercase host name such as `auth.example.com` that you own, which needs customDomainConfig, and whose parent domain (`example.com`) must resolve in DNS (an A record) before AWS can create it. Domain names are global: changing this, or switching between prefix and custom, deletes the old domain before creating the new one.
     */
    domain: string;
    /**
     * Id of the user pool the domain serves, such as `us-east-1_AbCdEf123`; usually `pool.id` of a UserPool, which also makes `pulumi destroy` delete the domain before the pool. A domain cannot move to another pool: changing this deletes the domain and creates it again on the new pool.
     */
    userPoolId: string;
    customDomainConfig?: CustomDomainConfig;
    /**
     * Which sign-in pages the domain serves: 1 for the classic hosted UI, 2 for managed login (needs the ESSENTIALS or PLUS tier, and a branding style created with CreateManagedLoginBranding before app clients show it). Updated in place. When not declared, the provider leaves the version as it is: a new domain gets AWS's default (1), and an existing domain keeps whatever it has.
     */
    managedLoginVersion?: 1 | 2;
    /**
     * AWS region of the user pool, such as us-east-1 or eu-central-1 (the domain lives in the pool's region; only its certificate must be in us-east-1). When omitted, the stack's aws:region setting is used, and without that the AWS SDK's own region lookup (AWS_REGION and the shared config). Changing it replaces the domain.
     */
    region?: string;
    timeouts?: UserPoolDomainTimeouts;
}
/**
 * Certificate of a custom domain; required when `domain` contains a dot and not allowed for a prefix domain. Changing the certificate updates the domain in place (the CloudFront distribution is redeployed, which can take a while).
 */
export interface CustomDomainConfig {
    /**
     * ARN of an AWS Certificate Manager certificate in us-east-1 (CloudFront only uses certificates from that region, whatever the pool's region) that covers the custom domain, such as `arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-...`. The certificate must be issued (validated) before the domain can become ACTIVE.
     */
    certificateArn: string;
}
/**
 * How long, in minutes, `pulumi up` and `pulumi destroy` wait for the domain to become ACTIVE (create, update) or to disappear (delete) before failing. Defaults: 5 minutes for a prefix domain, which AWS usually finishes within a minute; 60 minutes for a custom domain, whose CloudFront distribution can take up to an hour. Changing only this never calls AWS.
 */
export interface UserPoolDomainTimeouts {
    /**
     * Minutes to wait after CreateUserPoolDomain for the domain to become ACTIVE (more than 0, at most 1440).
     */
    create?: number;
    /**
     * Minutes to wait after UpdateUserPoolDomain for the domain to become ACTIVE again (more than 0, at most 1440).
     */
    update?: number;
    /**
     * Minutes to wait after DeleteUserPoolDomain for the domain to be gone, so that the pool can be deleted and the name reused (more than 0, at most 1440).
     */
    delete?: number;
}
