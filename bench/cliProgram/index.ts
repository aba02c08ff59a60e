/**
 * The real-CLI benchmark's program (bench/sections/cli.ts). The section copies it, compiled, into
 * the scratch project where this package is installed from `npm pack`, so that it loads the
 * package and @pulumi/pulumi the way a user's program does (and the engine's dynamic-provider host
 * launcher, which resolves @pulumi/pulumi from the program's folder, runs that copy too).
 *
 * It declares the pools listed in the JSON file named by CLI_TEST_PROGRAM (a CliProgramSpec):
 * with BENCH_CLI_PROVIDER=UserPool as this package's UserPool; with BENCH_CLI_PROVIDER=no-op as
 * dynamic resources of the same type token, names and inputs whose provider does nothing. Previews
 * of one stack's state by both therefore differ only by the provider: what this provider adds to a
 * real `pulumi preview`.
 */
import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import type { UserPoolArgs } from "pulumi-cognito-userpool";
import { noopProvider } from "./noop";
import type { CliProgramProvider, CliProgramSpec } from "./spec";

class NoopPool extends pulumi.dynamic.Resource {
    constructor(name: string, props: Record<string, unknown>) {
        // The type token UserPool registers (pulumi-nodejs:dynamic/cognito:UserPool): same URNs, same state.
        super(noopProvider, name, props, undefined, "cognito", "UserPool");
    }
}

const specFile = process.env.CLI_TEST_PROGRAM;
if (!specFile) throw new Error("CLI_TEST_PROGRAM must name the program's JSON file");
const spec = JSON.parse(fs.readFileSync(specFile, "utf8")) as CliProgramSpec;
const provider = process.env.BENCH_CLI_PROVIDER as CliProgramProvider | undefined;

if (provider === "UserPool") {
    // Loaded only here: loading the package is part of what this provider costs a program.
    const { UserPool } = require("pulumi-cognito-userpool") as typeof import("pulumi-cognito-userpool");
    for (const pool of spec.pools) new UserPool(pool.name, pool.args as unknown as UserPoolArgs);
} else if (provider === "no-op") {
    const registered = Object.fromEntries(spec.registeredKeys.map((key) => [key, undefined]));
    for (const pool of spec.pools) new NoopPool(pool.name, { ...registered, ...pool.args });
} else {
    throw new Error(`BENCH_CLI_PROVIDER must be UserPool or no-op, not ${String(provider)}`);
}
