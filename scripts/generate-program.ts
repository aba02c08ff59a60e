/**
 * `cognito-userpool-generate <pool-id> [--name <resource-name>] [--region <region>] [--json]`
 * (bin/generate.ts; `npm run generate-program -- ...` from a checkout)
 *
 * Prints a Pulumi TypeScript program (a `new UserPool(...)` with `adoptUserPoolId`) that declares
 * an existing user pool exactly as it is, so that `pulumi up` adopts it without changing anything
 * and the next `pulumi preview` is empty. With `--json`, prints the inputs as JSON instead, the
 * form cognito-userpool-drift reads. Before printing, the program is put through the provider's
 * own check and compared with the pool the way adoption compares it; a disagreement is reported
 * on stderr (exit status 1). The help text below (GENERATE_COMMAND) is the reference for its
 * arguments, options and exit statuses.
 */
import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { resolvedRegion } from "../provider/client";
import { formatProgram, liveForAdoption, planAdoption, programInputsFor } from "../provider/userPool/adopt";
import type { UserPoolInputs } from "../provider/userPool/expand";
import { findMfaConfig, findUserPool } from "../provider/userPool/find";
import { declaresMfaFactor } from "../provider/userPool/mfa";
import { check } from "../provider/userPool/preview";
import { runCommand, withCognitoClient } from "./command";
import { AWS_NOTE, CommandSpec, commandLineOrExit, processIo } from "./commandLine";

export const GENERATE_COMMAND: CommandSpec = {
    name: "cognito-userpool-generate",
    summary:
        "Prints a Pulumi TypeScript program that declares user pool <pool-id> exactly as it is now, with " +
        "adoptUserPoolId set, so that `pulumi up` adopts the pool (and its users) without changing it and the " +
        "next `pulumi preview` shows no change. The program is checked with the provider's own check and " +
        "adoption plan before it is printed. Read only: it calls DescribeUserPool and GetUserPoolMfaConfig.",
    arguments: [{ name: "<pool-id>", description: "The user pool's id, such as eu-west-1_AbCdEf123." }],
    options: [
        { flag: "--name", value: "<resource-name>", description: "The Pulumi resource name of the UserPool in the program (default users)." },
        {
            flag: "--region",
            value: "<region>",
            description: "The pool's region, such as eu-west-1 (default: AWS_REGION or the AWS profile's region). The program declares it as its region input.",
        },
        { flag: "--json", description: "Print the UserPool inputs as one JSON object instead of a program: the <inputs.json> of cognito-userpool-drift." },
    ],
    notes: [AWS_NOTE],
    exitCodes: [
        [0, "The program was printed and reproduces the pool."],
        [1, "The program was printed, with warnings on stderr naming what it does not reproduce."],
        [2, "The command line is not valid, the pool does not exist, or it could not be read."],
    ],
};

export interface GeneratedProgram {
    poolId: string;
    region: string;
    /** The UserPool inputs that reproduce the pool, adoptUserPoolId and region included. */
    inputs: UserPoolInputs;
    /** The TypeScript program. */
    source: string;
    /** Problems found when checking the program against the provider (none expected). */
    warnings: string[];
}

/**
 * Reads the pool (DescribeUserPool, GetUserPoolMfaConfig) and writes its program; undefined when
 * the pool does not exist. `region` is the region `client` talks to.
 */
export async function generateProgram(
    client: CognitoIdentityProviderClient,
    poolId: string,
    options: { region: string; name?: string; command?: string },
): Promise<GeneratedProgram | undefined> {
    const pool = await findUserPool(client, poolId);
    if (!pool) return undefined;
    const mfa = await findMfaConfig(client, poolId);
    const inputs = programInputsFor(pool, options.region, mfa);
    const warnings: string[] = [];
    const checked = await check({}, inputs);
    for (const failure of checked.failures ?? []) warnings.push(`check: ${failure.property || "(inputs)"}: ${failure.reason}`);
    if (warnings.length === 0) {
        const declared = checked.inputs as UserPoolInputs;
        const live = liveForAdoption(pool, options.region, declaresMfaFactor(declared) ? mfa : undefined);
        const adoption = planAdoption(poolId, live, declared, options.region);
        if (adoption.blocker) warnings.push(adoption.blocker);
        if (adoption.differingFields.length > 0) warnings.push(`adoption would still change ${adoption.differingFields.join(", ")}`);
    }
    const source = formatProgram(inputs, { name: options.name ?? "users", command: options.command });
    return { poolId, region: options.region, inputs, source, warnings };
}

interface Options {
    poolId: string;
    name: string;
    region?: string;
    json: boolean;
}

/** The options, or the exit status when the command line asked for help or was wrong (already reported). */
function parseArguments(argv: string[]): Options | number {
    const parsed = commandLineOrExit(GENERATE_COMMAND, argv, processIo());
    if ("done" in parsed) return parsed.done;
    const { positional, options } = parsed;
    const value = (flag: string): string | undefined => {
        const given = options.get(flag);
        return typeof given === "string" ? given : undefined;
    };
    return { poolId: positional[0], name: value("--name") ?? "users", region: value("--region"), json: options.has("--json") };
}

export async function main(argv: string[]): Promise<number> {
    const options = parseArguments(argv);
    if (typeof options === "number") return options;
    return withCognitoClient(options.region, async (client) => {
        const region = options.region ?? (await resolvedRegion());
        const command = [GENERATE_COMMAND.name, options.poolId, ...(options.name !== "users" ? ["--name", options.name] : []), ...(options.region ? ["--region", options.region] : [])].join(" ");
        const program = await generateProgram(client, options.poolId, { region, name: options.name, command });
        if (!program) {
            process.stderr.write(`user pool ${options.poolId} does not exist in ${region}\n`);
            return 2;
        }
        process.stdout.write(options.json ? `${JSON.stringify(program.inputs, null, 2)}\n` : program.source);
        for (const warning of program.warnings) process.stderr.write(`warning: ${warning}\n`);
        return program.warnings.length > 0 ? 1 : 0;
    });
}

// Run as a file (`node dist/scripts/generate-program.js`), as this command was before bin/generate.ts.
if (require.main === module) runCommand(main);
