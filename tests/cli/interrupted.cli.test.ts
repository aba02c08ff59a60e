/**
 * Interrupted runs through the real `pulumi` CLI against cognito-local: the `pulumi` process is
 * SIGKILLed while a CreateUserPool or an UpdateUserPool request is in flight, and the test records
 * what the engine leaves behind (its child processes, the lock, the state's pending operations)
 * and what the CLI prints on the next commands, then follows the steps the README gives until
 * exactly one pool carries the name: the one in the state, with no pending operation left.
 *
 * The in-flight window is made certain by a holding proxy defined here (the shared fault proxy
 * cannot say when a request arrives): it keeps the chosen request until the test releases it,
 * the CLI is killed the moment the request arrives, and the test then forwards it (AWS received
 * it and acts on it, as when a CI runner dies mid-request) or drops it (it never got there).
 */
import type { CognitoIdentityProviderClient, UserPoolDescriptionType } from "@aws-sdk/client-cognito-identity-provider";
import { DescribeUserPoolCommand, ListUserPoolsCommand } from "@aws-sdk/client-cognito-identity-provider";
import { expect } from "chai";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as http from "http";
import * as path from "path";
import type { ProgramSpec } from "./programs/declared/spec";
import { CREATION_TOKEN_INPUT, CREATION_TOKEN_TAG } from "../../provider/userPool/model";
import { runCli } from "../support/cli";
import { CognitoLocal, startCognitoLocal } from "../support/cognitoLocal";
import { listenOnLoopback } from "../support/loopback";
import { CliResult, cliForSuite, liveClient, PulumiStack, resourcesOfType, StackState, StateResource } from "../support/pulumiStack";
import { localProviderEnv } from "../support/target";
import type { PulumiCli } from "../../scripts/toolchain";

/** The recovery command as built (dist/bin/recover.js, installed as cognito-userpool-recover), run as docs/troubleshooting.md says. */
const RECOVER = path.join(__dirname, "..", "..", "bin", "recover.js");

const LOCKED = "error: the stack is currently locked by 1 lock(s). Either wait for the other process(es) to end or delete the lock file with `pulumi cancel`.";
const PENDING_WARNING = "warning: Attempting to deploy or update resources with 1 pending operations from previous deployment.";
const ONLY_INTERACTIVE = "Note that `pulumi refresh` will need to be run interactively to clear pending CREATE operations.";

interface PendingOperation {
    type: string;
    resource: StateResource & { custom?: boolean; provider?: string };
}

const pendingOf = (state: StackState): PendingOperation[] => (state.deployment.pending_operations ?? []) as PendingOperation[];

// ---------------------------------------------------------------------------------------------
// The holding proxy.

interface Held {
    /** Resolves when the held request has arrived (its body read). */
    arrived: Promise<void>;
    /** Forwards the request and waits for cognito-local's answer, or drops it without forwarding. */
    release(forward: boolean): Promise<void>;
}

interface HoldingProxy {
    endpoint: string;
    /** Every operation forwarded to cognito-local, in order. */
    forwarded: string[];
    /** Holds the next `count` requests for `operation` until released. */
    hold(operation: string, count?: number): Held;
    stop(): Promise<void>;
}

async function startHoldingProxy(upstream: string): Promise<HoldingProxy> {
    const target = new URL(upstream);
    const forwarded: string[] = [];
    let armed: { operation: string; remaining: number; onArrival: (forward: (go: boolean) => Promise<void>) => void } | undefined;

    function send(req: http.IncomingMessage, body: Buffer, res: http.ServerResponse, operation: string): Promise<void> {
        forwarded.push(operation);
        return new Promise((resolve) => {
            const request = http.request(
                { hostname: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...req.headers, host: target.host } },
                (answer) => {
                    const chunks: Buffer[] = [];
                    answer.on("data", (chunk: Buffer) => chunks.push(chunk));
                    answer.on("end", () => {
                        // The client may be dead by now (the killed CLI's provider): the answer then goes nowhere.
                        if (!res.destroyed) {
                            res.writeHead(answer.statusCode ?? 502, answer.headers);
                            res.end(Buffer.concat(chunks));
                        }
                        resolve();
                    });
                },
            );
            request.on("error", () => {
                res.destroy();
                resolve();
            });
            request.end(body);
        });
    }

    const server = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (chunk: Buffer) => chunks.push(chunk));
        req.on("end", () => {
            const operation = String(req.headers["x-amz-target"] ?? "").split(".").pop() ?? "";
            const body = Buffer.concat(chunks);
            if (armed && armed.operation === operation) {
                const { onArrival } = armed;
                if (--armed.remaining === 0) armed = undefined;
                onArrival(async (go) => {
                    if (go) await send(req, body, res, operation);
                    else res.destroy();
                });
                return;
            }
            void send(req, body, res, operation);
        });
    });
    const listening = await listenOnLoopback(server);
    return {
        endpoint: listening.endpoint,
        forwarded,
        hold(operation, count = 1) {
            const releases: Array<(go: boolean) => Promise<void>> = [];
            const arrived = new Promise<void>((resolve) => {
                armed = {
                    operation,
                    remaining: count,
                    onArrival: (forward) => {
                        releases.push(forward);
                        if (releases.length === count) resolve();
                    },
                };
            });
            return {
                arrived,
                release: async (go) => {
                    if (releases.length !== count) throw new Error(`${count} ${operation} requests were not all held`);
                    await Promise.all(releases.map((forward) => forward(go)));
                },
            };
        },
        stop: listening.stop,
    };
}

// ---------------------------------------------------------------------------------------------
// Processes: what a killed `pulumi` leaves running.

interface Proc {
    pid: number;
    ppid: number;
    command: string;
}

function processes(): Proc[] {
    const out = execFileSync("ps", ["-A", "-o", "pid=,ppid=,args="], { encoding: "utf8" });
    return out
        .split("\n")
        .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), command: m[3] }));
}

/** `root` and every process below it, by parent id. */
function tree(root: number): Proc[] {
    const all = processes();
    const found = all.filter((p) => p.pid === root);
    for (let i = 0; i < found.length; i++) found.push(...all.filter((p) => p.ppid === found[i].pid));
    return found;
}

const alive = (pid: number): boolean => processes().some((p) => p.pid === pid);

async function until(condition: () => boolean, ms: number): Promise<boolean> {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
        if (condition()) return true;
        await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return condition();
}

/** The four processes of a `pulumi up` of a Node.js program with a dynamic provider. */
interface RunProcesses {
    pulumi: Proc;
    languageHost: Proc;
    program: Proc;
    providerHost: Proc;
}

function roles(cli: PulumiCli, all: Proc[]): RunProcesses {
    const pulumi = all.find((p) => p.ppid === process.pid && p.command.startsWith(cli.path));
    const find = (what: string, test: (p: Proc) => boolean): Proc => {
        const found = all.find(test);
        if (!found) throw new Error(`no ${what} among the run's processes:\n${all.map((p) => `${p.pid} ${p.ppid} ${p.command}`).join("\n")}`);
        return found;
    };
    if (!pulumi) throw new Error("the pulumi process was not found");
    return {
        pulumi,
        languageHost: find("language host", (p) => p.ppid === pulumi.pid && /pulumi-language-nodejs/.test(p.command)),
        program: find("program", (p) => /@pulumi\/pulumi\/cmd\/run\//.test(p.command)),
        providerHost: find("dynamic provider host", (p) => p.ppid === pulumi.pid && /@pulumi\/pulumi\/cmd\/dynamic-provider\//.test(p.command)),
    };
}

interface Killed {
    /** What the killed `pulumi up` printed, and its exit code (null: killed by a signal). */
    result: CliResult;
    before: RunProcesses;
    /** Whether each process was alive three seconds after the kill. */
    afterKill: Record<keyof RunProcesses, boolean>;
    /** The orphans' parent after the kill (init, or the container's subreaper). */
    orphanParents: number[];
}

/** Pids this suite started that may still run; killed (by pid) by the suite's after hook. */
const started = new Set<number>();

/**
 * Runs `pulumi up`, SIGKILLs the `pulumi` process when `operation` arrives at the proxy, records
 * its processes before and after, ends the orphans it leaves (by pid), then forwards the held
 * request (it reaches cognito-local after the CLI died) or drops it.
 */
async function killDuring(cli: PulumiCli, stack: PulumiStack, proxy: HoldingProxy, operation: string, forward: boolean, count = 1): Promise<Killed> {
    const held = proxy.hold(operation, count);
    const run = stack.run(["up", "--yes", "--non-interactive", "--skip-preview"]);
    await Promise.race([held.arrived, run.then((r) => Promise.reject(new Error(`pulumi up ended before ${operation} arrived:\n${r.output}`)))]);
    const pulumiPid = processes().find((p) => p.ppid === process.pid && p.command.startsWith(cli.path))?.pid;
    if (pulumiPid === undefined) throw new Error("the pulumi process was not found");
    const before = roles(cli, tree(pulumiPid));
    for (const p of Object.values(before)) started.add(p.pid);
    process.kill(before.pulumi.pid, "SIGKILL");
    const result = await run;
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const afterKill = {
        pulumi: alive(before.pulumi.pid),
        languageHost: alive(before.languageHost.pid),
        program: alive(before.program.pid),
        providerHost: alive(before.providerHost.pid),
    };
    const orphanParents = processes().filter((p) => p.pid === before.languageHost.pid || p.pid === before.providerHost.pid).map((p) => p.ppid);
    // Nothing else would end them: neither host watches the engine. Ended before the request is
    // released, so the provider cannot act on its answer (a lost answer makes it look and retry).
    for (const pid of [before.languageHost.pid, before.providerHost.pid]) if (alive(pid)) process.kill(pid, "SIGKILL");
    expect(await until(() => !alive(before.languageHost.pid) && !alive(before.providerHost.pid), 10_000), "the orphans ended").to.equal(true);
    await held.release(forward);
    return { result, before, afterKill, orphanParents };
}

// ---------------------------------------------------------------------------------------------

async function allPools(client: CognitoIdentityProviderClient): Promise<UserPoolDescriptionType[]> {
    const pools: UserPoolDescriptionType[] = [];
    let nextToken: string | undefined;
    do {
        const page = await client.send(new ListUserPoolsCommand({ MaxResults: 60, NextToken: nextToken }));
        pools.push(...(page.UserPools ?? []));
        nextToken = page.NextToken;
    } while (nextToken);
    return pools;
}

const poolIdsNamed = async (client: CognitoIdentityProviderClient, name: string): Promise<string[]> =>
    (await allPools(client)).filter((p) => p.Name === name).map((p) => String(p.Id)).sort();

const program = (poolName: string, team: string): ProgramSpec => ({
    resources: [{ type: "UserPool", name: "users", args: { poolName, userPoolTags: { team } } }],
});

const POOL_URN = (stack: string, resource: string) => `urn:pulumi:${stack}::cli-test-declared::pulumi-nodejs:dynamic/cognito:UserPool::${resource}`;
const NO_CHANGES = ["preview", "--diff", "--expect-no-changes", "--non-interactive"];

describe("real CLI: pulumi killed while a pool is created or updated (cognito-local)", function () {
    this.timeout(600_000);
    let cli: PulumiCli;
    let emulator: CognitoLocal;
    let proxy: HoldingProxy;
    let live: CognitoIdentityProviderClient;
    const stacks: PulumiStack[] = [];

    before(async function () {
        cli = cliForSuite(this);
        emulator = await startCognitoLocal();
        proxy = await startHoldingProxy(emulator.endpoint);
        live = liveClient(emulator.endpoint);
    });

    after(async () => {
        for (const pid of started) if (alive(pid)) process.kill(pid, "SIGKILL");
        for (const stack of stacks) stack.remove();
        live?.destroy();
        await proxy?.stop();
        await emulator?.stop();
    });

    async function newStack(name: string, spec: ProgramSpec): Promise<PulumiStack> {
        const stack = await PulumiStack.declaring(cli, spec, {
            stack: name,
            env: localProviderEnv(proxy.endpoint),
            config: { "aws:region": "us-east-1" },
        });
        stacks.push(stack);
        return stack;
    }

    /** `pulumi stack export` as a file, the way a user keeps it. */
    async function exportTo(stack: PulumiStack, name: string): Promise<string> {
        const file = path.join(stack.workDir, name);
        fs.writeFileSync(file, (await stack.expect(["stack", "export"], 0)).stdout);
        return file;
    }

    /** The recovery tool on an exported state; its output imported with `pulumi stack import`. */
    async function recover(stack: PulumiStack, exported: string, flags: string[] = []): Promise<{ code: number | null; report: string; imported: string }> {
        const tool = await runCli(process.execPath, [RECOVER, ...flags, exported], proxy.endpoint);
        if (tool.code !== 0) return { code: tool.code, report: tool.stderr, imported: "" };
        const recovered = path.join(stack.workDir, "recovered.json");
        fs.writeFileSync(recovered, tool.stdout);
        const imported = await stack.expect(["stack", "import", "--file", recovered], 0);
        return { code: tool.code, report: tool.stderr, imported: imported.output };
    }

    describe("killed during CreateUserPool, the request reaching AWS: the recovery tool records the pool", function () {
        const name = "interrupted-create";
        let stack: PulumiStack;
        let killed: Killed;

        before(async () => {
            stack = await newStack("dev", program(name, "identity"));
            killed = await killDuring(cli, stack, proxy, "CreateUserPool", true);
        });

        it("pulumi dies at once; the program exits by itself; the language host and the provider host are orphaned and keep running", () => {
            expect(killed.result.code, "killed by a signal: no exit code").to.equal(null);
            expect(killed.result.output).to.match(/\+ {2}pulumi-nodejs:dynamic\/cognito:UserPool users creating/);
            expect(killed.afterKill).to.deep.equal({ pulumi: false, program: false, languageHost: true, providerHost: true });
            expect(killed.orphanParents, "re-parented away from the dead pulumi").to.have.length(2);
            for (const parent of killed.orphanParents) expect(parent).to.not.equal(killed.before.pulumi.pid);
        });

        it("the state: one pending operation of type creating with the checked inputs and the creation token the pool carries, and no resource", async () => {
            const state = await stack.exportState();
            const pending = pendingOf(state);
            expect(pending.map((op) => [op.type, op.resource.urn])).to.deep.equal([["creating", POOL_URN("dev", "users")]]);
            const { __provider: provider, [CREATION_TOKEN_INPUT]: token, ...inputs } = pending[0].resource.inputs ?? {};
            expect(inputs).to.deep.equal({ poolName: name, userPoolTags: { team: "identity" } });
            expect(provider, "the serialized provider").to.be.a("string");
            expect(token).to.match(/^[0-9a-f-]{36}$/);
            expect(pending[0].resource.id, "no id: the engine never heard back").to.equal(undefined);
            expect(pending[0].resource.outputs).to.equal(undefined);
            expect(resourcesOfType(state, "UserPool")).to.deep.equal([]);

            const ids = await poolIdsNamed(live, name);
            expect(ids, "the request reached cognito-local after the kill").to.have.length(1);
            const pool = await live.send(new DescribeUserPoolCommand({ UserPoolId: ids[0] }));
            expect(pool.UserPool?.UserPoolTags?.[CREATION_TOKEN_TAG]).to.equal(token);
        });

        it("the next command fails on the dead run's lock; pulumi cancel removes it", async () => {
            const refresh = await stack.run(["refresh", "--yes", "--non-interactive"]);
            expect(refresh.code).to.not.equal(0);
            expect(refresh.output).to.include(LOCKED);
            const cancel = await stack.expect(["cancel", "--yes"], 0);
            expect(cancel.output).to.include("The currently running update for 'dev' has been canceled!");
        });

        it("pulumi preview plans a plain create and says nothing of the pending create; pulumi refresh says nothing either and keeps it", async () => {
            const preview = await stack.expect(["preview", "--non-interactive"], 0);
            expect(preview.output).to.match(/\+ 1 to create/);
            expect(preview.output).not.to.match(/pending|interrupted/i);
            const refresh = await stack.expect(["refresh", "--yes", "--non-interactive"], 0);
            expect(refresh.output).not.to.match(/pending|interrupted/i);
            expect(pendingOf(await stack.exportState()).map((op) => op.type)).to.deep.equal(["creating"]);
        });

        it("the recovery tool records the pool, pulumi refresh reads it, and pulumi up creates nothing: one pool, no pending operation", async () => {
            const [poolId] = await poolIdsNamed(live, name);
            const from = proxy.forwarded.length;
            const tool = await recover(stack, await exportTo(stack, "after-kill.json"));
            expect(tool.code, tool.report).to.equal(0);
            expect(tool.report).to.include(`${POOL_URN("dev", "users")}: the interrupted create made user pool ${poolId}; recorded it in the state`);
            expect(tool.report).to.include("next: pulumi stack import --file <the state written here>, then pulumi refresh --yes (reads the recorded pool), then pulumi up");
            expect(tool.imported).to.include("Import complete.");

            let state = await stack.exportState();
            expect(pendingOf(state)).to.deep.equal([]);
            expect(resourcesOfType(state, "UserPool").map((r) => r.id)).to.deep.equal([poolId]);

            const refresh = await stack.expect(["refresh", "--yes", "--non-interactive"], 0);
            expect(refresh.output).to.match(/UserPool users/);
            const up = await stack.up();
            expect(up.output).to.match(/Resources:\s+2 unchanged/);
            expect(up.output).not.to.include(PENDING_WARNING);
            await stack.expect(NO_CHANGES, 0);

            expect(proxy.forwarded.slice(from).filter((o) => !/^(Describe|List|Get)/.test(o)), "recovery and up wrote nothing").to.deep.equal([]);
            state = await stack.exportState();
            expect(pendingOf(state)).to.deep.equal([]);
            const recorded = resourcesOfType(state, "UserPool");
            expect(recorded.map((r) => r.id)).to.deep.equal([poolId]);
            expect(recorded[0].outputs?.userPoolTags).to.deep.equal({ team: "identity" });
            expect(await poolIdsNamed(live, name), "exactly one pool, the one the killed run made").to.deep.equal([poolId]);

            await stack.destroy();
            expect(await poolIdsNamed(live, name)).to.deep.equal([]);
        });
    });

    describe("killed during CreateUserPool, then a plain pulumi up: a second pool, and the tool deletes the first", function () {
        const name = "interrupted-then-up";
        let stack: PulumiStack;

        before(async () => {
            stack = await newStack("dev", program(name, "identity"));
            await killDuring(cli, stack, proxy, "CreateUserPool", true);
            await stack.expect(["cancel", "--yes"], 0);
        });

        it("pulumi up warns of the pending create, creates a second pool, and keeps the pending create", async () => {
            const [first] = await poolIdsNamed(live, name);
            const up = await stack.up();
            expect(up.output).to.include(PENDING_WARNING);
            expect(up.output).to.include(`  * ${POOL_URN("dev", "users")}, interrupted while creating`);
            expect(up.output).to.include(ONLY_INTERACTIVE);
            expect(up.output).to.match(/Resources:\s+\+ 1 created/);
            const state = await stack.exportState();
            const second = String(resourcesOfType(state, "UserPool")[0].id);
            expect(second).to.not.equal(first);
            expect(pendingOf(state).map((op) => [op.type, op.resource.urn])).to.deep.equal([["creating", POOL_URN("dev", "users")]]);
            expect(await poolIdsNamed(live, name)).to.deep.equal([first, second].sort());
        });

        it("the recovery tool with --delete-orphans deletes the killed run's pool and drops the pending create: one pool", async () => {
            const state = await stack.exportState();
            const kept = String(resourcesOfType(state, "UserPool")[0].id);
            const [orphan] = (await poolIdsNamed(live, name)).filter((id) => id !== kept);
            const tool = await recover(stack, await exportTo(stack, "after-up.json"), ["--delete-orphans"]);
            expect(tool.code, tool.report).to.equal(0);
            expect(tool.report).to.include(
                `${POOL_URN("dev", "users")}: the interrupted create made user pool ${orphan}, but a later pulumi up created the resource again as user pool ${kept}; ` +
                    `dropped the pending create, and ${orphan} is in no state: deleted it`,
            );
            expect(pendingOf(await stack.exportState())).to.deep.equal([]);
            const up = await stack.up();
            expect(up.output).not.to.include(PENDING_WARNING);
            expect(up.output).to.match(/Resources:\s+2 unchanged/);
            expect(await poolIdsNamed(live, name)).to.deep.equal([kept]);
            await stack.destroy();
            expect(await poolIdsNamed(live, name)).to.deep.equal([]);
        });
    });

    describe("killed during two CreateUserPools: pulumi refresh --import-pending-creates and --clear-pending-creates lose both pools; the tool finds them", function () {
        const names = { a: "interrupted-flags-a", b: "interrupted-flags-b" };
        const twoPools: ProgramSpec = {
            resources: [
                { type: "UserPool", name: "a", args: { poolName: names.a } },
                { type: "UserPool", name: "b", args: { poolName: names.b } },
            ],
        };
        let stack: PulumiStack;
        let saved: string;

        before(async () => {
            stack = await newStack("dev", twoPools);
            await killDuring(cli, stack, proxy, "CreateUserPool", true, 2);
            await stack.expect(["cancel", "--yes"], 0);
            saved = await exportTo(stack, "after-kill.json");
        });

        it("the state holds two pending creates; refresh with --import-pending-creates <urn> <id> for one and --clear-pending-creates exits 0, drops both, and records neither pool", async () => {
            expect(pendingOf(await stack.exportState()).map((op) => [op.type, op.resource.urn]).sort()).to.deep.equal([
                ["creating", POOL_URN("dev", "a")],
                ["creating", POOL_URN("dev", "b")],
            ]);
            const [poolA] = await poolIdsNamed(live, names.a);
            const refresh = await stack.expect(
                ["refresh", "--yes", "--non-interactive", "--import-pending-creates", POOL_URN("dev", "a"), "--import-pending-creates", poolA, "--clear-pending-creates"],
                0,
            );
            expect(refresh.output).not.to.match(/pending|interrupted|import|warning/i);
            expect(refresh.output).to.match(/Resources:\s+1 unchanged/);
            const state = await stack.exportState();
            expect(pendingOf(state)).to.deep.equal([]);
            expect(resourcesOfType(state, "UserPool"), "both pools are in no state: pulumi up would make two more").to.deep.equal([]);
            expect(await poolIdsNamed(live, names.a)).to.deep.equal([poolA]);
            expect(await poolIdsNamed(live, names.b)).to.have.length(1);
        });

        it("the tool, on the state exported before that refresh, records both pools; pulumi up then creates nothing: one pool per name", async () => {
            const [poolA] = await poolIdsNamed(live, names.a);
            const [poolB] = await poolIdsNamed(live, names.b);
            const tool = await recover(stack, saved);
            expect(tool.code, tool.report).to.equal(0);
            expect(tool.report).to.include(`${POOL_URN("dev", "a")}: the interrupted create made user pool ${poolA}; recorded it in the state`);
            expect(tool.report).to.include(`${POOL_URN("dev", "b")}: the interrupted create made user pool ${poolB}; recorded it in the state`);
            await stack.expect(["refresh", "--yes", "--non-interactive"], 0);
            const up = await stack.up();
            expect(up.output).to.match(/Resources:\s+3 unchanged/);
            expect(resourcesOfType(await stack.exportState(), "UserPool").map((r) => r.id).sort()).to.deep.equal([poolA, poolB].sort());
            expect(await poolIdsNamed(live, names.a)).to.deep.equal([poolA]);
            expect(await poolIdsNamed(live, names.b)).to.deep.equal([poolB]);
            await stack.destroy();
            expect([...(await poolIdsNamed(live, names.a)), ...(await poolIdsNamed(live, names.b))]).to.deep.equal([]);
        });
    });

    describe("killed during CreateUserPool, the request never reaching AWS: the tool drops the pending create", function () {
        const name = "interrupted-never-sent";
        let stack: PulumiStack;

        before(async () => {
            stack = await newStack("dev", program(name, "identity"));
            await killDuring(cli, stack, proxy, "CreateUserPool", false);
            await stack.expect(["cancel", "--yes"], 0);
        });

        it("no pool exists; the tool says so and drops the pending create; pulumi up creates exactly one pool", async () => {
            expect(await poolIdsNamed(live, name)).to.deep.equal([]);
            const state = await stack.exportState();
            const token = String(pendingOf(state)[0].resource.inputs?.[CREATION_TOKEN_INPUT]);
            const tool = await recover(stack, await exportTo(stack, "after-kill.json"));
            expect(tool.code, tool.report).to.equal(0);
            expect(tool.report).to.include(
                `${POOL_URN("dev", "users")}: no user pool carries its creation token ${token}, so the interrupted create made none; dropped the pending create`,
            );
            expect(pendingOf(await stack.exportState())).to.deep.equal([]);
            const up = await stack.up();
            expect(up.output).to.match(/Resources:\s+\+ 1 created/);
            const ids = await poolIdsNamed(live, name);
            expect(ids).to.have.length(1);
            expect(resourcesOfType(await stack.exportState(), "UserPool").map((r) => r.id)).to.deep.equal(ids);
            await stack.expect(NO_CHANGES, 0);
            await stack.destroy();
        });
    });

    for (const next of ["up", "refresh"] as const) {
        describe(`killed during UpdateUserPool, then pulumi ${next}: converged, with no leftovers`, function () {
            const name = `interrupted-update-${next}`;
            let stack: PulumiStack;
            let poolId: string;

            before(async () => {
                stack = await newStack("dev", program(name, "identity"));
                await stack.up();
                poolId = String(resourcesOfType(await stack.exportState(), "UserPool")[0].id);
                stack.writeProgram(program(name, "platform"));
            });

            it("the killed run left a pending operation of type updating with the new inputs and no id; the resource keeps the old inputs", async () => {
                const killed = await killDuring(cli, stack, proxy, "UpdateUserPool", true);
                expect(killed.result.code).to.equal(null);
                expect(killed.result.output).to.match(/~ {2}pulumi-nodejs:dynamic\/cognito:UserPool users updating .*\[diff: ~userPoolTags\]/);
                expect(killed.afterKill).to.deep.equal({ pulumi: false, program: false, languageHost: true, providerHost: true });
                const state = await stack.exportState();
                const pending = pendingOf(state);
                expect(pending.map((op) => [op.type, op.resource.urn, op.resource.id])).to.deep.equal([["updating", POOL_URN("dev", "users"), undefined]]);
                const { __provider: _provider, ...inputs } = pending[0].resource.inputs ?? {};
                expect(inputs, "an update records no creation token").to.deep.equal({ poolName: name, userPoolTags: { team: "platform" } });
                const [resource] = resourcesOfType(state, "UserPool");
                expect([resource.id, resource.inputs?.userPoolTags]).to.deep.equal([poolId, { team: "identity" }]);
                const described = await live.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
                expect(described.UserPool?.UserPoolTags?.team, "the update reached cognito-local after the kill").to.equal("platform");
                await stack.expect(["cancel", "--yes"], 0);
            });

            if (next === "up") {
                it("pulumi up warns of the pending update, applies the update again, and clears it", async () => {
                    const up = await stack.up();
                    expect(up.output).to.include(PENDING_WARNING);
                    expect(up.output).to.include(`  * ${POOL_URN("dev", "users")}, interrupted while updating`);
                    expect(up.output).to.match(/Resources:\s+~ 1 updated/);
                });
            } else {
                it("pulumi refresh reads the updated pool and clears the pending update, without a word about it; pulumi up changes nothing", async () => {
                    const refresh = await stack.expect(["refresh", "--yes", "--non-interactive"], 0);
                    expect(refresh.output).to.match(/UserPool users updated .*\[diff: ~userPoolTags\]/);
                    expect(refresh.output).not.to.match(/pending|interrupted/i);
                    expect(pendingOf(await stack.exportState())).to.deep.equal([]);
                    const up = await stack.up();
                    expect(up.output).to.match(/Resources:\s+2 unchanged/);
                });
            }

            it("no pending operation, no change left, one pool with the new tags", async () => {
                expect(pendingOf(await stack.exportState())).to.deep.equal([]);
                await stack.expect(NO_CHANGES, 0);
                expect(await poolIdsNamed(live, name)).to.deep.equal([poolId]);
                const described = await live.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
                expect(described.UserPool?.UserPoolTags?.team).to.equal("platform");
                await stack.destroy();
                expect(await poolIdsNamed(live, name)).to.deep.equal([]);
            });
        });
    }

    describe("afterwards", function () {
        it("no process of any killed run is left, and no pool", async () => {
            expect([...started].filter(alive)).to.deep.equal([]);
            expect((await allPools(live)).map((p) => p.Name)).to.deep.equal([]);
        });
    });
});
