/**
 * Mocha's spec reporter plus closing lines in the plain form CI reads:
 * "tests: N passed, N failed, N skipped", preceded, when suites were skipped because a tool from
 * `npm run setup:pulumi-cli` is missing (tests/support/toolGate.ts), by one loud line that counts
 * them and says how to run them.
 */
const fs = require("fs");
const os = require("os");
const path = require("path");
const Mocha = require("mocha");
const { EVENT_RUN_END } = Mocha.Runner.constants;

/** Must match SKIP_TALLY_ENV in tests/support/toolGate.ts. */
const SKIP_TALLY_ENV = "COGNITO_TEST_SKIP_TALLY";

/** Tests skipped per missing tool, as the skipped suites (in this process or in mocha's workers) recorded them. */
function readTally(file) {
    const skipped = { "pulumi-cli": 0, moto: 0 };
    let text = "";
    try {
        text = fs.readFileSync(file, "utf8");
    } catch {
        return skipped;
    }
    for (const line of text.split("\n")) {
        const [tool, count] = line.split(" ");
        if (tool in skipped) skipped[tool] += Number(count) || 0;
    }
    return skipped;
}

class SpecWithSummary extends Mocha.reporters.Spec {
    constructor(runner, options) {
        super(runner, options);
        // Set before any test file loads, so mocha's workers inherit it.
        const tally = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cognito-test-skips-")), "tally");
        fs.writeFileSync(tally, "");
        process.env[SKIP_TALLY_ENV] = tally;
        runner.once(EVENT_RUN_END, () => {
            const { passes, failures, pending } = runner.stats;
            const skippedForSetup = readTally(tally);
            fs.rmSync(path.dirname(tally), { recursive: true, force: true });
            const cli = skippedForSetup["pulumi-cli"];
            const moto = skippedForSetup.moto;
            if (cli + moto > 0) {
                const parts = [cli > 0 ? `${cli} real-CLI tests (no Pulumi CLI found)` : "", moto > 0 ? `${moto} tests that need moto` : ""].filter(Boolean);
                process.stdout.write(
                    `\n!!! SKIPPED ${parts.join(" and ")}. Run \`npm run setup:pulumi-cli\` to install them (CI=true or PULUMI_CLI_REQUIRED=1 makes this a failure).\n`,
                );
            }
            process.stdout.write(`\ntests: ${passes} passed, ${failures} failed, ${pending} skipped\n`);
        });
    }
}

module.exports = SpecWithSummary;
