/**
 * The benchmark's verdicts: `npm run bench` exits non-zero naming each failed budget, so the
 * checks themselves must fail when a measure is over its limit and pass when it is within.
 */
import { expect } from "chai";
import { BUDGETS, checkBudgets, renderMarkdown } from "../../bench/report";
import type { BenchResult, PoolKind, PreviewRow } from "../../bench/results";

function previewRow(pool: PoolKind, provider: PreviewRow["provider"], pools: number, cpuMs: number, steadyPerResourceUs?: number): PreviewRow {
    return {
        pool, provider, pools, cpuMs, steadyPerResourceUs,
        firstResourceMs: 20, perResourceUs: (cpuMs * 1000) / pools, wallMs: cpuMs, changed: 0, apiCalls: 0, rssMiB: 150, peakRssMiB: 160,
    };
}

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

    it("shows the failed budgets in the markdown table", () => {
        const result = passingRun();
        result.apiCalls[0] = { ...result.apiCalls[0], calls: 3 };
        result.budgets = checkBudgets(result);
        const markdown = renderMarkdown(result);
        expect(markdown).to.include(`Budgets: ${result.budgets.length - 1} of ${result.budgets.length} met`);
        expect(markdown).to.match(/\| API calls, UserPool create \(plain\) \| 3 \| ≤ 1 \| \*\*FAIL\*\* \|/);
    });
});
