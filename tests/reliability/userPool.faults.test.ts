/**
 * Faults the provider must survive, injected by the fault proxy in front of cognito-local. The
 * provider runs in-process here so waits use a fake clock (IAM propagation retries take no real
 * time) and log lines can be captured.
 */
import {
    CognitoIdentityProviderClient,
    DescribeUserPoolCommand,
    ListUserPoolsCommand,
    UpdateUserPoolCommand,
    UserPoolType,
} from "@aws-sdk/client-cognito-identity-provider";
import { expect } from "chai";
import { resetClients, setStackRegion } from "../../provider/client";
import { Clock, setWaitDefaults } from "../../provider/shared/wait";
import { expandUpdate } from "../../provider/userPool/expand";
import { flattenSchemaAttributes, UserPoolState } from "../../provider/userPool/flatten";
import { CREATION_TOKEN_TAG } from "../../provider/userPool/model";
import * as provider from "../../provider/userPool/provider";
import { CognitoLocal, startCognitoLocal } from "../support/cognitoLocal";
import { FaultProxy, startFaultProxy } from "../support/faultProxy";
import { TEST_CREDENTIALS } from "../support/target";

const region = "us-east-1";

/** A clock whose sleeps return at once but advance its time, so two-minute waits run instantly. */
function instantClock(): Clock & { slept: number } {
    let now = 0;
    const clock = {
        slept: 0,
        now: () => now,
        sleep: async (ms: number) => {
            now += ms;
            clock.slept += ms;
        },
    };
    return clock;
}

describe("UserPool under faults (fault proxy in front of cognito-local)", function () {
    let emulator: CognitoLocal;
    let proxy: FaultProxy;
    let direct: CognitoIdentityProviderClient;
    let logLines: string[];
    let restoreWaits: () => void;
    const created: string[] = [];

    async function poolsNamed(name: string): Promise<string[]> {
        const page = await direct.send(new ListUserPoolsCommand({ MaxResults: 60 }));
        return (page.UserPools ?? []).filter((p) => p.Name === name).map((p) => p.Id as string);
    }

    function attempts(operation: string): number {
        return proxy.records.filter((r) => r.operation === operation).length;
    }

    async function createPool(inputs: Record<string, unknown>): Promise<{ id: string; state: UserPoolState }> {
        const result = await provider.create(inputs);
        created.push(result.id);
        return { id: result.id, state: result.outs as UserPoolState };
    }

    before(async () => {
        emulator = await startCognitoLocal();
        proxy = await startFaultProxy(emulator.endpoint);
        direct = new CognitoIdentityProviderClient({ region, endpoint: emulator.endpoint, credentials: TEST_CREDENTIALS });
        process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER = proxy.endpoint;
        process.env.AWS_ACCESS_KEY_ID = TEST_CREDENTIALS.accessKeyId;
        process.env.AWS_SECRET_ACCESS_KEY = TEST_CREDENTIALS.secretAccessKey;
    });

    beforeEach(() => {
        resetClients();
        setStackRegion(region);
        proxy.clearRules();
        proxy.records.splice(0);
        logLines = [];
        restoreWaits = setWaitDefaults({ clock: instantClock(), log: (line) => logLines.push(line) });
    });

    afterEach(() => restoreWaits());

    after(async () => {
        for (const id of created) await provider.deleteUserPool(id, { region }).catch(() => undefined);
        delete process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER;
        resetClients();
        direct.destroy();
        await proxy.stop();
        await emulator.stop();
    });

    it("retries throttling (TooManyRequestsException) with the SDK's strategy and creates one pool", async () => {
        proxy.addRule({ operation: "CreateUserPool", action: { kind: "error", type: "TooManyRequestsException", message: "Too many requests" }, times: 2 });
        const { id } = await createPool({ poolName: "throttled" });
        expect(attempts("CreateUserPool")).to.equal(3);
        expect(await poolsNamed("throttled")).to.deep.equal([id]);
    });

    it("retries transient 5xx on reads and updates", async () => {
        const { id, state } = await createPool({ poolName: "transient" });
        proxy.addRule({ operation: "DescribeUserPool", action: { kind: "error", type: "InternalErrorException", message: "boom", status: 500 }, times: 2 });
        proxy.addRule({ operation: "UpdateUserPool", action: { kind: "error", type: "InternalErrorException", message: "boom", status: 503 } });
        await provider.update(id, state, { poolName: "transient", userPoolTags: { a: "b" } });
        expect(attempts("DescribeUserPool")).to.equal(3);
        expect(attempts("UpdateUserPool")).to.equal(2);
    });

    it("does not retry LimitExceededException (a hard quota): one attempt, one clear sentence", async () => {
        proxy.addRule({ operation: "CreateUserPool", action: { kind: "error", type: "LimitExceededException", message: "The maximum number of user pools has been reached." }, times: 5 });
        const error = await provider.create({ poolName: "over-quota" }).then(() => undefined, (e: Error) => e);
        expect(attempts("CreateUserPool")).to.equal(1);
        expect(error?.message).to.equal('CreateUserPool for user pool "over-quota" failed: LimitExceededException: The maximum number of user pools has been reached.');
        expect(await poolsNamed("over-quota")).to.deep.equal([]);
    });

    it("does not retry validation errors", async () => {
        const { id, state } = await createPool({ poolName: "invalid-update" });
        proxy.addRule({ operation: "UpdateUserPool", action: { kind: "error", type: "InvalidParameterException", message: "Invalid lambda function configuration" }, times: 5 });
        const error = await provider.update(id, state, { poolName: "invalid-update", lambdaConfig: { preSignUp: "arn:aws:lambda:us-east-1:123456789012:function:f" } }).then(() => undefined, (e: Error) => e);
        expect(attempts("UpdateUserPool")).to.equal(1);
        expect(error?.message).to.match(/^UpdateUserPool for user pool .+ failed: InvalidParameterException: Invalid lambda function configuration$/);
    });

    it("waits out IAM propagation of a new SMS role on create, update and SetUserPoolMfaConfig, saying why", async () => {
        const sms = { snsCallerArn: "arn:aws:iam::123456789012:role/new-sms-role", externalId: "x" };
        proxy.addRule({ operation: "CreateUserPool", action: { kind: "error", type: "InvalidSmsRoleTrustRelationshipException", message: "Role does not have a trust relationship allowing Cognito to assume the role" }, times: 3 });
        const { id, state } = await createPool({ poolName: "iam", smsConfiguration: sms });
        expect(attempts("CreateUserPool")).to.equal(4);
        expect(logLines.join("\n")).to.include("InvalidSmsRoleTrustRelationshipException").and.include("IAM propagates");

        proxy.addRule({ operation: "SetUserPoolMfaConfig", action: { kind: "error", type: "InvalidSmsRoleAccessPolicyException", message: "Role does not have permission to publish with SNS" }, times: 2 });
        proxy.addRule({ operation: "UpdateUserPool", action: { kind: "error", type: "InvalidSmsRoleAccessPolicyException", message: "Role does not have permission to publish with SNS" }, times: 2 });
        await provider.update(id, state, { poolName: "iam", smsConfiguration: sms, mfaConfiguration: "OPTIONAL" });
        expect(attempts("SetUserPoolMfaConfig")).to.equal(3);
        expect(attempts("UpdateUserPool")).to.equal(3);
    });

    it("gives up on IAM propagation after two minutes", async () => {
        proxy.addRule({ operation: "CreateUserPool", action: { kind: "error", type: "InvalidSmsRoleTrustRelationshipException", message: "Role does not have a trust relationship" }, times: 1000 });
        const error = await provider.create({ poolName: "iam-never", smsConfiguration: { snsCallerArn: "arn:aws:iam::123456789012:role/r" } }).then(() => undefined, (e: Error) => e);
        expect(error?.message).to.include("CreateUserPool").and.include("InvalidSmsRoleTrustRelationshipException");
        const waited = attempts("CreateUserPool");
        expect(waited).to.be.greaterThan(5).and.lessThan(40);
    });

    it("retries ConcurrentModificationException from a fresh Describe, keeping the concurrent writer's change", async () => {
        const { id, state } = await createPool({ poolName: "concurrent", userPoolTags: { team: "a" } });
        proxy.addRule({
            operation: "UpdateUserPool",
            action: {
                kind: "error",
                type: "ConcurrentModificationException",
                message: "The user pool is being modified",
                // Another writer changes a field this program never declares, right now.
                beforeAnswer: async () => {
                    const live = (await direct.send(new DescribeUserPoolCommand({ UserPoolId: id }))).UserPool as UserPoolType;
                    await direct.send(new UpdateUserPoolCommand({ ...expandUpdate(live, {}, []), DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true } }));
                },
            },
        });
        await provider.update(id, state, { poolName: "concurrent", userPoolTags: { team: "b" } });
        expect(attempts("DescribeUserPool"), "one Describe per attempt").to.equal(2);
        const live = (await direct.send(new DescribeUserPoolCommand({ UserPoolId: id }))).UserPool as UserPoolType;
        expect(live.UserPoolTags?.team).to.equal("b");
        expect(live.DeviceConfiguration).to.deep.equal({ ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true });
    });

    it("a CreateUserPool whose response is lost does not leave two pools: the pool is found by its creation token", async () => {
        proxy.addRule({ operation: "CreateUserPool", action: { kind: "drop-response" } });
        const { id, state } = await createPool({ poolName: "lost-response", userPoolTags: { team: "x" } });
        expect(proxy.records.filter((r) => r.operation === "CreateUserPool").map((r) => r.outcome)).to.deep.equal(["drop-response"]);
        expect(await poolsNamed("lost-response")).to.deep.equal([id]);
        expect(logLines.join("\n")).to.include("creation token");
        // The token is the provider's own: never an output, never a diff.
        expect(state.userPoolTags).to.deep.equal({ team: "x" });
        expect(await provider.diff(id, state, { poolName: "lost-response", userPoolTags: { team: "x" } })).to.include({ changes: false });
        const live = (await direct.send(new DescribeUserPoolCommand({ UserPoolId: id }))).UserPool as UserPoolType;
        expect(live.UserPoolTags?.[CREATION_TOKEN_TAG]).to.be.a("string");
    });

    it("a CreateUserPool reset before it reached the emulator is simply tried again", async () => {
        proxy.addRule({ operation: "CreateUserPool", action: { kind: "reset" } });
        const { id } = await createPool({ poolName: "reset-create" });
        expect(await poolsNamed("reset-create")).to.deep.equal([id]);
        expect(attempts("ListUserPools")).to.be.greaterThan(0);
    });

    it("keeps the creation token through updates that declare tags", async () => {
        const { id, state } = await createPool({ poolName: "token-kept", userPoolTags: { a: "1" } });
        await provider.update(id, state, { poolName: "token-kept", userPoolTags: { b: "2" } });
        const live = (await direct.send(new DescribeUserPoolCommand({ UserPoolId: id }))).UserPool as UserPoolType;
        expect(Object.keys(live.UserPoolTags ?? {}).sort()).to.deep.equal(["b", CREATION_TOKEN_TAG]);
    });

    type Failure = Error & { id?: string; properties?: Record<string, unknown>; reasons?: string[] };

    async function failedUpdate(id: string, state: UserPoolState, desired: Record<string, unknown>): Promise<Failure | undefined> {
        return (await provider.update(id, state, { ...desired, __provider: "serialized" }).then(() => undefined, (e: unknown) => e)) as Failure | undefined;
    }

    async function liveAttributeNames(id: string): Promise<string[]> {
        return ((await direct.send(new DescribeUserPoolCommand({ UserPoolId: id }))).UserPool?.SchemaAttributes ?? []).map((a) => String(a.Name));
    }

    /** A pool with custom:tenant, and a program that adds custom:plan and changes its tags. */
    async function poolGainingAnAttribute(poolName: string) {
        const inputs = { poolName, userPoolTags: { t: "0" }, schema: [{ name: "tenant", attributeDataType: "String" }] };
        const { id, state } = await createPool(inputs);
        const desired = { ...inputs, userPoolTags: { t: "1" }, schema: [...inputs.schema, { name: "plan", attributeDataType: "String", stringAttributeConstraints: { maxLength: 32 } }] };
        proxy.records.splice(0);
        return { id, state, desired };
    }

    it("adds custom attributes first, then builds the full-state update from the Describe that also reads them back: three calls", async () => {
        const { id, state, desired } = await poolGainingAnAttribute("attribute-order");
        const result = await provider.update(id, state, desired);
        expect(proxy.records.map((r) => r.operation)).to.deep.equal(["AddCustomAttributes", "DescribeUserPool", "UpdateUserPool"]);
        const outs = result.outs as UserPoolState;
        const plan = (outs.schemaAttributes as Array<Record<string, unknown>>).find((a) => a.name === "custom:plan");
        expect(plan, "custom:plan as AWS reports it").to.deep.include({ name: "custom:plan", attributeDataType: "String" });
        expect(outs.userPoolTags).to.deep.equal({ t: "1" });
        const refreshed = await provider.read(id, outs);
        expect(refreshed.props?.schemaAttributes, "the next refresh finds the attributes as recorded").to.deep.equal(outs.schemaAttributes);
        expect(await provider.diff(id, refreshed.props as UserPoolState, desired)).to.include({ changes: false });
    });

    it("AddCustomAttributes failing first changes nothing: a plain error, and the next update from the old state finishes", async () => {
        const { id, state, desired } = await poolGainingAnAttribute("attribute-add-fails");
        proxy.addRule({ operation: "AddCustomAttributes", action: { kind: "error", type: "InvalidParameterException", message: "try again" } });
        const error = await failedUpdate(id, state, desired);
        expect(error?.message).to.match(/^AddCustomAttributes for user pool .+ failed: InvalidParameterException: try again$/);
        expect(error?.id, "nothing applied: not a partial failure").to.equal(undefined);
        expect(proxy.records.map((r) => r.operation)).to.deep.equal(["AddCustomAttributes"]);
        expect(await liveAttributeNames(id)).to.not.include("custom:plan");

        const finished = await provider.update(id, state, desired);
        expect(await liveAttributeNames(id)).to.include("custom:plan");
        expect(await provider.diff(id, finished.outs as UserPoolState, desired)).to.include({ changes: false });
    });

    it("UpdateUserPool failing after AddCustomAttributes is a partial failure recording the new attributes as AWS made them; the next update finishes without adding them again", async () => {
        const { id, state, desired } = await poolGainingAnAttribute("attribute-update-fails");
        proxy.addRule({ operation: "UpdateUserPool", action: { kind: "error", type: "InvalidParameterException", message: "Invalid lambda function configuration" } });
        const error = await failedUpdate(id, state, desired);
        expect(error?.message).to.match(/^UpdateUserPool for user pool .+ failed: InvalidParameterException: Invalid lambda function configuration$/);
        expect(error?.id).to.equal(id);
        expect(error?.properties?.__provider).to.equal("serialized");
        expect(error?.reasons).to.deep.equal([error?.message]);
        const recorded = error?.properties as UserPoolState;
        expect(await liveAttributeNames(id)).to.include("custom:plan");
        // The attributes as the failed update's Describe read them from AWS; the tags as before.
        const live = (await direct.send(new DescribeUserPoolCommand({ UserPoolId: id }))).UserPool as UserPoolType;
        expect(recorded.schemaAttributes).to.deep.equal(flattenSchemaAttributes(live));
        expect(recorded.schema).to.deep.equal(desired.schema);
        expect(recorded.userPoolTags).to.deep.equal({ t: "0" });

        const planned = await provider.diff(id, recorded, desired);
        expect(planned).to.deep.include({ changes: true, replaces: [] });
        proxy.records.splice(0);
        const finished = await provider.update(id, recorded, desired);
        expect(proxy.records.map((r) => r.operation), "the attribute is not added again").to.deep.equal(["DescribeUserPool", "UpdateUserPool"]);
        const after = (await direct.send(new DescribeUserPoolCommand({ UserPoolId: id }))).UserPool as UserPoolType;
        expect(after.UserPoolTags?.t).to.equal("1");
        expect(await provider.diff(id, finished.outs as UserPoolState, desired)).to.include({ changes: false });
    });

    it("DescribeUserPool failing after AddCustomAttributes is a partial failure recording the attributes as sent; the next update finishes and records AWS's own definitions", async () => {
        const { id, state, desired } = await poolGainingAnAttribute("attribute-describe-fails");
        proxy.addRule({ operation: "DescribeUserPool", action: { kind: "error", type: "NotAuthorizedException", message: "not allowed to describe" } });
        const error = await failedUpdate(id, state, desired);
        expect(error?.message).to.match(/^DescribeUserPool for user pool .+ failed: NotAuthorizedException: not allowed to describe$/);
        expect(error?.id).to.equal(id);
        expect(proxy.records.map((r) => r.operation)).to.deep.equal(["AddCustomAttributes", "DescribeUserPool"]);
        const recorded = error?.properties as UserPoolState;
        const names = (recorded.schemaAttributes as Array<Record<string, unknown>>).map((a) => a.name);
        expect(names, "the previous attributes and the added one, under the name AWS gives it").to.include.members(["custom:tenant", "custom:plan"]);
        expect(recorded.userPoolTags).to.deep.equal({ t: "0" });
        expect(await provider.diff(id, recorded, desired)).to.deep.include({ changes: true, replaces: [] });

        proxy.records.splice(0);
        const finished = await provider.update(id, recorded, desired);
        expect(proxy.records.map((r) => r.operation), "the attribute is not added again").to.deep.equal(["DescribeUserPool", "UpdateUserPool"]);
        const outs = finished.outs as UserPoolState;
        const refreshed = await provider.read(id, outs);
        expect(refreshed.props?.schemaAttributes, "AWS's own definitions, as a refresh reads them").to.deep.equal(outs.schemaAttributes);
        expect(await provider.diff(id, outs, desired)).to.include({ changes: false });
    });

    it("creates, refreshes, updates and deletes 50 pools in parallel under 15 writes/s and 15 reads/s: none fail, none duplicated, none left", async function () {
        this.timeout(180_000);
        proxy.setWriteRateLimit(15);
        proxy.setCategoryRateLimit("UserPoolRead", 15);
        try {
            const names = Array.from({ length: 50 }, (_, i) => `parallel-${i}`);
            const pools = await Promise.all(names.map((poolName) => provider.create({ poolName }).then((r) => ({ poolName, id: r.id, state: r.outs as UserPoolState }))));
            const refreshed = await Promise.all(pools.map((p) => provider.read(p.id, p.state)));
            expect(refreshed.map((r) => r.id), "every pool found by its refresh").to.deep.equal(pools.map((p) => p.id));
            const updated = await Promise.all(pools.map((p) => provider.update(p.id, p.state, { poolName: p.poolName, userPoolTags: { wave: "2" } }).then((r) => ({ ...p, state: r.outs as UserPoolState }))));
            const listed = await direct.send(new ListUserPoolsCommand({ MaxResults: 60 }));
            const parallel = (listed.UserPools ?? []).filter((p) => p.Name?.startsWith("parallel-"));
            expect(parallel.length, "one pool per name").to.equal(50);
            expect(new Set(parallel.map((p) => p.Name)).size).to.equal(50);
            await Promise.all(updated.map((p) => provider.deleteUserPool(p.id, p.state)));
            const after = await direct.send(new ListUserPoolsCommand({ MaxResults: 60 }));
            expect((after.UserPools ?? []).filter((p) => p.Name?.startsWith("parallel-"))).to.deep.equal([]);
            const throttled = proxy.records.filter((r) => r.outcome === "throttled").length;
            console.log(`      150 writes and 100 reads at 15/s each: ${throttled} throttled answers retried`);
        } finally {
            proxy.setWriteRateLimit(undefined);
            proxy.setCategoryRateLimit("UserPoolRead", undefined);
        }
    });
});
