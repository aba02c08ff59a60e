/**
 * The UserPool provider inside Pulumi: serialized into `__provider`, loaded by the SDK's own
 * dynamic-provider host in a fresh process with the project as working directory, and driven
 * over gRPC in the engine's order. cognito-local stands in for AWS, behind the fault proxy so
 * tests can count and break AWS calls made by the provider process.
 */
import {
    CognitoIdentityProviderClient,
    DeleteUserPoolCommand,
    DescribeUserPoolCommand,
    UpdateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { expect } from "chai";
import * as path from "path";
import { userPoolProvider } from "../../provider/providers";
import { expandUpdate } from "../../provider/userPool/expand";
import { startCognitoLocal, CognitoLocal } from "../support/cognitoLocal";
import { FaultProxy, startFaultProxy } from "../support/faultProxy";
import { localProviderEnv, TEST_CREDENTIALS } from "../support/target";
import { Engine, EngineError, ResourceSpec } from "./engine";
import { PropertyMap, serializeProvider } from "./providerHost";

const projectDir = path.resolve(__dirname, "..", "..", "..");
const region = "us-east-1";

describe("UserPool through the provider host (engine protocol)", function () {
    let emulator: CognitoLocal;
    let proxy: FaultProxy;
    let client: CognitoIdentityProviderClient;
    let provider: string;
    let engine: Engine;

    const pool = (inputs: Record<string, unknown>, extra: Partial<ResourceSpec> = {}): ResourceSpec => ({
        name: "users",
        provider,
        module: "cognito",
        type: "UserPool",
        inputs: inputs as PropertyMap,
        ...extra,
    });

    const baseInputs = {
        poolName: "engine-test",
        usernameAttributes: ["email"],
        policies: { passwordPolicy: { minimumLength: 10 } },
        schema: [{ name: "tenant", attributeDataType: "String" }],
        userPoolTags: { team: "identity" },
    };

    async function livePool(id: string) {
        return (await client.send(new DescribeUserPoolCommand({ UserPoolId: id }))).UserPool;
    }

    before(async () => {
        emulator = await startCognitoLocal();
        proxy = await startFaultProxy(emulator.endpoint);
        client = new CognitoIdentityProviderClient({ region, endpoint: emulator.endpoint, credentials: TEST_CREDENTIALS });
        provider = await serializeProvider(userPoolProvider, projectDir);
    });

    beforeEach(() => {
        proxy.clearRules();
        engine = new Engine({
            cwd: projectDir,
            stack: "engine-test",
            stackConfig: { "aws:region": region },
            env: localProviderEnv(proxy.endpoint),
        });
    });

    afterEach(async () => {
        await engine.destroy().catch(() => undefined);
        await engine.close();
    });

    after(async () => {
        client.destroy();
        await proxy.stop();
        await emulator.stop();
    });

    it("up -> preview -> refresh -> drift caught by preview --refresh -> up converges -> destroy", async () => {
        const up = await engine.up([pool(baseInputs)]);
        expect(up.steps.map((s) => s.op)).to.deep.equal(["create"]);
        const id = engine.resource("users")?.id as string;
        expect(id).to.match(/_/);
        const outputs = up.outputs.users;
        expect(outputs.endpoint).to.equal(`cognito-idp.${region}.amazonaws.com/${id}`);
        expect(outputs.region, "the stack's aws:region reached the provider through Configure").to.equal(region);

        const preview = await engine.preview([pool(baseInputs)]);
        expect(preview.steps.map((s) => s.op)).to.deep.equal(["same"]);
        expect(preview.calls.map((c) => c.method)).to.not.include.members(["Create", "Update", "Read"]);

        const before = engine.resource("users")?.outputs as PropertyMap;
        const refresh = await engine.refresh();
        expect(refresh.steps.map((s) => s.op)).to.deep.equal(["same"]);

        // Someone lowers the minimum password length in the console.
        const live = await livePool(id);
        await client.send(new UpdateUserPoolCommand({
            ...expandUpdate(live ?? {}, {}, []),
            Policies: { PasswordPolicy: { ...live?.Policies?.PasswordPolicy, MinimumLength: 6 } },
        }));
        const drift = await engine.preview([pool(baseInputs)], { refresh: true });
        expect(drift.steps.map((s) => s.op)).to.deep.equal(["update"]);
        // The engine shows drift as the refreshed outputs that differ: on the right property only.
        expect(engine.resource("users")?.outputs, "preview --refresh never writes the state").to.deep.equal(before);
        const afterRefresh = await engine.refresh();
        const changedOutputs = Object.keys(afterRefresh.outputs.users).filter(
            (k) => JSON.stringify(afterRefresh.outputs.users[k]) !== JSON.stringify(before[k]),
        );
        expect(changedOutputs.filter((k) => k !== "lastModifiedDate")).to.deep.equal(["policies"]);

        const converge = await engine.up([pool(baseInputs)]);
        expect(converge.steps.map((s) => s.op)).to.deep.equal(["update"]);
        expect((await livePool(id))?.Policies?.PasswordPolicy?.MinimumLength).to.equal(10);
        const settled = await engine.preview([pool(baseInputs)], { refresh: true });
        expect(settled.steps.map((s) => s.op)).to.deep.equal(["same"]);

        const destroy = await engine.destroy();
        expect(destroy.steps.map((s) => s.op)).to.deep.equal(["delete"]);
        expect(await livePool(id).catch((e: Error) => e.name)).to.equal("ResourceNotFoundException");
    });

    it("works on the plain value of a secret input and the engine re-marks the output secret", async () => {
        const inputs = {
            ...baseInputs,
            smsConfiguration: { snsCallerArn: "arn:aws:iam::123456789012:role/sms", externalId: "very-secret-external-id" },
        };
        const up = await engine.up([pool(inputs, { secretKeys: ["smsConfiguration"] })]);
        const state = engine.resource("users");
        expect(state?.secretOutputs).to.include("smsConfiguration");
        expect(state?.secretOutputs).to.not.include("poolName");
        const live = await livePool(state?.id as string);
        expect(live?.SmsConfiguration?.ExternalId).to.equal("very-secret-external-id");
        expect(up.stderr + up.stdout).to.not.include("very-secret-external-id");
    });

    it("replaces for usernameConfiguration, updates in place for a rename and a new custom attribute", async () => {
        await engine.up([pool(baseInputs)]);
        // The pool was created without usernameConfiguration, which AWS makes case sensitive.
        const replace = await engine.preview([pool({ ...baseInputs, usernameConfiguration: { caseSensitive: false } })]);
        expect(replace.steps[0].op).to.equal("replace");
        expect(replace.steps[0].replaceKeys).to.deep.equal(["usernameConfiguration"]);
        expect(replace.steps[0].deleteBeforeReplace).to.equal(false);

        const rename = await engine.preview([pool({ ...baseInputs, poolName: "engine-test-renamed" })]);
        expect(rename.steps.map((s) => [s.op, s.replaceKeys])).to.deep.equal([["update", []]]);

        const withAttribute = { ...baseInputs, schema: [...baseInputs.schema, { name: "plan", attributeDataType: "Number" }] };
        const addAttribute = await engine.up([pool(withAttribute)]);
        expect(addAttribute.steps.map((s) => [s.op, s.replaceKeys])).to.deep.equal([["update", []]]);
        const names = ((await livePool(engine.resource("users")?.id as string))?.SchemaAttributes ?? []).map((a) => a.Name);
        expect(names).to.include("custom:plan");
        expect((await engine.preview([pool(withAttribute)])).steps.map((s) => s.op)).to.deep.equal(["same"]);
    });

    it("records a pool whose MFA step failed (ErrorResourceInitFailed) and deletes it on destroy", async () => {
        proxy.addRule({
            operation: "SetUserPoolMfaConfig",
            action: { kind: "error", type: "InvalidParameterException", message: "Software token MFA is temporarily unavailable" },
        });
        const inputs = { ...baseInputs, mfaConfiguration: "ON", softwareTokenMfaConfiguration: { enabled: true } };
        const error = await engine.up([pool(inputs)]).then(() => undefined, (e: unknown) => e);
        expect(error).to.be.instanceOf(EngineError);
        expect((error as EngineError).message).to.include("SetUserPoolMfaConfig").and.include("temporarily unavailable");
        const recorded = engine.resource("users");
        expect(recorded?.id, "the engine recorded the pool instead of leaking it").to.match(/_/);
        expect(recorded?.initErrors.join(" ")).to.include("SetUserPoolMfaConfig");
        expect(recorded?.outputs.__provider).to.be.a("string");
        expect(await livePool(recorded?.id as string)).to.have.property("Id", recorded?.id);

        const destroy = await engine.destroy();
        expect(destroy.steps.map((s) => s.op)).to.deep.equal(["delete"]);
        expect(await livePool(recorded?.id as string).catch((e: Error) => e.name)).to.equal("ResourceNotFoundException");
    });

    it("the next up finishes a create whose MFA step failed", async () => {
        proxy.addRule({ operation: "SetUserPoolMfaConfig", action: { kind: "error", type: "InvalidParameterException", message: "try later" } });
        const inputs = { ...baseInputs, mfaConfiguration: "ON", softwareTokenMfaConfiguration: { enabled: true } };
        await engine.up([pool(inputs)]).catch(() => undefined);
        proxy.clearRules();
        const retry = await engine.up([pool(inputs)]);
        expect(retry.steps.map((s) => s.op)).to.deep.equal(["update"]);
        expect((await engine.preview([pool(inputs)], { refresh: true })).steps.map((s) => s.op)).to.deep.equal(["same"]);
    });

    it("refresh of a pool deleted out of band drops it (empty id)", async () => {
        await engine.up([pool(baseInputs)]);
        const id = engine.resource("users")?.id as string;
        await client.send(new DeleteUserPoolCommand({ UserPoolId: id }));
        const refresh = await engine.refresh();
        expect(refresh.steps.map((s) => s.reason)).to.deep.equal(["gone"]);
        expect(engine.state).to.deep.equal([]);
    });

    it("invalid inputs: Check returns failures with property paths and no AWS call is made", async () => {
        const callsBefore = proxy.records.length;
        const error = await engine
            .up([pool({ poolName: "p", policies: { passwordPolicy: { minimumLength: 3 } }, mfaConfiguration: "SOMETIMES", polices: {} })])
            .then(() => undefined, (e: unknown) => e);
        expect(error).to.be.instanceOf(EngineError);
        const failures = (error as EngineError).checkFailures ?? [];
        expect(failures.map((f) => f.property).sort()).to.deep.equal(["mfaConfiguration", "polices", "policies.passwordPolicy.minimumLength"]);
        expect(proxy.records.length, "no AWS request left the provider").to.equal(callsBefore);
    });
});
