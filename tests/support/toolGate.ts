/**
 * Suites that need a tool `npm run setup:pulumi-cli` provides (the Pulumi CLI, moto) skip when it
 * is missing, and tests/reporter.js closes the run with one loud line counting them. With CI=true
 * or PULUMI_CLI_REQUIRED=1 a missing tool fails the suite instead: CI cannot skip them.
 */
import { appendFileSync } from "fs";
import { pulumiCliRequired } from "../../scripts/toolchain";

export type SetupTool = "pulumi-cli" | "moto";

/**
 * File the reporter names (in the environment every mocha worker inherits) where a skipped suite
 * records its tool and how many tests it skips: mocha runs test files in worker processes
 * (--parallel), whose suites reach the reporter only as serialized copies.
 */
export const SKIP_TALLY_ENV = "COGNITO_TEST_SKIP_TALLY";

const WHAT: Record<SetupTool, string> = {
    "pulumi-cli": "No Pulumi CLI was found",
    moto: "moto is not installed (.tools/moto)",
};

export function skipOrFail(context: Mocha.Context, tool: SetupTool): never {
    if (pulumiCliRequired()) {
        throw new Error(`${WHAT[tool]}, and CI=true or PULUMI_CLI_REQUIRED=1 requires it: run \`npm run setup:pulumi-cli\` first.`);
    }
    const suite = context.test?.parent;
    const tally = process.env[SKIP_TALLY_ENV];
    if (suite && tally) appendFileSync(tally, `${tool} ${suite.total()}\n`);
    context.skip();
}

/** Skips (or fails, when required) the suite unless moto is installed. */
export function requireMoto(context: Mocha.Context): void {
    // Imported here, not at the top, so that suites without moto do not load its helper.
    const { motoInstalled } = require("./moto") as typeof import("./moto");
    if (!motoInstalled()) skipOrFail(context, "moto");
}
