/**
 * find: the pool as AWS has it now, with "does not exist" mapped to undefined ("gone").
 */
import {
    CognitoIdentityProviderClient,
    DescribeUserPoolCommand,
    GetUserPoolMfaConfigCommand,
    GetUserPoolMfaConfigResponse,
    UserPoolType,
} from "@aws-sdk/client-cognito-identity-provider";
import { attempt, awsErrorName } from "../shared/errors";

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
