/**
 * What people do with a pool through the real `pulumi` CLI, checked for the one thing that must
 * never happen by accident: losing the pool and its users. Renaming and adding a custom attribute
 * update in place; a change that forces replacement says so before anything happens, and is
 * refused outright while deletion protection is on; a pool deleted outside Pulumi comes back
 * through refresh and up; an existing pool is adopted without a single write; and 30 pools in one
 * program are each created exactly once, whatever the engine's parallelism.
 *
 * Every suite talks to its emulator through a recording proxy defined here (the shared helpers
 * are not this file's to change). It logs each operation and its request, so a test can say
 * "no write happened" or "exactly 30 CreateUserPool calls", and it fills one gap both emulators
 * share: they accept PoolName in UpdateUserPool and ignore it (cognito-local and moto 5.2.5 both
 * keep the old name), where AWS renames the pool. The proxy remembers the name the provider sent
 * and reports it in DescribeUserPool and ListUserPools, as AWS would; the rename test also checks
 * the request itself, so the proxy can only make a correct provider pass.
 */
import type { CognitoIdentityProviderClient, UserPoolDescriptionType } from "@aws-sdk/client-cognito-identity-provider";
import {
    AdminCreateUserCommand,
    CreateUserPoolCommand,
    DeleteUserPoolCommand,
    DescribeUserPoolCommand,
    ListUserPoolsCommand,
    ListUsersCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { expect } from "chai";
import * as http from "http";
import type { DeclaredResource, ProgramSpec } from "./programs/declared/spec";
import { startCognitoLocal } from "../support/cognitoLocal";
import { listenOnLoopback } from "../support/loopback";
import { startMotoCognito } from "../support/motoCognito";
import { cliForSuite, liveClient, poolExists, PulumiStack, resourcesOfType, StackState, StateResource } from "../support/pulumiStack";
import { localProviderEnv } from "../support/target";
import { requireMoto } from "../support/toolGate";

type Json = Record<string, unknown>;

interface RecordedCall {
    operation: string;
    request: Json;
}

interface RecordingProxy {
    endpoint: string;
    calls: RecordedCall[];
    stop(): Promise<void>;
}

/** Operations that only read: anything else the provider sends changes something. */
const isRead = (operation: string): boolean => /^(Describe|Get|List)/.test(operation);

/** A loopback proxy in front of `upstream` that records every call and fills the rename gap (see the header). */
async function startRecordingProxy(upstream: string): Promise<RecordingProxy> {
    const target = new URL(upstream);
    const calls: RecordedCall[] = [];
    const renamed = new Map<string, string>();

    function forward(req: http.IncomingMessage, body: Buffer): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
        return new Promise((resolve, reject) => {
            // identity: the answers this proxy rewrites must arrive as plain JSON.
            const headers = { ...req.headers, host: target.host, "accept-encoding": "identity" };
            const request = http.request({ hostname: target.hostname, port: target.port, path: req.url, method: req.method, headers }, (response) => {
                const chunks: Buffer[] = [];
                response.on("data", (chunk: Buffer) => chunks.push(chunk));
                response.on("end", () => resolve({ status: response.statusCode ?? 502, headers: response.headers, body: Buffer.concat(chunks) }));
                response.on("error", reject);
            });
            request.on("error", reject);
            request.end(body);
        });
    }

    function withNames(operation: string, request: Json, answer: Json): Json {
        if (operation === "DescribeUserPool") {
            const pool = answer.UserPool as Json | undefined;
            const name = renamed.get(String(request.UserPoolId));
            return pool && name ? { ...answer, UserPool: { ...pool, Name: name } } : answer;
        }
        if (operation === "ListUserPools" && Array.isArray(answer.UserPools)) {
            const pools = (answer.UserPools as Json[]).map((p) => (renamed.has(String(p.Id)) ? { ...p, Name: renamed.get(String(p.Id)) } : p));
            return { ...answer, UserPools: pools };
        }
        return answer;
    }

    async function handle(req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): Promise<void> {
        const operation = String(req.headers["x-amz-target"] ?? "").split(".").pop() ?? "";
        const request = (body.length > 0 ? JSON.parse(body.toString("utf8")) : {}) as Json;
        calls.push({ operation, request });
        const answer = await forward(req, body);
        if (answer.status === 200 && operation === "UpdateUserPool" && typeof request.PoolName === "string") {
            renamed.set(String(request.UserPoolId), request.PoolName);
        }
        if (answer.status === 200 && operation === "DeleteUserPool") renamed.delete(String(request.UserPoolId));
        let text = answer.body;
        if (answer.status === 200 && (operation === "DescribeUserPool" || operation === "ListUserPools")) {
            text = Buffer.from(JSON.stringify(withNames(operation, request, JSON.parse(answer.body.toString("utf8")) as Json)));
        }
        const headers = { ...answer.headers, "content-length": String(text.length) };
        delete headers["transfer-encoding"];
        res.writeHead(answer.status, headers);
        res.end(text);
    }

    const server = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (chunk: Buffer) => chunks.push(chunk));
        req.on("end", () => {
            handle(req, Buffer.concat(chunks), res).catch((error: unknown) => {
                const text = JSON.stringify({ __type: "InternalErrorException", message: `recording proxy: ${error instanceof Error ? error.message : String(error)}` });
                res.writeHead(500, { "content-type": "application/x-amz-json-1.1", "x-amzn-errortype": "InternalErrorException" });
                res.end(text);
            });
        });
    });
    const listening = await listenOnLoopback(server);
    return { endpoint: listening.endpoint, calls, stop: listening.stop };
}

/** An emulator behind the recording proxy; `live` reads through the proxy, as AWS would answer. */
interface Emulated {
    proxy: RecordingProxy;
    live: CognitoIdentityProviderClient;
    env: NodeJS.ProcessEnv;
    stop(): Promise<void>;
}

async function emulate(kind: "moto" | "cognito-local"): Promise<Emulated> {
    const emulator = kind === "moto" ? await startMotoCognito() : await startCognitoLocal();
    const proxy = await startRecordingProxy(emulator.endpoint);
    const live = liveClient(proxy.endpoint);
    return {
        proxy,
        live,
        env: localProviderEnv(proxy.endpoint),
        async stop() {
            live.destroy();
            await proxy.stop();
            await emulator.stop();
        },
    };
}

/** The calls made since `from`, by operation name. */
const operationsSince = (proxy: RecordingProxy, from: number): string[] => proxy.calls.slice(from).map((c) => c.operation);

async function allPools(client: CognitoIdentityProviderClient): Promise<UserPoolDescriptionType[]> {
    const pools: UserPoolDescriptionType[] = [];
    let NextToken: string | undefined;
    do {
        const page = await client.send(new ListUserPoolsCommand({ MaxResults: 60, NextToken }));
        pools.push(...(page.UserPools ?? []));
        NextToken = page.NextToken;
    } while (NextToken);
    return pools;
}

async function usernames(client: CognitoIdentityProviderClient, userPoolId: string): Promise<string[]> {
    const users = await client.send(new ListUsersCommand({ UserPoolId: userPoolId }));
    return (users.Users ?? []).map((u) => String(u.Username));
}

function onlyPool(state: StackState): StateResource {
    const pools = resourcesOfType(state, "UserPool");
    expect(pools, "the state holds exactly one pool").to.have.length(1);
    return pools[0];
}

const pool = (name: string, args: Json, options?: DeclaredResource["options"]): DeclaredResource => ({ type: "UserPool", name, args, options });
const program = (...resources: DeclaredResource[]): ProgramSpec => ({ resources });

const PREVIEW_DIFF = ["preview", "--diff", "--non-interactive"];
const NO_CHANGES = ["preview", "--diff", "--expect-no-changes", "--non-interactive"];

describe("real CLI: renaming, a new custom attribute and replacements keep the pool and its users (moto)", function () {
    this.timeout(600_000);
    let emulated: Emulated;
    let stack: PulumiStack;
    let poolId: string;
    // deletionProtection is declared from the start so that turning it on later is the only change.
    const base = { poolName: "not-lost-before", deletionProtection: "INACTIVE" };

    before(async function () {
        const cli = cliForSuite(this);
        // moto: the deletion-protection test needs a pool that keeps DeletionProtection, which cognito-local drops.
        requireMoto(this);
        emulated = await emulate("moto");
        stack = await PulumiStack.declaring(cli, program(pool("users", base)), { stack: "dev", env: emulated.env, config: { "aws:region": "us-east-1" } });
    });

    after(async () => {
        stack?.remove();
        await emulated?.stop();
    });

    it("pulumi up creates the pool; a user is added to it outside Pulumi", async () => {
        const up = await stack.up();
        expect(up.output).to.match(/Resources:\s+\+ 2 created/);
        poolId = String(onlyPool(await stack.exportState()).id);
        await emulated.live.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: "alice", MessageAction: "SUPPRESS" }));
        expect(await usernames(emulated.live, poolId)).to.deep.equal(["alice"]);
    });

    it("renaming (poolName): the preview says update, not replace, and up renames the same pool, users kept", async () => {
        stack.writeProgram(program(pool("users", { ...base, poolName: "not-lost-after" })));
        const preview = await stack.expect(PREVIEW_DIFF, 0);
        expect(preview.output).to.match(/~ pulumi-nodejs:dynamic\/cognito:UserPool: \(update\)/);
        expect(preview.output).to.match(/~ poolName\s*: "not-lost-before" => "not-lost-after"/);
        expect(preview.output).to.match(/~ 1 to update/);
        expect(preview.output).not.to.match(/replace/);

        const from = emulated.proxy.calls.length;
        const up = await stack.up();
        expect(up.output).to.match(/UserPool users updated .*\[diff: ~poolName\]/);
        const calls = emulated.proxy.calls.slice(from);
        expect(calls.map((c) => c.operation), "one Describe and one Update, nothing created or deleted").to.deep.equal(["DescribeUserPool", "UpdateUserPool"]);
        expect(calls[1].request.PoolName, "the update carries the new name").to.equal("not-lost-after");

        expect(onlyPool(await stack.exportState()).id).to.equal(poolId);
        const described = await emulated.live.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
        expect(described.UserPool?.Name).to.equal("not-lost-after");
        expect(await usernames(emulated.live, poolId)).to.deep.equal(["alice"]);
        await stack.expect(NO_CHANGES, 0);
    });

    it("adding a custom attribute: an in-place update with AddCustomAttributes, users kept", async () => {
        const withTenant = { ...base, poolName: "not-lost-after", schema: [{ name: "tenant", attributeDataType: "String", mutable: true }] };
        stack.writeProgram(program(pool("users", withTenant)));
        const preview = await stack.expect(PREVIEW_DIFF, 0);
        expect(preview.output).to.match(/~ pulumi-nodejs:dynamic\/cognito:UserPool: \(update\)/);
        expect(preview.output).to.match(/~ 1 to update/);
        expect(preview.output).not.to.match(/replace/);

        const from = emulated.proxy.calls.length;
        await stack.up();
        const operations = operationsSince(emulated.proxy, from);
        expect(operations).to.include("AddCustomAttributes");
        expect(operations).not.to.include("CreateUserPool");
        expect(operations).not.to.include("DeleteUserPool");

        expect(onlyPool(await stack.exportState()).id).to.equal(poolId);
        const described = await emulated.live.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
        expect(described.UserPool?.SchemaAttributes?.map((a) => a.Name)).to.include("custom:tenant");
        expect(await usernames(emulated.live, poolId)).to.deep.equal(["alice"]);
        await stack.expect(NO_CHANGES, 0);
    });

    const current = { ...base, poolName: "not-lost-after", schema: [{ name: "tenant", attributeDataType: "String", mutable: true }] };

    it("usernameConfiguration.caseSensitive changed: preview --diff shows a replacement of that field, and calls nothing", async () => {
        stack.writeProgram(program(pool("users", { ...current, usernameConfiguration: { caseSensitive: false } })));
        const from = emulated.proxy.calls.length;
        const preview = await stack.expect(PREVIEW_DIFF, 0);
        expect(preview.output).to.match(/\+-pulumi-nodejs:dynamic\/cognito:UserPool: \(replace\)/);
        expect(preview.output).to.match(/~ usernameConfiguration\s*: \{\s*~ caseSensitive: true => false/);
        expect(preview.output).to.match(/\+-1 to replace/);
        // For a replacement the engine lays the old outputs beside the new inputs (a dynamic provider
        // cannot send a detailed diff), so `schema` shows as `~` for AWS's filled-in constraints; but
        // the only value that changes is the one forcing the replacement.
        const changedValues = [...preview.output.matchAll(/~ (\w+)\s*: .* => /g)].map((m) => m[1]);
        expect(changedValues).to.deep.equal(["caseSensitive"]);
        // Without --diff the step line names the fields the provider reported as forcing it.
        const summary = await stack.expect(["preview", "--non-interactive"], 0);
        expect(summary.output).to.match(/\+- pulumi-nodejs:dynamic\/cognito:UserPool users replace \[diff: \+usernameConfiguration\]/);
        expect(operationsSince(emulated.proxy, from), "a preview makes no API call").to.deep.equal([]);
        expect((await allPools(emulated.live)).map((p) => p.Id)).to.deep.equal([poolId]);
    });

    it("with deletionProtection ACTIVE, a replacing change fails preview and up with the provider's message, and nothing is created", async () => {
        const guarded = { ...current, deletionProtection: "ACTIVE" };
        stack.writeProgram(program(pool("users", guarded)));
        const protect = await stack.up();
        expect(protect.output).to.match(/\[diff: ~deletionProtection\]/);

        stack.writeProgram(program(pool("users", { ...guarded, aliasAttributes: ["email"] })));
        const from = emulated.proxy.calls.length;
        const message = new RegExp(
            `user pool ${poolId} would have to be replaced, which deletes all of its users, but its deletion protection is ACTIVE\\. ` +
                `Fields forcing replacement: aliasAttributes \\(aliasAttributes cannot be changed after a pool is created\\)`,
        );
        const preview = await stack.run(PREVIEW_DIFF);
        expect(preview.code, preview.output).not.to.equal(0);
        expect(preview.output).to.match(message);

        // Straight to the update, without the preview that would have stopped it.
        const up = await stack.run(["up", "--yes", "--non-interactive", "--skip-preview"]);
        expect(up.code, up.output).not.to.equal(0);
        expect(up.output).to.match(message);

        expect(operationsSince(emulated.proxy, from).filter((o) => !isRead(o)), "no write of any kind").to.deep.equal([]);
        expect((await allPools(emulated.live)).map((p) => p.Id)).to.deep.equal([poolId]);
        expect(onlyPool(await stack.exportState()).id).to.equal(poolId);
        expect(await usernames(emulated.live, poolId)).to.deep.equal(["alice"]);
    });

    it("reverting the change, turning deletion protection off and pulumi destroy delete the pool", async () => {
        stack.writeProgram(program(pool("users", current)));
        await stack.up();
        const destroy = await stack.destroy();
        expect(destroy.output).to.match(/Resources:\s+- 2 deleted/);
        expect(await poolExists(emulated.live, poolId)).to.equal(false);
    });
});

describe("real CLI: a pool deleted outside Pulumi (cognito-local)", function () {
    this.timeout(600_000);
    let emulated: Emulated;
    let stack: PulumiStack;
    let deletedId: string;
    const args = { poolName: "deleted-out-of-band", userPoolTags: { team: "identity" } };

    before(async function () {
        const cli = cliForSuite(this);
        emulated = await emulate("cognito-local");
        stack = await PulumiStack.declaring(cli, program(pool("users", args)), { stack: "dev", env: emulated.env, config: { "aws:region": "us-east-1" } });
        await stack.up();
        deletedId = String(onlyPool(await stack.exportState()).id);
        await emulated.live.send(new DeleteUserPoolCommand({ UserPoolId: deletedId }));
    });

    after(async () => {
        stack?.remove();
        await emulated?.stop();
    });

    it("pulumi preview --refresh --expect-no-changes fails: the pool would be created again", async () => {
        const preview = await stack.run(["preview", "--refresh", "--diff", "--expect-no-changes", "--non-interactive"]);
        expect(preview.code, preview.output).not.to.equal(0);
        expect(preview.output).to.match(/\+ 1 to create/);
    });

    it("an update before a refresh fails with the provider's advice, and creates nothing", async () => {
        stack.writeProgram(program(pool("users", { ...args, userPoolTags: { team: "platform" } })));
        const from = emulated.proxy.calls.length;
        const up = await stack.run(["up", "--yes", "--non-interactive", "--skip-preview"]);
        expect(up.code, up.output).not.to.equal(0);
        expect(up.output).to.include(`user pool ${deletedId} no longer exists; run pulumi refresh so that pulumi up creates it again`);
        expect(operationsSince(emulated.proxy, from).filter((o) => !isRead(o))).to.deep.equal([]);
        stack.writeProgram(program(pool("users", args)));
    });

    it("pulumi refresh --yes drops it from the state", async () => {
        const refresh = await stack.expect(["refresh", "--yes", "--non-interactive"], 0);
        expect(refresh.output).to.match(/UserPool users deleted/);
        expect(resourcesOfType(await stack.exportState(), "UserPool")).to.have.length(0);
    });

    it("pulumi up creates it again, and the next preview --expect-no-changes exits 0", async () => {
        const up = await stack.up();
        expect(up.output).to.match(/Resources:\s+\+ 1 created/);
        const recreated = String(onlyPool(await stack.exportState()).id);
        expect(recreated).not.to.equal(deletedId);
        const described = await emulated.live.send(new DescribeUserPoolCommand({ UserPoolId: recreated }));
        expect(described.UserPool?.Name).to.equal("deleted-out-of-band");
        expect((await allPools(emulated.live)).map((p) => p.Id)).to.deep.equal([recreated]);
        await stack.expect(NO_CHANGES, 0);
        deletedId = recreated;
    });

    it("deleted again: pulumi up --refresh recreates it in one command", async () => {
        await emulated.live.send(new DeleteUserPoolCommand({ UserPoolId: deletedId }));
        const up = await stack.up(["--refresh"]);
        expect(up.output).to.match(/\+ 1 created/);
        const recreated = String(onlyPool(await stack.exportState()).id);
        expect(recreated).not.to.equal(deletedId);
        expect((await allPools(emulated.live)).map((p) => p.Id)).to.deep.equal([recreated]);
        await stack.expect(NO_CHANGES, 0);
        await stack.destroy();
        expect(await poolExists(emulated.live, recreated)).to.equal(false);
    });
});

describe("real CLI: adopting a pool that already matches the program (moto)", function () {
    this.timeout(600_000);
    let emulated: Emulated;
    let stack: PulumiStack;
    let poolId: string;
    const declared = (id: string, tags: Record<string, string>): ProgramSpec =>
        program(
            pool("users", {
                adoptUserPoolId: id,
                poolName: "adopted",
                usernameAttributes: ["email"],
                usernameConfiguration: { caseSensitive: false },
                userPoolTags: tags,
            }),
        );

    before(async function () {
        const cli = cliForSuite(this);
        requireMoto(this);
        emulated = await emulate("moto");
        const created = await emulated.live.send(
            new CreateUserPoolCommand({ PoolName: "adopted", UsernameAttributes: ["email"], UsernameConfiguration: { CaseSensitive: false }, UserPoolTags: { team: "identity" } }),
        );
        poolId = String(created.UserPool?.Id);
        await emulated.live.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: "alice@example.com", MessageAction: "SUPPRESS" }));
        stack = await PulumiStack.declaring(cli, declared(poolId, { team: "identity" }), { stack: "dev", env: emulated.env, config: { "aws:region": "us-east-1" } });
    });

    after(async () => {
        stack?.remove();
        await emulated?.stop();
    });

    it("pulumi up records the existing pool without a single write, and its user is still there", async () => {
        const from = emulated.proxy.calls.length;
        const up = await stack.up();
        expect(up.output).to.match(/UserPool users created/);
        const operations = operationsSince(emulated.proxy, from);
        expect(operations, "the pool was read").to.include("DescribeUserPool");
        expect(operations.filter((o) => !isRead(o)), "adoption of a matching pool writes nothing").to.deep.equal([]);

        expect(onlyPool(await stack.exportState()).id).to.equal(poolId);
        expect((await allPools(emulated.live)).map((p) => p.Id)).to.deep.equal([poolId]);
        const users = await emulated.live.send(new ListUsersCommand({ UserPoolId: poolId }));
        expect(users.Users?.map((u) => u.Attributes?.find((a) => a.Name === "email")?.Value ?? u.Username)).to.deep.equal(["alice@example.com"]);
        await stack.expect(NO_CHANGES, 0);
    });

    it("a later change (a tag) updates the adopted pool in place", async () => {
        stack.writeProgram(declared(poolId, { team: "identity", owner: "platform" }));
        const preview = await stack.expect(PREVIEW_DIFF, 0);
        expect(preview.output).to.match(/~ 1 to update/);
        const from = emulated.proxy.calls.length;
        await stack.up();
        expect(operationsSince(emulated.proxy, from).filter((o) => !isRead(o))).to.deep.equal(["UpdateUserPool"]);
        const described = await emulated.live.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
        expect(described.UserPool?.UserPoolTags).to.include({ team: "identity", owner: "platform" });
        expect(onlyPool(await stack.exportState()).id).to.equal(poolId);
        expect(await usernames(emulated.live, poolId)).to.have.length(1);
        await stack.expect(NO_CHANGES, 0);
    });

    it("pulumi destroy deletes the adopted pool (it was not declared retainOnDelete)", async () => {
        const destroy = await stack.destroy();
        expect(destroy.output).to.match(/Resources:\s+- 2 deleted/);
        expect(resourcesOfType(await stack.exportState(), "UserPool")).to.have.length(0);
        expect(await poolExists(emulated.live, poolId)).to.equal(false);
    });
});

describe("real CLI: 30 pools in one program are each created exactly once (cognito-local)", function () {
    this.timeout(900_000);
    const COUNT = 30;
    let emulated: Emulated;
    let cli: ReturnType<typeof cliForSuite>;

    before(async function () {
        cli = cliForSuite(this);
        emulated = await emulate("cognito-local");
    });

    after(async () => {
        await emulated?.stop();
    });

    for (const run of [
        { label: "default parallelism", prefix: "many-default", flags: [] as string[] },
        { label: "--parallel 64, on a fresh stack", prefix: "many-parallel", flags: ["--parallel", "64"] },
    ]) {
        it(`pulumi up (${run.label}) then pulumi destroy`, async () => {
            const names = Array.from({ length: COUNT }, (_, i) => `${run.prefix}-${String(i).padStart(2, "0")}`);
            const stack = await PulumiStack.declaring(cli, program(...names.map((name) => pool(name, { poolName: name }))), {
                stack: "dev",
                env: emulated.env,
                config: { "aws:region": "us-east-1" },
            });
            try {
                const from = emulated.proxy.calls.length;
                const up = await stack.up(run.flags);
                expect(up.output).to.match(new RegExp(`Resources:\\s+\\+ ${COUNT + 1} created`));
                expect(operationsSince(emulated.proxy, from).filter((o) => o === "CreateUserPool"), "one CreateUserPool per pool").to.have.length(COUNT);

                const live = (await allPools(emulated.live)).filter((p) => String(p.Name).startsWith(`${run.prefix}-`));
                expect(live.map((p) => p.Name).sort(), "each name exactly once").to.deep.equal(names);
                const recorded = resourcesOfType(await stack.exportState(), "UserPool").map((r) => String(r.id));
                expect(recorded.sort()).to.deep.equal(live.map((p) => String(p.Id)).sort());

                const destroy = await stack.destroy(run.flags);
                expect(destroy.output).to.match(new RegExp(`Resources:\\s+- ${COUNT + 1} deleted`));
                expect((await allPools(emulated.live)).filter((p) => String(p.Name).startsWith(`${run.prefix}-`)), "nothing left").to.deep.equal([]);
                expect(resourcesOfType(await stack.exportState(), "UserPool")).to.have.length(0);
            } finally {
                stack.remove();
            }
        });
    }
});
