/**
 * The real-CLI benchmark's no-op dynamic provider: check returns its inputs, diff reports no
 * change (as bench/run.ts's no-op for the in-host previews). It is a module of its own so that the
 * benchmark can serialize this very object, as the program's SDK does, and store that text as the
 * `__provider` of the no-op stack's state: both stacks then hold exactly the inputs their program
 * sends, and differ only by the provider.
 */
import type * as pulumi from "@pulumi/pulumi";

export const noopProvider: pulumi.dynamic.ResourceProvider = {
    async check(_olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
        return { inputs: news };
    },
    async diff(): Promise<pulumi.dynamic.DiffResult> {
        return { changes: false };
    },
    async create(): Promise<pulumi.dynamic.CreateResult> {
        // Only previews run with this provider: the no-op stack's state is imported, never created.
        throw new Error("the benchmark's no-op provider only previews");
    },
};
