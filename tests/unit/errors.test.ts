/**
 * The AWS SDK's own errors (no region, no credentials, nobody at the endpoint) as the provider
 * and the commands report them: one sentence saying what to set. The errors are the SDK's real
 * ones, raised by a real client in an environment without AWS settings, and reach the message
 * through the provider's real read path.
 */
import { expect } from "chai";
import { describeError, describeFailure, setupProblem } from "../../provider/shared/errors";
import { read } from "../../provider/userPool/provider";
import { withCognitoClient } from "../../scripts/command";
import { DescribeUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
import { closedPort, DUMMY_CREDENTIALS, withAwsEnvironment } from "../support/awsEnvironment";

const POOL = "us-east-1_AbCdEf123";

/** The message `read` (pulumi refresh) fails with for a pool, in `env`. */
async function readFails(env: Record<string, string>, props: Record<string, unknown> = {}): Promise<string> {
    return withAwsEnvironment(env, async () => {
        const error = await read(POOL, props).then(() => undefined, (e: Error) => e);
        expect(error, "read should fail").to.be.instanceOf(Error);
        return (error as Error).message;
    });
}

describe("AWS SDK setup errors say what to set", function () {
    this.timeout(30_000);

    it("a missing region names the region input, aws:region and AWS_REGION", async () => {
        expect(await readFails({})).to.equal(
            `DescribeUserPool for user pool ${POOL} failed: no AWS region is set: set the resource's region input or the stack's aws:region ` +
                "(pulumi config set aws:region eu-west-1), or the AWS_REGION environment variable (the commands also take --region)",
        );
    });

    it("missing credentials name the ways the AWS CLI finds them", async () => {
        expect(await readFails({ AWS_REGION: "us-east-1" })).to.equal(
            `DescribeUserPool for user pool ${POOL} failed: no AWS credentials were found: make credentials available as for the AWS CLI: ` +
                "AWS_PROFILE (after aws sso login, for an SSO profile), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (with AWS_SESSION_TOKEN for temporary keys)",
        );
        // A named profile that does not exist: the SDK's reason is kept, with the same advice.
        const profile = await readFails({ AWS_REGION: "us-east-1", AWS_PROFILE: "no-such-profile" });
        expect(profile).to.match(/^DescribeUserPool for user pool \S+ failed: (no AWS credentials were found|the AWS credentials could not be loaded \(.+\)): make credentials available as for the AWS CLI/);
    });

    it("a refused connection names the endpoint and the variables that point there", async () => {
        const port = await closedPort();
        expect(await readFails({ ...DUMMY_CREDENTIALS, AWS_REGION: "us-east-1", AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: `http://127.0.0.1:${port}` })).to.equal(
            `DescribeUserPool for user pool ${POOL} failed: nothing accepts connections at 127.0.0.1:${port} (ECONNREFUSED): ` +
                "if AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER or AWS_ENDPOINT_URL names an emulator, start it there, otherwise unset the variable to reach AWS",
        );
    });

    it("a host that cannot be found, and a region that is no region name", async () => {
        const unknownHost = await readFails({ ...DUMMY_CREDENTIALS, AWS_REGION: "us-east-1", AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: "http://no-such-host.invalid" });
        expect(unknownHost).to.match(/failed: the host no-such-host\.invalid could not be found \((ENOTFOUND|EAI_AGAIN)\): check the network connection, the region/);
        expect(await readFails({ ...DUMMY_CREDENTIALS, AWS_REGION: "Europe West" })).to.equal(
            `DescribeUserPool for user pool ${POOL} failed: "Europe West" is not an AWS region name: set a region such as eu-west-1 in the resource's region input ` +
                "or the stack's aws:region (pulumi config set aws:region eu-west-1), or the AWS_REGION environment variable (the commands also take --region)",
        );
    });

    it("leaves AWS's own answers as they are, and words expired or refused credentials", () => {
        const answer = Object.assign(new Error("1 validation error detected"), { name: "InvalidParameterException" });
        expect(setupProblem(answer)).to.equal(undefined);
        expect(describeFailure("UpdateUserPool", `user pool ${POOL}`, answer).message).to.equal(
            `UpdateUserPool for user pool ${POOL} failed: InvalidParameterException: 1 validation error detected`,
        );
        expect(describeError(Object.assign(new Error("The security token included in the request is expired"), { name: "ExpiredTokenException" }))).to.equal(
            "the AWS credentials have expired (ExpiredTokenException): renew them (aws sso login for an SSO profile, or new temporary keys) and run again",
        );
        expect(describeError(Object.assign(new Error("The security token included in the request is invalid."), { name: "UnrecognizedClientException" }))).to.equal(
            "AWS does not accept the credentials (UnrecognizedClientException: The security token included in the request is invalid): check AWS_PROFILE, or AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN",
        );
        expect(describeError(new Error("plain"))).to.equal("plain");
    });

    it("the commands print the same sentence, and exit 2", async () => {
        const written: string[] = [];
        const write = process.stderr.write.bind(process.stderr);
        const code = await withAwsEnvironment({}, async () => {
            process.stderr.write = ((chunk: string | Uint8Array) => (written.push(String(chunk)), true)) as typeof process.stderr.write;
            try {
                return await withCognitoClient(undefined, (client) => client.send(new DescribeUserPoolCommand({ UserPoolId: POOL })).then(() => 0));
            } finally {
                process.stderr.write = write;
            }
        });
        expect(code).to.equal(2);
        expect(written.join("")).to.equal(
            "no AWS region is set: set the resource's region input or the stack's aws:region (pulumi config set aws:region eu-west-1), " +
                "or the AWS_REGION environment variable (the commands also take --region)\n",
        );
    });
});
