/**
 * 5. Reads and writes under Cognito's quotas at scale: a refresh of 300 pools at once, then an
 * update of the same 300 at once, each in one provider process (as `pulumi refresh` /
 * `pulumi up --parallel` with a high parallelism would), through the fault proxy limiting each
 * quota category (UserPoolRead, UserPoolUpdate) to 15 requests per second and answering beyond
 * that with TooManyRequestsException. Each phase is timed from its first Read / Update RPC to
 * its last answer and compared with its lower bound: the busiest category's requests at 15 per
 * second, i.e. N/15 s (a refresh is one DescribeUserPool per pool; an update one Describe and
 * one UpdateUserPool, in different categories, so they overlap).
 *
 * The pools are made and removed around the phases directly against the emulator, with pacing
 * off, so that the section spends its time on the two measures.
 */
import { CognitoIdentityProviderClient, DeleteUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
import { makeUrn, PROVIDER_KEY, ProviderHost, startProviderHost } from "../../tests/harness/providerHost";
import { FaultProxy, ProxyRecord, startFaultProxy } from "../../tests/support/faultProxy";
import { BenchContext, credentials, hostOptions } from "../context";
import { plainPool, updateOneField } from "../fixtures";
import { listBenchPools, Managed, POOL_TYPE, runAtOnce } from "../lib/atOnce";
import type { QuotaPacingResult, QuotaPhase } from "../results";

const PREFIX = "bench-quota-";
const READS = new Set(["DescribeUserPool", "GetUserPoolMfaConfig", "ListUserPools", "DescribeUserPoolDomain"]);
/** Provider settings the benchmark passes through when set in its own environment, so a run can try other rates. */
const PASSED_THROUGH = ["COGNITO_PROVIDER_READ_RATE", "COGNITO_PROVIDER_WRITE_RATE", "COGNITO_PROVIDER_MAX_ATTEMPTS", "COGNITO_PROVIDER_RETRY_MODE"];
/** Set-up and clean-up work in batches of this size: cognito-local keeps each pool in a file. */
const BATCH = 25;

async function inBatches<T, R>(items: T[], work: (item: T) => Promise<R>): Promise<R[]> {
    const results: R[] = [];
    for (let i = 0; i < items.length; i += BATCH) results.push(...(await Promise.all(items.slice(i, i + BATCH).map(work))));
    return results;
}

/** The most requests that arrived within any one second (a sliding window), from the proxy's arrival times. */
function busiestSecond(records: ProxyRecord[]): number {
    const times = records.map((r) => r.at).sort((a, b) => a - b);
    let most = 0;
    for (let first = 0, last = 0; last < times.length; last++) {
        while (times[last] - times[first] >= 1000) first++;
        most = Math.max(most, last - first + 1);
    }
    return most;
}

/** Runs every task at once in `host`, timing the phase and reading the proxy's log for it. */
async function phase<T>(
    name: QuotaPhase["phase"],
    proxy: FaultProxy,
    host: ProviderHost,
    rpc: string,
    perSecond: number,
    tasks: Array<() => Promise<T>>,
): Promise<{ result: QuotaPhase; values: Array<T | undefined> }> {
    const run = await runAtOnce(proxy, host, rpc, tasks);
    const { records } = run;
    const readRequests = records.filter((r) => READS.has(r.operation)).length;
    const startedAt = performance.timeOrigin + run.t0;
    const boundS = tasks.length / perSecond;
    return {
        result: {
            phase: name,
            ...run.outcome,
            readRequests,
            writeRequests: records.length - readRequests,
            firstCallS: records.length > 0 ? (Math.min(...records.map((r) => r.at)) - startedAt) / 1000 : Number.NaN,
            busiestSecond: Math.max(busiestSecond(records.filter((r) => READS.has(r.operation))), busiestSecond(records.filter((r) => !READS.has(r.operation)))),
            wallS: run.wallS,
            boundS,
            ratio: run.wallS / boundS,
        },
        values: run.values,
    };
}

export async function measureQuotaPacing(ctx: BenchContext, pools: number, perSecond: number): Promise<QuotaPacingResult> {
    const proxy = await startFaultProxy(ctx.emulatorEndpoint);
    proxy.setCategoryRateLimit("UserPoolRead", perSecond);
    proxy.setCategoryRateLimit("UserPoolUpdate", perSecond);
    const envOverrides: Record<string, string> = {};
    for (const key of PASSED_THROUGH) if (process.env[key]) envOverrides[key] = String(process.env[key]);
    const client = new CognitoIdentityProviderClient({ region: ctx.region, endpoint: ctx.emulatorEndpoint, credentials });
    const provider = ctx.userPoolProvider;
    /** A provider process, through the proxy for a measure, or straight to the emulator with pacing off for set-up and clean-up. */
    const withHost = async <R>(measured: boolean, body: (host: ProviderHost) => Promise<R>): Promise<R> => {
        const options = measured
            ? hostOptions(ctx, "bench-quota", proxy.endpoint, envOverrides)
            : hostOptions(ctx, "bench-quota", ctx.emulatorEndpoint, { COGNITO_PROVIDER_READ_RATE: "0", COGNITO_PROVIDER_WRITE_RATE: "0" });
        const host = await startProviderHost(options);
        try {
            return await body(host);
        } finally {
            await host.stop();
        }
    };
    let managed: Managed[] = [];
    try {
        const names = Array.from({ length: pools }, (_, i) => `${PREFIX}${String(i).padStart(3, "0")}`);
        const t0 = performance.now();
        managed = await withHost(false, (host) =>
            inBatches(names, async (name): Promise<Managed> => {
                const urn = makeUrn(host.stack, host.project, POOL_TYPE, name);
                const checked = await host.check({ urn, olds: {}, news: { ...plainPool(name), [PROVIDER_KEY]: provider } });
                if (checked.failures.length > 0) throw new Error(`Check failed: ${JSON.stringify(checked.failures)}`);
                const created = await host.create({ urn, properties: checked.inputs });
                return { name, urn, id: created.id, inputs: checked.inputs, outputs: created.properties };
            }),
        );
        ctx.log(`  set-up: ${managed.length} pools in ${((performance.now() - t0) / 1000).toFixed(1)} s (straight to the emulator, pacing off)`);

        // refresh: one Read per pool, as `pulumi refresh` sends them; the state takes what it returns.
        const refreshed = await withHost(true, (host) =>
            phase("refresh", proxy, host, "Read", perSecond, managed.map((m) => async (): Promise<Managed> => {
                const read = await host.read({ id: m.id, urn: m.urn, properties: m.outputs, inputs: m.inputs });
                if (read.id !== m.id) throw new Error(`refresh of ${m.name} did not find the pool`);
                return { ...m, outputs: read.properties, inputs: read.inputs ?? m.inputs };
            })),
        );
        ctx.log(`  refresh: ${refreshed.result.succeeded}/${pools} in ${refreshed.result.wallS.toFixed(1)} s (bound ${refreshed.result.boundS.toFixed(1)} s, ${refreshed.result.throttled} throttled)`);
        managed = managed.map((m, i) => refreshed.values[i] ?? m);

        // update: Check + Diff per pool (no API call), then every Update at once, as the engine
        // starts the update steps of a `pulumi up` whose program registered all its pools: one
        // changed field each (DescribeUserPool + UpdateUserPool). The phase is timed from the
        // first Update RPC; the Checks and Diffs before it are timed on their own (prepareS). In
        // a real run they overlap with the updates, as the program registers pools over time.
        const updated = await withHost(true, async (host) => {
            const t0 = performance.now();
            const planned = await Promise.all(managed.map(async (m) => {
                const news = { ...updateOneField(plainPool(m.name)), [PROVIDER_KEY]: provider };
                const checked = await host.check({ urn: m.urn, olds: m.inputs, news });
                if (checked.failures.length > 0) throw new Error(`Check failed: ${JSON.stringify(checked.failures)}`);
                const diff = await host.diff({ id: m.id, urn: m.urn, olds: m.outputs, news: checked.inputs, oldInputs: m.inputs });
                if (diff.changes !== "some" || diff.replaces.length > 0) throw new Error(`unexpected diff for ${m.name}: ${JSON.stringify(diff)}`);
                return { ...m, news: checked.inputs };
            }));
            const prepareS = (performance.now() - t0) / 1000;
            const measured = await phase("update", proxy, host, "Update", perSecond, planned.map((m) => async (): Promise<Managed> => {
                const result = await host.update({ id: m.id, urn: m.urn, olds: m.outputs, news: m.news, oldInputs: m.inputs });
                return { name: m.name, urn: m.urn, id: m.id, inputs: m.news, outputs: result.properties };
            }));
            return { ...measured, result: { ...measured.result, prepareS } };
        });
        ctx.log(`  update: ${updated.result.succeeded}/${pools} in ${updated.result.wallS.toFixed(1)} s after ${(updated.result.prepareS ?? 0).toFixed(1)} s of Checks and Diffs (bound ${updated.result.boundS.toFixed(1)} s, ${updated.result.throttled} throttled)`);
        managed = managed.map((m, i) => updated.values[i] ?? m);

        const byName = new Map<string, number>();
        for (const pool of await listBenchPools(client, PREFIX)) byName.set(String(pool.Name), (byName.get(String(pool.Name)) ?? 0) + 1);
        const duplicates = [...byName.values()].filter((n) => n > 1).reduce((sum, n) => sum + n - 1, 0);
        return { pools, perSecond, envOverrides, phases: [refreshed.result, updated.result], duplicates, leftovers: await cleanUp(managed) };
    } catch (error) {
        await cleanUp(managed).catch(() => undefined);
        throw error;
    } finally {
        await proxy.stop();
        client.destroy();
    }

    /**
     * Deletes every pool of the state through the provider and returns how many benchmark pools
     * are still listed after that (the left-overs), then removes those too, so that the next run
     * starts clean.
     */
    async function cleanUp(state: Managed[]): Promise<number> {
        if (state.length > 0) {
            await withHost(false, (host) => inBatches(state, (m) => host.delete({ id: m.id, urn: m.urn, properties: m.outputs, oldInputs: m.inputs }).catch(() => undefined)));
        }
        const left = await listBenchPools(client, PREFIX);
        await inBatches(left, (pool) => client.send(new DeleteUserPoolCommand({ UserPoolId: String(pool.Id) })).catch(() => undefined));
        return left.length;
    }
}
