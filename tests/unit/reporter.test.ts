/**
 * The closing lines of `npm test` (tests/reporter.js): a run that skipped suites for a missing
 * tool says so loudly with their count, also when mocha runs the files in parallel workers (as
 * .mocharc does), and CI=true turns the skips into failures.
 */
import { spawnSync } from "child_process";
import { expect } from "chai";
import * as path from "path";

const root = path.resolve(__dirname, "..", "..", "..");
const fixtures = ["needsCli", "needsMoto"].map((name) => path.join(root, "dist", "tests", "support", "fixtures", `${name}.fixture.js`));

function runFixtures(extraArgs: string[], env: NodeJS.ProcessEnv): { status: number | null; output: string } {
    const mocha = path.join(root, "node_modules", "mocha", "bin", "mocha.js");
    const { CI: _ci, PULUMI_CLI_REQUIRED: _required, ...base } = process.env;
    const result = spawnSync(process.execPath, [mocha, "--no-config", "--reporter", path.join(root, "tests", "reporter.js"), ...extraArgs, ...fixtures], {
        cwd: root,
        env: { ...base, ...env },
        encoding: "utf8",
    });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const SKIP_LINE =
    "!!! SKIPPED 2 real-CLI tests (no Pulumi CLI found) and 1 tests that need moto. Run `npm run setup:pulumi-cli` to install them (CI=true or PULUMI_CLI_REQUIRED=1 makes this a failure).";

describe("test reporter: suites skipped for a missing tool", function () {
    this.timeout(60000);

    for (const [mode, args] of [["serial", []], ["parallel workers", ["--parallel", "--jobs", "2"]]] as const) {
        it(`counts them in one loud line (${mode})`, () => {
            const { status, output } = runFixtures([...args], {});
            expect(output).to.include(SKIP_LINE);
            expect(output).to.include("tests: 1 passed, 0 failed, 3 skipped");
            expect(status).to.equal(0);
        });
    }

    it("fails them instead when the tools are required (CI=true)", () => {
        const { status, output } = runFixtures(["--parallel", "--jobs", "2"], { CI: "true" });
        expect(output).not.to.include("!!! SKIPPED");
        expect(output).to.include("No Pulumi CLI was found, and CI=true or PULUMI_CLI_REQUIRED=1 requires it");
        expect(status).to.not.equal(0);
    });
});
