// Tests for the gRPC harness itself, using a tiny file-backed dummy provider. The provider is serialized exactly like
// pulumi.dynamic.Resource serializes providers and runs inside the real dynamic-provider host (a child process), so
// everything it needs at run time comes from files named in the stack config.
import * as childProcess from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { expect } from "chai";
import type * as pulumi from "@pulumi/pulumi";

import {
    PROVIDER_KEY,
    PropertyMap,
    ProviderCallError,
    ProviderHost,
    UNKNOWN,
    livePluginPids,
    makeUrn,
    serializeProvider,
    startProviderHost,
} from "./providerHost";
import { Engine, EngineError, OperationResult, ResourceSpec, typeToken } from "./engine";

const PROJECT_DIR = process.env.HARNESS_PROJECT_DIR ?? process.cwd();

type Inputs = Record<string, unknown>;
interface CloudObject {
    value: unknown;
    immutable: unknown;
    password?: unknown;
}
interface Cloud {
    next: number;
    objects: Record<string, CloudObject>;
}
interface LogEntry {
    event: string;
    pid: number;
    region?: string;
    token?: string;
    id?: string;
    olds?: Inputs;
    news?: Inputs;
    props?: Inputs;
}

interface DummyProvider extends pulumi.dynamic.ResourceProvider {
    logFile: string;
    cloudFile: string;
    region: string;
    log(entry: Record<string, unknown>): void;
    loadCloud(): Cloud;
    saveCloud(cloud: Cloud): void;
}

// The dummy provider. Only `this` and `require` are used inside, so the closure serializer captures nothing else.
// Behaviour is driven by inputs: value (update), immutable (replace), dbr (deleteBeforeReplace), noDiff (answer
// DIFF_UNKNOWN), rejectMe (check failure), failCreate ("partial" | "partial-no-provider" | "hard"), failUpdate.
const dummyProvider: DummyProvider = {
    logFile: "",
    cloudFile: "",
    region: "",
    log(entry: Record<string, unknown>): void {
        const fsx = require("fs") as typeof import("fs");
        fsx.appendFileSync(this.logFile, JSON.stringify({ ...entry, pid: process.pid }) + "\n");
    },
    loadCloud(): Cloud {
        const fsx = require("fs") as typeof import("fs");
        if (!fsx.existsSync(this.cloudFile)) {
            return { next: 1, objects: {} };
        }
        return JSON.parse(fsx.readFileSync(this.cloudFile, "utf8")) as Cloud;
    },
    saveCloud(cloud: Cloud): void {
        const fsx = require("fs") as typeof import("fs");
        fsx.writeFileSync(this.cloudFile, JSON.stringify(cloud));
    },
    async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
        this.logFile = req.config.require("harness:logFile");
        this.cloudFile = req.config.require("harness:cloudFile");
        this.region = req.config.require("aws:region");
        this.log({ event: "configure", region: this.region, token: req.config.get("harness:token") });
    },
    async check(olds: Inputs, news: Inputs): Promise<pulumi.dynamic.CheckResult> {
        this.log({ event: "check", region: this.region, olds, news });
        if (news.rejectMe === true) {
            return { failures: [{ property: "rejectMe", reason: "rejected on purpose" }] };
        }
        return { inputs: { ...news, checked: true } };
    },
    async diff(id: string, olds: Inputs, news: Inputs): Promise<pulumi.dynamic.DiffResult> {
        this.log({ event: "diff", id, olds, news });
        if (news.noDiff === true) {
            return {};
        }
        const replaces = olds.immutable !== news.immutable ? ["immutable"] : [];
        return {
            changes: olds.value !== news.value || replaces.length > 0,
            replaces,
            deleteBeforeReplace: news.dbr === true,
        };
    },
    async create(inputs: Inputs): Promise<pulumi.dynamic.CreateResult> {
        this.log({ event: "create", news: inputs });
        if (inputs.failCreate === "hard") {
            throw new Error("hard create failure");
        }
        const cloud = this.loadCloud();
        const id = `obj-${cloud.next++}`;
        cloud.objects[id] = { value: inputs.value, immutable: inputs.immutable, password: inputs.password };
        this.saveCloud(cloud);
        const outs = { ...inputs, arn: `arn:dummy:${id}` };
        if (inputs.failCreate === "partial") {
            throw Object.assign(new Error("created but unhealthy"), {
                id,
                properties: { ...outs, health: "bad" },
                reasons: ["health check failed"],
            });
        }
        if (inputs.failCreate === "partial-no-provider") {
            const props: Inputs = { ...outs, health: "bad" };
            delete props.__provider;
            throw Object.assign(new Error("created but unhealthy"), {
                id,
                properties: props,
                reasons: ["no provider"],
            });
        }
        return { id, outs };
    },
    async read(id: string, props: Inputs): Promise<pulumi.dynamic.ReadResult> {
        this.log({ event: "read", id, props });
        console.log(`dummy read ${id}`);
        const obj = this.loadCloud().objects[id];
        if (!obj) {
            return {};
        }
        return { id, props: { ...props, value: obj.value } };
    },
    async update(id: string, olds: Inputs, news: Inputs): Promise<pulumi.dynamic.UpdateResult> {
        this.log({ event: "update", id, olds, news });
        const cloud = this.loadCloud();
        cloud.objects[id] = { value: news.value, immutable: news.immutable, password: news.password };
        this.saveCloud(cloud);
        const outs = { ...news, arn: olds.arn };
        if (news.failUpdate === "partial") {
            throw Object.assign(new Error("updated but unhealthy"), {
                id,
                properties: { ...outs, health: "bad" },
                reasons: ["update health check failed"],
            });
        }
        return { outs };
    },
    async delete(id: string, props: Inputs): Promise<void> {
        this.log({ event: "delete", id, props });
        const cloud = this.loadCloud();
        if (!cloud.objects[id]) {
            throw new Error(`no such object ${id}`);
        }
        delete cloud.objects[id];
        this.saveCloud(cloud);
    },
};

// ---------------------------------------------------------------------------------------------------------------

interface Sandbox {
    dir: string;
    logFile: string;
    cloudFile: string;
    stackConfig: Record<string, string>;
}

function sandbox(): Sandbox {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "harness-"));
    const logFile = path.join(dir, "provider.log");
    const cloudFile = path.join(dir, "cloud.json");
    return {
        dir,
        logFile,
        cloudFile,
        stackConfig: {
            "aws:region": "eu-west-1",
            "harness:logFile": logFile,
            "harness:cloudFile": cloudFile,
            "harness:token": "s3cret-token",
        },
    };
}

function readLog(sb: Sandbox): LogEntry[] {
    if (!fs.existsSync(sb.logFile)) {
        return [];
    }
    return fs
        .readFileSync(sb.logFile, "utf8")
        .split("\n")
        .filter((l) => l.length > 0)
        .map((l) => JSON.parse(l) as LogEntry);
}

function readCloud(sb: Sandbox): Cloud {
    return fs.existsSync(sb.cloudFile)
        ? (JSON.parse(fs.readFileSync(sb.cloudFile, "utf8")) as Cloud)
        : { next: 1, objects: {} };
}

const RESOURCE_METHODS = new Set(["Check", "Diff", "Create", "Read", "Update", "Delete"]);

/** "Method:name" for every resource RPC of an operation, in order. */
function rpcTrace(result: Pick<OperationResult, "calls">): string[] {
    return result.calls
        .filter((c) => RESOURCE_METHODS.has(c.method))
        .map((c) => `${c.method}:${(c.urn ?? "").split("::").pop()}`);
}

/** True if the process exists and is not a zombie (an orphaned zombie may wait for a reaper in containers). */
function isAlive(pid: number): boolean {
    try {
        process.kill(pid, 0);
    } catch {
        return false;
    }
    try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
    } catch {
        return true;
    }
}

const TYPE = typeToken({});

describe("harness: providerHost (real dynamic-provider host over gRPC)", function () {
    let providerText: string;
    let sb: Sandbox;
    let host: ProviderHost | undefined;

    before(async function () {
        providerText = await serializeProvider(dummyProvider, PROJECT_DIR);
    });

    beforeEach(function () {
        sb = sandbox();
    });

    afterEach(async function () {
        await host?.stop();
        host = undefined;
    });

    const urn = (name: string) => {
        if (!host) {
            throw new Error("start the host first");
        }
        return makeUrn(host.stack, host.project, TYPE, name);
    };

    it("delivers Configure (whole stack config, secrets unwrapped) before the first Check", async function () {
        const t0 = performance.now();
        host = await startProviderHost({
            cwd: PROJECT_DIR,
            stackConfig: sb.stackConfig,
            secretConfigKeys: ["harness:token"],
        });
        const checked = await host.check({
            urn: urn("a"),
            olds: {},
            news: { value: "v1", [PROVIDER_KEY]: providerText },
        });
        const startToFirstCheckMs = performance.now() - t0;
        console.log(
            `      start-up: spawn->port ${host.startup.spawnToPortMs.toFixed(0)} ms, ready ${host.startup.readyMs.toFixed(0)} ms,` +
                ` first Check answered after ${startToFirstCheckMs.toFixed(0)} ms`,
        );

        expect(host.calls.map((c) => c.method)).to.deep.equal([
            "Handshake",
            "GetPluginInfo",
            "CheckConfig",
            "Configure",
            "Check",
        ]);
        expect(host.calls.every((c) => c.ms >= 0)).to.equal(true);
        expect(host.pluginVersion).to.match(/^3\./);
        const log = readLog(sb);
        expect(log.map((e) => e.event)).to.deep.equal(["configure", "check"]);
        expect(log[0]).to.include({ region: "eu-west-1", token: "s3cret-token" });
        expect(log[1].region).to.equal("eu-west-1");
        expect(log[1].pid).to.equal(host.pid);
        expect(log[1].pid).to.not.equal(process.pid);
        expect(checked.inputs).to.include({ value: "v1", checked: true });
        expect(checked.inputs[PROVIDER_KEY]).to.equal(providerText);
    });

    it("round-trips check/diff/create/read/update/delete", async function () {
        host = await startProviderHost({ cwd: PROJECT_DIR, stackConfig: sb.stackConfig });
        const u = urn("rt");
        const news = { value: "v1", immutable: "i1", [PROVIDER_KEY]: providerText };
        const { inputs } = await host.check({ urn: u, olds: {}, news });
        const created = await host.create({ urn: u, properties: inputs });
        expect(created.id).to.equal("obj-1");
        expect(created.properties).to.include({ value: "v1", arn: "arn:dummy:obj-1", checked: true });
        expect(created.properties[PROVIDER_KEY]).to.equal(providerText);
        expect(readCloud(sb).objects["obj-1"]).to.deep.equal({ value: "v1", immutable: "i1" });

        const same = await host.diff({
            id: created.id,
            urn: u,
            olds: created.properties,
            news: inputs,
            oldInputs: inputs,
        });
        expect(same).to.deep.include({ changes: "none", replaces: [], deleteBeforeReplace: false });
        const changed = { ...inputs, value: "v2" };
        expect(
            await host.diff({ id: created.id, urn: u, olds: created.properties, news: changed, oldInputs: inputs }),
        ).to.deep.include({
            changes: "some",
            replaces: [],
        });
        expect(
            await host.diff({
                id: created.id,
                urn: u,
                olds: created.properties,
                news: { ...inputs, immutable: "i2", dbr: true },
                oldInputs: inputs,
            }),
        ).to.deep.include({ changes: "some", replaces: ["immutable"], deleteBeforeReplace: true });
        expect(
            (
                await host.diff({
                    id: created.id,
                    urn: u,
                    olds: created.properties,
                    news: { ...changed, noDiff: true },
                    oldInputs: inputs,
                })
            ).changes,
        ).to.equal("unknown");

        const updated = await host.update({
            id: created.id,
            urn: u,
            olds: created.properties,
            news: changed,
            oldInputs: inputs,
        });
        expect(updated.properties).to.include({ value: "v2", arn: "arn:dummy:obj-1" });
        expect(readCloud(sb).objects["obj-1"].value).to.equal("v2");

        const read = await host.read({ id: created.id, urn: u, properties: updated.properties, inputs: changed });
        expect(read.id).to.equal("obj-1");
        expect(read.properties).to.include({ value: "v2" });

        await host.delete({ id: created.id, urn: u, properties: updated.properties, oldInputs: changed });
        expect(readCloud(sb).objects).to.deep.equal({});
        // A failing Delete is an error over gRPC; the host also prints it to stderr, which the harness captures.
        const again = await host
            .delete({ id: created.id, urn: u, properties: updated.properties, oldInputs: changed })
            .then(
                () => undefined,
                (e: unknown) => e as ProviderCallError,
            );
        expect(again).to.be.instanceOf(ProviderCallError);
        expect(again?.details).to.equal("no such object obj-1");
        expect(host.stderr()).to.include("no such object obj-1");
        // Provider console output after the port line is captured as well.
        expect(host.stdout()).to.include("dummy read obj-1");
        const events = readLog(sb).map((e) => e.event);
        expect(events).to.deep.equal([
            "configure",
            "check",
            "create",
            "diff",
            "diff",
            "diff",
            "diff",
            "update",
            "read",
            "delete",
            "delete",
        ]);
        // The diff saw old OUTPUTS (arn only exists there) as olds.
        expect(readLog(sb).find((e) => e.event === "diff")?.olds).to.include({ arn: "arn:dummy:obj-1" });
    });

    it("passes the unknown sentinel through to check and diff", async function () {
        host = await startProviderHost({ cwd: PROJECT_DIR, stackConfig: sb.stackConfig });
        const u = urn("unk");
        await host.check({ urn: u, olds: {}, news: { value: UNKNOWN, [PROVIDER_KEY]: providerText } });
        const olds = { value: "v1", [PROVIDER_KEY]: providerText };
        const d = await host.diff({
            id: "obj-9",
            urn: u,
            olds,
            news: { value: UNKNOWN, [PROVIDER_KEY]: providerText },
            oldInputs: olds,
        });
        expect(d.changes).to.equal("some");
        const log = readLog(sb);
        expect(log.find((e) => e.event === "check")?.news?.value).to.equal(UNKNOWN);
        expect(log.find((e) => e.event === "diff")?.news?.value).to.equal(UNKNOWN);
    });

    it("surfaces a thrown partial failure as initFailure (with __provider only if the provider put it there)", async function () {
        host = await startProviderHost({ cwd: PROJECT_DIR, stackConfig: sb.stackConfig });
        const u = urn("pf");
        const { inputs } = await host.check({
            urn: u,
            olds: {},
            news: { value: "v1", failCreate: "partial", [PROVIDER_KEY]: providerText },
        });
        const err = await host.create({ urn: u, properties: inputs }).then(
            () => undefined,
            (e: unknown) => e,
        );
        expect(err).to.be.instanceOf(ProviderCallError);
        const pce = err as ProviderCallError;
        expect(pce.method).to.equal("Create");
        expect(pce.details).to.equal("created but unhealthy");
        expect(pce.initFailure?.id).to.equal("obj-1");
        expect(pce.initFailure?.reasons).to.deep.equal(["health check failed"]);
        expect(pce.initFailure?.properties).to.include({ health: "bad", value: "v1" });
        expect(pce.initFailure?.properties[PROVIDER_KEY]).to.equal(providerText);

        // The host does not add __provider to partial-failure properties by itself.
        const bare = await host.create({ urn: u, properties: { ...inputs, failCreate: "partial-no-provider" } }).then(
            () => undefined,
            (e: unknown) => e as ProviderCallError,
        );
        expect(bare?.initFailure?.id).to.equal("obj-2");
        expect(bare?.initFailure?.properties).to.not.have.property(PROVIDER_KEY);

        // A plain error has no initFailure.
        const hard = await host.create({ urn: u, properties: { ...inputs, failCreate: "hard" } }).then(
            () => undefined,
            (e: unknown) => e as ProviderCallError,
        );
        expect(hard).to.be.instanceOf(ProviderCallError);
        expect(hard?.initFailure).to.equal(undefined);
        expect(hard?.details).to.equal("hard create failure");
    });

    it("reports a Read that returns no id as id ''", async function () {
        host = await startProviderHost({ cwd: PROJECT_DIR, stackConfig: sb.stackConfig });
        const props = { value: "v1", [PROVIDER_KEY]: providerText };
        const r = await host.read({ id: "obj-404", urn: urn("gone"), properties: props, inputs: props });
        expect(r.id).to.equal("");
        // The host still echoes __provider in the properties; the engine keys "gone" off the empty id.
        expect(Object.keys(r.properties)).to.deep.equal([PROVIDER_KEY]);
    });

    it("stop() kills the child, is idempotent, and later calls fail", async function () {
        const h = await startProviderHost({ cwd: PROJECT_DIR, stackConfig: sb.stackConfig });
        host = h;
        expect(isAlive(h.pid)).to.equal(true);
        expect(livePluginPids()).to.include(h.pid);
        await h.stop();
        await h.stop();
        const exit = await h.exited;
        expect(exit.code === null ? exit.signal : exit.code).to.not.equal(undefined);
        expect(isAlive(h.pid)).to.equal(false);
        expect(livePluginPids()).to.not.include(h.pid);
        const err = await h.check({ urn: urn("x"), olds: {}, news: {} }).then(
            () => undefined,
            (e: unknown) => e as Error,
        );
        expect(err?.message).to.match(/already stopped/);
    });

    for (const how of ["uncaught exception", "SIGTERM"] as const) {
        it(`leaves no plugin behind when the test process dies (${how})`, async function () {
            const script = `
                const h = require(${JSON.stringify(path.join(__dirname, "providerHost.js"))});
                h.startProviderHost({ cwd: ${JSON.stringify(PROJECT_DIR)}, stackConfig: {} }).then((host) => {
                    console.log(String(host.pid));
                    ${how === "SIGTERM" ? "setInterval(() => {}, 1000);" : 'setTimeout(() => { throw new Error("test crashed"); }, 500);'}
                });`;
            const proc = childProcess.spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "pipe"] });
            const pid = await new Promise<number>((resolve, reject) => {
                let out = "";
                proc.stdout.on("data", (d: Buffer) => {
                    out += d.toString();
                    if (out.includes("\n")) {
                        resolve(Number.parseInt(out, 10));
                    }
                });
                proc.once("exit", () => reject(new Error("test process exited before starting a host")));
            });
            try {
                expect(isAlive(pid)).to.equal(true);
                if (how === "SIGTERM") {
                    proc.kill("SIGTERM");
                }
                await new Promise((resolve) =>
                    proc.exitCode !== null || proc.signalCode !== null
                        ? resolve(undefined)
                        : proc.once("exit", resolve),
                );
                // SIGKILL is delivered synchronously from the parent's 'exit' hook; give the kernel a moment to reap.
                const deadline = Date.now() + 2000;
                while (isAlive(pid) && Date.now() < deadline) {
                    await new Promise((r) => setTimeout(r, 25));
                }
                expect(isAlive(pid)).to.equal(false);
            } finally {
                // Never leak the plugin, even when the cleanup under test is broken.
                if (isAlive(pid)) {
                    process.kill(pid, "SIGKILL");
                }
            }
        });
    }
});

describe("harness: engine (engine-ordered operations over gRPC)", function () {
    let providerText: string;
    let sb: Sandbox;
    let engine: Engine;

    before(async function () {
        providerText = await serializeProvider(dummyProvider, PROJECT_DIR);
    });

    beforeEach(function () {
        sb = sandbox();
        engine = new Engine({ cwd: PROJECT_DIR, stackConfig: sb.stackConfig });
    });

    afterEach(async function () {
        await engine.close();
        expect(livePluginPids()).to.deep.equal([]);
    });

    const res = (name: string, inputs: PropertyMap, extra: Partial<ResourceSpec> = {}): ResourceSpec => ({
        name,
        provider: providerText,
        inputs,
        ...extra,
    });

    it("up: create, then same, then update; DIFF_UNKNOWN falls back to the engine's input diff", async function () {
        const r1 = await engine.up([res("a", { value: "v1", immutable: "i" })]);
        expect(r1.steps.map((s) => `${s.op}:${s.name}`)).to.deep.equal(["create:a"]);
        expect(rpcTrace(r1)).to.deep.equal(["Check:a", "Create:a"]);
        const a1 = engine.resource("a");
        expect(a1?.id).to.equal("obj-1");
        expect(a1?.inputs).to.include({ value: "v1", checked: true });
        expect(a1?.outputs).to.include({ arn: "arn:dummy:obj-1" });

        const r2 = await engine.up([res("a", { value: "v1", immutable: "i" })]);
        expect(r2.steps.map((s) => s.op)).to.deep.equal(["same"]);
        expect(rpcTrace(r2)).to.deep.equal(["Check:a", "Diff:a"]);
        // Check got the stored inputs as olds.
        const checks = readLog(sb).filter((e) => e.event === "check");
        expect(checks[checks.length - 1].olds).to.include({ value: "v1", checked: true });

        const r3 = await engine.up([res("a", { value: "v2", immutable: "i" })]);
        expect(r3.steps[0]).to.deep.include({ op: "update", changedKeys: [], providerChanges: "some" });
        expect(rpcTrace(r3)).to.deep.equal(["Check:a", "Diff:a", "Update:a"]);
        expect(engine.resource("a")?.outputs).to.include({ value: "v2", arn: "arn:dummy:obj-1" });

        const r4 = await engine.up([res("a", { value: "v3", immutable: "i", noDiff: true })]);
        expect(r4.steps[0]).to.deep.include({
            op: "update",
            changedKeys: ["noDiff", "value"],
            providerChanges: "unknown",
        });
        const r5 = await engine.up([res("a", { value: "v3", immutable: "i", noDiff: true })]);
        expect(r5.steps[0]).to.deep.include({ op: "same", providerChanges: "unknown" });
        expect(readCloud(sb).objects["obj-1"].value).to.equal("v3");
    });

    it("replace: create-before-delete by default (old deleted last), delete-before-replace when asked", async function () {
        await engine.up([res("a", { value: "v", immutable: "i1" }), res("b", { value: "v", immutable: "i1" })]);
        const r = await engine.up([
            res("a", { value: "v", immutable: "i2" }),
            res("b", { value: "w", immutable: "i1" }),
        ]);
        expect(r.steps.map((s) => `${s.op}:${s.name}`)).to.deep.equal(["replace:a", "update:b"]);
        expect(r.steps[0]).to.deep.include({ replaceKeys: ["immutable"], deleteBeforeReplace: false });
        // Second Check with empty olds, new Create, then b's steps, and the old a deleted at the very end.
        expect(rpcTrace(r)).to.deep.equal([
            "Check:a",
            "Diff:a",
            "Check:a",
            "Create:a",
            "Check:b",
            "Diff:b",
            "Update:b",
            "Delete:a",
        ]);
        const checks = readLog(sb).filter((e) => e.event === "check");
        expect(checks[checks.length - 2].olds).to.deep.equal({});
        const deletes = readLog(sb).filter((e) => e.event === "delete");
        expect(deletes.map((e) => e.id)).to.deep.equal(["obj-1"]);
        expect(engine.resource("a")?.id).to.equal("obj-3");
        expect(engine.state.filter((s) => s.name === "a")).to.have.length(1);

        const d = await engine.up([
            res("a", { value: "v", immutable: "i3", dbr: true }),
            res("b", { value: "w", immutable: "i1" }),
        ]);
        expect(d.steps[0]).to.deep.include({ op: "replace", deleteBeforeReplace: true });
        expect(rpcTrace(d)).to.deep.equal([
            "Check:a",
            "Diff:a",
            "Check:a",
            "Delete:a",
            "Create:a",
            "Check:b",
            "Diff:b",
        ]);
        expect(Object.keys(readCloud(sb).objects).sort()).to.deep.equal(["obj-2", "obj-4"]);
    });

    it("preview: only Check and Diff go over the wire, state and cloud untouched", async function () {
        await engine.up([res("a", { value: "v1", immutable: "i" }), res("gone", { value: "x", immutable: "i" })]);
        const stateBefore = engine.state;
        const cloudBefore = readCloud(sb);
        const p = await engine.preview([
            res("a", { value: UNKNOWN, immutable: "i" }),
            res("b", { value: "new", immutable: "i" }),
        ]);
        expect(p.steps.map((s) => `${s.op}:${s.name}`)).to.deep.equal(["update:a", "create:b", "delete:gone"]);
        expect(rpcTrace(p)).to.deep.equal(["Check:a", "Diff:a", "Check:b"]);
        const diffs = readLog(sb).filter((e) => e.event === "diff");
        expect(diffs[diffs.length - 1].news?.value).to.equal(UNKNOWN);
        expect(engine.state).to.deep.equal(stateBefore);
        expect(readCloud(sb)).to.deep.equal(cloudBefore);

        // A replacement in preview still does the engine's second Check, but no Create/Delete.
        const p2 = await engine.preview([
            res("a", { value: "v1", immutable: "other" }),
            res("gone", { value: "x", immutable: "i" }),
        ]);
        expect(p2.steps.map((s) => s.op)).to.deep.equal(["replace", "same"]);
        expect(rpcTrace(p2)).to.deep.equal(["Check:a", "Diff:a", "Check:a", "Check:gone", "Diff:gone"]);

        // Unknowns are a preview-only thing.
        const err = await engine.up([res("a", { value: UNKNOWN, immutable: "i" })]).then(
            () => undefined,
            (e: unknown) => e as Error,
        );
        expect(err?.message).to.match(/unknown values/);
    });

    it("refresh: a Read without id drops the resource (preview --refresh plans a create, state untouched)", async function () {
        await engine.up([res("a", { value: "v1", immutable: "i" }), res("b", { value: "v1", immutable: "i" })]);
        // Out-of-band: obj-1 (a) deleted, obj-2 (b) drifted.
        const cloud = readCloud(sb);
        delete cloud.objects["obj-1"];
        cloud.objects["obj-2"].value = "drifted";
        fs.writeFileSync(sb.cloudFile, JSON.stringify(cloud));

        const before = engine.state;
        const p = await engine.preview(
            [res("a", { value: "v1", immutable: "i" }), res("b", { value: "v1", immutable: "i" })],
            {
                refresh: true,
            },
        );
        expect(p.refreshSteps.map((s) => `${s.op}:${s.name}:${s.reason}`)).to.deep.equal([
            "delete:a:gone",
            "update:b:refresh (preview)",
        ]);
        expect(p.steps.map((s) => `${s.op}:${s.name}`)).to.deep.equal(["create:a", "update:b"]);
        // Read, then the refresh Diff, then the normal Check/Diff.
        expect(rpcTrace(p)).to.deep.equal(["Read:a", "Read:b", "Diff:b", "Check:a", "Check:b", "Diff:b"]);
        expect(engine.state).to.deep.equal(before);

        const r = await engine.refresh();
        expect(r.steps.map((s) => `${s.op}:${s.name}`)).to.deep.equal(["delete:a", "update:b"]);
        expect(engine.state.map((s) => s.name)).to.deep.equal(["b"]);
        expect(engine.resource("b")?.outputs.value).to.equal("drifted");

        const u = await engine.up([
            res("a", { value: "v1", immutable: "i" }),
            res("b", { value: "v1", immutable: "i" }),
        ]);
        expect(u.steps.map((s) => `${s.op}:${s.name}`)).to.deep.equal(["create:a", "update:b"]);
        expect(readCloud(sb).objects["obj-2"].value).to.equal("v1");
    });

    it("partial failure: recorded with the returned id/properties, error surfaced, next up retries with Update", async function () {
        // A plain Create error records nothing.
        const hard = await engine.up([res("a", { value: "v1", immutable: "i", failCreate: "hard" })]).then(
            () => undefined,
            (e: unknown) => e as EngineError,
        );
        expect(hard).to.be.instanceOf(EngineError);
        expect(engine.state).to.deep.equal([]);

        const err = await engine.up([res("a", { value: "v1", immutable: "i", failCreate: "partial" })]).then(
            () => undefined,
            (e: unknown) => e,
        );
        expect(err).to.be.instanceOf(EngineError);
        const cause = (err as EngineError).cause;
        expect(cause).to.be.instanceOf(ProviderCallError);
        expect((cause as ProviderCallError).initFailure?.reasons).to.deep.equal(["health check failed"]);
        const a = engine.resource("a");
        expect(a?.id).to.equal("obj-1");
        expect(a?.initErrors).to.deep.equal(["health check failed"]);
        expect(a?.outputs).to.include({ health: "bad" });
        expect(a?.outputs[PROVIDER_KEY]).to.equal(providerText);

        // Unchanged inputs, but init errors in the state: the engine issues an Update.
        const r = await engine.up([res("a", { value: "v1", immutable: "i", failCreate: "partial" })]);
        expect(r.steps[0]).to.deep.include({ op: "update", reason: "init-errors", providerChanges: "none" });
        expect(rpcTrace(r)).to.deep.equal(["Check:a", "Diff:a", "Update:a"]);
        expect(engine.resource("a")?.initErrors).to.deep.equal([]);
        expect(engine.resource("a")?.outputs).to.not.have.property("health");

        // Partial failure on Update keeps the old id and records the reported properties.
        const uerr = await engine
            .up([res("a", { value: "v2", immutable: "i", failCreate: "partial", failUpdate: "partial" })])
            .then(
                () => undefined,
                (e: unknown) => e as EngineError,
            );
        expect(uerr).to.be.instanceOf(EngineError);
        expect(engine.resource("a")).to.deep.include({ id: "obj-1", initErrors: ["update health check failed"] });
        expect(engine.resource("a")?.outputs).to.include({ value: "v2", health: "bad" });
    });

    it("partial failure whose properties lack __provider leaves a state the host cannot Delete", async function () {
        await engine.up([res("a", { value: "v1", immutable: "i", failCreate: "partial-no-provider" })]).then(
            () => expect.fail("up should fail"),
            (e: unknown) => expect(e).to.be.instanceOf(EngineError),
        );
        expect(engine.resource("a")?.outputs).to.not.have.property(PROVIDER_KEY);
        const err = await engine.destroy().then(
            () => undefined,
            (e: unknown) => e as EngineError,
        );
        expect(err).to.be.instanceOf(EngineError);
        expect(rpcTrace(err as EngineError)).to.deep.equal(["Delete:a"]);
        expect(err?.message).to.match(/code must be a string/);
        expect(engine.state.map((s) => s.name)).to.deep.equal(["a"]);
    });

    it("secrets: sent in plain text, re-marked on the outputs for secret input keys", async function () {
        await engine.up([res("a", { value: "v1", immutable: "i", password: "hunter2" }, { secretKeys: ["password"] })]);
        const a = engine.resource("a");
        expect(a?.secretInputs).to.deep.equal(["password"]);
        expect(a?.secretOutputs).to.deep.equal(["password"]);
        expect(a?.outputs.password).to.equal("hunter2");
        const create = readLog(sb).find((e) => e.event === "create");
        expect(create?.news?.password).to.equal("hunter2");

        await engine.refresh();
        expect(engine.resource("a")?.secretOutputs).to.deep.equal(["password"]);
        await engine.up([res("a", { value: "v2", immutable: "i", password: "hunter2" })]);
        expect(engine.resource("a")?.secretOutputs).to.deep.equal([]);
    });

    it("orders registrations by dependsOn and destroys dependents first", async function () {
        const specs = [
            res("c", { value: "c", immutable: "i" }, { dependsOn: ["b"] }),
            res("b", { value: "b", immutable: "i" }, { dependsOn: ["a"] }),
            res("a", { value: "a", immutable: "i" }),
            res("solo", { value: "s", immutable: "i" }),
        ];
        const up = await engine.up(specs);
        expect(up.steps.map((s) => s.name)).to.deep.equal(["a", "b", "c", "solo"]);
        expect(engine.resource("c")?.dependencies).to.deep.equal([engine.urnOf({ name: "b" })]);

        const removed = await engine.up([specs[2], specs[3]]);
        expect(removed.steps.map((s) => `${s.op}:${s.name}`)).to.deep.equal([
            "same:a",
            "same:solo",
            "delete:c",
            "delete:b",
        ]);

        await engine.up(specs);
        const d = await engine.destroy();
        const order = rpcTrace(d);
        expect(order.indexOf("Delete:c")).to.be.lessThan(order.indexOf("Delete:b"));
        expect(order.indexOf("Delete:b")).to.be.lessThan(order.indexOf("Delete:a"));
        expect(order).to.have.length(4);
        expect(engine.state).to.deep.equal([]);
        expect(readCloud(sb).objects).to.deep.equal({});
    });

    it("check failures stop the deployment before any Create", async function () {
        const err = await engine.up([res("a", { value: "v", immutable: "i", rejectMe: true })]).then(
            () => undefined,
            (e: unknown) => e as EngineError,
        );
        expect(err).to.be.instanceOf(EngineError);
        expect(err?.checkFailures).to.deep.equal([{ property: "rejectMe", reason: "rejected on purpose" }]);
        expect(rpcTrace(err as EngineError)).to.deep.equal(["Check:a"]);
        expect(engine.state).to.deep.equal([]);
    });
});
