/**
 * Client-side pacing to Cognito's request-rate quotas, so that a large `pulumi up` or
 * `pulumi refresh` is not throttled in the first place.
 *
 * Cognito groups user-pool API operations into categories and allows each category a number of
 * requests per second per account and region (developer guide, "Quotas in Amazon Cognito",
 * category table). Every call this provider makes falls in one of two categories, neither of
 * which can be raised:
 *   - UserPoolRead, 15/s: "operations that read your user pools";
 *   - UserPoolUpdate, 15/s: "operations that create, update, or delete your user pools".
 * The two are separate budgets, so each gets its own pacer: a queue of reads never delays a
 * write, and the other way round. Retrying after throttling also works, but the SDK's backoff
 * overshoots and its adaptive limiter then slows every call of the client: pacing 50 parallel
 * pools measured about 1.1x the quota-bound time, against 2-3x with retries alone.
 */
import { Clock, realClock } from "./wait";

export type QuotaCategory = "UserPoolRead" | "UserPoolUpdate";

/**
 * The category of every operation the provider (or its recovery tool) sends. Domain operations
 * are user-pool operations for the quotas: the domain is a setting of the pool, read and
 * written under the pool categories. An operation missing here is not paced, so a new call must
 * be added when it is introduced (a unit test lists every command the provider imports).
 */
export const OPERATION_CATEGORIES: Readonly<Record<string, QuotaCategory>> = {
    DescribeUserPool: "UserPoolRead",
    GetUserPoolMfaConfig: "UserPoolRead",
    ListUserPools: "UserPoolRead",
    DescribeUserPoolDomain: "UserPoolRead",
    CreateUserPool: "UserPoolUpdate",
    UpdateUserPool: "UserPoolUpdate",
    DeleteUserPool: "UserPoolUpdate",
    AddCustomAttributes: "UserPoolUpdate",
    SetUserPoolMfaConfig: "UserPoolUpdate",
    CreateUserPoolDomain: "UserPoolUpdate",
    UpdateUserPoolDomain: "UserPoolUpdate",
    DeleteUserPoolDomain: "UserPoolUpdate",
};

/** `DescribeUserPool` or the SDK's `DescribeUserPoolCommand`: its quota category, if it has one. */
export function categoryOf(operation: string): QuotaCategory | undefined {
    return OPERATION_CATEGORIES[operation.replace(/Command$/, "")];
}

/** A little under the 15/s quota, which leaves room for other callers of the same account (console, scripts). */
export const DEFAULT_RATE = 14;

function rateFromEnvironment(variable: string): number {
    const raw = process.env[variable];
    const value = Number(raw);
    return raw !== undefined && raw.trim() !== "" && Number.isFinite(value) && value >= 0 ? value : DEFAULT_RATE;
}

/** Pool writes (UserPoolUpdate) per second this process allows itself: COGNITO_PROVIDER_WRITE_RATE, 0 turns pacing off. */
export function writeRate(): number {
    return rateFromEnvironment("COGNITO_PROVIDER_WRITE_RATE");
}

/** Pool reads (UserPoolRead) per second this process allows itself: COGNITO_PROVIDER_READ_RATE, 0 turns pacing off. */
export function readRate(): number {
    return rateFromEnvironment("COGNITO_PROVIDER_READ_RATE");
}

export function rateFor(category: QuotaCategory): number {
    return category === "UserPoolRead" ? readRate() : writeRate();
}

/**
 * Lets calls through one at a time per scope (a region: quotas are per account and region) and
 * category, each at least 1/rate after the one before it actually went: calls further apart
 * never wait, and a queue drains at exactly the rate. The gap is measured from when the previous
 * call was let through, not from when it was due, so a busy event loop that wakes a waiting call
 * late delays the calls behind it instead of sending them in a burst to catch up: a burst is
 * what would cross the quota. The rate is read at every call, so a changed environment applies
 * at once.
 */
export class Pacer {
    /** Per key: when the last call was let through, and the end of the queue of calls waiting. */
    private readonly lanes = new Map<string, { last: number; queue: Promise<void> }>();

    constructor(
        private readonly rateOf: (category: QuotaCategory) => number = rateFor,
        public clock: Clock = realClock,
    ) {}

    async acquire(scope: string, category: QuotaCategory): Promise<void> {
        const rate = this.rateOf(category);
        if (!(rate > 0)) return;
        const key = `${scope}/${category}`;
        const lane = this.lanes.get(key) ?? { last: Number.NEGATIVE_INFINITY, queue: Promise.resolve() };
        this.lanes.set(key, lane);
        const before = lane.queue;
        let done = (): void => undefined;
        lane.queue = new Promise<void>((resolve) => (done = resolve));
        try {
            await before;
            for (;;) {
                const wait = lane.last + 1000 / rate - this.clock.now();
                if (wait <= 0) break;
                await this.clock.sleep(wait);
            }
            lane.last = this.clock.now();
        } finally {
            done();
        }
    }

    /** Forgets every lane: times of one clock mean nothing to another. */
    reset(): void {
        this.lanes.clear();
    }
}

/** The one pacer of the process: every client shares it, so parallel resources share the quota. */
export const pacer = new Pacer();

/** Replaces the pacer's clock (tests drive it in virtual time); returns a function that restores it. */
export function setPacingClock(clock: Clock): () => void {
    const previous = pacer.clock;
    pacer.clock = clock;
    pacer.reset();
    return () => {
        pacer.clock = previous;
        pacer.reset();
    };
}
