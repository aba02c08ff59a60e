/**
 * `npm run drift -- <pool-id> <inputs.json> [--json] [--declared-only] [--width N]`
 *
 * Prints, field by field, what the inputs declare against what the user pool has now, compared
 * exactly as `pulumi preview` compares them (the provider's own check, find, flatten and diff
 * normalization). For pipelines and for adopting an existing pool.
 *
 * inputs.json holds the UserPool inputs as a program gives them (camelCase, as in
 * docs/user-pool.md). The pool is read with the AWS SDK's standard credential chain and region
 * (the `region` input if declared, else AWS_REGION / the profile);
 * AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER points it at an emulator.
 *
 * Exit status: 0 when every declared field matches, 1 when any differs, 2 when the inputs are
 * invalid, the pool does not exist, or the pool cannot be read.
 */
import * as fs from "fs";
import { resolvedRegion } from "../provider/client";
import { awsErrorMessage } from "../provider/shared/errors";
import { isPlainObject } from "../provider/shared/schema";
import { declaredFieldsOf } from "../provider/userPool/diff";
import { driftReport, formatDriftReport } from "../provider/userPool/drift";
import { findMfaConfig, findUserPool } from "../provider/userPool/find";
import { flattenUserPool } from "../provider/userPool/flatten";
import { check } from "../provider/userPool/provider";
import { runCommand, withCognitoClient } from "./command";

const USAGE = "usage: npm run drift -- <pool-id> <inputs.json> [--json] [--declared-only] [--width N]";

interface Options {
    poolId: string;
    inputsFile: string;
    json: boolean;
    declaredOnly: boolean;
    width?: number;
}

function parseArguments(argv: string[]): Options | string {
    const positional: string[] = [];
    const options: Omit<Options, "poolId" | "inputsFile"> = { json: false, declaredOnly: false };
    for (let i = 0; i < argv.length; i++) {
        const argument = argv[i];
        if (argument === "--json") options.json = true;
        else if (argument === "--declared-only") options.declaredOnly = true;
        else if (argument === "--width") {
            const width = Number(argv[++i]);
            if (!Number.isInteger(width) || width < 8) return `--width needs a whole number of at least 8\n${USAGE}`;
            options.width = width;
        } else if (argument === "-h" || argument === "--help") return USAGE;
        else if (argument.startsWith("--")) return `unknown option ${argument}\n${USAGE}`;
        else positional.push(argument);
    }
    if (positional.length !== 2) return USAGE;
    return { poolId: positional[0], inputsFile: positional[1], ...options };
}

async function main(argv: string[]): Promise<number> {
    const options = parseArguments(argv);
    if (typeof options === "string") {
        process.stderr.write(`${options}\n`);
        return 2;
    }
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
        const mfa = declaredFields.includes("softwareTokenMfaConfiguration") ? await findMfaConfig(client, options.poolId) : undefined;
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

runCommand(main);
