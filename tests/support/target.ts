/**
 * Where lifecycle tests run: cognito-local by default (started and stopped by the test), or real
 * AWS when COGNITO_TEST_TARGET=aws (opt-in; uses the standard credential chain and AWS_REGION,
 * and creates then deletes real pools named `cognito-provider-test-*`).
 */
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { resetClients, setStackRegion } from "../../provider/client";
import { CognitoLocal, startCognitoLocal } from "./cognitoLocal";

export interface TestTarget {
    kind: "emulator" | "aws";
    region: string;
    /** A client for out-of-band changes, as another tool or a person would make them. */
    client: CognitoIdentityProviderClient;
    stop(): Promise<void>;
}

/** Credentials the suite uses against the emulator; the security tests grep for them. */
export const TEST_CREDENTIALS = { accessKeyId: "AKIATESTCOGNITOLOCAL1", secretAccessKey: "test-secret-do-not-leak-7f3a9c" };

/**
 * Environment for a provider process (through the engine harness) that talks to a local endpoint:
 * the test credentials, and no AWS_REGION from the caller's shell, so that the stack's aws:region
 * is what decides.
 */
export function localProviderEnv(endpoint: string): NodeJS.ProcessEnv {
    return {
        AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: endpoint,
        AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
        AWS_REGION: "",
        NODE_NO_WARNINGS: "1",
    };
}

export function targetKind(): "emulator" | "aws" {
    return process.env.COGNITO_TEST_TARGET === "aws" ? "aws" : "emulator";
}

export async function startTarget(): Promise<TestTarget> {
    if (targetKind() === "aws") {
        const region = process.env.AWS_REGION ?? "us-east-1";
        resetClients();
        setStackRegion(region);
        const client = new CognitoIdentityProviderClient({ region });
        return { kind: "aws", region, client, stop: async () => client.destroy() };
    }
    const emulator: CognitoLocal = await startCognitoLocal();
    const saved = {
        endpoint: process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER,
        key: process.env.AWS_ACCESS_KEY_ID,
        secret: process.env.AWS_SECRET_ACCESS_KEY,
    };
    process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER = emulator.endpoint;
    process.env.AWS_ACCESS_KEY_ID = TEST_CREDENTIALS.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = TEST_CREDENTIALS.secretAccessKey;
    const region = "us-east-1";
    resetClients();
    setStackRegion(region);
    const client = new CognitoIdentityProviderClient({ region, endpoint: emulator.endpoint, credentials: TEST_CREDENTIALS });
    return {
        kind: "emulator",
        region,
        client,
        async stop() {
            client.destroy();
            resetClients();
            await emulator.stop();
            restore("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", saved.endpoint);
            restore("AWS_ACCESS_KEY_ID", saved.key);
            restore("AWS_SECRET_ACCESS_KEY", saved.secret);
        },
    };
}

function restore(name: string, value: string | undefined): void {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
}
