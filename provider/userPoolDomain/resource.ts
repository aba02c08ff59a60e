import * as pulumi from "@pulumi/pulumi";
import { userPoolDomainProvider } from "../providers";
import type { ArgsOf, OutputsOf } from "../shared/types";
import type { UserPoolDomainArgs as UserPoolDomainInputShape } from "./inputs.generated";
import { computedOutputs, inputFields } from "./model";

/** Inputs of a {@link UserPoolDomain}: every property may be a pulumi.Input, at any depth. */
export type UserPoolDomainArgs = ArgsOf<UserPoolDomainInputShape>;

/** What the provider reports beyond the declared inputs. */
export interface UserPoolDomainComputedOutputs {
    /**
     * Where DNS should point: for a custom domain, the CloudFront distribution's host name
     * (`d111111abcdef8.cloudfront.net`), the target of the ALIAS/CNAME record for the domain
     * (Route 53 alias hosted zone `Z2FDTNDATAQYW2`); for a prefix domain, the
     * `<prefix>.auth.<region>.amazoncognito.com` host name.
     */
    cloudFrontDistribution: string;
    /** The base URL of the hosted sign-in pages and OAuth 2.0 endpoints, e.g. `https://acme-login.auth.us-east-1.amazoncognito.com`. */
    hostedUiUrl: string;
    /** The AWS account that owns the user pool. */
    awsAccountId: string;
    /** The S3 bucket AWS serves the domain's static files from. */
    s3Bucket: string;
    /** AWS's version of the domain's app. */
    version: string;
    /** The domain's status as AWS last reported it: ACTIVE after a successful `pulumi up`; CREATING, UPDATING or FAILED are recorded only when a wait failed. */
    status: "CREATING" | "DELETING" | "UPDATING" | "ACTIVE" | "FAILED";
    /** The version of the sign-in pages the domain serves (1 classic hosted UI, 2 managed login), declared or not. */
    managedLoginVersion: number;
    /** The region the domain (and its pool) lives in. */
    region: string;
}

export interface UserPoolDomain
    extends OutputsOf<Omit<UserPoolDomainInputShape, "region" | "managedLoginVersion">>,
        OutputsOf<UserPoolDomainComputedOutputs> {}

/**
 * A hosted sign-in domain of an Amazon Cognito user pool: a prefix domain (`acme-login`) or a
 * custom domain (`auth.example.com`, with an ACM certificate in us-east-1). `pulumi up` waits until
 * the domain is ACTIVE (minutes for a prefix, up to an hour for a custom domain) and logs its
 * progress. A new certificate or managedLoginVersion updates it in place; any other change deletes
 * the domain first and then creates the new one, because domain names are global.
 */
export class UserPoolDomain extends pulumi.dynamic.Resource {
    constructor(name: string, args: UserPoolDomainArgs, opts?: pulumi.CustomResourceOptions) {
        // Every output must be named at registration for the engine to expose it.
        const props: Record<string, unknown> = {};
        for (const key of [...inputFields, ...computedOutputs]) props[key] = undefined;
        // No deleteBeforeReplace option needed: the provider's diff asks for it on every replacement.
        super(userPoolDomainProvider, name, { ...props, ...args }, opts, "cognito", "UserPoolDomain");
    }
}
