/**
 * 4. Convergence under Cognito's pool-write quota: `pulumi up` creating 50 pools, then one
 * updating them, then one deleting them. Each is one provider process (the engine starts the
 * plugin per command and runs independent resources in parallel against it), here receiving all
 * 50 operations at once, through the fault proxy, which answers pool writes beyond 15 per second
 * with TooManyRequestsException. Each phase is timed from its first RPC to its last answer (the
 * process start is not included) and compared with its lower bound: the writes it needs at
 * 15 per second.
 */
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { maxAttempts } from "../../provider/client";
import { makeUrn, PROVIDER_KEY, ProviderHost, startProviderHost } from "../../tests/harness/providerHost";
import { FaultProxy, startFaultProxy } from "../../tests/support/faultProxy";
import { BenchContext, credentials, hostOptions } from "../context";
import { plainPool, updateOneField } from "../fixtures";
import { listBenchPools, Managed, POOL_TYPE, runAtOnce } from "../lib/atOnce";
import type { ConvergencePhase, ConvergenceResult } from "../results";

const WRITES = new Set(["CreateUserPool", "UpdateUserPool", "DeleteUserPool", "AddCustomAttributes", "SetUserPoolMfaConfig"]);
/** The provider's retry settings the benchmark passes through when set in its own environment. */
const RETRY_VARIABLES = ["COGNITO_PROVIDER_MAX_ATTEMPTS", "COGNITO_PROVIDER_RETRY_MODE"];

/** Runs one phase: every task at once, timing the phase and reading the proxy's log for it. */
async function phase<T>(
    name: ConvergencePhase["phase"],
    proxy: FaultProxy,
    host: ProviderHost,
    rpc: string,
    writesNeeded: number,
    writesPerSecond: number,
    tasks: Array<() => Promise<T>>,
): Promise<{ result: ConvergencePhase; values: Array<T | undefined> }> {
    const run = await runAtOnce(proxy, host, rpc, tasks);
    const boundS = writesNeeded / writesPerSecond;
    return {
        result: {
            phase: name,
            ...run.outcome,
            writesNeeded,
            writeRequests: run.records.filter((r) => WRITES.has(r.operation)).length,
            wallS: run.wallS,
            boundS,
            ratio: run.wallS / boundS,
        },
        values: run.values,
    };
}

export async function measureConvergence(ctx: BenchContext, pools: number, writesPerSecond: number): Promise<ConvergenceResult> {
    const proxy = await startFaultProxy(ctx.emulatorEndpoint);
    proxy.setWriteRateLimit(writesPerSecond);
    const envOverrides: Record<string, string> = {};
    for (const key of RETRY_VARIABLES) if (process.env[key]) envOverrides[key] = String(process.env[key]);
    const client = new CognitoIdentityProviderClient({ region: ctx.region, endpoint: ctx.emulatorEndpoint, credentials });
    const prefix = "bench-converge-";
    const provider = ctx.userPoolProvider;
    /** One `pulumi up`: a fresh provider process for the phase. */
    const command = async <R>(body: (host: ProviderHost) => Promise<R>): Promise<R> => {
        const host = await startProviderHost(hostOptions(ctx, "bench-converge", proxy.endpoint, envOverrides));
        try {
            return await body(host);
        } finally {
            await host.stop();
        }
    };
    try {
        const names = Array.from({ length: pools }, (_, i) => `${prefix}${String(i).padStart(3, "0")}`);

        // create: Check + Create per pool, as the engine does.
        const created = await command((host) =>
            phase("create", proxy, host, "Create", pools, writesPerSecond, names.map((name) => async (): Promise<Managed> => {
                const urn = makeUrn(host.stack, host.project, POOL_TYPE, name);
                const checked = await host.check({ urn, olds: {}, news: { ...plainPool(name), [PROVIDER_KEY]: provider } });
                if (checked.failures.length > 0) throw new Error(`Check failed: ${JSON.stringify(checked.failures)}`);
                const result = await host.create({ urn, properties: checked.inputs });
                return { name, urn, id: result.id, inputs: checked.inputs, outputs: result.properties };
            })),
        );
        ctx.log(`  create: ${created.result.succeeded}/${pools} in ${created.result.wallS.toFixed(1)} s (${created.result.throttled} throttled)`);
        const listed = await listBenchPools(client, prefix);
        const byName = new Map<string, number>();
        for (const pool of listed) byName.set(String(pool.Name), (byName.get(String(pool.Name)) ?? 0) + 1);
        const duplicates = [...byName.values()].filter((n) => n > 1).reduce((sum, n) => sum + n - 1, 0);
        const managed = created.values.filter((m): m is Managed => m !== undefined);

        // update: Check + Diff + Update per pool (one changed field: DescribeUserPool + UpdateUserPool).
        const updated = await command((host) =>
            phase("update", proxy, host, "Update", managed.length, writesPerSecond, managed.map((m) => async (): Promise<Managed> => {
                const news = { ...updateOneField(plainPool(m.name)), [PROVIDER_KEY]: provider };
                const checked = await host.check({ urn: m.urn, olds: m.inputs, news });
                if (checked.failures.length > 0) throw new Error(`Check failed: ${JSON.stringify(checked.failures)}`);
                const diff = await host.diff({ id: m.id, urn: m.urn, olds: m.outputs, news: checked.inputs, oldInputs: m.inputs });
                if (diff.changes !== "some" || diff.replaces.length > 0) throw new Error(`unexpected diff for ${m.name}: ${JSON.stringify(diff)}`);
                const result = await host.update({ id: m.id, urn: m.urn, olds: m.outputs, news: checked.inputs, oldInputs: m.inputs });
                return { ...m, inputs: checked.inputs, outputs: result.properties };
            })),
        );
        ctx.log(`  update: ${updated.result.succeeded}/${managed.length} in ${updated.result.wallS.toFixed(1)} s (${updated.result.throttled} throttled)`);
        const current = managed.map((m, i) => updated.values[i] ?? m);

        // delete: every pool the state holds.
        const deleted = await command((host) =>
            phase("delete", proxy, host, "Delete", current.length, writesPerSecond, current.map((m) => async (): Promise<void> => {
                await host.delete({ id: m.id, urn: m.urn, properties: m.outputs, oldInputs: m.inputs });
            })),
        );
        ctx.log(`  delete: ${deleted.result.succeeded}/${current.length} in ${deleted.result.wallS.toFixed(1)} s (${deleted.result.throttled} throttled)`);
        const leftovers = (await listBenchPools(client, prefix)).length;

        const phases = [created.result, updated.result, deleted.result];
        return {
            pools,
            writesPerSecond,
            maxAttempts: envOverrides.COGNITO_PROVIDER_MAX_ATTEMPTS ?? `${maxAttempts()} (default)`,
            retryMode: envOverrides.COGNITO_PROVIDER_RETRY_MODE ?? "adaptive (default)",
            envOverrides,
            phases,
            duplicates,
            leftovers,
            totalWallS: phases.reduce((sum, p) => sum + p.wallS, 0),
            totalBoundS: phases.reduce((sum, p) => sum + p.boundS, 0),
        };
    } finally {
        await proxy.stop();
        client.destroy();
    }
}
