/**
 * 5. The real `pulumi` CLI, as users run it: the other sections drive the SDK's provider host
 * directly, which leaves out the engine, the language host and the program.
 *
 *  - `pulumi preview --refresh=false` of a stack of 100 pools with this provider, against the same
 *    state previewed by a no-op dynamic provider (check returns its inputs, diff reports no change),
 *    in pairs whose order alternates. "The same state": the pools are created once with `pulumi up`;
 *    the no-op stack (its own backend, same project and stack name, so the same URNs) imports that
 *    state with each `__provider` replaced by the no-op's serialized text, which is exactly what the
 *    no-op program sends. Without that swap the engine would see changed inputs on every resource
 *    and spend seconds rendering them, which is no cost of this provider.
 *  - `pulumi up` creating 30 pools on a fresh stack (default parallelism), and the `pulumi destroy`
 *    after it.
 *
 * Wall time and CPU are those of the pulumi process and every descendant it waited for (the
 * language host, the program's node, the dynamic-provider hosts): GNU time's rusage when
 * /usr/bin/time is there, otherwise this process's cutime + cstime from /proc/self/stat, which the
 * same wait4 accounting fills (cognito-local, the only other child, does not exit meanwhile).
 */
import { CognitoIdentityProviderClient, DeleteUserPoolCommand, ListUserPoolsCommand, UserPoolDescriptionType } from "@aws-sdk/client-cognito-identity-provider";
import { spawnSync } from "child_process";
import * as fs from "fs";
import { createRequire } from "module";
import * as path from "path";
import { computedOutputs, inputFields } from "../../provider/userPool/model";
import { findPulumiCli, projectRoot, PulumiCli, pulumiCliRequired } from "../../scripts/toolchain";
import { PROVIDER_KEY, serializeProvider } from "../../tests/harness/providerHost";
import { PulumiStack, TYPE_TOKENS } from "../../tests/support/pulumiStack";
import { localProviderEnv } from "../../tests/support/target";
import type { CliProgramProvider, CliProgramSpec } from "../cliProgram/spec";
import { BenchContext, credentials } from "../context";
import { fullPool, plainPool } from "../fixtures";
import { clkTck, procAvailable } from "../lib/proc";
import type { CliCommandRun, CliPreviewPair, PoolKind, RealCliResult } from "../results";

export interface CliSizes {
    /** Pools in the previewed stack. */
    previewPools: number;
    /** Pairs of previews (this provider and the no-op, back to back). */
    pairs: number;
    /** Pools the measured `pulumi up` creates. */
    upPools: number;
}

export const CLI_SIZES: CliSizes = { previewPools: 100, pairs: 5, upPools: 30 };
export const CLI_QUICK_SIZES: CliSizes = { previewPools: 20, pairs: 2, upPools: 10 };

const PREVIEW_PREFIX = "bench-cli-preview-";
const UP_PREFIX = "bench-cli-up-";
/** The preview's pools declare every commonly used field: the most check and diff work per pool. */
const PREVIEW_POOL: PoolKind = "full";

/** Measures one command: runs it with the environment it is given and reports its usage. */
interface Meter {
    method: string;
    /** The CLI PulumiStack runs: the real one, or a wrapper that runs it under GNU time. */
    cli: PulumiCli;
    measure(run: (env: NodeJS.ProcessEnv) => Promise<string>): Promise<{ output: string; usage: CliCommandRun }>;
}

const shellQuote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

function gnuTimeWorks(): boolean {
    const probe = spawnSync("/usr/bin/time", ["-f", "%e %U %S %M", "-o", "/dev/null", "true"], { stdio: "ignore" });
    return probe.status === 0;
}

/** utime + stime of the children this process has waited for, seconds (/proc/self/stat fields 16 and 17). */
function childrenCpuS(): { user: number; sys: number } {
    const stat = fs.readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { user: Number(fields[13]) / clkTck(), sys: Number(fields[14]) / clkTck() };
}

function makeMeter(cli: PulumiCli, tmpDir: string): Meter | undefined {
    if (fs.existsSync("/usr/bin/time") && gnuTimeWorks()) {
        // PulumiStack spawns `cli.path`: this wrapper puts GNU time between it and pulumi only when
        // BENCH_TIME_FILE is set, so setup commands (stack init, config, import) run unwrapped.
        const wrapper = path.join(tmpDir, "pulumi-timed");
        fs.writeFileSync(
            wrapper,
            [
                "#!/bin/sh",
                `if [ -n "$BENCH_TIME_FILE" ]; then exec /usr/bin/time -f '%e %U %S %M' -o "$BENCH_TIME_FILE" ${shellQuote(cli.path)} "$@"; fi`,
                `exec ${shellQuote(cli.path)} "$@"`,
                "",
            ].join("\n"),
            { mode: 0o755 },
        );
        let counter = 0;
        return {
            method: "GNU time (/usr/bin/time -f '%e %U %S %M'): the wait4 rusage of pulumi and every descendant it waited for",
            cli: { ...cli, path: wrapper },
            async measure(run) {
                const file = path.join(tmpDir, `time-${++counter}.txt`);
                const output = await run({ BENCH_TIME_FILE: file });
                // GNU time puts "Command exited with non-zero status" first when there is one: the figures are the last line.
                const lines = fs.readFileSync(file, "utf8").trim().split("\n");
                const [wallS, userS, sysS, maxRssKiB] = lines[lines.length - 1].split(" ").map(Number);
                if (![wallS, userS, sysS, maxRssKiB].every(Number.isFinite)) throw new Error(`cannot read GNU time's output: ${lines.join(" / ")}`);
                return { output, usage: { wallS, cpuS: userS + sysS, userS, sysS, maxRssMiB: maxRssKiB / 1024 } };
            },
        };
    }
    if (procAvailable()) {
        return {
            method: "/proc/self/stat cutime + cstime of the benchmark process before and after each command (the rusage of pulumi and every descendant it waited for; 10 ms ticks)",
            cli,
            async measure(run) {
                const before = childrenCpuS();
                const t0 = performance.now();
                const output = await run({});
                const wallS = (performance.now() - t0) / 1000;
                const after = childrenCpuS();
                const userS = after.user - before.user;
                const sysS = after.sys - before.sys;
                return { output, usage: { wallS, cpuS: userS + sysS, userS, sysS } };
            },
        };
    }
    return undefined;
}

function versionOf(command: string, args: string[], env: NodeJS.ProcessEnv): string {
    const result = spawnSync(command, args, { encoding: "utf8", env, timeout: 30_000 });
    return result.status === 0 ? result.stdout.trim() : `unknown (${command} ${args.join(" ")} exited with ${result.status})`;
}

/** The program, compiled, beside this package as npm installed it (see bench/cliProgram/index.ts). */
function installProgram(ctx: BenchContext): string {
    const dir = path.join(ctx.projectDir, "cli-program");
    fs.mkdirSync(dir, { recursive: true });
    fs.copyFileSync(path.join(projectRoot(), "bench", "cliProgram", "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    for (const file of ["index.js", "noop.js"]) fs.copyFileSync(path.join(__dirname, "..", "cliProgram", file), path.join(dir, file));
    return dir;
}

function writeProgram(stack: PulumiStack, pools: CliProgramSpec["pools"]): void {
    const spec: CliProgramSpec = { registeredKeys: [...inputFields, ...computedOutputs, "region"], pools };
    // PulumiStack points the program at this file (CLI_TEST_PROGRAM).
    fs.writeFileSync(path.join(stack.workDir, "program.json"), JSON.stringify(spec));
}

const names = (prefix: string, count: number): string[] => Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(3, "0")}`);

/** The count in the CLI's "Resources:" summary for `word` (created, unchanged, deleted), 0 when absent. */
function summaryCount(output: string, word: string): number {
    const match = new RegExp(`(\\d+) ${word}\\b`).exec(output.slice(output.lastIndexOf("Resources:")));
    return match ? Number(match[1]) : 0;
}

async function poolsNamed(client: CognitoIdentityProviderClient, prefix: string): Promise<UserPoolDescriptionType[]> {
    const pools: UserPoolDescriptionType[] = [];
    let NextToken: string | undefined;
    do {
        const page = await client.send(new ListUserPoolsCommand({ MaxResults: 60, NextToken }));
        pools.push(...(page.UserPools ?? []).filter((p) => p.Name?.startsWith(prefix)));
        NextToken = page.NextToken;
    } while (NextToken);
    return pools;
}

/** Deletes what a failed run left behind; says how many there were. */
async function sweep(client: CognitoIdentityProviderClient, prefix: string): Promise<number> {
    const left = await poolsNamed(client, prefix);
    for (const pool of left) await client.send(new DeleteUserPoolCommand({ UserPoolId: pool.Id })).catch(() => undefined);
    return left.length;
}

const describeRun = (r: CliCommandRun): string => `${r.wallS.toFixed(2)} s wall, ${r.cpuS.toFixed(2)} s CPU`;

/**
 * Runs the section into `out`, which keeps whatever was measured when a later step fails. With no
 * Pulumi CLI it records why and returns (it throws only when CI=true or PULUMI_CLI_REQUIRED=1 makes
 * the CLI required, as the real-CLI tests do).
 */
export async function measureCli(ctx: BenchContext, sizes: CliSizes, out: RealCliResult, findCli: () => PulumiCli | undefined = findPulumiCli): Promise<void> {
    const started = performance.now();
    const cli = findCli();
    if (!cli) {
        out.skipped = "no Pulumi CLI found (none on PATH of the SDK's minor version, none built in .tools/pulumi/bin): run `npm run setup:pulumi-cli`";
        ctx.log(`   skipped: ${out.skipped}`);
        if (pulumiCliRequired()) throw new Error(`${out.skipped}; CI=true or PULUMI_CLI_REQUIRED=1 requires it`);
        return;
    }
    const meter = makeMeter(cli, ctx.tmpDir);
    if (!meter) throw new Error("cannot measure the CLI's CPU: neither GNU time (/usr/bin/time) nor /proc is available");
    const cliEnv = { ...process.env, PATH: [cli.binDir, process.env.PATH ?? ""].join(path.delimiter), PULUMI_SKIP_UPDATE_CHECK: "true" };
    out.pulumiVersion = versionOf(cli.path, ["version"], cliEnv);
    out.cliSource = cli.source;
    out.nodeVersion = versionOf("node", ["--version"], cliEnv);
    out.cpuMethod = meter.method;
    ctx.log(`  pulumi ${out.pulumiVersion} (${cli.source === "PATH" ? "on PATH" : "built by setup"}), node ${out.nodeVersion}; CPU by ${meter.method.split(":")[0]}`);

    const programDir = installProgram(ctx);
    const client = new CognitoIdentityProviderClient({ region: ctx.region, endpoint: ctx.emulatorEndpoint, credentials, maxAttempts: 1 });
    const newStack = (): Promise<PulumiStack> =>
        PulumiStack.create(meter.cli, { projectDir: programDir, stack: "bench", env: localProviderEnv(ctx.emulatorEndpoint), config: { "aws:region": ctx.region } });
    const timed = (stack: PulumiStack, args: string[], provider: CliProgramProvider): Promise<{ output: string; usage: CliCommandRun }> =>
        meter.measure(async (env) => (await stack.expect(args, 0, { ...env, BENCH_CLI_PROVIDER: provider })).output);
    const UP = ["up", "--yes", "--non-interactive", "--skip-preview"];
    const DESTROY = ["destroy", "--yes", "--non-interactive", "--skip-preview"];
    const PREVIEW = ["preview", "--non-interactive", "--refresh=false", "--expect-no-changes"];

    try {
        // Preview: this provider's stack, and the no-op's copy of its state.
        const ours = await newStack();
        let noop: PulumiStack | undefined;
        try {
            const pools = names(PREVIEW_PREFIX, sizes.previewPools).map((name) => ({ name, args: fullPool(name) }));
            writeProgram(ours, pools);
            ctx.log(`  pulumi up: creating the ${sizes.previewPools} ${PREVIEW_POOL} pools to preview`);
            const setup = await timed(ours, UP, "UserPool");
            out.preview = { pools: sizes.previewPools, pool: PREVIEW_POOL, pairs: [], setupUp: setup.usage };
            if (summaryCount(setup.output, "created") !== sizes.previewPools + 1) out.problems.push(`setup up of ${sizes.previewPools} pools: ${summaryCount(setup.output, "created")} created`);

            const noopRequire = createRequire(path.join(programDir, "package.json"));
            const noopText = await serializeProvider((noopRequire("./noop.js") as typeof import("../cliProgram/noop")).noopProvider, programDir);
            const state = await ours.exportState();
            for (const resource of state.deployment.resources ?? []) {
                if (resource.type !== TYPE_TOKENS.UserPool) continue;
                if (resource.inputs) resource.inputs[PROVIDER_KEY] = noopText;
                if (resource.outputs) resource.outputs[PROVIDER_KEY] = noopText;
            }
            noop = await newStack();
            writeProgram(noop, pools);
            const stateFile = path.join(noop.workDir, "state.json");
            fs.writeFileSync(stateFile, JSON.stringify(state));
            await noop.expect(["stack", "import", "--file", stateFile], 0);

            const previewStacks: Record<CliProgramProvider, PulumiStack> = { UserPool: ours, "no-op": noop };
            const preview = async (provider: CliProgramProvider): Promise<CliCommandRun> => {
                const run = await timed(previewStacks[provider], PREVIEW, provider);
                const unchanged = summaryCount(run.output, "unchanged");
                if (unchanged !== sizes.previewPools + 1) out.problems.push(`preview with ${provider}: ${unchanged} unchanged of ${sizes.previewPools + 1}`);
                return run.usage;
            };
            for (let i = 0; i < sizes.pairs; i++) {
                // Alternate which goes first, so that neither always runs on a warmer (or busier) machine.
                const first: CliProgramProvider = i % 2 === 0 ? "UserPool" : "no-op";
                const a = await preview(first);
                const b = await preview(first === "UserPool" ? "no-op" : "UserPool");
                const pair: CliPreviewPair = first === "UserPool" ? { first, userPool: a, noop: b } : { first, userPool: b, noop: a };
                out.preview.pairs.push(pair);
                ctx.log(`  preview pair ${i + 1} (${first} first): UserPool ${describeRun(pair.userPool)}; no-op ${describeRun(pair.noop)}; CPU ratio ${(pair.userPool.cpuS / pair.noop.cpuS).toFixed(2)}`);
            }
        } finally {
            // Only this provider's stack deletes pools; the no-op's copy of the state is dropped.
            await ours.expect(DESTROY, 0, { BENCH_CLI_PROVIDER: "UserPool" }).catch((error: unknown) => ctx.log(`  destroying the preview stack failed: ${String(error)}`));
            ours.remove();
            noop?.remove();
            const left = await sweep(client, PREVIEW_PREFIX);
            if (left > 0) out.problems.push(`${left} preview pools were left after pulumi destroy`);
        }

        // Up and destroy on a fresh stack.
        const stack = await newStack();
        try {
            writeProgram(stack, names(UP_PREFIX, sizes.upPools).map((name) => ({ name, args: plainPool(name) })));
            const up = await timed(stack, UP, "UserPool");
            const created = summaryCount(up.output, "created");
            if (created !== sizes.upPools + 1) out.problems.push(`up: ${created} created, expected ${sizes.upPools + 1} (the pools and the stack)`);
            if ((await poolsNamed(client, UP_PREFIX)).length !== sizes.upPools) out.problems.push(`up: the emulator does not list ${sizes.upPools} pools`);
            ctx.log(`  pulumi up, ${sizes.upPools} pools: ${describeRun(up.usage)}`);
            const destroy = await timed(stack, DESTROY, "UserPool");
            const deleted = summaryCount(destroy.output, "deleted");
            if (deleted !== sizes.upPools + 1) out.problems.push(`destroy: ${deleted} deleted, expected ${sizes.upPools + 1}`);
            ctx.log(`  pulumi destroy, ${sizes.upPools} pools: ${describeRun(destroy.usage)}`);
            out.upDestroy = { pools: sizes.upPools, pool: "plain", up: up.usage, destroy: destroy.usage };
        } finally {
            stack.remove();
            const left = await sweep(client, UP_PREFIX);
            if (left > 0) out.problems.push(`${left} pools were left after pulumi destroy`);
        }
    } finally {
        client.destroy();
        fs.rmSync(programDir, { recursive: true, force: true });
        out.durationS = (performance.now() - started) / 1000;
    }
}
