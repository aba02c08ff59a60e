/**
 * The benchmark's verdicts: `npm run bench` exits non-zero naming each failed budget, so the
 * checks themselves must fail when a measure is over its limit and pass when it is within.
 */
import { expect } from "chai";
import type { BenchContext } from "../../bench/context";
import { BUDGETS, checkBudgets, renderMarkdown } from "../../bench/report";
import { CLI_SIZES, measureCli } from "../../bench/sections/cli";
import type { BenchResult, CliCommandRun, CliPreviewPair, PoolKind, PreviewRow, QuotaPacingResult, QuotaPhase, RealCliResult } from "../../bench/results";

function previewRow(pool: PoolKind, provider: PreviewRow["provider"], pools: number, cpuMs: number, steadyPerResourceUs?: number): PreviewRow {
    return {
        pool, provider, pools, cpuMs, steadyPerResourceUs,
        firstResourceMs: 20, perResourceUs: (cpuMs * 1000) / pools, wallMs: cpuMs, changed: 0, apiCalls: 0, rssMiB: 150, peakRssMiB: 160,
    };
}

const cliRun = (cpuS: number, wallS = cpuS): CliCommandRun => ({ wallS, cpuS, userS: cpuS * 0.95, sysS: cpuS * 0.05, maxRssMiB: 300 });

/** Real-CLI preview pairs with these CPU ratios (this provider / no-op), the no-op at 10 s. */
function cliPairs(...ratios: number[]): CliPreviewPair[] {
    return ratios.map((ratio, i) => ({ first: i % 2 === 0 ? "UserPool" : "no-op", userPool: cliRun(10 * ratio), noop: cliRun(10) }));
}

function cliResult(ratios: number[], pools: number = BUDGETS.cliPreviewPools): RealCliResult {
    return {
        pulumiVersion: "v3.276.0",
        cliSource: "built",
        nodeVersion: "v20.20.2",
        cpuMethod: "GNU time",
        preview: { pools, pool: "full", pairs: cliPairs(...ratios), setupUp: cliRun(18, 28) },
        upDestroy: { pools: 30, pool: "plain", up: cliRun(4.6, 5.5), destroy: cliRun(1.9, 3.3) },
        problems: [],
        durationS: 180,
    };
}

/** A quota-section phase of 300 pools at 15/s taking `wallS`. */
function quotaPhase(phase: QuotaPhase["phase"], wallS: number, failures = 0): QuotaPhase {
    return {
        phase, operations: 300, succeeded: 300 - failures, failures, failureSamples: failures > 0 ? ["Read: TooManyRequestsException: Too many requests"] : [],
        readRequests: 300, writeRequests: phase === "update" ? 300 : 0, throttled: 2, requests: phase === "update" ? 602 : 300,
        firstCallS: 1.4, busiestSecond: 15, wallS, boundS: 20, ratio: wallS / 20, latencyP50S: 11, latencyMaxS: 22, ...(phase === "update" ? { prepareS: 2.1 } : {}),
    };
}

function quotaResult(refreshS: number, updateS: number): QuotaPacingResult {
    return { pools: 300, perSecond: 15, envOverrides: {}, phases: [quotaPhase("refresh", refreshS), quotaPhase("update", updateS)], duplicates: 0, leftovers: 0 };
}

const REFRESH_BUDGET = "Quota pacing, 300 concurrent refreshes in one provider process at 15 requests/s per category";
const UPDATE_BUDGET = "Quota pacing, 300 concurrent updates in one provider process at 15 requests/s per category";

const CLI_BUDGET_NAME = `Real CLI: CPU of a no-change \`pulumi preview\` of ${BUDGETS.cliPreviewPools} full pools`;

/** A run where every budget is met. */
function passingRun(): BenchResult {
    const preview: PreviewRow[] = [];
    for (const pool of ["minimal", "full"] as const) {
        preview.push(previewRow(pool, "UserPool", 100, 500, 5000));
        preview.push(previewRow(pool, "UserPool", 1000, 5300, 5200));
        preview.push(previewRow(pool, "no-op", 1000, 5000, 4900));
    }
    return {
        machine: { cpuModel: "test", cores: 2, memoryGiB: 24, node: "v20", platform: "linux", date: "2026-11-23" },
        command: "npm run bench",
        durationS: 100,
        apiCalls: [
            { resource: "UserPool", operation: "create (plain)", calls: 1, sequence: ["CreateUserPool"], budget: 1, budgetNote: "CreateUserPool", engineSteps: ["create"], expectedStep: "create", convergedAfter: true },
        ],
        checkDiff: [],
        preview,
        providerShareMs: { minimal: [100, 300, 200], full: [250, 400, 300] },
        startup: {
            providerBytes: { userPool: 279, userPoolDomain: 285 },
            runs: [],
            median: { spawnToPortMs: 500, readyMs: 520, firstCheckMs: 540, cpuMs: 560, rssMiB: 126, peakRssMiB: 126 },
        },
        cli: cliResult([0.97, 0.97, 0.92, 0.79, 1.01]),
        quotaPacing: quotaResult(23.3, 25),
        stateBytes: { minimal: 1266, full: 10585 },
        errors: [],
        budgets: [],
    };
}

const failed = (result: BenchResult): string[] => checkBudgets(result).filter((b) => !b.pass).map((b) => b.name);

describe("benchmark budgets", () => {
    it("passes a run within every budget", () => {
        const checks = checkBudgets(passingRun());
        expect(checks.length).to.be.greaterThan(5);
        expect(checks.filter((b) => !b.pass)).to.deep.equal([]);
    });

    it("fails an operation that makes more API calls than its budget, or did not run as intended", () => {
        const overBudget = passingRun();
        overBudget.apiCalls[0] = { ...overBudget.apiCalls[0], calls: 2, sequence: ["CreateUserPool", "DescribeUserPool"] };
        expect(failed(overBudget)).to.deep.equal(["API calls, UserPool create (plain)"]);

        const notConverged = passingRun();
        notConverged.apiCalls[0] = { ...notConverged.apiCalls[0], convergedAfter: false };
        expect(checkBudgets(notConverged).find((b) => !b.pass)?.measured).to.include("the next no-change preview was not empty");
    });

    it("judges the provider's preview CPU by the median of the paired differences, not by one pair", () => {
        const oneBadPair = passingRun();
        oneBadPair.providerShareMs = { ...oneBadPair.providerShareMs, full: [250, 1400, 300] };
        expect(failed(oneBadPair)).to.deep.equal([]);

        const overBudget = passingRun();
        overBudget.providerShareMs = { ...overBudget.providerShareMs, full: [1100, 1400, 900] };
        const names = failed(overBudget);
        expect(names).to.have.length(1);
        expect(names[0]).to.include(`no-change preview of ${BUDGETS.previewPools} full pools`);
    });

    it("fails growth that is not linear, a large __provider, and a section that did not run", () => {
        const result = passingRun();
        result.preview = result.preview.map((row) => (row.pool === "minimal" && row.pools === 1000 && row.provider === "UserPool" ? { ...row, steadyPerResourceUs: 10_001 } : row));
        result.startup!.providerBytes.userPool = BUDGETS.providerBytes;
        result.errors.push("convergence under the write quota: proxy did not start");
        expect(failed(result)).to.deep.equal([
            "Linear growth, minimal pools (provider CPU per resource at 1000 vs 100)",
            "Serialized __provider size, UserPool",
            "Benchmark section ran",
        ]);
    });

    it("judges the 300-pool refresh and update by their quota bound: within 1.3x passes, over fails, and so does any failure or pool left over", () => {
        const checks = checkBudgets(passingRun());
        expect(checks.find((b) => b.name === REFRESH_BUDGET)).to.deep.include({ pass: true, limit: `≤ ${BUDGETS.quotaRatio}x, 0 failed` });
        expect(checks.find((b) => b.name === UPDATE_BUDGET)?.measured).to.equal("25.0 s = 1.25x the 20.0 s bound, 0 failed (2 throttled answers retried)");

        const atLimit = passingRun();
        atLimit.quotaPacing = quotaResult(20 * BUDGETS.quotaRatio, 20 * BUDGETS.quotaRatio);
        expect(failed(atLimit), "exactly at the limit passes").to.deep.equal([]);

        const slow = passingRun();
        slow.quotaPacing = quotaResult(23.3, 20 * BUDGETS.quotaRatio + 0.1);
        expect(failed(slow)).to.deep.equal([UPDATE_BUDGET]);

        const oneFailed = passingRun();
        oneFailed.quotaPacing = { ...quotaResult(23.3, 25), phases: [quotaPhase("refresh", 23.3, 1), quotaPhase("update", 25)] };
        expect(failed(oneFailed)).to.deep.equal([REFRESH_BUDGET]);

        const leftOver = passingRun();
        leftOver.quotaPacing = { ...quotaResult(23.3, 25), leftovers: 2 };
        expect(failed(leftOver)).to.deep.equal(["Quota pacing: one pool per name, nothing left over"]);
    });

    it("shows the quota section: both phases with their bound, the update's Checks and Diffs, first API call and busiest second", () => {
        const result = passingRun();
        result.budgets = checkBudgets(result);
        const markdown = renderMarkdown(result);
        expect(markdown).to.include("Refresh and update of 300 pools under the read and write quotas");
        expect(markdown).to.match(/\| refresh \| 300\/300 \|  \| 23\.30 \| 20\.00 \| 1\.17x \| 1\.40 \| 300 \/ 0 \| 15 \| 2 \|/);
        expect(markdown).to.match(/\| update \| 300\/300 \| 2\.10 \| 25\.00 \| 20\.00 \| 1\.25x \| 1\.40 \| 300 \/ 300 \| 15 \| 2 \|/);
    });

    it("judges the real CLI's preview CPU by the median of the pairs' ratios: over the limit fails, within passes", () => {
        const within = passingRun();
        within.cli = cliResult([1.0, BUDGETS.cliPreviewCpuRatio, BUDGETS.cliPreviewCpuRatio, BUDGETS.cliPreviewCpuRatio + 0.3, 0.9]);
        const check = checkBudgets(within).find((b) => b.name.startsWith(CLI_BUDGET_NAME));
        expect(check?.pass, "a median at the limit passes").to.equal(true);
        expect(check?.measured).to.include(`${BUDGETS.cliPreviewCpuRatio.toFixed(2)}x (median of 5 paired runs`);

        const oneBadPair = passingRun();
        oneBadPair.cli = cliResult([1.0, 2.5, 0.95, 1.05, 1.0]);
        expect(failed(oneBadPair)).to.deep.equal([]);

        const over = passingRun();
        over.cli = cliResult([1.0, BUDGETS.cliPreviewCpuRatio + 0.05, BUDGETS.cliPreviewCpuRatio + 0.2, BUDGETS.cliPreviewCpuRatio + 0.1, 1.1]);
        const names = failed(over);
        expect(names).to.have.length(1);
        expect(names[0]).to.include(CLI_BUDGET_NAME);
    });

    it("does not judge a real-CLI preview of another size (a --quick run), nor a skipped section", () => {
        const quick = passingRun();
        quick.cli = cliResult([3, 3, 3], 20);
        expect(checkBudgets(quick).some((b) => b.name.startsWith("Real CLI: CPU"))).to.equal(false);
        expect(failed(quick)).to.deep.equal([]);

        const skipped = passingRun();
        skipped.cli = { problems: [], skipped: "no Pulumi CLI found" };
        expect(checkBudgets(skipped).some((b) => b.name.startsWith("Real CLI"))).to.equal(false);
        expect(failed(skipped)).to.deep.equal([]);
        expect(renderMarkdown(skipped)).to.include("Skipped: no Pulumi CLI found.");
    });

    it("skips the real-CLI section with a line saying why when there is no Pulumi CLI, and fails it when the CLI is required", async () => {
        const saved = { ci: process.env.CI, required: process.env.PULUMI_CLI_REQUIRED };
        const lines: string[] = [];
        // Nothing but log is used before the section finds there is no CLI.
        const ctx = { log: (line: string) => lines.push(line) } as unknown as BenchContext;
        try {
            delete process.env.CI;
            delete process.env.PULUMI_CLI_REQUIRED;
            const out: RealCliResult = { problems: [] };
            await measureCli(ctx, CLI_SIZES, out, () => undefined);
            expect(out.skipped).to.include("no Pulumi CLI found");
            expect(lines).to.deep.equal([`   skipped: ${out.skipped}`]);
            expect(out.preview).to.equal(undefined);

            process.env.PULUMI_CLI_REQUIRED = "1";
            let error: unknown;
            await measureCli(ctx, CLI_SIZES, { problems: [] }, () => undefined).catch((e: unknown) => (error = e));
            expect(String(error)).to.include("PULUMI_CLI_REQUIRED=1 requires it");
        } finally {
            for (const [key, value] of [["CI", saved.ci], ["PULUMI_CLI_REQUIRED", saved.required]] as const) {
                if (value === undefined) delete process.env[key];
                else process.env[key] = value;
            }
        }
    });

    it("fails real-CLI runs that did not do what they should (a preview with changes, pools left over)", () => {
        const result = passingRun();
        result.cli!.problems.push("preview with no-op: 100 unchanged of 101", "2 pools were left after pulumi destroy");
        expect(failed(result)).to.deep.equal(["Real CLI: previews all unchanged, up creates and destroy deletes every pool, none left over"]);
        expect(checkBudgets(result).find((b) => !b.pass)?.measured).to.equal("preview with no-op: 100 unchanged of 101; 2 pools were left after pulumi destroy");
    });

    it("shows every real-CLI preview pair, both medians, the ratio, up, destroy and the versions", () => {
        const result = passingRun();
        result.budgets = checkBudgets(result);
        const markdown = renderMarkdown(result);
        expect(markdown).to.include("Pulumi CLI v3.276.0");
        expect(markdown).to.include("Node v20.20.2");
        expect(markdown).to.match(/\| 4 \| no-op \| 7\.90 \| 7\.90 \(7\.50 user \+ 0\.40 sys\) \| 10\.00 \| 10\.00 \(9\.50 user \+ 0\.50 sys\) \| 0\.79x \|/);
        expect(markdown).to.match(/\| median \|  \| 9\.70 \| 9\.70 \| 10\.00 \| 10\.00 \| 0\.97x \(ratio of medians 0\.97x\) \|/);
        expect(markdown).to.match(/\| pulumi up \| 30 \| 5\.50 \| 4\.60 /);
        expect(markdown).to.match(/\| pulumi destroy \| 30 \| 3\.30 \| 1\.90 /);
    });

    it("fails a pool whose stored state grew past its limit (the weight the lean schemaAttributes output removed), and shows the sizes", () => {
        const heavy = passingRun();
        // 0.1.0's sizes, with every standard attribute in schemaAttributes.
        heavy.stateBytes = { minimal: 4547, full: 13811 };
        expect(failed(heavy)).to.deep.equal(["Stored state of one minimal pool (checked inputs + outputs)", "Stored state of one full pool (checked inputs + outputs)"]);
        const lean = passingRun();
        lean.checkDiff = [{ pool: "minimal", iterations: 10, medianUs: 10, p99Us: 20, meanCpuUs: 12 }];
        expect(renderMarkdown({ ...lean, budgets: checkBudgets(lean) }, 2)).to.match(/\| full \| 10585 \|/);
    });

    it("shows the failed budgets in the markdown table", () => {
        const result = passingRun();
        result.apiCalls[0] = { ...result.apiCalls[0], calls: 3 };
        result.budgets = checkBudgets(result);
        const markdown = renderMarkdown(result);
        expect(markdown).to.include(`Budgets: ${result.budgets.length - 1} of ${result.budgets.length} met`);
        expect(markdown).to.match(/\| API calls, UserPool create \(plain\) \| 3 \| ≤ 1 \| \*\*FAIL\*\* \|/);
    });
});
