/**
 * expand: desired inputs (camelCase) -> AWS requests. Pure functions: no AWS calls here.
 */
import type {
    CreateUserPoolDomainRequest,
    CustomDomainConfigType,
    DeleteUserPoolDomainRequest,
    DomainDescriptionType,
    UpdateUserPoolDomainRequest,
} from "@aws-sdk/client-cognito-identity-provider";
import { awsNameOf, toAws } from "../shared/schema";
import { fieldSchema, isCustomDomain, requestFields, userPoolDomainSchema } from "./model";

export type UserPoolDomainInputs = Record<string, unknown>;

function expandField(field: string, value: unknown): unknown {
    return toAws(userPoolDomainSchema, fieldSchema(field), value);
}

/** Every declared request field in AWS shape; provider-only inputs (region, timeouts) are not sent. */
function requestMembers(inputs: UserPoolDomainInputs): Record<string, unknown> {
    const request: Record<string, unknown> = {};
    for (const field of requestFields) {
        if (inputs[field] === undefined) continue;
        request[awsNameOf(field, fieldSchema(field))] = expandField(field, inputs[field]);
    }
    return request;
}

export function expandCreate(inputs: UserPoolDomainInputs): CreateUserPoolDomainRequest {
    return requestMembers(inputs) as unknown as CreateUserPoolDomainRequest;
}

/**
 * UpdateUserPoolDomain for the desired inputs, starting from the live domain. A custom domain's
 * request always carries its certificate: without one AWS reads the request as turning the
 * domain into a prefix domain and refuses ("Cannot convert custom domain to prefix domain").
 * Members the program does not declare are sent as the domain has them, so that an update never
 * resets them: managedLoginVersion, and Routing (replicated pools), which this provider does not
 * model.
 */
export function expandUpdate(desired: UserPoolDomainInputs, live: DomainDescriptionType): UpdateUserPoolDomainRequest {
    const domain = String(desired.domain ?? live.Domain);
    const request: UpdateUserPoolDomainRequest = {
        Domain: domain,
        UserPoolId: String(desired.userPoolId ?? live.UserPoolId),
    };
    const declared = requestMembers(desired);
    const version = declared.ManagedLoginVersion ?? live.ManagedLoginVersion;
    if (version !== undefined) request.ManagedLoginVersion = version as number;
    if (isCustomDomain(domain)) {
        const certificate = (declared.CustomDomainConfig as CustomDomainConfigType | undefined) ?? liveCertificate(live);
        if (certificate) request.CustomDomainConfig = certificate;
    }
    if (live.Routing !== undefined) request.Routing = live.Routing;
    return request;
}

/** Describe reports `CustomDomainConfig: {}` for prefix domains: only a certificate counts. */
export function liveCertificate(live: DomainDescriptionType): CustomDomainConfigType | undefined {
    const arn = live.CustomDomainConfig?.CertificateArn;
    return arn ? { CertificateArn: arn } : undefined;
}

export function expandDelete(domain: string, userPoolId: string): DeleteUserPoolDomainRequest {
    return { Domain: domain, UserPoolId: userPoolId };
}
