/**
 * What actually goes over HTTP. aws-sdk-client-mock replaces `send`, so it sees the command input
 * before the SDK serializes it. Here the real SDK pipeline runs (serializer, signer, retry,
 * deserializer) and only the HTTP request handler of the provider's cached clients is replaced by
 * one that records request bodies and answers with JSON shaped like AWS's (awsJson1.1, dates as
 * epoch seconds, errors as {__type, message}).
 *
 * Behaviours modeled are cited from /work/shared/reference/cognito-behaviour.md ("doc L<n>").
 */
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { expect } from "chai";
import { Readable } from "stream";
import { cognitoClient, resetClients, setStackRegion } from "../../provider/client";
import { deleteUserPool, read, update } from "../../provider/userPool/provider";
import {
    CREATED,
    describedPool,
    hasNoStackTrace,
    LEGACY_VERIFICATION_MEMBERS,
    OUTPUT_ONLY_MEMBERS,
    POOL_ARN,
    POOL_ID,
    REGION,
    SERIALIZED_PROVIDER,
} from "./awsShapes";
import { rejection } from "../support/rejection";

type Props = Record<string, unknown>;

interface Sent {
    operation: string;
    body: Props;
}

interface Answer {
    status: number;
    body: unknown;
}

/** JSON as AWS's awsJson1.1 protocol writes it: timestamps as epoch seconds. */
function awsJson(value: unknown): string {
    return JSON.stringify(value, function (this: Record<string, unknown>, key: string, member: unknown) {
        const raw = this[key];
        return raw instanceof Date ? raw.getTime() / 1000 : member;
    });
}

/** DescribeUserPool's wire answer, including members this SDK version does not model. */
function describeAnswer(): Answer {
    const pool = describedPool() as Props;
    pool.LambdaConfig = { ...(pool.LambdaConfig as Props), FutureTrigger: { LambdaVersion: "V1_0", LambdaArn: "arn:aws:lambda:us-east-1:123456789012:function:future" } };
    return { status: 200, body: { UserPool: pool } };
}

function awsErrorAnswer(type: string, message: string): Answer {
    return { status: 400, body: { __type: type, message } };
}

function storedState(declared: Props): Props {
    return {
        __provider: SERIALIZED_PROVIDER,
        ...declared,
        declaredFields: Object.keys(declared).sort(),
        region: REGION,
        userPoolId: POOL_ID,
        arn: POOL_ARN,
        domain: "acme-auth",
    };
}

describe("UserPool provider: what reaches the wire through the real SDK serializer", function () {
    const credentialVariables = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"];
    const savedEnvironment: Record<string, string | undefined> = {};
    let sent: Sent[];
    let answers: Record<string, Answer[]>;

    function installHandler(client: CognitoIdentityProviderClient): void {
        (client.config as unknown as { requestHandler: unknown }).requestHandler = {
            async handle(request: { headers: Record<string, string>; body: unknown }) {
                const operation = String(request.headers["x-amz-target"]).split(".").pop() as string;
                const text = typeof request.body === "string" ? request.body : new TextDecoder().decode(request.body as Uint8Array);
                sent.push({ operation, body: JSON.parse(text) as Props });
                const queue = answers[operation] ?? [];
                const answer = queue.length > 1 ? (queue.shift() as Answer) : queue[0] ?? { status: 200, body: {} };
                return {
                    response: {
                        statusCode: answer.status,
                        reason: answer.status === 200 ? "OK" : "Bad Request",
                        headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": "7d6c5b4a-3928-4716-a5b4-c3d2e1f00112" },
                        body: Readable.from([Buffer.from(awsJson(answer.body))]),
                    },
                };
            },
            destroy() {},
        };
    }

    before(function () {
        for (const name of credentialVariables) savedEnvironment[name] = process.env[name];
        process.env.AWS_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
        process.env.AWS_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        delete process.env.AWS_SESSION_TOKEN;
    });

    after(function () {
        resetClients();
        setStackRegion(undefined);
        for (const name of credentialVariables) {
            if (savedEnvironment[name] === undefined) delete process.env[name];
            else process.env[name] = savedEnvironment[name];
        }
    });

    beforeEach(function () {
        resetClients();
        setStackRegion(REGION);
        sent = [];
        answers = {};
        // The provider reuses one client per region; patch the one it will get.
        installHandler(cognitoClient(REGION));
    });

    // doc L9-21: the full-state UpdateUserPool must carry every undeclared member, must not carry
    // output-only members, UnusedAccountValidityDays or the legacy verification-message copies.
    // Checked here on the HTTP body, after the SDK serializer.
    it("UpdateUserPool's HTTP body carries the live configuration without output-only members, UnusedAccountValidityDays or legacy copies", async function () {
        answers.DescribeUserPool = [describeAnswer()];
        const olds = storedState({ poolName: "acme-users", deletionProtection: "INACTIVE" });

        await update(POOL_ID, olds, { __provider: SERIALIZED_PROVIDER, poolName: "acme-users", deletionProtection: "ACTIVE" });

        expect(sent.map((s) => s.operation)).to.deep.equal(["DescribeUserPool", "UpdateUserPool"]);
        const body = sent[1].body;
        const live = describedPool() as Props;
        expect(body.UserPoolId).to.equal(POOL_ID);
        expect(body.PoolName).to.equal("acme-users");
        expect(body.DeletionProtection).to.equal("ACTIVE");
        for (const member of ["LambdaConfig", "UserPoolTags", "DeviceConfiguration", "AccountRecoverySetting", "UserPoolTier", "VerificationMessageTemplate", "UserAttributeUpdateSettings"]) {
            expect(body[member], member).to.deep.equal(live[member]);
        }
        expect(body.AdminCreateUserConfig).not.to.have.property("UnusedAccountValidityDays");
        for (const member of [...OUTPUT_ONLY_MEMBERS, ...LEGACY_VERIFICATION_MEMBERS]) expect(body, member).not.to.have.property(member);
    });

    // doc L9-12 (a trigger the tool did not model silently removed: terraform-provider-aws #46216)
    // and doc L140-141 (the SDK version is locked). LIMITATION of the SDK, not of the provider: the
    // SDK deserializer drops Describe members its model does not know and its serializer drops them
    // from requests, so anything AWS adds after the locked SDK version is reset by every full-state
    // UpdateUserPool. This test documents it; if it starts failing, the SDK now passes such members
    // through and the mock test's FutureSetting assertion describes the wire too.
    it("LIMITATION: members unknown to the installed SDK model never reach UpdateUserPool (AWS would reset them)", async function () {
        answers.DescribeUserPool = [describeAnswer()];
        const olds = storedState({ poolName: "acme-users" });

        await update(POOL_ID, olds, { __provider: SERIALIZED_PROVIDER, poolName: "acme-users", deletionProtection: "ACTIVE" });

        const body = sent[1].body;
        expect(body).not.to.have.property("FutureSetting");
        expect(body.LambdaConfig).not.to.have.property("FutureTrigger");
    });

    // API reference (awsJson1.1 timestamps are epoch seconds; the SDK gives Date objects); the
    // provider reports them as ISO 8601 strings.
    it("read turns AWS's epoch-second timestamps into ISO outputs", async function () {
        answers.DescribeUserPool = [describeAnswer()];

        const result = await read(POOL_ID, storedState({ poolName: "acme-users" }));

        expect(result.id).to.equal(POOL_ID);
        expect(result.props?.creationDate).to.equal(CREATED.toISOString());
        expect(result.props?.arn).to.equal(POOL_ARN);
    });

    // doc L79-82 with the errors as AWS sends them ({__type, message}, HTTP 400), deserialized by
    // the SDK into its exception classes.
    it("DeleteUserPool: AWS's JSON errors for deletion protection, a domain and a missing pool", async function () {
        answers.DeleteUserPool = [
            awsErrorAnswer(
                "InvalidParameterException",
                "The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.",
            ),
            awsErrorAnswer("InvalidParameterException", "User pool cannot be deleted. It has a domain configured that should be deleted first."),
            awsErrorAnswer("ResourceNotFoundException", `User pool ${POOL_ID} does not exist.`),
        ];
        const state = storedState({ poolName: "acme-users" });

        const protectedError = await rejection(deleteUserPool(POOL_ID, state));
        expect(protectedError.message).to.match(/deletionProtection/);
        expect(protectedError.message).to.include("INACTIVE");
        expect(hasNoStackTrace(protectedError.message)).to.equal(true);

        const domainError = await rejection(deleteUserPool(POOL_ID, state));
        expect(domainError.message).to.match(/domain/i);
        expect(domainError.message).to.include("acme-auth");
        expect(hasNoStackTrace(domainError.message)).to.equal(true);

        await deleteUserPool(POOL_ID, state);
        expect(sent.map((s) => s.operation)).to.deep.equal(["DeleteUserPool", "DeleteUserPool", "DeleteUserPool"]);
    });

    // doc L19-21: AWS's answer to UnusedAccountValidityDays, as a real deserialized error: the user
    // sees the operation, the pool and AWS's sentence, nothing else.
    it("an UpdateUserPool error from AWS reads as one sentence with the operation, the pool and AWS's message", async function () {
        answers.DescribeUserPool = [describeAnswer()];
        answers.UpdateUserPool = [awsErrorAnswer("InvalidParameterException", "Please use TemporaryPasswordValidityDays in PasswordPolicy instead of UnusedAccountValidityDays")];

        const error = await rejection(
            update(POOL_ID, storedState({ poolName: "acme-users" }), { __provider: SERIALIZED_PROVIDER, poolName: "acme-users", deletionProtection: "ACTIVE" }),
        );

        expect(error.message).to.include("UpdateUserPool");
        expect(error.message).to.include(POOL_ID);
        expect(error.message).to.include("Please use TemporaryPasswordValidityDays in PasswordPolicy instead of UnusedAccountValidityDays");
        expect(error.message).not.to.include("\n");
        expect(hasNoStackTrace(error.message)).to.equal(true);
    });
});
