import * as pulumi from "@pulumi/pulumi";
import { userPoolProvider } from "../providers";
import type { ArgsOf, OutputsOf } from "../shared/types";
import type { SchemaAttribute, UserPoolArgs as UserPoolInputShape } from "./inputs.generated";
import { computedOutputs, inputFields } from "./model";

/** Inputs of a {@link UserPool}: every property may be a pulumi.Input, at any depth. */
export type UserPoolArgs = ArgsOf<UserPoolInputShape>;

/** What the provider reports beyond the declared inputs. */
export interface UserPoolComputedOutputs {
    /** The user pool id (also the resource id), e.g. `us-east-1_AbCdEf123`. */
    userPoolId: string;
    /** The pool's ARN. */
    arn: string;
    /** The issuer host and path: `cognito-idp.<region>.amazonaws.com/<id>`. */
    endpoint: string;
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
    /** Every schema attribute as AWS reports it, standard and custom, with AWS's names (`custom:x`). */
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
        super(userPoolProvider, name, { ...props, ...args }, opts, "cognito", "UserPool");
    }
}
