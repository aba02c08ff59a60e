/**
 * Credentials never reach `__provider`, the stack state, logs or error messages; secret inputs
 * are never logged. The provider runs inside the real provider host with the test credentials in
 * its environment, and this suite drives it through success and every kind of failure, then
 * searches everything that would reach a user or the state for the credentials.
 */
import { expect } from "chai";
import * as path from "path";
import { userPoolProvider } from "../../provider/providers";
import { CognitoLocal, startCognitoLocal } from "../support/cognitoLocal";
import { FaultProxy, startFaultProxy } from "../support/faultProxy";
import { TEST_CREDENTIALS } from "../support/target";
import { Engine, EngineError, ResourceSpec } from "../harness/engine";
import { PropertyMap, serializeProvider } from "../harness/providerHost";

const projectDir = path.resolve(__dirname, "..", "..", "..");
const SESSION_TOKEN = "test-session-token-never-stored-4411";
const SECRET_INPUT = "external-id-secret-6d1f0e";

describe("credentials and secrets stay out of state, logs and errors", function () {
    let emulator: CognitoLocal;
    let proxy: FaultProxy;
    let provider: string;
    /** Everything a user or the state could see, collected across the scenarios below. */
    const seen: string[] = [];

    function engine(): Engine {
        return new Engine({
            cwd: projectDir,
            stack: "credentials",
            stackConfig: { "aws:region": "us-east-1" },
            env: {
                AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: proxy.endpoint,
                AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
                AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
                AWS_SESSION_TOKEN: SESSION_TOKEN,
                // Few attempts, so the "throttled until the SDK gives up" case is quick.
                COGNITO_PROVIDER_MAX_ATTEMPTS: "3",
                NODE_NO_WARNINGS: "1",
            },
        });
    }

    const spec = (inputs: Record<string, unknown>): ResourceSpec => ({
        name: "pool",
        provider,
        module: "cognito",
        type: "UserPool",
        inputs: inputs as PropertyMap,
        secretKeys: ["smsConfiguration"],
    });

    async function collect(run: (e: Engine) => Promise<unknown>): Promise<void> {
        const e = engine();
        try {
            const result = await run(e);
            seen.push(JSON.stringify(result));
        } catch (error) {
            seen.push(String((error as Error).message), JSON.stringify(error));
            if (error instanceof EngineError) seen.push(error.stderr);
        } finally {
            seen.push(JSON.stringify(e.state));
            for (const host of e.hosts) seen.push(host.stderr(), host.stdout());
            await e.destroy().catch((error: Error) => seen.push(error.message));
            await e.close();
        }
    }

    before(async () => {
        emulator = await startCognitoLocal();
        proxy = await startFaultProxy(emulator.endpoint);
        provider = await serializeProvider(userPoolProvider, projectDir);
        seen.push(provider);
    });

    after(async () => {
        await proxy.stop();
        await emulator.stop();
    });

    it("drives success and failures through the provider host", async () => {
        const sms = { snsCallerArn: "arn:aws:iam::123456789012:role/sms", externalId: SECRET_INPUT };
        // Success: create, refresh, update, destroy.
        await collect(async (e) => {
            await e.up([spec({ poolName: "creds", smsConfiguration: sms })]);
            await e.refresh();
            return e.up([spec({ poolName: "creds", smsConfiguration: sms, userPoolTags: { a: "b" } })]);
        });
        // Check failures.
        await collect((e) => e.up([spec({ poolName: "creds", smsConfiguration: { ...sms, snsCallerArn: "nope" }, mfaConfiguration: "ALWAYS" })]));
        // An AWS error on create, and one on update.
        proxy.addRule({ operation: "CreateUserPool", action: { kind: "error", type: "InvalidParameterException", message: "SMS configuration is invalid" } });
        await collect((e) => e.up([spec({ poolName: "creds", smsConfiguration: sms })]));
        proxy.addRule({ operation: "UpdateUserPool", action: { kind: "error", type: "NotAuthorizedException", message: "not authorized" } });
        await collect(async (e) => {
            await e.up([spec({ poolName: "creds", smsConfiguration: sms })]);
            return e.up([spec({ poolName: "creds-2", smsConfiguration: sms })]);
        });
        // A partial failure.
        proxy.addRule({ operation: "SetUserPoolMfaConfig", action: { kind: "error", type: "InvalidParameterException", message: "no" } });
        await collect((e) => e.up([spec({ poolName: "creds", smsConfiguration: sms, mfaConfiguration: "ON", softwareTokenMfaConfiguration: { enabled: true } })]));
        // Throttling until the SDK gives up.
        proxy.addRule({ operation: "CreateUserPool", action: { kind: "error", type: "TooManyRequestsException", message: "slow down" }, times: 100 });
        await collect((e) => e.up([spec({ poolName: "creds", smsConfiguration: sms })]));
        proxy.clearRules();
        expect(seen.length).to.be.greaterThan(20);
        expect(seen.join("\n")).to.include("SMS configuration is invalid", "the sweep did see the errors it searches");
    });

    it("finds no credential in __provider, state, logs or errors, and no secret input in logs or errors", () => {
        const everything = seen.join("\n");
        for (const credential of [TEST_CREDENTIALS.accessKeyId, TEST_CREDENTIALS.secretAccessKey, SESSION_TOKEN]) {
            expect(everything.includes(credential), `found ${credential.slice(0, 6)}...`).to.equal(false);
        }
        // The secret input is in the state (as the engine stores secrets, marked secret) but in no log or error.
        const logsAndErrors = seen.filter((text) => !text.startsWith("[{") && !text.startsWith("{\"steps\"")).join("\n");
        expect(logsAndErrors.includes(SECRET_INPUT)).to.equal(false);
    });
});
