/**
 * Mocha's spec reporter plus closing lines in the plain form CI reads:
 * "tests: N passed, N failed, N skipped", preceded, when suites were skipped because a tool from
 * `npm run setup:pulumi-cli` is missing (tests/support/toolGate.ts), by one loud line that counts
 * them and says how to run them.
 */
const Mocha = require("mocha");
const { EVENT_RUN_END, EVENT_TEST_PENDING } = Mocha.Runner.constants;

/** Must match MISSING_TOOL in tests/support/toolGate.ts. */
const MISSING_TOOL = "missingSetupTool";

function missingTool(test) {
    for (let suite = test.parent; suite; suite = suite.parent) {
        if (suite[MISSING_TOOL]) return suite[MISSING_TOOL];
    }
    return undefined;
}

class SpecWithSummary extends Mocha.reporters.Spec {
    constructor(runner, options) {
        super(runner, options);
        const skippedForSetup = { "pulumi-cli": 0, moto: 0 };
        runner.on(EVENT_TEST_PENDING, (test) => {
            const tool = missingTool(test);
            if (tool) skippedForSetup[tool]++;
        });
        runner.once(EVENT_RUN_END, () => {
            const { passes, failures, pending } = runner.stats;
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
