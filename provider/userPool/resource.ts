import * as pulumi from "@pulumi/pulumi";
import { userPoolProvider } from "../providers";
import type { ArgsOf, OutputsOf } from "../shared/types";
import type { SchemaAttribute, UserPoolArgs as UserPoolInputShape } from "./inputs.generated";
import { aliasFields, computedOutputs, fieldSchema, inputFields } from "./model";

/** Inputs of a {@link UserPool}: every property may be a pulumi.Input, at any depth. */
export type UserPoolArgs = ArgsOf<UserPoolInputShape>;

/** What the provider reports beyond the declared inputs. */
export interface UserPoolComputedOutputs {
    /** The user pool id (also the resource id), e.g. `us-east-1_AbCdEf123`. */
    userPoolId: string;
    /** The pool's ARN. */
    arn: string;
    /** The pool's host and path without a scheme, `cognito-idp.<region>.amazonaws.com/<id>`, as AWS names it (the provider name IAM and identity pools expect). */
    endpoint: string;
    /** The issuer of the pool's tokens (the `iss` claim): `https://cognito-idp.<region>.amazonaws.com/<id>`, or `https://issuer-cognito-idp.<region>.amazonaws.com/<id>` with `issuerConfiguration: { type: "UPDATED" }`. Append `/.well-known/openid-configuration` or `/.well-known/jwks.json` for discovery. */
    issuerUrl: string;
    /** When the pool was created (ISO 8601). */
    creationDate: string;
    /** When the pool was last modified (ISO 8601). */
    lastModifiedDate: string;
    /** AWS's estimate of the number of users in the pool. */
    estimatedNumberOfUsers: number;
    /** The prefix domain attached to the pool, if any. */
    domain: string | undefined;
    /** The custom domain attached to the pool, if any. */
    customDomain: string | undefined;
    /** The custom attributes as AWS reports them (`custom:x`, with the constraints AWS filled in), and the standard attributes the pool has differently from Cognito's defaults (for example a required `email`). Standard attributes at their defaults are the same in every pool and are left out. */
    schemaAttributes: SchemaAttribute[];
    /** The top-level inputs the program declared; the provider manages these and leaves all others alone. */
    declaredFields: string[];
    /** The region the pool lives in. */
    region: string;
}

/** adoptUserPoolId is read at create only: the state keeps it, but it is not an output to use. */
export interface UserPool extends OutputsOf<Omit<UserPoolInputShape, "region" | "adoptUserPoolId">>, OutputsOf<UserPoolComputedOutputs> {}

/**
 * An Amazon Cognito user pool. Declared inputs are authoritative (deeply); inputs the program
 * never declares keep whatever the pool has. Only usernameAttributes, aliasAttributes,
 * usernameConfiguration, region and changes to existing schema attributes replace the pool,
 * which deletes its users: the preview says which field forces it.
 */
export class UserPool extends pulumi.dynamic.Resource {
    constructor(name: string, args: UserPoolArgs, opts?: pulumi.CustomResourceOptions) {
        // Every output must be named at registration for the engine to expose it.
        const props: Record<string, unknown> = {};
        for (const key of [...inputFields, ...computedOutputs, "region"]) props[key] = undefined;
        super(userPoolProvider, name, { ...props, ...withAliasesFolded(args) }, opts, "cognito", "UserPool");
    }
}

/**
 * The deprecated messages (emailVerificationMessage, ...) folded into verificationMessageTemplate
 * here, in the program, rather than by check: the engine keeps a value secret only at the
 * property the program made secret, so a pulumi.secret() message moved by check to another
 * property would be stored and printed in plain text. Folded by an apply, the template is secret
 * whenever one of its parts is. (check folds them too, for inputs that do not come through this
 * class.)
 */
function withAliasesFolded(args: UserPoolArgs): Record<string, unknown> {
    const given = args as Record<string, pulumi.Input<unknown> | undefined>;
    const aliases = aliasFields.filter((field) => given[field] !== undefined);
    if (aliases.length === 0) return { ...args };
    const folded: Record<string, unknown> = { ...args };
    for (const alias of aliases) delete folded[alias];
    folded.verificationMessageTemplate = pulumi.all([pulumi.output(given.verificationMessageTemplate), ...aliases.map((a) => pulumi.output(given[a]))]).apply(([template, ...messages]) => {
        const out: Record<string, unknown> = { ...((template ?? {}) as Record<string, unknown>) };
        aliases.forEach((alias, i) => {
            const member = String(fieldSchema(alias)["x-deprecated"]).split(".").pop() as string;
            if (out[member] === undefined) out[member] = messages[i];
        });
        return out;
    });
    return folded;
}
