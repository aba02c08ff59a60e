/**
 * Where the fidelity corpus runs: cognito-local or real AWS (tests/support/target.ts, chosen by
 * COGNITO_TEST_TARGET), or the AWS-faithful fake (tests/mock/fakeCognito.ts on
 * aws-sdk-client-mock), which models what cognito-local cannot.
 */
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { mockClient } from "aws-sdk-client-mock";
import { resetClients, setStackRegion } from "../../provider/client";
import { FakeCognito } from "../mock/fakeCognito";
import { startTarget, TEST_CREDENTIALS } from "../support/target";
import { fixtureEnvironment, Fixtures, localFixtures } from "./scenarioFile";

export interface FidelityTarget {
    name: "emulator" | "fake" | "aws";
    region: string;
    client: CognitoIdentityProviderClient;
    /** Placeholder values for one scenario, whose pool is named `pool`. */
    fixtures(pool: string): Fixtures;
    stop(): Promise<void>;
}

/**
 * aws-sdk-client-mock replaces CognitoIdentityProviderClient.prototype.send for the whole process.
 * A test file that mocks it while it is loaded (not in a hook) silently turns every real call of
 * later suites into `undefined`: say so instead of failing every scenario with a puzzling error.
 */
export function assertClientNotMocked(): void {
    const send = CognitoIdentityProviderClient.prototype.send as unknown as { restore?: unknown };
    if (typeof send.restore === "function") {
        throw new Error(
            "CognitoIdentityProviderClient.prototype.send is mocked by another test file loaded in this process " +
                "(aws-sdk-client-mock's mockClient called outside a before/after hook): suites that talk to cognito-local or AWS cannot run",
        );
    }
}

/** cognito-local, or real AWS with COGNITO_TEST_TARGET=aws. */
export async function startServiceTarget(): Promise<FidelityTarget> {
    assertClientNotMocked();
    const target = await startTarget();
    if (target.kind === "emulator") {
        return { name: "emulator", region: target.region, client: target.client, fixtures: localFixtures, stop: () => target.stop() };
    }
    const region = target.region;
    return {
        name: "aws",
        region,
        client: target.client,
        fixtures: (pool) => ({
            pool,
            region,
            otherRegion: region === "eu-west-1" ? "eu-central-1" : "eu-west-1",
            lambdaArnPrefix: process.env[fixtureEnvironment.lambdaArnPrefix],
            smsRole: process.env[fixtureEnvironment.smsRole],
            smsRole2: process.env[fixtureEnvironment.smsRole2],
            sesIdentity: process.env[fixtureEnvironment.sesIdentity],
            kmsKey: process.env[fixtureEnvironment.kmsKey],
        }),
        stop: () => target.stop(),
    };
}

/** The fake: every CognitoIdentityProviderClient (the provider's and the runner's) answers from it. */
export async function startFakeTarget(): Promise<FidelityTarget & { fake: FakeCognito }> {
    const region = "us-east-1";
    const stub = mockClient(CognitoIdentityProviderClient);
    const fake = new FakeCognito(stub);
    resetClients();
    setStackRegion(region);
    const client = new CognitoIdentityProviderClient({ region, credentials: TEST_CREDENTIALS });
    return {
        name: "fake",
        region,
        client,
        fake,
        fixtures: localFixtures,
        async stop() {
            client.destroy();
            stub.restore();
            resetClients();
            setStackRegion(undefined);
        },
    };
}
