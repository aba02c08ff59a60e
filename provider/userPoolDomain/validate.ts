/**
 * validate: inputs -> check failures, before any AWS call. The JSON Schema gives types, required
 * members and ranges; the rules below are the domain syntax AWS enforces (which depends on
 * whether the domain is a prefix or a host name) and the rules tying the certificate to the kind
 * of domain. Preview-time unknowns pass every rule: they are checked again at `pulumi up`.
 */
import { isPlainObject } from "../shared/schema";
import { isUnknown } from "../shared/unknowns";
import type { ValidateFunction } from "ajv";
import { CheckFailure, combineFailures, describeValue, validateAgainstSchema } from "../shared/validate";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const validateShape = require("./schemaValidator.generated") as ValidateFunction;
import type { UserPoolDomainInputs } from "./expand";
import { isCustomDomain, userPoolDomainSchema } from "./model";

/** Words AWS refuses inside a prefix (developer guide, "Using the Amazon Cognito domain"). */
export const RESERVED_PREFIX_WORDS = ["aws", "amazon", "cognito"];

const PREFIX = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const MAX_HOST_LENGTH = 253;

/**
 * ACM certificate ARNs. The commercial partition's CloudFront takes certificates from us-east-1
 * only; the China and GovCloud partitions are accepted with any of their regions, since the
 * rules there are not something this provider can verify.
 */
const CERTIFICATE_ARN = /^arn:(aws|aws-cn|aws-us-gov):acm:([a-z0-9-]+):(\d{12}):certificate\/[A-Za-z0-9-]+$/;

function prefixFailures(prefix: string): string[] {
    const problems: string[] = [];
    if (/[A-Z]/.test(prefix)) problems.push("must be lowercase");
    if (prefix.length > 63) problems.push(`must be at most 63 characters (got ${prefix.length})`);
    if (/[^a-zA-Z0-9-]/.test(prefix)) problems.push("may contain only lowercase letters, digits and hyphens");
    if (prefix.startsWith("-") || prefix.endsWith("-")) problems.push("must not start or end with a hyphen");
    const reserved = RESERVED_PREFIX_WORDS.filter((word) => prefix.toLowerCase().includes(word));
    if (reserved.length > 0) problems.push(`must not contain the reserved word${reserved.length > 1 ? "s" : ""} ${reserved.join(", ")}`);
    if (problems.length === 0 && !PREFIX.test(prefix)) problems.push("is not a valid prefix");
    return problems;
}

function hostFailures(host: string): string[] {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(host) || host.includes("/")) return ["must be a host name only, without https:// or a path"];
    const problems: string[] = [];
    if (/[A-Z]/.test(host)) problems.push("must be lowercase");
    if (host.length > MAX_HOST_LENGTH) problems.push(`must be at most ${MAX_HOST_LENGTH} characters (got ${host.length})`);
    if (host.endsWith(".")) problems.push("must not end with a dot");
    const labels = (host.endsWith(".") ? host.slice(0, -1) : host).split(".");
    if (labels.some((label) => label.length === 0)) problems.push("must not contain empty labels (two dots in a row, or a leading dot)");
    const invalid = labels.filter((label) => label.length > 0 && !LABEL.test(label.toLowerCase()));
    if (invalid.length > 0) {
        problems.push(
            `has invalid label${invalid.length > 1 ? "s" : ""} ${invalid.map((l) => `"${l}"`).join(", ")}: each label is 1 to 63 letters, digits or hyphens, not starting or ending with a hyphen`,
        );
    }
    const tld = labels[labels.length - 1];
    if (tld !== undefined && /^\d+$/.test(tld)) problems.push("must be a host name, not an IP address");
    return problems;
}

function certificateFailure(arn: string): string | undefined {
    const match = CERTIFICATE_ARN.exec(arn);
    if (!match) {
        return `customDomainConfig.certificateArn must be the ARN of an ACM certificate, arn:aws:acm:us-east-1:<account>:certificate/<id>`;
    }
    const [, partition, region] = match;
    if (partition === "aws" && region !== "us-east-1") {
        return `customDomainConfig.certificateArn must be a certificate in us-east-1: custom domains are served by CloudFront, which only uses ACM certificates from us-east-1, whatever the user pool's region (got a certificate in ${region}). Request or import the certificate in us-east-1`;
    }
    return undefined;
}

type Rule = (inputs: UserPoolDomainInputs) => CheckFailure[];

const rules: Rule[] = [
    function domainSyntax(inputs) {
        const domain = inputs.domain;
        if (typeof domain !== "string" || isUnknown(domain)) return [];
        if (isCustomDomain(domain)) {
            return hostFailures(domain).map((problem) => ({
                property: "domain",
                reason: `domain ${JSON.stringify(domain)} contains a dot, so it is a custom domain, and a custom domain ${problem}`,
            }));
        }
        return prefixFailures(domain).map((problem) => ({
            property: "domain",
            reason: `domain ${JSON.stringify(domain)} has no dot, so it is a prefix domain, and a prefix ${problem}`,
        }));
    },
    function certificateMatchesKind(inputs) {
        const domain = inputs.domain;
        if (typeof domain !== "string" || isUnknown(domain)) return [];
        const config = inputs.customDomainConfig;
        if (isUnknown(config)) return [];
        if (isCustomDomain(domain) && config === undefined) {
            return [{
                property: "customDomainConfig",
                reason: `customDomainConfig is required for the custom domain ${domain}: give customDomainConfig: { certificateArn } with an ACM certificate in us-east-1 that covers ${domain}`,
            }];
        }
        if (!isCustomDomain(domain) && config !== undefined) {
            return [{
                property: "customDomainConfig",
                reason: `customDomainConfig is only for custom domains; "${domain}" has no dot, so it is a prefix domain (served as ${domain}.auth.<region>.amazoncognito.com). Remove customDomainConfig, or give a full host name such as auth.example.com`,
            }];
        }
        return [];
    },
    function certificateArn(inputs) {
        const config = inputs.customDomainConfig;
        const arn = isPlainObject(config) ? config.certificateArn : undefined;
        if (typeof arn !== "string" || isUnknown(arn)) return [];
        const reason = certificateFailure(arn);
        return reason ? [{ property: "customDomainConfig.certificateArn", reason }] : [];
    },
];

/** Every failure of `inputs` at once: the schema's and the domain rules'. Never throws. */
export function validateUserPoolDomain(inputs: unknown): CheckFailure[] {
    if (!isPlainObject(inputs)) return [{ property: "", reason: `inputs must be an object (got ${describeValue(inputs)})` }];
    const { failures, wellFormed } = validateAgainstSchema(userPoolDomainSchema, validateShape, inputs);
    // Where the schema already failed a property (a wrong type, a domain longer than any host
    // name), the rules stay quiet about it.
    return combineFailures(failures, rules.flatMap((rule) => rule(wellFormed as UserPoolDomainInputs)));
}
