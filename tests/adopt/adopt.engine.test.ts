/**
 * Adoption through the Pulumi SDK's dynamic-provider host, driven the way the engine drives it
 * (tests/harness/engine.ts), against cognito-local: a pool made by hand, the generated program,
 * `pulumi up` adopts it (a create step that makes no new pool), and `pulumi preview` and
 * `pulumi preview --refresh` are empty.
 */
import {
    CognitoIdentityProviderClient,
    DescribeUserPoolCommand,
    ListUserPoolsCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { expect } from "chai";
import * as path from "path";
import { userPoolProvider } from "../../provider/providers";
import { generateProgram } from "../../scripts/generate-program";
import { startCognitoLocal, CognitoLocal } from "../support/cognitoLocal";
import { localProviderEnv, TEST_CREDENTIALS } from "../support/target";
import { Engine, EngineError, ResourceSpec } from "../harness/engine";
import { PropertyMap, serializeProvider } from "../harness/providerHost";
import { createOutOfBand } from "./outOfBand";

const projectDir = path.resolve(__dirname, "..", "..", "..");
const region = "us-east-1";

describe("adoption through the provider host (engine protocol)", function () {
    this.timeout(180_000);
    let emulator: CognitoLocal;
    let client: CognitoIdentityProviderClient;
    let provider: string;
    let engine: Engine;

    const pool = (inputs: Record<string, unknown>): ResourceSpec => ({
        name: "users",
        provider,
        module: "cognito",
        type: "UserPool",
        inputs: inputs as PropertyMap,
    });

    /** A pool as a person would set it up in the console: sign-in with email, a custom attribute, tags, a trigger. */
    const byHand = {
        poolName: "made-by-hand",
        usernameAttributes: ["email"],
        usernameConfiguration: { caseSensitive: false },
        autoVerifiedAttributes: ["email"],
        policies: { passwordPolicy: { minimumLength: 10, requireNumbers: true } },
        schema: [{ name: "tenant", attributeDataType: "String", mutable: true }],
        lambdaConfig: { preSignUp: "arn:aws:lambda:us-east-1:123456789012:function:pre-signup" },
        userPoolTags: { team: "identity", "cost-center": "4711" },
    };

    async function poolCount(): Promise<number> {
        return ((await client.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools ?? []).length;
    }

    before(async () => {
        emulator = await startCognitoLocal();
        client = new CognitoIdentityProviderClient({ region, endpoint: emulator.endpoint, credentials: TEST_CREDENTIALS });
        provider = await serializeProvider(userPoolProvider, projectDir);
    });

    beforeEach(() => {
        engine = new Engine({
            cwd: projectDir,
            stack: "adopt-test",
            stackConfig: { "aws:region": region },
            env: localProviderEnv(emulator.endpoint),
        });
    });

    afterEach(async () => {
        await engine.destroy().catch(() => undefined);
        await engine.close();
    });

    after(async () => {
        client.destroy();
        await emulator.stop();
    });

    it("generate -> up adopts the pool (no new pool) -> preview and preview --refresh are empty -> destroy deletes it", async () => {
        const id = await createOutOfBand(client, byHand);
        const generated = await generateProgram(client, id, { region });
        expect(generated?.warnings).to.deep.equal([]);
        const inputs = generated?.inputs ?? {};
        const pools = await poolCount();

        const up = await engine.up([pool(inputs)]);
        expect(up.steps.map((s) => s.op)).to.deep.equal(["create"]);
        expect(engine.resource("users")?.id, "the existing pool is the resource").to.equal(id);
        expect(await poolCount(), "no pool was created").to.equal(pools);
        expect(up.outputs.users.userPoolId).to.equal(id);

        const preview = await engine.preview([pool(inputs)]);
        expect(preview.steps.map((s) => s.op)).to.deep.equal(["same"]);
        const refreshed = await engine.preview([pool(inputs)], { refresh: true });
        expect(refreshed.refreshSteps.map((s) => s.op)).to.deep.equal(["same"]);
        expect(refreshed.steps.map((s) => s.op)).to.deep.equal(["same"]);

        // adoptUserPoolId only matters at creation: dropping it later is no change.
        const { adoptUserPoolId: _dropped, ...withoutAdopt } = inputs;
        expect((await engine.preview([pool(withoutAdopt)])).steps.map((s) => s.op)).to.deep.equal(["same"]);

        const destroy = await engine.destroy();
        expect(destroy.steps.map((s) => s.op)).to.deep.equal(["delete"]);
        const gone = await client.send(new DescribeUserPoolCommand({ UserPoolId: id })).then(() => "still there", (e: Error) => e.name);
        expect(gone).to.equal("ResourceNotFoundException");
    });

    it("up with a program declaring fewer fields converges them in place and the next preview is empty", async () => {
        const id = await createOutOfBand(client, byHand);
        // The same name: cognito-local ignores PoolName on update (the fake covers renames).
        const program = { adoptUserPoolId: id, poolName: "made-by-hand", policies: { passwordPolicy: { minimumLength: 12 } } };
        const up = await engine.up([pool(program)]);
        expect(up.steps.map((s) => s.op)).to.deep.equal(["create"]);
        const live = (await client.send(new DescribeUserPoolCommand({ UserPoolId: id }))).UserPool;
        expect(live?.Policies?.PasswordPolicy?.MinimumLength).to.equal(12);
        expect(live?.LambdaConfig?.PreSignUp, "an undeclared trigger survives adoption").to.equal(byHand.lambdaConfig.preSignUp);
        expect(live?.UserPoolTags).to.deep.equal(byHand.userPoolTags);
        expect((await engine.preview([pool(program)], { refresh: true })).steps.map((s) => s.op)).to.deep.equal(["same"]);
    });

    it("an immutable mismatch fails the up, records nothing and leaves the pool as it was", async () => {
        const id = await createOutOfBand(client, byHand);
        const before = (await client.send(new DescribeUserPoolCommand({ UserPoolId: id }))).UserPool;
        const error = await engine
            .up([pool({ adoptUserPoolId: id, poolName: "made-by-hand", usernameConfiguration: { caseSensitive: true } })])
            .then(() => undefined, (e: unknown) => e);
        expect(error).to.be.instanceOf(EngineError);
        expect((error as EngineError).message).to.include(`cannot adopt user pool ${id}`).and.include("usernameConfiguration");
        expect(engine.state, "nothing recorded, so destroy cannot delete the pool").to.deep.equal([]);
        expect((await client.send(new DescribeUserPoolCommand({ UserPoolId: id }))).UserPool).to.deep.equal(before);
    });
});
