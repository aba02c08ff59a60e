/**
 * Which CreateUserPool failures may have created a pool. Only a server error or a connection
 * lost mid-request leaves the outcome unknown (so the provider looks for the pool by its creation
 * token); an error raised before anything was sent, such as missing credentials, surfaces at once.
 */
import {
    CognitoIdentityProviderClient,
    CreateUserPoolCommand,
    DescribeUserPoolCommand,
    ListUserPoolsCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { mockClient } from "aws-sdk-client-mock";
import { expect } from "chai";
import { resetClients, setStackRegion } from "../../provider/client";
import * as provider from "../../provider/userPool/provider";

describe("CreateUserPool failures and the creation-token lookup", () => {
    let cognito: ReturnType<typeof mockClient>;

    beforeEach(() => {
        cognito = mockClient(CognitoIdentityProviderClient);
        resetClients();
        setStackRegion("us-east-1");
    });
    afterEach(() => {
        cognito.restore();
        resetClients();
    });

    it("surfaces missing credentials at once, without looking for a pool", async () => {
        cognito.on(CreateUserPoolCommand).rejects(Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" }));
        const error = await provider.create({ poolName: "no-credentials" }).then(() => undefined, (e: Error) => e);
        expect(error?.message).to.equal(
            'CreateUserPool for user pool "no-credentials" failed: no AWS credentials were found: make credentials available as for the AWS CLI: ' +
                "AWS_PROFILE (after aws sso login, for an SSO profile), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (with AWS_SESSION_TOKEN for temporary keys)",
        );
        expect(cognito.commandCalls(ListUserPoolsCommand)).to.have.length(0);
        expect(cognito.commandCalls(CreateUserPoolCommand)).to.have.length(1);
    });

    it("looks for the pool after a connection reset, and adopts the one carrying its token", async () => {
        let token = "";
        cognito.on(CreateUserPoolCommand).callsFake((input: { UserPoolTags?: Record<string, string> }) => {
            token = input.UserPoolTags?.["pulumi-cognito-userpool:creation-token"] ?? "";
            throw Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
        });
        cognito.on(ListUserPoolsCommand).resolves({ UserPools: [{ Id: "us-east-1_other", Name: "lost" }, { Id: "us-east-1_mine", Name: "lost" }] });
        cognito.on(DescribeUserPoolCommand, { UserPoolId: "us-east-1_other" }).resolves({ UserPool: { Id: "us-east-1_other", Name: "lost", UserPoolTags: {} } });
        cognito.on(DescribeUserPoolCommand, { UserPoolId: "us-east-1_mine" }).callsFake(() => ({
            UserPool: { Id: "us-east-1_mine", Name: "lost", UserPoolTags: { "pulumi-cognito-userpool:creation-token": token } },
        }));
        const created = await provider.create({ poolName: "lost" });
        expect(created.id).to.equal("us-east-1_mine");
        expect(cognito.commandCalls(CreateUserPoolCommand)).to.have.length(1);
    });

    it("tries again after a server error when no pool carries its token", async () => {
        cognito
            .on(CreateUserPoolCommand)
            .rejectsOnce(Object.assign(new Error("Internal error"), { name: "InternalErrorException", $metadata: { httpStatusCode: 500 } }))
            .resolves({ UserPool: { Id: "us-east-1_second", Name: "retry" } });
        cognito.on(ListUserPoolsCommand).resolves({ UserPools: [] });
        const created = await provider.create({ poolName: "retry" });
        expect(created.id).to.equal("us-east-1_second");
        expect(cognito.commandCalls(ListUserPoolsCommand)).to.have.length(1);
    });
});
