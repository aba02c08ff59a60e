/**
 * The one place that builds AWS clients: region resolution, endpoint and retries.
 *
 * Credentials and endpoints come from the AWS SDK's standard chain (environment, AWS_PROFILE,
 * SSO, instance roles; AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER for an emulator). Nothing here is
 * captured by the serialized provider: this module is loaded inside the provider process.
 */
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { appendFileSync } from "fs";

/** Region from the stack's `aws:region` config, set by the provider's configure call. */
let stackRegion: string | undefined;
const clients = new Map<string, CognitoIdentityProviderClient>();

/** Called by configure with the stack configuration the engine sends. */
export function setStackRegion(region: string | undefined): void {
    stackRegion = region === "" ? undefined : region;
}

export function getStackRegion(): string | undefined {
    return stackRegion;
}

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
 * Client for `region` (the resource's own region input), else the stack's region, else whatever
 * the SDK resolves (AWS_REGION, profile). Clients are reused per region.
 */
export function cognitoClient(region?: string): CognitoIdentityProviderClient {
    const chosen = region ?? stackRegion;
    const key = chosen ?? "";
    let client = clients.get(key);
    if (!client) {
        client = new CognitoIdentityProviderClient({
            ...(chosen ? { region: chosen } : {}),
            maxAttempts: maxAttempts(),
            retryMode: retryMode(),
        });
        if (process.env.COGNITO_PROVIDER_CALL_LOG) logCallsTo(client, process.env.COGNITO_PROVIDER_CALL_LOG);
        for (const hook of clientHooks) hook(client);
        clients.set(key, client);
    }
    return client;
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

type ClientHook = (client: CognitoIdentityProviderClient) => void;
const clientHooks: ClientHook[] = [];

/** Lets tests and the benchmark attach middleware (call counting) to every client made. */
export function onClientCreated(hook: ClientHook): void {
    clientHooks.push(hook);
    for (const client of clients.values()) hook(client);
}

/** Drops cached clients, so a changed environment (endpoint, credentials) is picked up. */
export function resetClients(): void {
    for (const client of clients.values()) client.destroy();
    clients.clear();
}
