/**
 * `npm run bench`: the provider's performance budgets, measured in one run without AWS.
 *
 * Installs this package into a scratch Pulumi project the way npm does (from `npm pack`), starts
 * cognito-local on a loopback port, drives the Pulumi SDK's real dynamic-provider host over gRPC
 * in that project (tests/harness), and measures:
 *   1. API calls per operation (SDK middleware count inside the provider process);
 *   2. check + diff CPU per resource, in process and as 1/100/1000-pool previews through the host;
 *   3. provider startup (serialized __provider size, launch to first Check, memory);
 *   4. convergence of 50 pools under the 15 writes/s quota, through a throttling proxy;
 *   4b. refresh and update of 300 pools at once under the 15 reads/s and 15 writes/s quotas;
 *   5. the real `pulumi` CLI: preview of 100 pools against a no-op provider on the same state, and
 *      up / destroy of 30 pools (skipped, with a line saying so, when no Pulumi CLI is found).
 * Writes bench-results/latest.md, latest.json and scaling.png (untracked), prints the tables, and
 * exits 1 naming every budget that failed.
 *
 * Flags: `--publish` also writes the results where the docs show them (docs/performance.md's
 * generated part, docs/performance/results.json and scaling.png): a release does this on purpose,
 * an ordinary run never changes a tracked file. `--quick` uses fewer iterations and smaller stacks
 * (for working on the benchmark itself; its numbers are not comparable); `--only=<section>` runs
 * one section (startup, api-calls, cpu, convergence, quota or cli). Neither can be published.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { resetClients, setStackRegion } from "../provider/client";
import { userPoolDomainProvider, userPoolProvider } from "../provider/providers";
import { serializeProvider } from "../tests/harness/providerHost";
import { startCognitoLocal } from "../tests/support/cognitoLocal";
import { createInstalledProject, PACKAGE_NAME } from "../tests/support/installedProject";
import { drawScalingChart } from "./chart";
import { BenchContext, credentials, errorText } from "./context";
import { machineInfo } from "./lib/machine";
import { procAvailable } from "./lib/proc";
import { PUBLISHED_DIR, PUBLISHED_PAGE, publishInto } from "./publish";
import { checkBudgets, renderMarkdown } from "./report";
import type { BenchResult, PoolKind, PreviewRow } from "./results";
import { measureApiCalls } from "./sections/apiCalls";
import { CLI_QUICK_SIZES, CLI_SIZES, measureCli } from "./sections/cli";
import { measureConvergence } from "./sections/convergence";
import { measureQuotaPacing } from "./sections/quotaPacing";
import { createStoredPools, deleteStoredPools, measureCheckDiffInProcess, measurePreview } from "./sections/cpu";
import { measureStartup } from "./sections/startup";

const REGION = "us-east-1";

/** The SDK host's floor: a dynamic provider that does no work (see the preview section). */
const noopProvider = {
    async check(_olds: Record<string, unknown>, news: Record<string, unknown>): Promise<{ inputs: Record<string, unknown> }> {
        return { inputs: news };
    },
    async diff(): Promise<{ changes: boolean }> {
        return { changes: false };
    },
};

function log(message: string): void {
    process.stderr.write(`[bench] ${message}\n`);
}

async function main(): Promise<number> {
    const started = performance.now();
    const args = process.argv.slice(2);
    const quick = args.includes("--quick");
    const only = args.find((arg) => arg.startsWith("--only="))?.slice("--only=".length);
    const sectionKeys = ["startup", "api-calls", "cpu", "convergence", "quota", "cli"];
    if (only !== undefined && !sectionKeys.includes(only)) throw new Error(`--only=${only}: the sections are ${sectionKeys.join(", ")}`);
    const publish = args.includes("--publish");
    // Published numbers must come from a whole run at full size.
    if (publish && (quick || only !== undefined)) throw new Error("--publish needs a full run: leave out --quick and --only");
    // What changes the numbers; --publish only says where they are written.
    const shownArgs = args.filter((arg) => arg !== "--publish");
    const projectDir = path.resolve(__dirname, "..", "..");
    process.chdir(projectDir);
    const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "cognito-bench-"));

    const result: BenchResult = {
        machine: machineInfo(),
        command: `npm run bench${shownArgs.length > 0 ? ` -- ${shownArgs.join(" ")}` : ""}`,
        durationS: 0,
        apiCalls: [],
        checkDiff: [],
        preview: [],
        errors: [],
        budgets: [],
    };
    if (!procAvailable()) result.errors.push("provider-process CPU and memory: /proc is not available (Linux only)");

    // What users run: the package as npm installs it, whose `__provider` is a `require` of it.
    log(`installing ${PACKAGE_NAME} into a scratch project (npm pack)`);
    const installed = createInstalledProject(projectDir);
    const installedProviders = installed.require(PACKAGE_NAME) as typeof import("../provider/index");
    log("starting cognito-local");
    const emulator = await startCognitoLocal();
    // The in-process check/diff benchmark and its helpers talk to the emulator too.
    process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER = emulator.endpoint;
    process.env.AWS_ACCESS_KEY_ID = credentials.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = credentials.secretAccessKey;
    delete process.env.COGNITO_PROVIDER_CALL_LOG;
    resetClients();
    setStackRegion(REGION);

    try {
        const ctx: BenchContext = {
            projectDir: installed.dir,
            region: REGION,
            emulatorEndpoint: emulator.endpoint,
            userPoolProvider: await serializeProvider(installedProviders.userPoolProvider, installed.dir),
            userPoolDomainProvider: await serializeProvider(installedProviders.userPoolDomainProvider, installed.dir),
            noopProvider: await serializeProvider(noopProvider, installed.dir),
            tmpDir,
            log,
        };
        result.noopProviderBytes = Buffer.byteLength(ctx.noopProvider);
        result.checkoutProviderBytes = {
            userPool: Buffer.byteLength(await serializeProvider(userPoolProvider, projectDir)),
            userPoolDomain: Buffer.byteLength(await serializeProvider(userPoolDomainProvider, projectDir)),
        };
        const section = async (name: string, key: string, body: () => Promise<void>): Promise<void> => {
            if (only !== undefined && only !== key) return;
            const t0 = performance.now();
            log(`== ${name}`);
            try {
                await body();
            } catch (error) {
                result.errors.push(`${name}: ${errorText(error).split("\n")[0]}`);
                log(`   ${name} failed: ${errorText(error)}`);
            }
            log(`   (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
        };

        await section("provider startup", "startup", async () => {
            result.startup = await measureStartup(ctx, quick ? 1 : 3);
        });
        await section("API calls per operation", "api-calls", async () => {
            result.apiCalls = await measureApiCalls(ctx);
        });
        await section("check + diff CPU", "cpu", async () => {
            const stored = await createStoredPools(ctx);
            result.stateBytes = {
                minimal: Buffer.byteLength(JSON.stringify({ inputs: stored.minimal.inputs, outputs: stored.minimal.outputs })),
                full: Buffer.byteLength(JSON.stringify({ inputs: stored.full.inputs, outputs: stored.full.outputs })),
            };
            try {
                const kinds: PoolKind[] = ["minimal", "full"];
                for (const kind of kinds) {
                    const row = await measureCheckDiffInProcess(ctx, stored[kind], quick ? 300 : 3000);
                    log(`  in process, ${kind}: median ${row.medianUs.toFixed(0)} µs, p99 ${row.p99Us.toFixed(0)} µs`);
                    result.checkDiff.push(row);
                }
                const sizes = quick ? [1, 10, 100] : [1, 100, 1000];
                const largest = sizes[sizes.length - 1];
                // The budget is a difference of two process-CPU figures of several seconds each, whose
                // run-to-run spread (GC, scheduling on 2 cores) is as large as the difference itself:
                // the largest size is run in several pairs, this provider and the no-op, and the
                // budget takes the median of the pairs' differences.
                const repeats = quick ? 1 : 5;
                const describe = (row: PreviewRow, size: number, kind: PoolKind, provider: string): void => {
                    const per = row.steadyPerResourceUs === undefined ? "" : `, ${row.steadyPerResourceUs.toFixed(0)} µs per further resource`;
                    log(`  preview of ${size} ${kind} pools, ${provider} provider: ${row.cpuMs.toFixed(0)} ms provider-process CPU${per}, ${row.wallMs.toFixed(0)} ms wall`);
                };
                const medianRow = (rows: PreviewRow[]): PreviewRow => ({
                    ...[...rows].sort((a, b) => a.cpuMs - b.cpuMs)[Math.floor(rows.length / 2)],
                    cpuMsRuns: rows.map((r) => r.cpuMs),
                });
                for (const kind of kinds) {
                    for (const size of sizes.slice(0, -1)) {
                        const row = await measurePreview(ctx, stored[kind], size, "UserPool");
                        describe(row, size, kind, "UserPool");
                        result.preview.push(row);
                    }
                    const ours: PreviewRow[] = [];
                    const noop: PreviewRow[] = [];
                    const run = async (provider: PreviewRow["provider"], rows: PreviewRow[]): Promise<void> => {
                        rows.push(await measurePreview(ctx, stored[kind], largest, provider));
                        describe(rows[rows.length - 1], largest, kind, provider);
                    };
                    for (let i = 0; i < repeats; i++) {
                        // Alternate which goes first, so that neither always runs on a warmer machine.
                        if (i % 2 === 0) await run("UserPool", ours).then(() => run("no-op", noop));
                        else await run("no-op", noop).then(() => run("UserPool", ours));
                    }
                    result.preview.push(medianRow(ours), medianRow(noop));
                    result.providerShareMs = { ...result.providerShareMs, [kind]: ours.map((row, i) => row.cpuMs - noop[i].cpuMs) };
                }
            } finally {
                await deleteStoredPools(ctx, Object.values(stored));
            }
        });
        await section("convergence under the write quota", "convergence", async () => {
            result.convergence = await measureConvergence(ctx, quick ? 20 : 50, 15);
        });
        await section("refresh and update under the read and write quotas", "quota", async () => {
            result.quotaPacing = await measureQuotaPacing(ctx, quick ? 60 : 300, 15);
        });
        await section("real pulumi CLI", "cli", async () => {
            result.cli = { problems: [] };
            await measureCli(ctx, quick ? CLI_QUICK_SIZES : CLI_SIZES, result.cli);
        });
    } finally {
        await emulator.stop();
        fs.rmSync(tmpDir, { recursive: true, force: true });
        installed.remove();
    }

    result.durationS = (performance.now() - started) / 1000;
    result.budgets = checkBudgets(result);
    const markdown = renderMarkdown(result, 2);
    // Every run writes to an untracked folder; only --publish touches the committed results.
    const outDir = path.join(projectDir, "bench-results");
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(path.join(outDir, "latest.json"), `${JSON.stringify(result, null, 2)}\n`);
    fs.writeFileSync(path.join(outDir, "latest.md"), `# Benchmark results\n\n${markdown}\n`);
    try {
        const warning = await drawScalingChart(result, path.join(outDir, "scaling.png"));
        if (warning) log(warning);
    } catch (error) {
        log(`the chart could not be drawn: ${errorText(error)}`);
    }
    let written = `${path.relative(projectDir, outDir)}/latest.{md,json} and scaling.png`;
    if (publish) {
        const publishedDir = path.join(projectDir, PUBLISHED_DIR);
        fs.mkdirSync(publishedDir, { recursive: true });
        fs.writeFileSync(path.join(publishedDir, "results.json"), `${JSON.stringify(result, null, 2)}\n`);
        if (fs.existsSync(path.join(outDir, "scaling.png"))) fs.copyFileSync(path.join(outDir, "scaling.png"), path.join(publishedDir, "scaling.png"));
        const page = path.join(projectDir, PUBLISHED_PAGE);
        fs.writeFileSync(page, publishInto(fs.readFileSync(page, "utf8"), markdown));
        written += `, and published to ${PUBLISHED_PAGE} and ${PUBLISHED_DIR}/`;
    }

    process.stdout.write(`${markdown}\n\nWritten to ${written}\n`);
    const failed = result.budgets.filter((b) => !b.pass);
    if (failed.length > 0) {
        process.stderr.write(`\n${failed.length} budget(s) failed:\n${failed.map((b) => `  - ${b.name}: ${b.measured} (limit ${b.limit})`).join("\n")}\n`);
        return 1;
    }
    process.stderr.write(`\nAll ${result.budgets.length} budgets met.\n`);
    return 0;
}

main().then(
    (code) => process.exit(code),
    (error: unknown) => {
        process.stderr.write(`benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        process.exit(2);
    },
);
