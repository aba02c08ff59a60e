/**
 * flatten: what AWS reports about a domain -> the resource's outputs (input shape, camelCase).
 */
import type { DomainDescriptionType } from "@aws-sdk/client-cognito-identity-provider";
import { liveCertificate, UserPoolDomainInputs } from "./expand";
import { isCustomDomain, prefixHost } from "./model";

export type UserPoolDomainState = Record<string, unknown>;

export interface FlattenContext {
    region: string;
    /** The program's timeouts input: provider-only, so AWS cannot report it. */
    timeouts?: unknown;
}

/** The host users open, and the target of a custom domain's DNS alias. */
function hosts(domain: string, region: string, cloudFront: string | undefined): { target: string | undefined; url: string } {
    if (isCustomDomain(domain)) return { target: cloudFront, url: `https://${domain}` };
    // A prefix domain's pages are served at the amazoncognito.com host; what Describe reports as
    // its CloudFront distribution is a host shared by the region's prefix domains, not a target
    // anyone should alias.
    const host = prefixHost(domain, region);
    return { target: host, url: `https://${host}` };
}

export function flattenUserPoolDomain(description: DomainDescriptionType, context: FlattenContext): UserPoolDomainState {
    const domain = String(description.Domain);
    const certificate = liveCertificate(description);
    const { target, url } = hosts(domain, context.region, description.CloudFrontDistribution);
    return withoutUndefined({
        domain,
        userPoolId: description.UserPoolId,
        customDomainConfig: certificate ? { certificateArn: certificate.CertificateArn } : undefined,
        managedLoginVersion: description.ManagedLoginVersion,
        region: context.region,
        timeouts: context.timeouts,
        cloudFrontDistribution: target,
        hostedUiUrl: url,
        awsAccountId: description.AWSAccountId,
        s3Bucket: description.S3Bucket,
        version: description.Version,
        status: description.Status,
    });
}

/**
 * Outputs for a domain that was created but never described (every Describe failed): the
 * inputs, so that the state still records what exists and can delete it.
 */
export function stateFromInputs(inputs: UserPoolDomainInputs, region: string, status?: string): UserPoolDomainState {
    const domain = String(inputs.domain);
    const { target, url } = hosts(domain, region, undefined);
    return withoutUndefined({
        ...inputs,
        region,
        cloudFrontDistribution: target,
        hostedUiUrl: url,
        status,
    });
}

function withoutUndefined(state: UserPoolDomainState): UserPoolDomainState {
    for (const [key, value] of Object.entries(state)) if (value === undefined) delete state[key];
    return state;
}
