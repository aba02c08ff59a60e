/** The JSON file the real-CLI benchmark's program reads (CLI_TEST_PROGRAM), written by bench/sections/cli.ts. */
export interface CliProgramSpec {
    /**
     * Every property UserPool registers (its inputs and computed outputs, as `undefined` unless
     * declared): the no-op resources register the same set, so both programs send the engine the
     * same inputs.
     */
    registeredKeys: string[];
    pools: Array<{ name: string; args: Record<string, unknown> }>;
}

/** Which provider the program declares the pools with; BENCH_CLI_PROVIDER, set per command. */
export type CliProgramProvider = "UserPool" | "no-op";
