// Drives the Pulumi Node.js SDK's real dynamic-provider host (`@pulumi/pulumi/cmd/dynamic-provider`) over gRPC,
// the way the Pulumi engine does. Nothing in here calls provider code in-process: the provider runs in a child
// process and every interaction is a ResourceProvider RPC.
//
// What the engine does, and where that was checked (pulumi/pulumi, sdk/go/common/resource/plugin/provider_plugin.go
// unless noted otherwise):
//   * Spawns the plugin with the project directory as working directory, argv = [<engine address>], and env =
//     os.Environ() + PULUMI_NODEJS_PROJECT=<project> (only for the pulumi-nodejs package) + PULUMI_PROJECT=<project>
//     + PULUMI_CONFIG=<JSON of the config keys in the plugin's own namespace, namespace stripped>
//     (NewProvider; the JSON is built in plugin/host.go defaultHost.Provider). The dynamic host never dials the engine
//     address (cmd/dynamic-provider/index.js only checks that an argument exists), so no fake engine is started.
//   * Reads the port from the first stdout line, then calls Handshake (UNIMPLEMENTED in the dynamic host, which the
//     engine tolerates) and GetPluginInfo.
//   * The default provider resource for package `pulumi-nodejs` gets the *whole* stack config, keys kept
//     namespaced ("aws:region", "<project>:key"), secret config values marked secret (deploy/target.go
//     GetPackageConfig, isDynamicProvider). CheckConfig is UNIMPLEMENTED in the host, so the engine uses the news as
//     is. Configure then sends: args = those inputs marshalled with KeepSecrets (secrets as signature objects),
//     variables = {"pulumi-nodejs:config:<key>": <plain string>}, acceptSecrets/acceptResources/sendsOldInputs/
//     sendsOldInputsToDelete = true, plus urn/name/type/id of the provider resource.
//   * The host answers acceptSecrets=false and supportsPreview=false, so the engine strips secrets from everything it
//     sends (plain values on the wire), and never calls Create/Update over gRPC during a preview (the plugin wrapper
//     short-circuits them). Unknowns are only kept when the caller allows them (previews).
import * as childProcess from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { createRequire } from "module";

import type * as grpcTypes from "@grpc/grpc-js";
import type * as providerPbTypes from "@pulumi/pulumi/proto/provider_pb";
import type * as providerGrpcTypes from "@pulumi/pulumi/proto/provider_grpc_pb";
import type * as pluginPbTypes from "@pulumi/pulumi/proto/plugin_pb";
import type * as statusPbTypes from "@pulumi/pulumi/proto/status_pb";
import type * as structPbTypes from "google-protobuf/google/protobuf/struct_pb";
import type * as emptyPbTypes from "google-protobuf/google/protobuf/empty_pb";
import type * as serializeClosureTypes from "@pulumi/pulumi/runtime/closure/serializeClosure";

/** The engine's marker for a value that is not known yet (previews only). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** Key/value used by the Pulumi wire format to mark a secret: {[SIG_KEY]: SECRET_SIG, value}. */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
/** The input property that carries the serialized provider. */
export const PROVIDER_KEY = "__provider";
/** Package name of the Node.js dynamic provider plugin. */
export const DYNAMIC_PACKAGE = "pulumi-nodejs";

export type PropertyValue = null | boolean | number | string | PropertyValue[] | { [key: string]: PropertyValue };
export type PropertyMap = { [key: string]: PropertyValue };

// ---------------------------------------------------------------------------------------------------------------
// Loading the generated gRPC code through node resolution from the project directory, so that the client, the
// messages and google-protobuf are the very copies @pulumi/pulumi itself uses (and so the harness also works when
// compiled to a directory outside the project).

export interface PulumiModules {
    readonly projectDir: string;
    readonly pulumiDir: string;
    readonly pulumiVersion: string;
    readonly hostScript: string;
    readonly grpc: typeof grpcTypes;
    readonly providerPb: typeof providerPbTypes;
    readonly providerGrpc: typeof providerGrpcTypes;
    readonly pluginPb: typeof pluginPbTypes;
    readonly statusPb: typeof statusPbTypes;
    readonly structPb: typeof structPbTypes;
    readonly emptyPb: typeof emptyPbTypes;
}

const moduleCache = new Map<string, PulumiModules>();

export function loadPulumiModules(projectDir: string): PulumiModules {
    const key = path.resolve(projectDir);
    const cached = moduleCache.get(key);
    if (cached) {
        return cached;
    }
    const projectRequire = createRequire(path.join(key, "__harness__.js"));
    const pkgJsonPath = projectRequire.resolve("@pulumi/pulumi/package.json");
    const pulumiDir = path.dirname(pkgJsonPath);
    const pulumiRequire = createRequire(pkgJsonPath);
    const pkg = pulumiRequire(pkgJsonPath) as { version: string };
    const mods: PulumiModules = {
        projectDir: key,
        pulumiDir,
        pulumiVersion: pkg.version,
        // Same resolution as the `pulumi-resource-pulumi-nodejs` shim that the engine launches:
        // node -e "require.resolve('@pulumi/pulumi/cmd/dynamic-provider')" from the project directory.
        hostScript: projectRequire.resolve("@pulumi/pulumi/cmd/dynamic-provider"),
        grpc: pulumiRequire("@grpc/grpc-js") as typeof grpcTypes,
        providerPb: pulumiRequire("./proto/provider_pb") as typeof providerPbTypes,
        providerGrpc: pulumiRequire("./proto/provider_grpc_pb") as typeof providerGrpcTypes,
        pluginPb: pulumiRequire("./proto/plugin_pb") as typeof pluginPbTypes,
        statusPb: pulumiRequire("./proto/status_pb") as typeof statusPbTypes,
        structPb: pulumiRequire("google-protobuf/google/protobuf/struct_pb") as typeof structPbTypes,
        emptyPb: pulumiRequire("google-protobuf/google/protobuf/empty_pb") as typeof emptyPbTypes,
    };
    moduleCache.set(key, mods);
    return mods;
}

// ---------------------------------------------------------------------------------------------------------------
// Provider serialization, exactly as pulumi.dynamic.Resource does it (dynamic/index.js serializeFunctionMaybeSecret).

export interface SerializedProvider {
    text: string;
    /** True when the closure captured secrets; pulumi.dynamic.Resource then marks `__provider` secret. */
    containsSecrets: boolean;
}

export async function serializeProviderDetailed(
    provider: object,
    projectDir: string = process.cwd(),
): Promise<SerializedProvider> {
    const projectRequire = createRequire(path.join(path.resolve(projectDir), "__harness__.js"));
    // The package's index first, as a program loads it: serializeClosure and the index require each
    // other, and loading serializeClosure first leaves pulumi.runtime.serializeFunction undefined
    // for the rest of the process (a test file loaded later in the same process then fails).
    projectRequire("@pulumi/pulumi");
    const sc = projectRequire("@pulumi/pulumi/runtime/closure/serializeClosure") as typeof serializeClosureTypes;
    const sf = await sc.serializeFunction(() => provider, { allowSecrets: true });
    return { text: sf.text, containsSecrets: sf.containsSecrets };
}

export async function serializeProvider(provider: object, projectDir: string = process.cwd()): Promise<string> {
    return (await serializeProviderDetailed(provider, projectDir)).text;
}

// ---------------------------------------------------------------------------------------------------------------
// Public request/response shapes (plain JS objects).

export interface CallRecord {
    method: string;
    ms: number;
    ok: boolean;
    urn?: string;
}

export interface CheckFailure {
    property: string;
    reason: string;
}

export interface CheckResult {
    inputs: PropertyMap;
    failures: CheckFailure[];
}

export type DiffChanges = "none" | "some" | "unknown";

export interface DiffResult {
    changes: DiffChanges;
    replaces: string[];
    deleteBeforeReplace: boolean;
    stables: string[];
    diffs: string[];
    hasDetailedDiff: boolean;
}

export interface CreateResult {
    id: string;
    properties: PropertyMap;
}

export interface ReadResult {
    /** "" means the resource is gone. */
    id: string;
    properties: PropertyMap;
    /** Only present when the provider's read returned inputs. */
    inputs?: PropertyMap;
}

export interface UpdateResult {
    properties: PropertyMap;
}

export interface CheckRequestArgs {
    urn: string;
    olds: PropertyMap;
    news: PropertyMap;
    /** The engine sends 32 random bytes per Check; generated when omitted. */
    randomSeed?: Uint8Array;
}

export interface DiffRequestArgs {
    id: string;
    urn: string;
    /** Old OUTPUTS. */
    olds: PropertyMap;
    /** New checked inputs. */
    news: PropertyMap;
    oldInputs: PropertyMap;
    ignoreChanges?: string[];
}

export interface CreateRequestArgs {
    urn: string;
    properties: PropertyMap;
    preview?: boolean;
    timeout?: number;
}

export interface ReadRequestArgs {
    id: string;
    urn: string;
    /** Old outputs (state). */
    properties: PropertyMap;
    /** Old inputs. */
    inputs?: PropertyMap;
}

export interface UpdateRequestArgs {
    id: string;
    urn: string;
    /** Old OUTPUTS. */
    olds: PropertyMap;
    /** New checked inputs. */
    news: PropertyMap;
    oldInputs: PropertyMap;
    preview?: boolean;
    ignoreChanges?: string[];
    timeout?: number;
}

export interface DeleteRequestArgs {
    id: string;
    urn: string;
    /** Old outputs. */
    properties: PropertyMap;
    oldInputs: PropertyMap;
    timeout?: number;
}

export interface InitFailure {
    id: string;
    properties: PropertyMap;
    reasons: string[];
    inputs?: PropertyMap;
}

/** A failed ResourceProvider RPC. `initFailure` is set when the status carried pulumirpc.ErrorResourceInitFailed. */
export class ProviderCallError extends Error {
    readonly method: string;
    readonly code: number;
    readonly details: string;
    readonly initFailure?: InitFailure;

    constructor(method: string, code: number, details: string, initFailure?: InitFailure) {
        super(`${method} failed (gRPC code ${code}): ${details}`);
        this.name = "ProviderCallError";
        this.method = method;
        this.code = code;
        this.details = details;
        this.initFailure = initFailure;
    }
}

export interface ProviderHostOptions {
    /** Project directory: the plugin's working directory and the root for module resolution. */
    cwd: string;
    /** Extra environment for the plugin, layered over process.env (the engine passes its own environment through). */
    env?: NodeJS.ProcessEnv;
    /** The whole stack config, keys fully qualified: {"aws:region": "us-east-1", "myproj:foo": "bar"}. */
    stackConfig?: Record<string, string>;
    /** Keys of stackConfig that are secret (`pulumi config set --secret`). */
    secretConfigKeys?: string[];
    /** Project name (URNs, PULUMI_NODEJS_PROJECT). Defaults to `name` in <cwd>/Pulumi.yaml, else "harness". */
    project?: string;
    /** Stack name (URNs). Defaults to "test". */
    stack?: string;
    /** Passed as the plugin's only argument, like the engine's own gRPC address. Never dialed by the dynamic host. */
    engineAddress?: string;
    /** How long to wait for the port line. Default 30 s. */
    startTimeoutMs?: number;
    /** Per-call deadline; none by default (the engine sets none either). */
    callTimeoutMs?: number;
}

export interface StartupTiming {
    /** spawn -> port line */
    spawnToPortMs: number;
    /** spawn -> Configure answered (host usable) */
    readyMs: number;
}

export interface ProviderHost {
    readonly project: string;
    readonly stack: string;
    readonly pid: number;
    readonly port: number;
    readonly pluginVersion: string;
    readonly providerUrn: string;
    readonly startup: StartupTiming;
    /** Wall time of every RPC, in call order (including Handshake/GetPluginInfo/CheckConfig/Configure). */
    readonly calls: CallRecord[];
    /** Everything the plugin wrote to stderr so far. */
    stderr(): string;
    /** Everything the plugin wrote to stdout after the port line (console.log / pulumi.log without an engine). */
    stdout(): string;
    /** Resolves when the child has exited. */
    readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
    check(req: CheckRequestArgs): Promise<CheckResult>;
    diff(req: DiffRequestArgs): Promise<DiffResult>;
    create(req: CreateRequestArgs): Promise<CreateResult>;
    read(req: ReadRequestArgs): Promise<ReadResult>;
    update(req: UpdateRequestArgs): Promise<UpdateResult>;
    delete(req: DeleteRequestArgs): Promise<void>;
    /** Kills the child and closes the channel. Safe to call more than once. */
    stop(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------------------
// URN and project helpers.

/** The `name:` of <dir>/Pulumi.yaml (or .yml), which is what the engine uses as the project name. */
export function projectNameFromPulumiYaml(dir: string): string | undefined {
    for (const file of ["Pulumi.yaml", "Pulumi.yml"]) {
        const p = path.join(dir, file);
        if (fs.existsSync(p)) {
            const m = /^name:\s*["']?([^"'\s#]+)["']?\s*(#.*)?$/m.exec(fs.readFileSync(p, "utf8"));
            return m ? m[1] : undefined;
        }
    }
    return undefined;
}

export function makeUrn(stack: string, project: string, type: string, name: string): string {
    return `urn:pulumi:${stack}::${project}::${type}::${name}`;
}

export function urnName(urn: string): string {
    const parts = urn.split("::");
    return parts.slice(3).join("::");
}

export function urnType(urn: string): string {
    const qualified = urn.split("::")[2] ?? "";
    const segs = qualified.split("$");
    return segs[segs.length - 1];
}

/** Every resource request carries the URN and, as the engine sends them, its name and type. */
function identify(request: { setUrn(urn: string): unknown; setName(name: string): unknown; setType(type: string): unknown }, urn: string): void {
    request.setUrn(urn);
    request.setName(urnName(urn));
    request.setType(urnType(urn));
}

// ---------------------------------------------------------------------------------------------------------------
// Child-process bookkeeping: no test may leave a plugin running.

const liveChildren = new Set<childProcess.ChildProcess>();
let cleanupInstalled = false;

function killAllChildrenSync(): void {
    for (const child of liveChildren) {
        try {
            child.kill("SIGKILL");
        } catch {
            // already gone
        }
    }
    liveChildren.clear();
}

function installCleanup(): void {
    if (cleanupInstalled) {
        return;
    }
    cleanupInstalled = true;
    process.on("exit", killAllChildrenSync);
    for (const sig of ["SIGTERM", "SIGHUP"] as const) {
        // Only take over signals nobody else handles, and re-raise so default behaviour (termination) still happens.
        if (process.listenerCount(sig) === 0) {
            process.once(sig, () => {
                killAllChildrenSync();
                process.kill(process.pid, sig);
            });
        }
    }
}

/** PIDs of plugin processes started by this module that have not exited yet. */
export function livePluginPids(): number[] {
    return [...liveChildren].map((c) => c.pid).filter((p): p is number => typeof p === "number");
}

// ---------------------------------------------------------------------------------------------------------------

function stripUndefined(v: unknown): PropertyValue {
    if (v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean") {
        return v;
    }
    if (Array.isArray(v)) {
        return v.map((e) => (e === undefined ? null : stripUndefined(e)));
    }
    if (typeof v === "object") {
        const out: { [key: string]: PropertyValue } = {};
        for (const [k, e] of Object.entries(v as Record<string, unknown>)) {
            if (e !== undefined) {
                out[k] = stripUndefined(e);
            }
        }
        return out;
    }
    throw new Error(`value of type ${typeof v} cannot be sent to a provider`);
}

function toPropertyMap(js: { [key: string]: unknown } | undefined): PropertyMap {
    if (!js) {
        return {};
    }
    return stripUndefined(js) as PropertyMap;
}

export async function startProviderHost(options: ProviderHostOptions): Promise<ProviderHost> {
    installCleanup();
    const cwd = path.resolve(options.cwd);
    const mods = loadPulumiModules(cwd);
    const { grpc, providerPb, providerGrpc, statusPb, structPb, emptyPb } = mods;
    const project = options.project ?? projectNameFromPulumiYaml(cwd) ?? "harness";
    const stack = options.stack ?? "test";
    const stackConfig = options.stackConfig ?? {};
    const secretConfigKeys = new Set(options.secretConfigKeys ?? []);
    const engineAddress = options.engineAddress ?? "127.0.0.1:0";

    // PULUMI_CONFIG: only keys in the plugin's own namespace, namespace stripped (plugin/host.go).
    const ownConfig: Record<string, string> = {};
    for (const [k, v] of Object.entries(stackConfig)) {
        const idx = k.indexOf(":");
        if (idx > 0 && k.slice(0, idx) === DYNAMIC_PACKAGE) {
            ownConfig[k.slice(idx + 1)] = v;
        }
    }
    const env: NodeJS.ProcessEnv = {
        ...process.env,
        ...(options.env ?? {}),
        PULUMI_NODEJS_PROJECT: project,
        PULUMI_PROJECT: project,
        PULUMI_CONFIG: JSON.stringify(ownConfig),
    };

    const t0 = performance.now();
    const child = childProcess.spawn(process.execPath, [mods.hostScript, engineAddress], {
        cwd,
        env,
        stdio: ["ignore", "pipe", "pipe"],
    });
    liveChildren.add(child);
    // Never let a forgotten plugin keep the test runner alive; the 'exit' hook kills it.
    child.unref();
    const stdoutStream = child.stdout;
    const stderrStream = child.stderr;
    if (!stdoutStream || !stderrStream) {
        child.kill("SIGKILL");
        throw new Error("plugin stdio not piped");
    }
    (stdoutStream as unknown as { unref?: () => void }).unref?.();
    (stderrStream as unknown as { unref?: () => void }).unref?.();

    let stderrBuf = "";
    let stdoutBuf = "";
    let stdoutAfterPort = "";
    let portLineSeen = false;
    stderrStream.setEncoding("utf8");
    stdoutStream.setEncoding("utf8");
    stderrStream.on("data", (d: string) => {
        stderrBuf += d;
    });

    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
        child.once("exit", (code, signal) => {
            liveChildren.delete(child);
            resolve({ code, signal });
        });
    });

    const port = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => {
            reject(
                new Error(
                    `plugin did not print its port within ${options.startTimeoutMs ?? 30000} ms; stderr:\n${stderrBuf}`,
                ),
            );
        }, options.startTimeoutMs ?? 30000);
        const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
            clearTimeout(timer);
            reject(
                new Error(
                    `plugin exited before printing its port (code ${code}, signal ${signal}); stderr:\n${stderrBuf}`,
                ),
            );
        };
        child.once("exit", onExit);
        child.once("error", (err) => {
            clearTimeout(timer);
            reject(err);
        });
        stdoutStream.on("data", (d: string) => {
            if (portLineSeen) {
                stdoutAfterPort += d;
                return;
            }
            stdoutBuf += d;
            const nl = stdoutBuf.indexOf("\n");
            if (nl < 0) {
                return;
            }
            portLineSeen = true;
            const line = stdoutBuf.slice(0, nl).trim();
            stdoutAfterPort += stdoutBuf.slice(nl + 1);
            clearTimeout(timer);
            child.removeListener("exit", onExit);
            const p = Number.parseInt(line, 10);
            if (!Number.isInteger(p) || p <= 0) {
                reject(new Error(`plugin printed an invalid port line: ${JSON.stringify(line)}`));
            } else {
                resolve(p);
            }
        });
    }).catch((err: unknown) => {
        child.kill("SIGKILL");
        throw err;
    });
    const spawnToPortMs = performance.now() - t0;

    // Channel options as in rpcutil.GrpcChannelOptions (400 MiB messages).
    const maxMsg = 400 * 1024 * 1024;
    const client = new providerGrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
        "grpc.max_receive_message_length": maxMsg,
        "grpc.max_send_message_length": maxMsg,
    });

    const calls: CallRecord[] = [];
    let stopped = false;

    function decodeInitFailure(err: grpcTypes.ServiceError): InitFailure | undefined {
        const raw = err.metadata?.get("grpc-status-details-bin") ?? [];
        for (const entry of raw) {
            const bytes = typeof entry === "string" ? Buffer.from(entry, "base64") : entry;
            const status = statusPb.Status.deserializeBinary(new Uint8Array(bytes));
            for (const any of status.getDetailsList()) {
                if (any.getTypeName() !== "pulumirpc.ErrorResourceInitFailed") {
                    continue;
                }
                const detail = any.unpack(
                    (b: Uint8Array) => providerPb.ErrorResourceInitFailed.deserializeBinary(b),
                    "pulumirpc.ErrorResourceInitFailed",
                );
                if (!detail) {
                    continue;
                }
                const inputs = detail.getInputs();
                return {
                    id: detail.getId(),
                    properties: toPropertyMap(detail.getProperties()?.toJavaScript()),
                    reasons: detail.getReasonsList(),
                    inputs: inputs ? toPropertyMap(inputs.toJavaScript()) : undefined,
                };
            }
        }
        return undefined;
    }

    function unary<Req, Res>(
        method: string,
        urn: string | undefined,
        invoke: (
            req: Req,
            md: grpcTypes.Metadata,
            opts: Partial<grpcTypes.CallOptions>,
            cb: (err: grpcTypes.ServiceError | null, res: Res) => void,
        ) => void,
        req: Req,
    ): Promise<Res> {
        if (stopped) {
            return Promise.reject(new Error(`${method}: provider host already stopped`));
        }
        const callOpts: Partial<grpcTypes.CallOptions> = {};
        if (options.callTimeoutMs !== undefined) {
            callOpts.deadline = Date.now() + options.callTimeoutMs;
        }
        const start = performance.now();
        return new Promise<Res>((resolve, reject) => {
            invoke(req, new grpc.Metadata(), callOpts, (err, res) => {
                const ms = performance.now() - start;
                calls.push({ method, ms, ok: !err, urn });
                if (err) {
                    reject(new ProviderCallError(method, err.code, err.details ?? err.message, decodeInitFailure(err)));
                } else {
                    resolve(res);
                }
            });
        });
    }

    const toStruct = (m: PropertyMap): structPbTypes.Struct => structPb.Struct.fromJavaScript(toPropertyMap(m));

    // --- engine start-up sequence -------------------------------------------------------------------------------
    let pluginVersion = "";
    try {
        // Handshake first; the dynamic host answers UNIMPLEMENTED and the engine falls back to Configure.
        const hs = new providerPb.ProviderHandshakeRequest();
        hs.setEngineAddress(engineAddress);
        hs.setRootDirectory(path.dirname(mods.hostScript));
        hs.setProgramDirectory(path.dirname(mods.hostScript));
        hs.setConfigureWithUrn(true);
        hs.setSupportsViews(true);
        hs.setSupportsRefreshBeforeUpdate(true);
        try {
            await unary("Handshake", undefined, client.handshake.bind(client), hs);
        } catch (err) {
            if (!(err instanceof ProviderCallError && err.code === grpc.status.UNIMPLEMENTED)) {
                throw err;
            }
        }

        const info = await unary<emptyPbTypes.Empty, pluginPbTypes.PluginInfo>(
            "GetPluginInfo",
            undefined,
            client.getPluginInfo.bind(client),
            new emptyPb.Empty(),
        );
        pluginVersion = info.getVersion();

        // Default provider resource: inputs are the whole config, namespaced, secrets marked.
        const providerType = `pulumi:providers:${DYNAMIC_PACKAGE}`;
        const providerUrn = makeUrn(stack, project, providerType, "default");
        const providerInputs: PropertyMap = {};
        const variables: Record<string, string> = {};
        for (const [k, v] of Object.entries(stackConfig)) {
            providerInputs[k] = secretConfigKeys.has(k) ? { [SIG_KEY]: SECRET_SIG, value: v } : v;
            variables[`${DYNAMIC_PACKAGE}:config:${k}`] = v;
        }

        // CheckConfig(olds = {}, news = config): UNIMPLEMENTED in the host; the engine then keeps the news.
        const cc = new providerPb.CheckRequest();
        cc.setUrn(providerUrn);
        cc.setName("default");
        cc.setType(providerType);
        cc.setOlds(toStruct({}));
        cc.setNews(toStruct(stripTopLevelSecrets(providerInputs)));
        try {
            await unary("CheckConfig", providerUrn, client.checkConfig.bind(client), cc);
        } catch (err) {
            if (!(err instanceof ProviderCallError && err.code === grpc.status.UNIMPLEMENTED)) {
                throw err;
            }
        }

        const cfg = new providerPb.ConfigureRequest();
        const varMap = cfg.getVariablesMap();
        for (const [k, v] of Object.entries(variables)) {
            varMap.set(k, v);
        }
        cfg.setArgs(toStruct(providerInputs));
        cfg.setAcceptsecrets(true);
        cfg.setAcceptresources(true);
        cfg.setSendsOldInputs(true);
        cfg.setSendsOldInputsToDelete(true);
        cfg.setUrn(providerUrn);
        cfg.setName("default");
        cfg.setType(providerType);
        cfg.setId(crypto.randomUUID());
        await unary("Configure", providerUrn, client.configure.bind(client), cfg);
        const readyMs = performance.now() - t0;

        const host: ProviderHost = {
            project,
            stack,
            pid: child.pid ?? -1,
            port,
            pluginVersion,
            providerUrn,
            startup: { spawnToPortMs, readyMs },
            calls,
            exited,
            stderr: () => stderrBuf,
            stdout: () => stdoutAfterPort,

            async check(r: CheckRequestArgs): Promise<CheckResult> {
                const m = new providerPb.CheckRequest();
                identify(m, r.urn);
                m.setOlds(toStruct(r.olds));
                m.setNews(toStruct(r.news));
                m.setRandomseed(r.randomSeed ?? crypto.randomBytes(32));
                const res = await unary("Check", r.urn, client.check.bind(client), m);
                return {
                    inputs: toPropertyMap(res.getInputs()?.toJavaScript()),
                    failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
                };
            },

            async diff(r: DiffRequestArgs): Promise<DiffResult> {
                const m = new providerPb.DiffRequest();
                m.setId(r.id);
                identify(m, r.urn);
                m.setOlds(toStruct(r.olds));
                m.setNews(toStruct(r.news));
                m.setOldInputs(toStruct(r.oldInputs));
                m.setIgnorechangesList(r.ignoreChanges ?? []);
                const res = await unary("Diff", r.urn, client.diff.bind(client), m);
                const C = providerPb.DiffResponse.DiffChanges;
                const ch = res.getChanges();
                const changes: DiffChanges = ch === C.DIFF_SOME ? "some" : ch === C.DIFF_NONE ? "none" : "unknown";
                return {
                    changes,
                    replaces: res.getReplacesList(),
                    deleteBeforeReplace: res.getDeletebeforereplace(),
                    stables: res.getStablesList(),
                    diffs: res.getDiffsList(),
                    hasDetailedDiff: res.getHasdetaileddiff(),
                };
            },

            async create(r: CreateRequestArgs): Promise<CreateResult> {
                const m = new providerPb.CreateRequest();
                identify(m, r.urn);
                m.setProperties(toStruct(r.properties));
                m.setTimeout(r.timeout ?? 0);
                m.setPreview(r.preview ?? false);
                const res = await unary("Create", r.urn, client.create.bind(client), m);
                return { id: res.getId(), properties: toPropertyMap(res.getProperties()?.toJavaScript()) };
            },

            async read(r: ReadRequestArgs): Promise<ReadResult> {
                const m = new providerPb.ReadRequest();
                m.setId(r.id);
                identify(m, r.urn);
                m.setProperties(toStruct(r.properties));
                if (r.inputs) {
                    m.setInputs(toStruct(r.inputs));
                }
                const res = await unary("Read", r.urn, client.read.bind(client), m);
                const inputs = res.getInputs();
                return {
                    id: res.getId() ?? "",
                    properties: toPropertyMap(res.getProperties()?.toJavaScript()),
                    inputs: inputs ? toPropertyMap(inputs.toJavaScript()) : undefined,
                };
            },

            async update(r: UpdateRequestArgs): Promise<UpdateResult> {
                const m = new providerPb.UpdateRequest();
                m.setId(r.id);
                identify(m, r.urn);
                m.setOlds(toStruct(r.olds));
                m.setNews(toStruct(r.news));
                m.setOldInputs(toStruct(r.oldInputs));
                m.setTimeout(r.timeout ?? 0);
                m.setIgnorechangesList(r.ignoreChanges ?? []);
                m.setPreview(r.preview ?? false);
                const res = await unary("Update", r.urn, client.update.bind(client), m);
                return { properties: toPropertyMap(res.getProperties()?.toJavaScript()) };
            },

            async delete(r: DeleteRequestArgs): Promise<void> {
                const m = new providerPb.DeleteRequest();
                m.setId(r.id);
                identify(m, r.urn);
                m.setProperties(toStruct(r.properties));
                m.setOldInputs(toStruct(r.oldInputs));
                m.setTimeout(r.timeout ?? 0);
                await unary("Delete", r.urn, client.delete.bind(client), m);
            },

            async stop(): Promise<void> {
                if (!stopped) {
                    stopped = true;
                    client.close();
                    if (child.exitCode === null && child.signalCode === null) {
                        child.kill("SIGTERM");
                        const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
                        await exited;
                        clearTimeout(timer);
                    }
                }
                await exited;
            },
        };
        return host;
    } catch (err) {
        stopped = true;
        client.close();
        child.kill("SIGKILL");
        if (err instanceof Error && stderrBuf) {
            err.message += `\nplugin stderr:\n${stderrBuf}`;
        }
        throw err;
    }
}

/** CheckConfig (like every non-Configure call) gets secrets stripped because the engine marshals without KeepSecrets. */
function stripTopLevelSecrets(m: PropertyMap): PropertyMap {
    const out: PropertyMap = {};
    for (const [k, v] of Object.entries(m)) {
        if (v !== null && typeof v === "object" && !Array.isArray(v) && v[SIG_KEY] === SECRET_SIG) {
            out[k] = v.value ?? null;
        } else {
            out[k] = v;
        }
    }
    return out;
}
