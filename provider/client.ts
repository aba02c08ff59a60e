/**
 * The one place that builds AWS clients: region resolution, endpoint and retries.
 *
 * Credentials and endpoints come from the AWS SDK's standard chain (environment, AWS_PROFILE,
 * SSO, instance roles; AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER for an emulator). Nothing here is
 * captured by the serialized provider: this module is loaded inside the provider process.
 */
import { CognitoIdentityProviderClient, ServiceInputTypes, ServiceOutputTypes } from "@aws-sdk/client-cognito-identity-provider";
import { AdaptiveRetryStrategy, StandardRetryStrategy } from "@smithy/core/retry";
import type { FinalizeRequestMiddleware, RetryErrorInfo, RetryStrategyV2, RetryToken } from "@smithy/types";
import { appendFileSync } from "fs";
import { getStackRegion, setStackRegion } from "./shared/engine";
import { awsErrorName } from "./shared/errors";
import { categoryOf, pacer, readRate, writeRate } from "./shared/pacing";

export { getStackRegion, setStackRegion, readRate, writeRate };

/** Name of the pacing middleware, for tests that look at what leaves it. */
export const PACING_MIDDLEWARE = "cognitoProviderPacing";

/** One client per region and purpose, for the life of the provider process. */
const clients = new Map<string, CognitoIdentityProviderClient>();

/** Attempts per call, including the first; users raise it for busy accounts. */
export function maxAttempts(): number {
    const fromEnv = Number(process.env.COGNITO_PROVIDER_MAX_ATTEMPTS);
    return Number.isInteger(fromEnv) && fromEnv >= 1 ? fromEnv : 10;
}

/** "adaptive" adds client-side rate limiting on top of backoff, should throttling happen despite the pacing. */
function retryMode(): "standard" | "adaptive" {
    return process.env.COGNITO_PROVIDER_RETRY_MODE === "standard" ? "standard" : "adaptive";
}

/**
 * The SDK's own retry strategy (backoff with jitter; adaptive mode adds client-side rate limiting,
 * right for Cognito's 15 requests/s quotas), with two refusals the SDK does not make:
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
        paceCalls(client, chosen ?? "");
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

/**
 * Spaces this process's calls to Cognito's quotas: every attempt (retries included) of a read
 * waits for a UserPoolRead slot, of a write for a UserPoolUpdate slot (see shared/pacing.ts).
 * Domain waits poll through the same client, so their reads share the read budget.
 */
function paceCalls(client: CognitoIdentityProviderClient, region: string): void {
    const pace: FinalizeRequestMiddleware<ServiceInputTypes, ServiceOutputTypes> = (next, context) => async (args) => {
        const category = categoryOf(String(context.commandName ?? ""));
        if (category) await pacer.acquire(region, category);
        return next(args);
    };
    client.middlewareStack.addRelativeTo(
        pace,
        // Between the retry middleware and signing (which the SDK places right after retry): each
        // attempt is paced, and signed when it leaves, so a long queue never sends a signature
        // older than SigV4's five minutes.
        { relation: "before", toMiddleware: "httpSigningMiddleware", name: PACING_MIDDLEWARE },
    );
}

/** Drops cached clients, so a changed environment (endpoint, credentials) is picked up. */
export function resetClients(): void {
    for (const client of clients.values()) client.destroy();
    clients.clear();
}
