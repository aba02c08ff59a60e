/**
 * The one place that builds AWS clients: region resolution, endpoint and retries.
 *
 * Credentials and endpoints come from the AWS SDK's standard chain (environment, AWS_PROFILE,
 * SSO, instance roles; AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER for an emulator). Nothing here is
 * captured by the serialized provider: this module is loaded inside the provider process.
 */
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { AdaptiveRetryStrategy, StandardRetryStrategy } from "@smithy/core/retry";
import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from "@smithy/types";
import { appendFileSync } from "fs";
import { getStackRegion, setStackRegion } from "./shared/engine";
import { awsErrorName } from "./shared/errors";

export { getStackRegion, setStackRegion };

/** One client per region and purpose, for the life of the provider process. */
const clients = new Map<string, CognitoIdentityProviderClient>();

/** Attempts per call, including the first; users raise it for busy accounts. */
export function maxAttempts(): number {
    const fromEnv = Number(process.env.COGNITO_PROVIDER_MAX_ATTEMPTS);
    return Number.isInteger(fromEnv) && fromEnv >= 1 ? fromEnv : 10;
}

/** "adaptive" adds client-side rate limiting on top of backoff; right for the 15 writes/s quota. */
function retryMode(): "standard" | "adaptive" {
    return process.env.COGNITO_PROVIDER_RETRY_MODE === "standard" ? "standard" : "adaptive";
}

/**
 * The SDK's own retry strategy (backoff with jitter; adaptive mode adds client-side rate limiting,
 * right for Cognito's 15 writes/s quota), with two refusals the SDK does not make:
 * LimitExceededException is a hard quota that no retry fixes (the SDK counts it as throttling),
 * and a call whose outcome may be unknown is not repeated when `onlyThrottling` is set, because
 * CreateUserPool is not idempotent (the caller looks for the pool it may have created instead).
 */
class CognitoRetryStrategy implements RetryStrategyV2 {
    readonly mode: string;
    private readonly inner: RetryStrategyV2;

    constructor(private readonly onlyThrottling: boolean) {
        const mode = retryMode();
        // Both SDK strategies implement RetryStrategyV2; the standard one types its tokens more narrowly.
        this.inner = (mode === "adaptive" ? new AdaptiveRetryStrategy(maxAttempts()) : new StandardRetryStrategy(maxAttempts())) as unknown as RetryStrategyV2;
        this.mode = mode;
    }

    acquireInitialRetryToken(scope: string): Promise<RetryToken> {
        return this.inner.acquireInitialRetryToken(scope);
    }

    async refreshRetryTokenForRetry(token: RetryToken, info: RetryErrorInfo): Promise<RetryToken> {
        if (awsErrorName(info.error) === "LimitExceededException") throw info.error;
        if (this.onlyThrottling && info.errorType !== "THROTTLING") throw info.error;
        return this.inner.refreshRetryTokenForRetry(token, info);
    }

    recordSuccess(token: RetryToken): void {
        this.inner.recordSuccess(token);
    }
}

export type ClientPurpose = "default" | "create";

/**
 * Client for `region` (the resource's own region input), else the stack's region, else whatever
 * the SDK resolves (AWS_REGION, profile). Clients are reused per region and purpose: "create"
 * clients retry only throttling, which AWS answers before doing anything.
 */
export function cognitoClient(region?: string, purpose: ClientPurpose = "default"): CognitoIdentityProviderClient {
    const chosen = region ?? getStackRegion();
    const key = `${chosen ?? ""}/${purpose}`;
    let client = clients.get(key);
    if (!client) {
        client = new CognitoIdentityProviderClient({
            ...(chosen ? { region: chosen } : {}),
            retryStrategy: new CognitoRetryStrategy(purpose === "create"),
        });
        paceWrites(client, chosen ?? "");
        if (process.env.COGNITO_PROVIDER_CALL_LOG) logCallsTo(client, process.env.COGNITO_PROVIDER_CALL_LOG);
        clients.set(key, client);
    }
    return client;
}

/** A resource's inputs or stored state, whose `region` is its region input or the region it lives in. */
export type RegionSource = Record<string, unknown>;

function regionInput(source: RegionSource): string | undefined {
    return typeof source.region === "string" ? source.region : undefined;
}

/**
 * The client for a resource. For a new resource pass its inputs (its region input, else the
 * stack's); for an existing one pass its state, so it is always addressed where it lives.
 */
export function clientFor(source: RegionSource, purpose: ClientPurpose = "default"): CognitoIdentityProviderClient {
    return cognitoClient(regionInput(source), purpose);
}

/** The region a resource is (or will be) in: its region input, else the stack's, else the SDK's resolution. */
export async function regionFor(source: RegionSource): Promise<string> {
    return regionInput(source) ?? getStackRegion() ?? (await resolvedRegion());
}

/** The region a client will actually use, for outputs such as `endpoint`. */
export async function resolvedRegion(region?: string): Promise<string> {
    return await cognitoClient(region).config.region();
}

/**
 * Appends one line per API call (retries not counted) (`<operation>`) to a file, so the benchmark can count
 * the calls a provider running in another process makes. Off unless COGNITO_PROVIDER_CALL_LOG
 * names a file; it records operation names only, never parameters.
 */
function logCallsTo(client: CognitoIdentityProviderClient, file: string): void {
    client.middlewareStack.add(
        (next, context) => async (args) => {
            appendFileSync(file, `${String(context.commandName ?? "unknown").replace(/Command$/, "")}\n`);
            return next(args);
        },
        { step: "initialize", name: "cognitoProviderCallLog" },
    );
}

/** Operations that count against Cognito's pool-write quota (15 requests/s per account and region, not raisable). */
const POOL_WRITES = new Set(["CreateUserPoolCommand", "UpdateUserPoolCommand", "DeleteUserPoolCommand", "AddCustomAttributesCommand", "SetUserPoolMfaConfigCommand"]);

/** Pool writes per second this process allows itself; a little under the quota leaves room for other callers. */
export function writeRate(): number {
    const fromEnv = Number(process.env.COGNITO_PROVIDER_WRITE_RATE);
    return Number.isFinite(fromEnv) && fromEnv >= 0 && process.env.COGNITO_PROVIDER_WRITE_RATE !== "" ? fromEnv : 14;
}

/** Next free write slot (epoch ms) per region: one pacer for every client of the process. */
const nextWriteSlot = new Map<string, number>();

/**
 * Spaces this process's pool writes (every attempt, retries included) to the quota. Retrying
 * after throttling works, but the SDK's backoff overshoots and its adaptive limiter then slows
 * reads too: pacing 50 parallel pools measured about 1.1x the quota-bound time, versus 2-3x.
 */
function paceWrites(client: CognitoIdentityProviderClient, region: string): void {
    client.middlewareStack.add(
        (next, context) => async (args) => {
            const rate = writeRate();
            if (rate > 0 && POOL_WRITES.has(String(context.commandName))) {
                const now = Date.now();
                const slot = Math.max(now, nextWriteSlot.get(region) ?? 0);
                nextWriteSlot.set(region, slot + 1000 / rate);
                if (slot > now) await new Promise((resolve) => setTimeout(resolve, slot - now));
            }
            return next(args);
        },
        // After the retry middleware (high priority in the same step), so each attempt is paced.
        { step: "finalizeRequest", priority: "low", name: "cognitoProviderWritePacing" },
    );
}

/** Drops cached clients, so a changed environment (endpoint, credentials) is picked up. */
export function resetClients(): void {
    for (const client of clients.values()) client.destroy();
    clients.clear();
}
