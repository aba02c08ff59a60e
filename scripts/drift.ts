/**
 * `cognito-userpool-drift <pool-id> <inputs.json> [--json] [--declared-only] [--width <n>]`
 * (bin/drift.ts; `npm run drift -- ...` from a checkout)
 *
 * Prints, field by field, what the inputs declare against what the user pool has now, compared
 * exactly as `pulumi preview` compares them (the provider's own check, find, flatten and diff
 * normalization). For pipelines and for adopting an existing pool. The help text below
 * (DRIFT_COMMAND) is the reference for its arguments, options and exit statuses.
 */
import * as fs from "fs";
import { resolvedRegion } from "../provider/client";
import { awsErrorMessage } from "../provider/shared/errors";
import { isPlainObject } from "../provider/shared/schema";
import { declaredFieldsOf } from "../provider/userPool/diff";
import { driftReport, formatDriftReport } from "../provider/userPool/drift";
import { findMfaConfig, findUserPool } from "../provider/userPool/find";
import { flattenUserPool } from "../provider/userPool/flatten";
import { declaresMfaFactor } from "../provider/userPool/mfa";
import { check } from "../provider/userPool/provider";
import { runCommand, withCognitoClient } from "./command";
import { AWS_NOTE, CommandSpec, commandLineOrExit, processIo, usageError } from "./commandLine";

export const DRIFT_COMMAND: CommandSpec = {
    name: "cognito-userpool-drift",
    summary:
        "Shows, field by field, what the UserPool inputs in <inputs.json> declare against what user pool <pool-id> " +
        "has now, compared exactly as `pulumi preview` compares them (the provider's own check and diff), and " +
        "exits 1 if a declared field differs. Read only: it calls DescribeUserPool, and GetUserPoolMfaConfig " +
        "when the inputs declare softwareTokenMfaConfiguration, emailMfaConfiguration or webAuthnConfiguration.",
    arguments: [
        { name: "<pool-id>", description: "The user pool's id, such as eu-west-1_AbCdEf123." },
        {
            name: "<inputs.json>",
            description:
                "A file holding one JSON object of UserPool inputs as a program gives them (camelCase, as in " +
                "docs/user-pool.md), such as cognito-userpool-generate --json prints.",
        },
    ],
    options: [
        { flag: "--json", description: "Print the report as JSON ({ userPoolId, region, rows }) instead of a table." },
        { flag: "--declared-only", description: "Leave out the rows of fields the inputs do not declare." },
        { flag: "--width", value: "<n>", description: "Cut the declared and live columns to <n> characters, at least 8 (default 48)." },
    ],
    notes: [
        "Region: the region input in <inputs.json> if it declares one, else AWS_REGION or the AWS profile's region.",
        AWS_NOTE,
    ],
    exitCodes: [
        [0, "Every declared field matches the pool."],
        [1, "At least one declared field differs (the report names them)."],
        [2, "The command line or <inputs.json> is not valid (nothing was called), the pool does not exist, or it could not be read."],
    ],
};

interface Options {
    poolId: string;
    inputsFile: string;
    json: boolean;
    declaredOnly: boolean;
    width?: number;
}

/** The options, or the exit status when the command line asked for help or was wrong (already reported). */
function parseArguments(argv: string[]): Options | number {
    const io = processIo();
    const parsed = commandLineOrExit(DRIFT_COMMAND, argv, io);
    if ("done" in parsed) return parsed.done;
    const { positional, options } = parsed;
    let width: number | undefined;
    const rawWidth = options.get("--width");
    if (typeof rawWidth === "string") {
        width = Number(rawWidth);
        if (!Number.isInteger(width) || width < 8) {
            io.err.write(usageError(DRIFT_COMMAND, `--width needs a whole number of at least 8, not ${rawWidth}`));
            return 2;
        }
    }
    return { poolId: positional[0], inputsFile: positional[1], json: options.has("--json"), declaredOnly: options.has("--declared-only"), width };
}

export async function main(argv: string[]): Promise<number> {
    const options = parseArguments(argv);
    if (typeof options === "number") return options;
    let raw: unknown;
    try {
        raw = JSON.parse(fs.readFileSync(options.inputsFile, "utf8"));
    } catch (error) {
        process.stderr.write(`cannot read ${options.inputsFile}: ${awsErrorMessage(error)}\n`);
        return 2;
    }
    if (!isPlainObject(raw)) {
        process.stderr.write(`${options.inputsFile} must hold a JSON object of UserPool inputs\n`);
        return 2;
    }
    // The provider's own check: the same validation and input folding `pulumi preview` applies.
    const checked = await check({}, raw);
    if (checked.failures && checked.failures.length > 0) {
        process.stderr.write(`${options.inputsFile} is not valid UserPool input:\n`);
        for (const failure of checked.failures) process.stderr.write(`  ${failure.property || "(inputs)"}: ${failure.reason}\n`);
        return 2;
    }
    const inputs = checked.inputs as Record<string, unknown>;
    const region = typeof inputs.region === "string" ? inputs.region : undefined;
    return withCognitoClient(region, async (client) => {
        const pool = await findUserPool(client, options.poolId);
        if (!pool) {
            process.stderr.write(`user pool ${options.poolId} does not exist${region ? ` in ${region}` : ""}\n`);
            return 2;
        }
        const declaredFields = declaredFieldsOf(inputs);
        const mfa = declaresMfaFactor(inputs) ? await findMfaConfig(client, options.poolId) : undefined;
        const live = flattenUserPool(pool, {
            region: region ?? (await resolvedRegion()),
            declaredFields,
            declaredSchema: inputs.schema,
            mfa,
        });
        const rows = driftReport(inputs, live);
        const differing = rows.filter((r) => r.status === "differs");
        if (options.json) {
            process.stdout.write(`${JSON.stringify({ userPoolId: options.poolId, region: live.region, rows }, null, 2)}\n`);
        } else {
            const declared = rows.filter((r) => r.status !== "not declared").length;
            const summary = differing.length === 0
                ? `no drift: all ${declared} declared fields match`
                : `${differing.length} of ${declared} declared fields differ: ${differing.map((r) => r.field).join(", ")}`;
            process.stdout.write(`user pool ${options.poolId} (${String(live.poolName)}) in ${String(live.region)}: ${summary}\n\n`);
            process.stdout.write(`${formatDriftReport(rows, { width: options.width, declaredOnly: options.declaredOnly })}\n`);
        }
        return differing.length > 0 ? 1 : 0;
    });
}

// Run as a file (`node dist/scripts/drift.js`), as this command was before bin/drift.ts.
if (require.main === module) runCommand(main);
