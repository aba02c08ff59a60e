/**
 * What the convergence and quota sections share: many pools managed through one provider host,
 * every operation of a phase sent at once through the fault proxy, and the phase read back from
 * the proxy's log and the host's RPC timings.
 */
import { CognitoIdentityProviderClient, paginateListUserPools, UserPoolDescriptionType } from "@aws-sdk/client-cognito-identity-provider";
import type { PropertyMap, ProviderHost } from "../../tests/harness/providerHost";
import type { FaultProxy, ProxyRecord } from "../../tests/support/faultProxy";
import { errorText } from "../context";
import { median } from "./stats";

export const POOL_TYPE = "pulumi-nodejs:dynamic/cognito:UserPool";

/** A pool the section made, as the engine would hold it. */
export interface Managed {
    name: string;
    urn: string;
    id: string;
    inputs: PropertyMap;
    outputs: PropertyMap;
}

/** The emulator's pools whose names start with `prefix`: what a section made, or left over. */
export async function listBenchPools(client: CognitoIdentityProviderClient, prefix: string): Promise<UserPoolDescriptionType[]> {
    const pools: UserPoolDescriptionType[] = [];
    for await (const page of paginateListUserPools({ client }, { MaxResults: 60 })) {
        for (const pool of page.UserPools ?? []) if (pool.Name?.startsWith(prefix)) pools.push(pool);
    }
    return pools;
}

export interface PhaseRun<T> {
    /** performance.now() when the tasks were started. */
    t0: number;
    wallS: number;
    /** The requests the proxy saw during the phase. */
    records: ProxyRecord[];
    /** Each task's outcome, in task order (undefined where it failed). */
    values: Array<T | undefined>;
    /** The counts and samples every phase row reports. */
    outcome: {
        operations: number;
        succeeded: number;
        failures: number;
        failureSamples: string[];
        throttled: number;
        requests: number;
        latencyP50S: number;
        latencyMaxS: number;
    };
}

/** Starts every task at once, times the phase, and reads the proxy's log and the host's `rpc` timings for it. */
export async function runAtOnce<T>(proxy: FaultProxy, host: ProviderHost, rpc: string, tasks: Array<() => Promise<T>>): Promise<PhaseRun<T>> {
    const firstRecord = proxy.records.length;
    const firstCall = host.calls.length;
    const t0 = performance.now();
    const settled = await Promise.allSettled(tasks.map((task) => task()));
    const wallS = (performance.now() - t0) / 1000;
    const records = proxy.records.slice(firstRecord);
    const failures = settled.filter((s): s is PromiseRejectedResult => s.status === "rejected").map((s) => errorText(s.reason));
    const latencies = host.calls.slice(firstCall).filter((c) => c.method === rpc).map((c) => c.ms / 1000);
    return {
        t0,
        wallS,
        records,
        values: settled.map((s) => (s.status === "fulfilled" ? s.value : undefined)),
        outcome: {
            operations: tasks.length,
            succeeded: tasks.length - failures.length,
            failures: failures.length,
            failureSamples: [...new Set(failures.map((f) => f.split("\n")[0]))].slice(0, 3),
            throttled: records.filter((r) => r.outcome === "throttled").length,
            requests: records.length,
            latencyP50S: median(latencies),
            latencyMaxS: latencies.length > 0 ? Math.max(...latencies) : Number.NaN,
        },
    };
}
