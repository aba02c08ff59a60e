/** Budgets the benchmark enforces, and the results as markdown. */
import { fullPool } from "./fixtures";
import { describeMachine } from "./lib/machine";
import { median } from "./lib/stats";
import type { ApiCallRow, BenchResult, BudgetCheck, CliCommandRun, CliPreviewPair, PoolKind, PreviewRow } from "./results";

export const BUDGETS = {
    providerBytes: 20 * 1024,
    previewCpuMs: 1000,
    previewPools: 1000,
    /** Per-resource CPU at 1000 pools may be at most this multiple of the one at 100. */
    linearity: 2,
    convergenceRatio: 1.5,
    /**
     * Refresh and update of many pools at once under the read and write quotas: wall time at most
     * this multiple of the busiest category's requests at the quota (N/15 s). The provider paces
     * to 14/s, so 15/14 = 1.07x is the floor; 1.3x leaves room for the RPCs around the calls.
     */
    quotaRatio: 1.3,
    /** Real-CLI previews of this many pools are judged (a --quick run's smaller stack is not). */
    cliPreviewPools: 100,
    /**
     * CPU of `pulumi preview` (pulumi and all its children) with this provider, as a multiple of
     * the same preview with the no-op provider on the same state: median of the pairs' ratios.
     * Measured at 0.95-1.0x (single pairs 0.79-1.05x with other test suites loading the 2 cores):
     * the engine, the language host and the SDK's registration cost all of a 100-pool preview's
     * ~10 s, this provider next to nothing. 1.25x leaves room for that noise (three of five pairs
     * would have to be 25% off the same way) and still fails on ~2.5 s more CPU per 100 pools
     * (25 ms a pool): a heavy package load in the program, a bloated state, check + diff 100x slower.
     */
    cliPreviewCpuRatio: 1.25,
    /**
     * Stored state of one pool (checked inputs + outputs with their __provider, JSON bytes).
     * 0.1.0, which kept every standard schema attribute in schemaAttributes, stored 4547 B for the
     * minimal pool and 13811 B for the full one; 0.2.0 stores 1266 B and 10585 B. The limits
     * catch that weight coming back.
     */
    stateBytes: { minimal: 1536, full: 11 * 1024 } as Record<PoolKind, number>,
};

const KINDS: PoolKind[] = ["minimal", "full"];

function previewAt(result: BenchResult, kind: PoolKind, pools: number, provider: PreviewRow["provider"] = "UserPool"): PreviewRow | undefined {
    return result.preview.find((p) => p.pool === kind && p.pools === pools && p.provider === provider);
}

function stepsOk(row: ApiCallRow): boolean {
    return row.engineSteps.length > 0 && row.engineSteps.every((s) => s === row.expectedStep);
}

/** The range of the runs behind two median rows, so a reader can see how much of a difference is noise. */
function spread(ours: PreviewRow, baseline: PreviewRow): string {
    const range = (runs: number[] | undefined) => (runs && runs.length > 1 ? `${Math.min(...runs).toFixed(0)}–${Math.max(...runs).toFixed(0)}` : undefined);
    const a = range(ours.cpuMsRuns);
    const b = range(baseline.cpuMsRuns);
    return a && b ? `; runs: process ${a} ms, baseline ${b} ms` : "";
}

export interface CliPreviewSummary {
    /** Medians over the pairs, seconds. */
    userPoolCpuS: number;
    noopCpuS: number;
    userPoolWallS: number;
    noopWallS: number;
    /** Each pair's CPU ratio, this provider / no-op. */
    pairRatios: number[];
    /** The median of the pairs' CPU ratios: what the budget judges (each pair ran back to back, so machine drift cancels within it). */
    cpuRatio: number;
    /** The ratio of the two CPU medians, for comparison. */
    ratioOfMedians: number;
}

export function cliPreviewSummary(pairs: CliPreviewPair[]): CliPreviewSummary {
    const pairRatios = pairs.map((p) => p.userPool.cpuS / p.noop.cpuS);
    const userPoolCpuS = median(pairs.map((p) => p.userPool.cpuS));
    const noopCpuS = median(pairs.map((p) => p.noop.cpuS));
    return {
        userPoolCpuS,
        noopCpuS,
        userPoolWallS: median(pairs.map((p) => p.userPool.wallS)),
        noopWallS: median(pairs.map((p) => p.noop.wallS)),
        pairRatios,
        cpuRatio: median(pairRatios),
        ratioOfMedians: userPoolCpuS / noopCpuS,
    };
}

export function checkBudgets(result: BenchResult): BudgetCheck[] {
    const checks: BudgetCheck[] = [];
    for (const row of result.apiCalls) {
        const problems: string[] = [];
        if (!stepsOk(row)) problems.push(`engine did ${row.engineSteps.join(", ") || "nothing"}, expected ${row.expectedStep}`);
        if (row.convergedAfter === false) problems.push("the next no-change preview was not empty");
        if (row.budget !== undefined) {
            checks.push({
                name: `API calls, ${row.resource} ${row.operation}`,
                measured: `${row.calls}${problems.length > 0 ? ` (${problems.join("; ")})` : ""}`,
                limit: `≤ ${row.budget}`,
                pass: row.calls <= row.budget && problems.length === 0,
            });
        } else if (problems.length > 0) {
            checks.push({ name: `${row.resource} ${row.operation} ran as intended`, measured: problems.join("; "), limit: "as intended", pass: false });
        }
    }
    for (const kind of KINDS) {
        const big = previewAt(result, kind, BUDGETS.previewPools);
        const baseline = previewAt(result, kind, BUDGETS.previewPools, "no-op");
        const pairs = result.providerShareMs?.[kind];
        if (big && baseline && pairs && pairs.length > 0) {
            // What the provider costs is the provider process's CPU minus what the SDK's host spends
            // on the same state with a provider that does nothing (gRPC, protobuf, closure loading).
            const share = median(pairs);
            const range = pairs.length > 1 ? `, pairs ${Math.min(...pairs).toFixed(0)} to ${Math.max(...pairs).toFixed(0)} ms` : "";
            checks.push({
                name: `Provider's own CPU, no-change preview of ${BUDGETS.previewPools} ${kind} pools (process CPU minus the no-op baseline)`,
                measured: `${share.toFixed(0)} ms (median of ${pairs.length} paired run${pairs.length === 1 ? "" : "s"}${range}; medians: process ${big.cpuMs.toFixed(0)} ms, SDK host baseline ${baseline.cpuMs.toFixed(0)} ms${spread(big, baseline)})`,
                limit: `< ${BUDGETS.previewCpuMs} ms`,
                pass: share < BUDGETS.previewCpuMs,
            });
        }
        const hundred = previewAt(result, kind, 100);
        if (big?.steadyPerResourceUs !== undefined && hundred?.steadyPerResourceUs !== undefined) {
            const ratio = big.steadyPerResourceUs / hundred.steadyPerResourceUs;
            checks.push({
                name: `Linear growth, ${kind} pools (provider CPU per resource at 1000 vs 100)`,
                measured: `${ratio.toFixed(2)}x (${big.steadyPerResourceUs.toFixed(0)} vs ${hundred.steadyPerResourceUs.toFixed(0)} µs)`,
                limit: `≤ ${BUDGETS.linearity}x`,
                pass: ratio <= BUDGETS.linearity,
            });
        }
    }
    const noisyPreviews = result.preview.filter((p) => p.apiCalls > 0 || p.changed > 0);
    if (result.preview.length > 0) {
        checks.push({
            name: "No-change previews through the host: no API call, no change",
            measured: noisyPreviews.length === 0 ? "0 calls, 0 changes" : noisyPreviews.map((p) => `${p.pools} ${p.pool}: ${p.apiCalls} calls, ${p.changed} changed`).join("; "),
            limit: "0",
            pass: noisyPreviews.length === 0,
        });
    }
    for (const kind of KINDS) {
        const bytes = result.stateBytes?.[kind];
        if (bytes === undefined) continue;
        checks.push({
            name: `Stored state of one ${kind} pool (checked inputs + outputs)`,
            measured: `${bytes} B`,
            limit: `≤ ${BUDGETS.stateBytes[kind]} B`,
            pass: bytes <= BUDGETS.stateBytes[kind],
        });
    }
    if (result.startup) {
        for (const [name, bytes] of Object.entries(result.startup.providerBytes)) {
            checks.push({
                name: `Serialized __provider size, ${name === "userPool" ? "UserPool" : "UserPoolDomain"}`,
                measured: `${bytes} B`,
                limit: `< ${BUDGETS.providerBytes} B`,
                pass: bytes < BUDGETS.providerBytes,
            });
        }
    }
    const c = result.convergence;
    if (c) {
        for (const p of c.phases) {
            checks.push({
                name: `Convergence, ${c.pools} concurrent ${p.phase}s at ${c.writesPerSecond} writes/s`,
                measured: `${p.wallS.toFixed(1)} s = ${p.ratio.toFixed(2)}x the ${p.boundS.toFixed(1)} s bound, ${p.failures} failed`,
                limit: `≤ ${BUDGETS.convergenceRatio}x, 0 failed`,
                pass: p.ratio <= BUDGETS.convergenceRatio && p.failures === 0,
            });
        }
        checks.push({
            name: "Convergence: no duplicate pools, nothing left over",
            measured: `${c.duplicates} duplicates, ${c.leftovers} left over`,
            limit: "0, 0",
            pass: c.duplicates === 0 && c.leftovers === 0,
        });
    }
    const q = result.quotaPacing;
    if (q) {
        for (const p of q.phases) {
            checks.push({
                name: `Quota pacing, ${q.pools} concurrent ${p.phase === "refresh" ? "refreshes" : "updates"} in one provider process at ${q.perSecond} requests/s per category`,
                measured: `${p.wallS.toFixed(1)} s = ${p.ratio.toFixed(2)}x the ${p.boundS.toFixed(1)} s bound, ${p.failures} failed (${p.throttled} throttled answers retried)`,
                limit: `≤ ${BUDGETS.quotaRatio}x, 0 failed`,
                pass: p.ratio <= BUDGETS.quotaRatio && p.failures === 0,
            });
        }
        checks.push({
            name: "Quota pacing: one pool per name, nothing left over",
            measured: `${q.duplicates} duplicates, ${q.leftovers} left over`,
            limit: "0, 0",
            pass: q.duplicates === 0 && q.leftovers === 0,
        });
    }
    const cli = result.cli;
    if (cli && !cli.skipped) {
        const preview = cli.preview;
        if (preview && preview.pools === BUDGETS.cliPreviewPools && preview.pairs.length > 0) {
            const summary = cliPreviewSummary(preview.pairs);
            checks.push({
                name: `Real CLI: CPU of a no-change \`pulumi preview\` of ${preview.pools} ${preview.pool} pools (pulumi and all its children), this provider / the no-op on the same state`,
                measured: `${summary.cpuRatio.toFixed(2)}x (median of ${preview.pairs.length} paired runs, pairs ${Math.min(...summary.pairRatios).toFixed(2)} to ${Math.max(...summary.pairRatios).toFixed(2)}; medians: ${summary.userPoolCpuS.toFixed(2)} s against ${summary.noopCpuS.toFixed(2)} s)`,
                limit: `≤ ${BUDGETS.cliPreviewCpuRatio}x`,
                pass: summary.cpuRatio <= BUDGETS.cliPreviewCpuRatio,
            });
        }
        // The numbers only mean something if every preview found nothing to do and up / destroy did all of it.
        checks.push({
            name: "Real CLI: previews all unchanged, up creates and destroy deletes every pool, none left over",
            measured: cli.problems.length === 0 ? "as intended" : cli.problems.join("; "),
            limit: "as intended",
            pass: cli.problems.length === 0,
        });
    }
    for (const error of result.errors) checks.push({ name: "Benchmark section ran", measured: error, limit: "ran", pass: false });
    return checks;
}

const f0 = (n: number | undefined): string => (n !== undefined && Number.isFinite(n) ? n.toFixed(0) : "–");
const f1 = (n: number): string => (Number.isFinite(n) ? n.toFixed(1) : "–");
const f2 = (n: number): string => (Number.isFinite(n) ? n.toFixed(2) : "–");

function table(header: string[], rows: string[][]): string {
    const line = (cells: string[]): string => `| ${cells.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`;
    return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/** The results as markdown: the budgets, then one section per measure. `headingLevel` 2 for bench-results/latest.md and docs/performance.md. */
export function renderMarkdown(result: BenchResult, headingLevel = 2): string {
    const h = "#".repeat(headingLevel);
    const out: string[] = [];
    const failed = result.budgets.filter((b) => !b.pass);
    out.push(`Machine: ${describeMachine(result.machine)}. The run took ${f0(result.durationS)} s (\`${result.command}\`, build not included). Everything runs against this package installed from \`npm pack\` into a scratch Pulumi project, as users get it.`);
    out.push("");
    out.push(`${h} Budgets: ${result.budgets.length - failed.length} of ${result.budgets.length} met`);
    out.push("");
    out.push(table(["Budget", "Measured", "Limit", "Result"], result.budgets.map((b) => [b.name, b.measured, b.limit, b.pass ? "pass" : "**FAIL**"])));

    // A section with no rows did not run (--only): its heading and explanation would only mislead.
    if (result.apiCalls.length > 0) renderApiCalls(result, h, out);
    if (result.checkDiff.length > 0 || result.preview.length > 0) renderCheckDiff(result, h, out);
    if (result.startup) {
        const s = result.startup;
        out.push("");
        out.push(`${h} Provider startup`);
        out.push("");
        out.push(`Median of ${s.runs.length} launches of the provider host (Handshake, GetPluginInfo, CheckConfig, Configure, then the first Check, which loads the provider).`);
        out.push("");
        out.push(table(["Measure", "Value"], [
            ["Serialized `__provider`, UserPool", `${s.providerBytes.userPool} B`],
            ["Serialized `__provider`, UserPoolDomain", `${s.providerBytes.userPoolDomain} B`],
            ...(result.checkoutProviderBytes
                ? [["Serialized `__provider` from a checkout of this repository (UserPool / UserPoolDomain)", `${result.checkoutProviderBytes.userPool} / ${result.checkoutProviderBytes.userPoolDomain} B`]]
                : []),
            ["Launch to port printed", `${f0(s.median.spawnToPortMs)} ms`],
            ["Launch to Configure answered", `${f0(s.median.readyMs)} ms`],
            ["Launch to first Check answered", `${f0(s.median.firstCheckMs)} ms`],
            ["Provider-process CPU, launch to first Check", `${f0(s.median.cpuMs)} ms`],
            ["Provider-process memory after first Check (RSS / peak)", `${f0(s.median.rssMiB)} / ${f0(s.median.peakRssMiB)} MiB`],
        ]));
    }

    const c = result.convergence;
    if (c) {
        out.push("");
        out.push(`${h} Convergence under the write quota`);
        out.push("");
        out.push(`${c.pools} pools, all at once: three \`pulumi up\`s (create, update one field, delete), each a fresh provider process receiving every operation at once, through a proxy that answers pool writes beyond ${c.writesPerSecond}/s with TooManyRequestsException. Each phase is timed from its first RPC to its last answer. Lower bound: writes needed / ${c.writesPerSecond} per second. Retries: ${c.maxAttempts} attempts, ${c.retryMode} mode${Object.keys(c.envOverrides).length > 0 ? ` (set for this run: ${Object.entries(c.envOverrides).map(([k, v]) => `${k}=${v}`).join(", ")})` : ""}.`);
        out.push("");
        out.push(table(
            ["Phase", "Succeeded", "Wall s", "Bound s", "Ratio", "Write requests (throttled)", "All requests", "RPC p50 / max s", "First failure"],
            c.phases.map((p) => [
                p.phase,
                `${p.succeeded}/${p.operations}`,
                f2(p.wallS),
                f2(p.boundS),
                `${f2(p.ratio)}x`,
                `${p.writeRequests} (${p.throttled})`,
                String(p.requests),
                `${f1(p.latencyP50S)} / ${f1(p.latencyMaxS)}`,
                p.failureSamples[0] ?? "",
            ]),
        ));
        out.push("");
        out.push(`Total ${f1(c.totalWallS)} s against a ${f1(c.totalBoundS)} s bound; ${c.duplicates} duplicate pools, ${c.leftovers} left over.`);
    }
    if (result.quotaPacing) renderQuotaPacing(result, h, out);
    if (result.cli) renderCli(result, h, out);
    if (result.errors.length > 0) {
        out.push("");
        out.push(`${h} Sections that did not run`);
        out.push("");
        for (const e of result.errors) out.push(`- ${e}`);
    }
    return out.join("\n");
}

function renderQuotaPacing(result: BenchResult, h: string, out: string[]): void {
    const q = result.quotaPacing;
    if (!q) return;
    const overrides = Object.entries(q.envOverrides).map(([k, v]) => `${k}=${v}`).join(", ");
    out.push("");
    out.push(`${h} Refresh and update of ${q.pools} pools under the read and write quotas`);
    out.push("");
    out.push(
        `${q.pools} pools, all at once in one provider process: a refresh (one Read RPC per pool: DescribeUserPool), then an update of one field (Check and Diff of every pool, then every Update RPC at once, as the engine starts the update steps: DescribeUserPool and UpdateUserPool per pool), ` +
            `through a proxy that answers requests beyond ${q.perSecond}/s in each quota category (UserPoolRead, UserPoolUpdate) with TooManyRequestsException. ` +
            `The provider runs with ${overrides ? `${overrides}` : "its default rates (14 reads/s and 14 writes/s)"}. Each phase is timed from its first Read / Update RPC to its last answer; the update's Checks and Diffs before it (no API call) are timed on their own. ` +
            `Lower bound: ${q.pools} requests of the busiest category at ${q.perSecond} per second (an update's reads and writes are in different categories and overlap). ` +
            `First API call: when the first request reached the proxy (before it, the provider loads the AWS SDK). Busiest second: the most requests of one category within any one second at the proxy.`,
    );
    out.push("");
    out.push(table(
        ["Phase", "Succeeded", "Checks + Diffs s", "Wall s", "Bound s", "Ratio", "First API call s", "Reads / writes sent", "Busiest second", "Throttled (retried)", "RPC p50 / max s", "First failure"],
        q.phases.map((p) => [
            p.phase,
            `${p.succeeded}/${p.operations}`,
            p.prepareS === undefined ? "" : f2(p.prepareS),
            f2(p.wallS),
            f2(p.boundS),
            `${f2(p.ratio)}x`,
            f2(p.firstCallS),
            `${p.readRequests} / ${p.writeRequests}`,
            String(p.busiestSecond),
            String(p.throttled),
            `${f1(p.latencyP50S)} / ${f1(p.latencyMaxS)}`,
            p.failureSamples[0] ?? "",
        ]),
    ));
    out.push("");
    out.push(`${q.duplicates} duplicate pools, ${q.leftovers} left over after the pools were deleted.`);
}

const seconds = (r: CliCommandRun): string => `${f2(r.cpuS)} (${f2(r.userS)} user + ${f2(r.sysS)} sys)`;

function renderCli(result: BenchResult, h: string, out: string[]): void {
    const cli = result.cli;
    if (!cli) return;
    out.push("");
    out.push(`${h} Real \`pulumi\` CLI`);
    out.push("");
    if (cli.skipped) {
        out.push(`Skipped: ${cli.skipped}.`);
        return;
    }
    out.push(
        `Pulumi CLI ${cli.pulumiVersion ?? "?"} (${cli.cliSource === "PATH" ? "on PATH" : "built by `npm run setup:pulumi-cli`"}), running the program and the provider host with Node ${cli.nodeVersion ?? "?"}. ` +
            `The program (bench/cliProgram) runs compiled, in the scratch project where this package is installed from \`npm pack\`; each stack has its own file backend; the pools are on cognito-local. ` +
            `Wall time and CPU (user + sys) are those of the pulumi process and every process under it that it waited for: the language host, the program's node and the dynamic-provider host. CPU measured by ${cli.cpuMethod ?? "?"}.` +
            (cli.durationS !== undefined ? ` The section took ${f0(cli.durationS)} s, setup and clean-up included.` : ""),
    );
    const preview = cli.preview;
    if (preview && preview.pairs.length > 0) {
        const s = cliPreviewSummary(preview.pairs);
        out.push("");
        out.push(
            `\`pulumi preview --refresh=false --expect-no-changes\` of a stack of ${preview.pools} ${preview.pool} pools (created once with \`pulumi up\`` +
                (preview.setupUp ? `: ${f1(preview.setupUp.wallS)} s wall, ${f1(preview.setupUp.cpuS)} s CPU` : "") +
                `), with this provider and with a no-op dynamic provider (check returns its inputs, diff reports no change) on the same state: the no-op stack imports this provider's state with each \`__provider\` replaced by the no-op's serialized text, and its program declares the same type, names and inputs. ` +
                `${preview.pairs.length} pairs, back to back, which goes first alternating; the budget takes the median of the pairs' CPU ratios.`,
        );
        out.push("");
        out.push(table(
            ["Pair", "First", "UserPool wall s", "UserPool CPU s", "No-op wall s", "No-op CPU s", "CPU ratio"],
            [
                ...preview.pairs.map((p, i) => [
                    String(i + 1),
                    p.first,
                    f2(p.userPool.wallS),
                    seconds(p.userPool),
                    f2(p.noop.wallS),
                    seconds(p.noop),
                    `${f2(s.pairRatios[i])}x`,
                ]),
                ["median", "", f2(s.userPoolWallS), f2(s.userPoolCpuS), f2(s.noopWallS), f2(s.noopCpuS), `${f2(s.cpuRatio)}x (ratio of medians ${f2(s.ratioOfMedians)}x)`],
            ],
        ));
    }
    const ud = cli.upDestroy;
    if (ud) {
        out.push("");
        out.push(`\`pulumi up --skip-preview\` creating ${ud.pools} ${ud.pool} pools on a fresh stack (default parallelism), then \`pulumi destroy --skip-preview\`; one run each.`);
        out.push("");
        out.push(table(
            ["Command", "Pools", "Wall s", "CPU s", "Largest process peak RSS MiB"],
            [
                ["pulumi up", String(ud.pools), f2(ud.up.wallS), seconds(ud.up), f0(ud.up.maxRssMiB)],
                ["pulumi destroy", String(ud.pools), f2(ud.destroy.wallS), seconds(ud.destroy), f0(ud.destroy.maxRssMiB)],
            ],
        ));
    }
    if (cli.problems.length > 0) {
        out.push("");
        out.push(`Not as intended: ${cli.problems.join("; ")}.`);
    }
}

function renderApiCalls(result: BenchResult, h: string, out: string[]): void {
    out.push("");
    out.push(`${h} API calls per operation`);
    out.push("");
    out.push("Counted inside the provider process by the SDK middleware (`COGNITO_PROVIDER_CALL_LOG`; retries not counted), each operation run by the engine harness through the SDK's dynamic-provider host. Pools on cognito-local; domains on moto, which reports a domain ACTIVE (or gone) on the first poll, so domain counts are the minimum.");
    out.push("");
    out.push(table(
        ["Resource", "Operation", "Calls", "Budget", "Calls made", "Next preview empty"],
        result.apiCalls.map((r) => [
            r.resource,
            r.operation,
            String(r.calls),
            r.budget === undefined ? `none set (${r.budgetNote})` : `${r.budget} (${r.budgetNote})`,
            r.sequence.join(", ") || "none",
            r.convergedAfter === undefined ? "" : r.convergedAfter ? "yes" : "**no**",
        ]),
    ));
}

function renderCheckDiff(result: BenchResult, h: string, out: string[]): void {
    out.push("");
    out.push(`${h} check + diff CPU per resource`);
    out.push("");
    out.push(`In process: \`userPoolProvider.check\` then \`.diff\` against stored outputs of a real create, a no-change diff; time per iteration (CPU-bound, one thread) and process CPU per iteration. \`full\` declares every commonly used field (${Object.keys(fullPool("x")).length} top-level fields, 10 custom attributes, SMS and TOTP MFA, 10 Lambda triggers); \`minimal\` only \`poolName\`.`);
    out.push("");
    out.push(table(
        ["Pool", "Iterations", "Median µs", "p99 µs", "Mean CPU µs"],
        result.checkDiff.map((r) => [r.pool, String(r.iterations), f0(r.medianUs), f0(r.p99Us), f0(r.meanCpuUs)]),
    ));
    if (result.stateBytes) {
        out.push("");
        out.push("Stored state per pool: the checked inputs and the outputs the engine keeps for the pool after `pulumi up` (JSON bytes, `__provider` included), which every preview reads and moves per resource.");
        out.push("");
        out.push(table(["Pool", "Stored state bytes"], KINDS.filter((k) => result.stateBytes?.[k] !== undefined).map((k) => [k, String(result.stateBytes?.[k])])));
    }
    out.push("");
    out.push("No-change `pulumi preview` through the provider host: Check + Diff RPCs for N copies of the pool (64 in flight), each size in a fresh provider process; provider-process CPU from `/proc/<pid>/stat` (utime + stime, 10 ms ticks), per resource after the first from schedstat (ns). The first resource's CPU includes loading the provider implementation on first use.");
    out.push("");
    out.push(table(
        ["Pool", "Provider", "Pools", "Provider-process CPU ms", "First resource ms", "CPU per further resource µs", "Wall ms", "RSS MiB", "Peak RSS MiB", "API calls"],
        result.preview.map((r) => [
            r.pool,
            r.provider === "no-op" ? "no-op, same state" : r.provider,
            String(r.pools),
            f0(r.cpuMs),
            f1(r.firstResourceMs),
            f0(r.steadyPerResourceUs),
            f0(r.wallMs),
            f0(r.rssMiB),
            f0(r.peakRssMiB),
            String(r.apiCalls),
        ]),
    ));
    const shares = KINDS.map((kind) => {
        const own = previewAt(result, kind, BUDGETS.previewPools);
        const floor = previewAt(result, kind, BUDGETS.previewPools, "no-op");
        const pairs = result.providerShareMs?.[kind];
        return own && floor && pairs && pairs.length > 0
            ? `${kind}: ${f0(own.cpuMs)} ms, of which ${f0(floor.cpuMs)} ms is what the SDK's host spends on the same state with a provider that does nothing, and about ${f0(median(pairs))} ms (median of the paired differences ${pairs.map(f0).join(", ")}) this provider's check and diff`
            : undefined;
    }).filter((line): line is string => line !== undefined);
    if (shares.length > 0) {
        const runs = result.providerShareMs?.full?.length ?? 1;
        out.push("");
        out.push(`Provider-process CPU of the ${BUDGETS.previewPools}-pool previews (medians): ${shares.join("; ")}. The no-op provider is a dynamic provider whose check returns its inputs and whose diff reports no change (its \`__provider\` is ${result.noopProviderBytes ?? "?"} B against this provider's ${result.startup?.providerBytes.userPool ?? "?"} B, which tilts the difference slightly in this provider's favour); it previews the same stored inputs and outputs. The ${BUDGETS.previewPools}-pool previews run as ${runs} pair${runs === 1 ? "" : "s"} of this provider and the no-op (which goes first alternates), because the run-to-run spread of these process-CPU figures is as large as their difference.`);
    }
}
