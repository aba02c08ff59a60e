/**
 * Retries for failures that the AWS SDK's retry strategy must not (or cannot) handle because
 * they are only transient in context: an SMS role AWS has not seen yet, a pool another writer is
 * changing. Each retry runs the whole call again, so a call that rebuilds its request from a
 * fresh read (the full-state update) never overwrites a concurrent writer's change.
 */
import { awsErrorName } from "./errors";
import { Clock, currentWaitDefaults } from "./wait";

export interface RetryOptions {
    /** Says why the error is worth waiting out (for the log line), or undefined to give up at once. */
    retryReason: (error: unknown) => string | undefined;
    /** Total time allowed for retries, from the first attempt. */
    deadlineMs: number;
    /** Names the call in log lines: `CreateUserPool for user pool "acme"`. */
    subject: string;
    initialDelayMs?: number;
    maxDelayMs?: number;
    clock?: Clock;
    log?: (message: string) => void;
}

function seconds(ms: number): string {
    return `${Math.round(ms / 1000)}s`;
}

export async function retryDuring<T>(options: RetryOptions, call: () => Promise<T>): Promise<T> {
    const defaults = currentWaitDefaults();
    const clock = options.clock ?? defaults.clock;
    const log = options.log ?? defaults.log;
    const started = clock.now();
    let delay = options.initialDelayMs ?? 2_000;
    for (;;) {
        try {
            return await call();
        } catch (error) {
            const reason = options.retryReason(error);
            const elapsed = clock.now() - started;
            if (reason === undefined || elapsed + delay > options.deadlineMs) throw error;
            log(`${options.subject}: ${awsErrorName(error) ?? "error"}; ${reason} (retrying, ${seconds(elapsed)} of ${seconds(options.deadlineMs)} elapsed)`);
            // Full jitter keeps many parallel resources from retrying in lockstep.
            await clock.sleep(Math.round(delay / 2 + Math.random() * (delay / 2)));
            delay = Math.min(delay * 2, options.maxDelayMs ?? 15_000);
        }
    }
}

/** IAM takes a minute or two to make a new SMS role usable by Cognito (Terraform waits 2 minutes). */
export const IAM_PROPAGATION_DEADLINE_MS = 120_000;

export function iamPropagationReason(error: unknown): string | undefined {
    const name = awsErrorName(error);
    return name === "InvalidSmsRoleTrustRelationshipException" || name === "InvalidSmsRoleAccessPolicyException"
        ? "a newly created SMS role can take up to two minutes to become usable while IAM propagates it"
        : undefined;
}

export function concurrentModificationReason(error: unknown): string | undefined {
    return awsErrorName(error) === "ConcurrentModificationException"
        ? "another writer is changing the pool; reading it again before the next attempt"
        : undefined;
}
