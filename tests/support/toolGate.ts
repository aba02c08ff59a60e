/**
 * Suites that need a tool `npm run setup:pulumi-cli` provides (the Pulumi CLI, moto) skip when it
 * is missing, and tests/reporter.js closes the run with one loud line counting them. With CI=true
 * or PULUMI_CLI_REQUIRED=1 a missing tool fails the suite instead: CI cannot skip them.
 */
import { pulumiCliRequired } from "../../scripts/toolchain";

export type SetupTool = "pulumi-cli" | "moto";

/** Property set on a skipped suite, read by the reporter. */
export const MISSING_TOOL = "missingSetupTool";

const WHAT: Record<SetupTool, string> = {
    "pulumi-cli": "No Pulumi CLI was found",
    moto: "moto is not installed (.tools/moto)",
};

export function skipOrFail(context: Mocha.Context, tool: SetupTool): never {
    if (pulumiCliRequired()) {
        throw new Error(`${WHAT[tool]}, and CI=true or PULUMI_CLI_REQUIRED=1 requires it: run \`npm run setup:pulumi-cli\` first.`);
    }
    const suite = context.test?.parent as (Mocha.Suite & Record<string, unknown>) | undefined;
    if (suite) suite[MISSING_TOOL] = tool;
    context.skip();
}

/** Skips (or fails, when required) the suite unless moto is installed. */
export function requireMoto(context: Mocha.Context): void {
    // Imported here, not at the top, so that suites without moto do not load its helper.
    const { motoInstalled } = require("./moto") as typeof import("./moto");
    if (!motoInstalled()) skipOrFail(context, "moto");
}
