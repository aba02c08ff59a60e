/**
 * 3. Provider startup: the serialized `__provider` size, the time from launching the provider
 * process to its first answered Check (the engine's start-up sequence, then loading the provider
 * on first use), and the process's CPU and memory at that point.
 */
import { makeUrn, PROVIDER_KEY, startProviderHost } from "../../tests/harness/providerHost";
import { BenchContext, hostOptions } from "../context";
import { plainPool } from "../fixtures";
import { cpuOf, memoryOf } from "../lib/proc";
import { median } from "../lib/stats";
import type { StartupResult, StartupRun } from "../results";

export async function measureStartup(ctx: BenchContext, runs: number): Promise<StartupResult> {
    const results: StartupRun[] = [];
    for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        const host = await startProviderHost(hostOptions(ctx, "bench-startup", ctx.emulatorEndpoint));
        try {
            const urn = makeUrn(host.stack, host.project, "pulumi-nodejs:dynamic/cognito:UserPool", "startup");
            const checked = await host.check({ urn, olds: {}, news: { ...plainPool("bench-startup"), [PROVIDER_KEY]: ctx.userPoolProvider } });
            const firstCheckMs = performance.now() - t0;
            if (checked.failures.length > 0) throw new Error(`startup Check failed: ${JSON.stringify(checked.failures)}`);
            const memory = memoryOf(host.pid);
            results.push({
                spawnToPortMs: host.startup.spawnToPortMs,
                readyMs: host.startup.readyMs,
                firstCheckMs,
                cpuMs: cpuOf(host.pid).statMs,
                rssMiB: memory.rssMiB,
                peakRssMiB: memory.hwmMiB,
            });
        } finally {
            await host.stop();
        }
    }
    const pick = (key: keyof StartupRun): number => median(results.map((r) => r[key]));
    return {
        providerBytes: { userPool: Buffer.byteLength(ctx.userPoolProvider), userPoolDomain: Buffer.byteLength(ctx.userPoolDomainProvider) },
        runs: results,
        median: {
            spawnToPortMs: pick("spawnToPortMs"),
            readyMs: pick("readyMs"),
            firstCheckMs: pick("firstCheckMs"),
            cpuMs: pick("cpuMs"),
            rssMiB: pick("rssMiB"),
            peakRssMiB: pick("peakRssMiB"),
        },
    };
}
