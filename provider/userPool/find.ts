/**
 * find: the pool as AWS has it now, with "does not exist" mapped to undefined ("gone").
 */
import {
    CognitoIdentityProviderClient,
    DescribeUserPoolCommand,
    GetUserPoolMfaConfigCommand,
    GetUserPoolMfaConfigResponse,
    ListUserPoolsCommand,
    UserPoolType,
} from "@aws-sdk/client-cognito-identity-provider";
import { attempt, awsErrorName } from "../shared/errors";
import { CREATION_TOKEN_TAG } from "./model";

export async function findUserPool(client: CognitoIdentityProviderClient, userPoolId: string): Promise<UserPoolType | undefined> {
    try {
        const { UserPool } = await client.send(new DescribeUserPoolCommand({ UserPoolId: userPoolId }));
        return UserPool;
    } catch (error) {
        if (awsErrorName(error) === "ResourceNotFoundException") return undefined;
        return attempt("DescribeUserPool", `user pool ${userPoolId}`, () => Promise.reject(error));
    }
}

export async function findMfaConfig(client: CognitoIdentityProviderClient, userPoolId: string): Promise<GetUserPoolMfaConfigResponse> {
    return attempt("GetUserPoolMfaConfig", `user pool ${userPoolId}`, () =>
        client.send(new GetUserPoolMfaConfigCommand({ UserPoolId: userPoolId })),
    );
}

/** The pool named `poolName` that carries `token` in its creation-token tag, if one exists. */
export async function findByCreationToken(client: CognitoIdentityProviderClient, poolName: string, token: string): Promise<UserPoolType | undefined> {
    let nextToken: string | undefined;
    do {
        const page = await attempt("ListUserPools", `user pools named "${poolName}"`, () =>
            client.send(new ListUserPoolsCommand({ MaxResults: 60, NextToken: nextToken })),
        );
        for (const summary of page.UserPools ?? []) {
            if (summary.Name !== poolName || !summary.Id) continue;
            const pool = await findUserPool(client, summary.Id);
            if (pool?.UserPoolTags?.[CREATION_TOKEN_TAG] === token) return pool;
        }
        nextToken = page.NextToken;
    } while (nextToken);
    return undefined;
}

/**
 * Every pool carrying `token` in its creation-token tag, among those named `poolName` (all pools
 * when the name is not known, e.g. a secret in the state). ListUserPools does not return tags, so
 * each candidate is described. Used only by recovery (recover.ts), never on a normal run.
 */
export async function findPoolsByCreationToken(client: CognitoIdentityProviderClient, poolName: string | undefined, token: string): Promise<UserPoolType[]> {
    const found: UserPoolType[] = [];
    let nextToken: string | undefined;
    do {
        const page = await attempt("ListUserPools", poolName === undefined ? "user pools" : `user pools named "${poolName}"`, () =>
            client.send(new ListUserPoolsCommand({ MaxResults: 60, NextToken: nextToken })),
        );
        for (const summary of page.UserPools ?? []) {
            if ((poolName !== undefined && summary.Name !== poolName) || !summary.Id) continue;
            const pool = await findUserPool(client, summary.Id);
            if (pool?.UserPoolTags?.[CREATION_TOKEN_TAG] === token) found.push(pool);
        }
        nextToken = page.NextToken;
    } while (nextToken);
    return found;
}
