/**
 * find: the domain as AWS has it now, with "does not exist" mapped to undefined ("gone").
 */
import {
    CognitoIdentityProviderClient,
    DescribeUserPoolDomainCommand,
    DomainDescriptionType,
} from "@aws-sdk/client-cognito-identity-provider";
import { attempt, awsErrorName } from "../shared/errors";

/**
 * DescribeUserPoolDomain answers a domain that does not exist normally, with an empty
 * DomainDescription ({}), not an error: an empty description or one without Status is gone.
 */
export function isGone(description: DomainDescriptionType | undefined): boolean {
    return description === undefined || description.Status === undefined;
}

export async function findUserPoolDomain(client: CognitoIdentityProviderClient, domain: string): Promise<DomainDescriptionType | undefined> {
    try {
        const { DomainDescription } = await client.send(new DescribeUserPoolDomainCommand({ Domain: domain }));
        return isGone(DomainDescription) ? undefined : DomainDescription;
    } catch (error) {
        // Not what AWS answers today (see above), but the API lists the error, so honour it.
        if (awsErrorName(error) === "ResourceNotFoundException") return undefined;
        return attempt("DescribeUserPoolDomain", `domain ${domain}`, () => Promise.reject(error));
    }
}
