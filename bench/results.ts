/** What one benchmark run measures; bench-results/latest.json (docs/performance/results.json when published) is this object. */
import type { MachineInfo } from "./lib/machine";

export interface ApiCallRow {
    resource: "UserPool" | "UserPoolDomain";
    operation: string;
    /** API calls the provider made, counted by the SDK middleware (COGNITO_PROVIDER_CALL_LOG), retries not counted. */
    calls: number;
    /** The operations, in call order. */
    sequence: string[];
    /** Largest number of calls allowed; undefined where the issue sets no budget. */
    budget?: number;
    /** How the budget is made up, e.g. "Describe + Update + AddCustomAttributes". */
    budgetNote: string;
    /** What the engine did (create / update / same / delete per resource): checks that the scenario ran as intended. */
    engineSteps: string[];
    expectedStep: string;
    /** A no-change preview right after the operation found nothing to do (updates and creates only). */
    convergedAfter?: boolean;
}

export interface CheckDiffRow {
    pool: PoolKind;
    iterations: number;
    /** Per-iteration time of check + diff (CPU-bound, no I/O, one thread), microseconds. */
    medianUs: number;
    p99Us: number;
    /** Process CPU (process.cpuUsage) over all iterations divided by iterations, microseconds. */
    meanCpuUs: number;
}

export type PoolKind = "minimal" | "full";

export interface PreviewRow {
    pool: PoolKind;
    /** "UserPool": this provider. "no-op": a dynamic provider whose check returns its inputs and whose diff finds no change, on the same state: the SDK host's own cost. */
    provider: "UserPool" | "no-op";
    pools: number;
    /** Provider-process CPU for all Check + Diff RPCs of the preview (utime + stime), ms. */
    cpuMs: number;
    /** Every run behind this row, when the row is the median of several. */
    cpuMsRuns?: number[];
    /** The same from schedstat (ns resolution, live threads), ms; undefined where unavailable. */
    schedCpuMs?: number;
    /** CPU of the first resource: includes loading the provider implementation on first use, ms. */
    firstResourceMs: number;
    /** CPU per resource after the first, microseconds; undefined for 1 pool. */
    steadyPerResourceUs?: number;
    /** cpuMs / pools, microseconds. */
    perResourceUs: number;
    wallMs: number;
    /** Resources whose Diff reported changes (must be 0 for a no-change preview). */
    changed: number;
    /** API calls made during the preview (must be 0). */
    apiCalls: number;
    rssMiB: number;
    peakRssMiB: number;
}

export interface StartupRun {
    spawnToPortMs: number;
    /** spawn -> Configure answered (the engine's start-up sequence done). */
    readyMs: number;
    /** start of launch -> first Check answered. */
    firstCheckMs: number;
    /** Provider-process CPU from spawn to the first Check answered, ms. */
    cpuMs: number;
    rssMiB: number;
    peakRssMiB: number;
}

export interface StartupResult {
    providerBytes: { userPool: number; userPoolDomain: number };
    runs: StartupRun[];
    median: StartupRun;
}

export interface ConvergencePhase {
    phase: "create" | "update" | "delete";
    operations: number;
    succeeded: number;
    failures: number;
    failureSamples: string[];
    /** Pool writes the phase needs (the lower bound counts these). */
    writesNeeded: number;
    /** Write requests that reached the proxy, retries included. */
    writeRequests: number;
    /** Of those, answered TooManyRequestsException by the proxy. */
    throttled: number;
    /** Requests of any kind (reads too) that reached the proxy. */
    requests: number;
    wallS: number;
    boundS: number;
    ratio: number;
    /** RPC latency of the phase's main call (Create / Update / Delete), seconds. */
    latencyP50S: number;
    latencyMaxS: number;
}

export interface ConvergenceResult {
    pools: number;
    writesPerSecond: number;
    maxAttempts: string;
    retryMode: string;
    /** Environment variables set for the provider process on top of the defaults. */
    envOverrides: Record<string, string>;
    phases: ConvergencePhase[];
    /** Pool names that ListUserPools shows more than once after the create phase. */
    duplicates: number;
    /** Benchmark pools still listed after the delete phase. */
    leftovers: number;
    totalWallS: number;
    totalBoundS: number;
}

/** One phase of the quota section: every pool's refresh (Read), or every pool's update (Check + Diff, then every Update at once), in one provider process. */
export interface QuotaPhase {
    phase: "refresh" | "update";
    operations: number;
    succeeded: number;
    failures: number;
    failureSamples: string[];
    /** Requests per category the proxy received (throttled ones included). */
    readRequests: number;
    writeRequests: number;
    /** Requests the proxy answered with TooManyRequestsException (each one retried by the provider). */
    throttled: number;
    requests: number;
    /** From the phase's first Read / Update RPC to the first API request the proxy received, seconds (loading the AWS SDK in the provider). */
    firstCallS: number;
    /** The most requests of one category the proxy received within any one second (sliding window); the proxy allows 15 per fixed second. */
    busiestSecond: number;
    /** First Read / Update RPC to last answer, seconds (the process start is not included). */
    wallS: number;
    /** Update only: the Checks and Diffs of every pool before the Updates (no API call), seconds. */
    prepareS?: number;
    /** The requests of the busiest category at the quota: operations / per-second limit. */
    boundS: number;
    ratio: number;
    latencyP50S: number;
    latencyMaxS: number;
}

/** Refresh and update of many pools at once, through a proxy limiting each quota category (bench/sections/quotaPacing.ts). */
export interface QuotaPacingResult {
    pools: number;
    /** The proxy's limit for each category (UserPoolRead, UserPoolUpdate), requests per second. */
    perSecond: number;
    /** Environment variables set for the provider process on top of the defaults (rates, retries). */
    envOverrides: Record<string, string>;
    phases: QuotaPhase[];
    /** Pool names that ListUserPools shows more than once after the phases. */
    duplicates: number;
    /** Benchmark pools still listed after clean-up. */
    leftovers: number;
}

/** One `pulumi` command, as the shell's `time` would report it. */
export interface CliCommandRun {
    /** Wall time of the pulumi process, seconds. */
    wallS: number;
    /** User + system CPU of the pulumi process and every descendant it waited for (language host, program, provider hosts), seconds. */
    cpuS: number;
    userS: number;
    sysS: number;
    /** Peak RSS of the largest single process in that tree (GNU time's %M), MiB; undefined when CPU comes from /proc. */
    maxRssMiB?: number;
}

/** Which program a real-CLI preview ran: this package's UserPool, or the no-op dynamic provider on the same state. */
export type CliProvider = "UserPool" | "no-op";

export interface CliPreviewPair {
    /** Which of the two ran first in this pair (it alternates). */
    first: CliProvider;
    userPool: CliCommandRun;
    noop: CliCommandRun;
}

/** The real `pulumi` CLI, run on a program that declares pools (bench/cliProgram). */
export interface RealCliResult {
    /** `pulumi version`, e.g. v3.276.0; undefined when no CLI was found. */
    pulumiVersion?: string;
    /** Where the CLI came from: on PATH, or built by `npm run setup:pulumi-cli`. */
    cliSource?: "PATH" | "built";
    /** `node --version` of the node the CLI runs the program and the provider host with (the first on its PATH). */
    nodeVersion?: string;
    /** How CPU was measured, e.g. "/usr/bin/time -f (wait4 rusage of pulumi and its waited-for descendants)". */
    cpuMethod?: string;
    /** `pulumi preview` (no refresh) of a stack of `pools` pools: this provider against the no-op on the same state, in pairs. */
    preview?: {
        pools: number;
        pool: PoolKind;
        pairs: CliPreviewPair[];
        /** The `pulumi up` that created the pools (setup, not a measure of its own; shown for reference). */
        setupUp?: CliCommandRun;
    };
    /** `pulumi up` creating `pools` pools on a fresh stack (default parallelism), then `pulumi destroy`. */
    upDestroy?: {
        pools: number;
        pool: string;
        up: CliCommandRun;
        destroy: CliCommandRun;
    };
    /** What a run did that it should not have (a preview that was not all unchanged, pools left over): its numbers mean little. */
    problems: string[];
    /** Why the section did not run (no Pulumi CLI); everything else is then absent. */
    skipped?: string;
    /** Wall time of the whole section, setup and clean-up included, seconds. */
    durationS?: number;
}

export interface BudgetCheck {
    name: string;
    measured: string;
    limit: string;
    pass: boolean;
}

export interface BenchResult {
    machine: MachineInfo;
    command: string;
    durationS: number;
    apiCalls: ApiCallRow[];
    checkDiff: CheckDiffRow[];
    /**
     * Bytes of one pool's stored state as the engine keeps it after \`pulumi up\`: its checked
     * inputs and its outputs (each with \`__provider\`), as JSON. Every preview moves it per resource.
     */
    stateBytes?: Partial<Record<PoolKind, number>>;
    preview: PreviewRow[];
    startup?: StartupResult;
    /** Size of the no-op provider's serialized text (the preview baseline). */
    noopProviderBytes?: number;
    /**
     * The provider's own CPU in the largest preview, per kind of pool: for each pair of runs (this
     * provider and the no-op on the same state, back to back), this provider's process CPU minus
     * the no-op's, ms.
     */
    providerShareMs?: Partial<Record<PoolKind, number[]>>;
    /** `__provider` sizes when the stack is built from a checkout of this repository instead of an installed package. */
    checkoutProviderBytes?: { userPool: number; userPoolDomain: number };
    convergence?: ConvergenceResult;
    /** Refresh and update of 300 pools at once under the read and write quotas. */
    quotaPacing?: QuotaPacingResult;
    /** The real `pulumi` CLI: previews against the no-op, up and destroy (bench/sections/cli.ts). */
    cli?: RealCliResult;
    /** Sections that could not run, with the reason. */
    errors: string[];
    budgets: BudgetCheck[];
}
