/**
 * Polling an eventually-consistent AWS resource until it reaches a state, with a deadline,
 * exponential backoff and progress lines. Generic: the caller says how to read the resource and
 * what "done" and "failed" mean. Time is injected (`clock`) so tests run long waits instantly.
 */
import { log } from "./errors";

/** Where the waiter gets time from: real time by default, a fake in tests. */
export interface Clock {
    /** Milliseconds, monotonic enough for measuring elapsed time. */
    now(): number;
    sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

type LogSink = (message: string) => void;

let defaultClock: Clock = realClock;
let defaultLog: LogSink = log;

/**
 * Replaces the clock and log sink used by waits that do not pass their own, i.e. those inside
 * provider methods. For tests (fake time, captured progress lines); returns a function that
 * restores the previous defaults.
 */
export function setWaitDefaults(overrides: { clock?: Clock; log?: LogSink }): () => void {
    const previous = { clock: defaultClock, log: defaultLog };
    if (overrides.clock) defaultClock = overrides.clock;
    if (overrides.log) defaultLog = overrides.log;
    return () => {
        defaultClock = previous.clock;
        defaultLog = previous.log;
    };
}

/** A progress line outside a wait (e.g. "re-creating a FAILED domain"), to the same sink as the waits'. */
export function logProgress(message: string): void {
    defaultLog(message);
}

export interface WaitOptions<T> {
    /** Reads the resource once. An error it throws ends the wait with that error. */
    describe: () => Promise<T>;
    isDone: (value: T) => boolean;
    /** A state the resource will not leave on its own; ends the wait at once. */
    isFailed?: (value: T) => boolean;
    /** Time allowed, in milliseconds from the start of the wait. */
    deadlineMs: number;
    /** One word or phrase for the state, for progress lines and errors ("CREATING", "gone"). */
    describeStatus: (value: T) => string;
    /** Names the resource in progress lines: `<subject>: CREATING, 4m10s elapsed`. */
    subject: string;
    /** Progress sink; defaults to the provider's stderr log (see setWaitDefaults). */
    log?: LogSink;
    /** Defaults to real time (see setWaitDefaults). */
    clock?: Clock;
    /** First pause between reads; doubled after every read up to maxDelayMs. */
    initialDelayMs?: number;
    maxDelayMs?: number;
    /** Minimum time between two progress lines. */
    logEveryMs?: number;
}

export const WAIT_DEFAULTS = { initialDelayMs: 2_000, maxDelayMs: 30_000, logEveryMs: 30_000 };

/** Why a wait ended without reaching the wanted state. `last` is what the final read returned. */
export class WaitError<T> extends Error {
    constructor(
        message: string,
        readonly reason: "failed" | "deadline",
        readonly lastStatus: string,
        readonly elapsedMs: number,
        readonly last: T | undefined,
        readonly reads: number,
    ) {
        super(message);
        this.name = "WaitError";
        // The caller turns this into a user-facing message; a stack would only add noise.
        this.stack = message;
    }
}

export function isWaitError(error: unknown): error is WaitError<unknown> {
    return error instanceof WaitError;
}

/** `4m10s`, `1h02m03s`, `45s`: readable in a progress line without a unit legend. */
export function formatElapsed(ms: number): string {
    const total = Math.max(0, Math.floor(ms / 1000));
    const hours = Math.floor(total / 3600);
    const minutes = Math.floor((total % 3600) / 60);
    const seconds = total % 60;
    if (hours > 0) return `${hours}h${String(minutes).padStart(2, "0")}m${String(seconds).padStart(2, "0")}s`;
    if (minutes > 0) return `${minutes}m${String(seconds).padStart(2, "0")}s`;
    return `${seconds}s`;
}

/**
 * Reads until `isDone`, `isFailed` or the deadline. The first read is immediate; pauses then grow
 * exponentially up to `maxDelayMs` but never sleep past the deadline, and one last read is made at
 * the deadline so a resource that got there just in time is not reported as timed out.
 */
export async function waitFor<T>(options: WaitOptions<T>): Promise<T> {
    const clock = options.clock ?? defaultClock;
    const progress = options.log ?? defaultLog;
    const maxDelay = options.maxDelayMs ?? WAIT_DEFAULTS.maxDelayMs;
    const logEvery = options.logEveryMs ?? WAIT_DEFAULTS.logEveryMs;
    const start = clock.now();
    let delay = Math.min(options.initialDelayMs ?? WAIT_DEFAULTS.initialDelayMs, maxDelay);
    let lastLogAt: number | undefined;
    let lastLoggedStatus: string | undefined;
    let reads = 0;

    for (;;) {
        const value = await options.describe();
        reads++;
        const now = clock.now();
        const elapsed = now - start;
        const status = options.describeStatus(value);
        if (options.isDone(value)) {
            // Only a wait that was reported as in progress needs a closing line.
            if (lastLogAt !== undefined) progress(`${options.subject}: ${status} after ${formatElapsed(elapsed)}`);
            return value;
        }
        if (options.isFailed?.(value)) {
            throw new WaitError(`${options.subject} is ${status} after ${formatElapsed(elapsed)}`, "failed", status, elapsed, value, reads);
        }
        if (elapsed >= options.deadlineMs) {
            throw new WaitError(
                `${options.subject} is still ${status} after ${formatElapsed(elapsed)} (deadline ${formatElapsed(options.deadlineMs)})`,
                "deadline",
                status,
                elapsed,
                value,
                reads,
            );
        }
        // Rate-limited so that an hour-long wait prints a line every half minute, not every poll;
        // a change of status is worth a line at once.
        if (lastLogAt === undefined || now - lastLogAt >= logEvery || status !== lastLoggedStatus) {
            progress(`${options.subject}: ${status}, ${formatElapsed(elapsed)} elapsed`);
            lastLogAt = now;
            lastLoggedStatus = status;
        }
        await clock.sleep(Math.max(0, Math.min(delay, options.deadlineMs - elapsed)));
        delay = Math.min(delay * 2, maxDelay);
    }
}

/**
 * A clock for tests: `sleep` advances time instantly and records each pause. Lives here rather
 * than in the tests so that every resource's tests drive waits the same way.
 */
export class FakeClock implements Clock {
    readonly sleeps: number[] = [];
    constructor(private time = 0) {}
    now(): number {
        return this.time;
    }
    async sleep(ms: number): Promise<void> {
        this.sleeps.push(ms);
        this.time += ms;
    }
    advance(ms: number): void {
        this.time += ms;
    }
}

/** The clock and log sink in force (see setWaitDefaults), for other time-based helpers such as retries. */
export function currentWaitDefaults(): { clock: Clock; log: (message: string) => void } {
    return { clock: defaultClock, log: defaultLog };
}
