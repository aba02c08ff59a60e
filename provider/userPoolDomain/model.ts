/**
 * What the UserPoolDomain resource is made of: its schema, which fields exist and how each is
 * applied. Everything field-related is derived from schema/user-pool-domain.schema.json.
 */
import { resolve, SchemaNode } from "../shared/schema";
import userPoolDomainSchemaJson from "../../schema/user-pool-domain.schema.json";

export const userPoolDomainSchema = userPoolDomainSchemaJson as unknown as SchemaNode;

const topLevel: Record<string, SchemaNode> = userPoolDomainSchema.properties ?? {};

export function fieldSchema(field: string): SchemaNode {
    const node = topLevel[field];
    if (!node) throw new Error(`unknown user pool domain field ${field}`);
    return resolve(userPoolDomainSchema, node);
}

/** Every top-level input a program may declare. */
export const inputFields: string[] = Object.keys(topLevel);

/** Inputs the provider itself consumes (never a request member). */
export const providerOnlyFields: string[] = inputFields.filter((f) => topLevel[f]["x-provider-only"] === true);

/** Inputs sent to CreateUserPoolDomain / UpdateUserPoolDomain. */
export const requestFields: string[] = inputFields.filter((f) => !providerOnlyFields.includes(f));

/** Outputs the provider computes in addition to the inputs. */
export const computedOutputs = [
    "cloudFrontDistribution",
    "hostedUiUrl",
    "awsAccountId",
    "s3Bucket",
    "version",
    "status",
] as const;

/** A custom domain is a host name; a prefix never contains a dot. */
export function isCustomDomain(domain: string): boolean {
    return domain.includes(".");
}

export type WaitPhase = "create" | "update" | "delete";

/**
 * Default wait deadlines in minutes. Prefix domains are ACTIVE within about a minute; custom
 * domains wait for a CloudFront distribution, which AWS says can take up to an hour.
 */
export const DEFAULT_TIMEOUT_MINUTES: Record<"prefix" | "custom", Record<WaitPhase, number>> = {
    prefix: { create: 5, update: 5, delete: 5 },
    custom: { create: 60, update: 60, delete: 60 },
};

/** The host that serves a prefix domain's pages: `<prefix>.auth.<region>.amazoncognito.com`. */
export function prefixHost(prefix: string, region: string): string {
    return `${prefix}.auth.${region}.amazoncognito.com`;
}
