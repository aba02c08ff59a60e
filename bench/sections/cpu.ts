/**
 * 2. check + diff CPU per resource. The stored state comes from real creates through the provider
 * host (so it is exactly what the engine would keep). Then:
 *  - in-process: userPoolProvider.check then .diff (the serialized provider's own methods, which
 *    load the implementation by package name as the host does), many iterations, median and p99;
 *  - through the provider host: a no-change preview (Check + Diff RPCs) of 1, 100 and 1000
 *    copies of the pool, each in a fresh provider process, whose CPU is read from /proc.
 */
import { CognitoIdentityProviderClient, DeleteUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
import { userPoolProvider } from "../../provider/providers";
import { makeUrn, PropertyMap, PROVIDER_KEY, startProviderHost } from "../../tests/harness/providerHost";
import { BenchContext, CallLog, credentials, hostOptions } from "../context";
import { fullPool, minimalPool } from "../fixtures";
import { cpuDelta, cpuOf, memoryOf } from "../lib/proc";
import { mapConcurrent, median, percentile } from "../lib/stats";
import type { CheckDiffRow, PoolKind, PreviewRow } from "../results";

const POOL_TYPE = "pulumi-nodejs:dynamic/cognito:UserPool";

/** A pool as the engine's state holds it after `pulumi up`. */
export interface StoredPool {
    kind: PoolKind;
    name: string;
    id: string;
    /** The program's inputs (what Check receives as news, without `__provider`). */
    program: PropertyMap;
    /** Checked inputs, with `__provider`. */
    inputs: PropertyMap;
    /** Outputs, with `__provider`. */
    outputs: PropertyMap;
}

export async function createStoredPools(ctx: BenchContext): Promise<Record<PoolKind, StoredPool>> {
    const host = await startProviderHost(hostOptions(ctx, "bench-fixtures", ctx.emulatorEndpoint));
    try {
        const make = async (kind: PoolKind): Promise<StoredPool> => {
            const name = `bench-fixture-${kind}`;
            const program = kind === "minimal" ? minimalPool(name) : fullPool(name);
            const urn = makeUrn(host.stack, host.project, POOL_TYPE, name);
            const checked = await host.check({ urn, olds: {}, news: { ...program, [PROVIDER_KEY]: ctx.userPoolProvider } });
            if (checked.failures.length > 0) {
                throw new Error(`the ${kind} benchmark pool fails check: ${checked.failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`);
            }
            const created = await host.create({ urn, properties: checked.inputs });
            return { kind, name, id: created.id, program, inputs: checked.inputs, outputs: created.properties };
        };
        return { minimal: await make("minimal"), full: await make("full") };
    } finally {
        await host.stop();
    }
}

export async function deleteStoredPools(ctx: BenchContext, pools: StoredPool[]): Promise<void> {
    const client = new CognitoIdentityProviderClient({ region: ctx.region, endpoint: ctx.emulatorEndpoint, credentials });
    for (const pool of pools) await client.send(new DeleteUserPoolCommand({ UserPoolId: pool.id })).catch(() => undefined);
    client.destroy();
}

export async function measureCheckDiffInProcess(ctx: BenchContext, pool: StoredPool, iterations: number): Promise<CheckDiffRow> {
    const check = userPoolProvider.check;
    const diff = userPoolProvider.diff;
    if (!check || !diff) throw new Error("userPoolProvider has no check or diff");
    const news = { ...pool.program, [PROVIDER_KEY]: ctx.userPoolProvider };
    const once = async (): Promise<void> => {
        const checked = await check(pool.inputs, news);
        if (checked.failures && checked.failures.length > 0) throw new Error(`check failed: ${JSON.stringify(checked.failures)}`);
        const result = await diff(pool.id, pool.outputs, { ...checked.inputs, [PROVIDER_KEY]: ctx.userPoolProvider });
        if (result.changes !== false) throw new Error(`the ${pool.kind} pool is not a no-change diff: ${JSON.stringify(result)}`);
    };
    for (let i = 0; i < Math.max(50, iterations / 10); i++) await once();
    const samples: number[] = [];
    const cpuBefore = process.cpuUsage();
    for (let i = 0; i < iterations; i++) {
        const start = process.hrtime.bigint();
        await once();
        samples.push(Number(process.hrtime.bigint() - start) / 1000);
    }
    const cpu = process.cpuUsage(cpuBefore);
    return {
        pool: pool.kind,
        iterations,
        medianUs: median(samples),
        p99Us: percentile(samples, 99),
        meanCpuUs: (cpu.user + cpu.system) / iterations,
    };
}

/**
 * `count` copies of a stored pool, each with its own name and id, as a large stack would hold
 * them, every `__provider` set to `provider`.
 */
function replicate(pool: StoredPool, count: number, provider: string): Array<{ name: string; id: string; news: PropertyMap; oldInputs: PropertyMap; outputs: PropertyMap }> {
    const swap = (value: PropertyMap, name: string, id: string): PropertyMap => ({
        ...(JSON.parse(JSON.stringify(value).split(pool.id).join(id).split(pool.name).join(name)) as PropertyMap),
        [PROVIDER_KEY]: provider,
    });
    return Array.from({ length: count }, (_, i) => {
        const name = `bench-preview-${pool.kind}-${String(i).padStart(5, "0")}`;
        const id = `${pool.id.split("_")[0]}_Bench${String(i).padStart(5, "0")}`;
        return { name, id, news: swap(pool.program, name, id), oldInputs: swap(pool.inputs, name, id), outputs: swap(pool.outputs, name, id) };
    });
}

/**
 * A no-change `pulumi preview` of `count` pools: Check + Diff each, in a fresh provider process.
 * With `provider: "no-op"` the same state is previewed by a provider that does no work, which
 * measures what the SDK's host itself (gRPC, protobuf, dispatch) costs per resource.
 */
export async function measurePreview(ctx: BenchContext, pool: StoredPool, count: number, provider: PreviewRow["provider"] = "UserPool", concurrency = 64): Promise<PreviewRow> {
    const log = new CallLog(ctx.tmpDir, `preview-${pool.kind}-${provider}-${count}`);
    const host = await startProviderHost(hostOptions(ctx, `bench-preview-${pool.kind}`, ctx.emulatorEndpoint, { COGNITO_PROVIDER_CALL_LOG: log.file }));
    try {
        const resources = replicate(pool, count, provider === "UserPool" ? ctx.userPoolProvider : ctx.noopProvider);
        const one = async (r: (typeof resources)[number]): Promise<boolean> => {
            const urn = makeUrn(host.stack, host.project, POOL_TYPE, r.name);
            const checked = await host.check({ urn, olds: r.oldInputs, news: r.news });
            if (checked.failures.length > 0) throw new Error(`Check of ${r.name} failed: ${JSON.stringify(checked.failures)}`);
            const diff = await host.diff({ id: r.id, urn, olds: r.outputs, news: checked.inputs, oldInputs: r.oldInputs });
            return diff.changes !== "none";
        };
        const c0 = cpuOf(host.pid);
        const t0 = performance.now();
        const firstChanged = await one(resources[0]);
        const c1 = cpuOf(host.pid);
        const restChanged = await mapConcurrent(resources.slice(1), concurrency, one);
        const wallMs = performance.now() - t0;
        const c2 = cpuOf(host.pid);
        const memory = memoryOf(host.pid);
        const total = cpuDelta(c0, c2);
        const first = cpuDelta(c0, c1);
        const rest = cpuDelta(c1, c2);
        // schedstat (ns) where available; the tick-based figure is the fallback.
        const precise = (s: { statMs: number; schedMs?: number }): number => s.schedMs ?? s.statMs;
        return {
            pool: pool.kind,
            provider,
            pools: count,
            cpuMs: total.statMs,
            schedCpuMs: total.schedMs,
            firstResourceMs: precise(first),
            steadyPerResourceUs: count > 1 ? (precise(rest) * 1000) / (count - 1) : undefined,
            perResourceUs: (total.statMs * 1000) / count,
            wallMs,
            changed: [firstChanged, ...restChanged].filter(Boolean).length,
            apiCalls: log.take().length,
            rssMiB: memory.rssMiB,
            peakRssMiB: memory.hwmMiB,
        };
    } finally {
        await host.stop();
    }
}
