/**
 * Runs code against the real AWS SDK with an environment that has none of the machine's AWS
 * settings: no profile, no config or credentials files, no instance metadata, only what the test
 * gives. So the SDK raises its real errors for a missing region, missing credentials or an
 * endpoint nobody listens on, as a user would meet them.
 */
import { createServer } from "net";
import { resetClients, setStackRegion } from "../../provider/client";

const ISOLATION: Record<string, string> = {
    AWS_CONFIG_FILE: "/nonexistent/aws-config",
    AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/aws-credentials",
    AWS_EC2_METADATA_DISABLED: "true",
    // One attempt: a refused connection is otherwise retried with backoff.
    COGNITO_PROVIDER_MAX_ATTEMPTS: "1",
};

/** Runs `work` with `env` as the only AWS settings and no stack region, then restores both. */
export async function withAwsEnvironment<T>(env: Record<string, string>, work: () => Promise<T>): Promise<T> {
    const saved = { ...process.env };
    for (const key of Object.keys(process.env)) {
        if (key.startsWith("AWS_") || key.startsWith("COGNITO_PROVIDER_")) delete process.env[key];
    }
    Object.assign(process.env, ISOLATION, env);
    resetClients();
    setStackRegion(undefined);
    try {
        return await work();
    } finally {
        resetClients();
        for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
        Object.assign(process.env, saved);
    }
}

/** A local port nothing listens on (it was free a moment ago). */
export async function closedPort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    const port = typeof address === "object" && address !== null ? address.port : 0;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return port;
}

/** Dummy credentials, for the cases where the SDK must get past its credential chain. */
export const DUMMY_CREDENTIALS = { AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "dummy-secret-for-tests" };
