/**
 * `npm run generate-program -- <pool-id> [--name users] [--region r] [--json]`
 *
 * Prints a Pulumi TypeScript program (a `new UserPool(...)` with `adoptUserPoolId`) that declares
 * an existing user pool exactly as it is, so that `pulumi up` adopts it without changing anything
 * and the next `pulumi preview` is empty. With `--json`, prints the inputs as JSON instead, the
 * form `npm run drift -- <pool-id> <inputs.json>` reads.
 *
 * The pool is read with the AWS SDK's standard credential chain; the region is `--region`, else
 * AWS_REGION / the profile. AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER points it at an emulator.
 * Before printing, the program is put through the provider's own check and compared with the pool
 * the way adoption compares it; a disagreement is reported on stderr (exit status 1).
 *
 * Exit status: 0 when the program was printed and reproduces the pool, 1 when it was printed
 * with warnings, 2 when the pool does not exist or cannot be read.
 */
import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { resolvedRegion } from "../provider/client";
import { formatProgram, liveForAdoption, planAdoption, programInputsFor } from "../provider/userPool/adopt";
import type { UserPoolInputs } from "../provider/userPool/expand";
import { findMfaConfig, findUserPool } from "../provider/userPool/find";
import { check } from "../provider/userPool/preview";
import { runCommand, withCognitoClient } from "./command";

const USAGE = "usage: npm run generate-program -- <pool-id> [--name <resource-name>] [--region <region>] [--json]";

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
        const live = liveForAdoption(pool, options.region, declared.softwareTokenMfaConfiguration !== undefined ? mfa : undefined);
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

function parseArguments(argv: string[]): Options | string {
    const positional: string[] = [];
    let name = "users";
    let region: string | undefined;
    let json = false;
    for (let i = 0; i < argv.length; i++) {
        const argument = argv[i];
        if (argument === "--json") json = true;
        else if (argument === "--name" || argument === "--region") {
            const value = argv[++i];
            if (value === undefined || value.startsWith("--")) return `${argument} needs a value\n${USAGE}`;
            if (argument === "--name") name = value;
            else region = value;
        } else if (argument === "-h" || argument === "--help") return USAGE;
        else if (argument.startsWith("--")) return `unknown option ${argument}\n${USAGE}`;
        else positional.push(argument);
    }
    if (positional.length !== 1) return USAGE;
    return { poolId: positional[0], name, region, json };
}

async function main(argv: string[]): Promise<number> {
    const options = parseArguments(argv);
    if (typeof options === "string") {
        process.stderr.write(`${options}\n`);
        return 2;
    }
    return withCognitoClient(options.region, async (client) => {
        const region = options.region ?? (await resolvedRegion());
        const command = ["npm run generate-program --", options.poolId, ...(options.name !== "users" ? ["--name", options.name] : []), ...(options.region ? ["--region", options.region] : [])].join(" ");
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

if (require.main === module) runCommand(main);
