/**
 * A pool and its domain inside Pulumi, through the SDK's provider host, against moto (cognito-local
 * has no domain API) behind the proxy that adds what moto lacks (tests/support/motoCognito.ts):
 * like AWS it refuses to delete a pool that still has a domain, and keeps a deleted domain
 * DELETING for a read.
 */
import { expect } from "chai";
import * as path from "path";
import { userPoolDomainProvider, userPoolProvider } from "../../provider/providers";
import { MotoCognito, startMotoCognito } from "../support/motoCognito";
import { requireMoto } from "../support/toolGate";
import { localProviderEnv } from "../support/target";
import { Engine, ResourceSpec } from "./engine";
import { PropertyMap, serializeProvider, UNKNOWN } from "./providerHost";

const projectDir = path.resolve(__dirname, "..", "..", "..");

describe("UserPool and UserPoolDomain through the provider host (engine protocol)", function () {
    let cognito: MotoCognito;
    let poolProvider: string;
    let domainProvider: string;
    let engine: Engine;

    const pool: () => ResourceSpec = () => ({ name: "users", provider: poolProvider, module: "cognito", type: "UserPool", inputs: { poolName: "with-domain" } });
    const domain = (userPoolId: string): ResourceSpec => ({
        name: "login",
        provider: domainProvider,
        module: "cognito",
        type: "UserPoolDomain",
        inputs: { domain: "acme-engine-login", userPoolId } as PropertyMap,
        dependsOn: ["users"],
    });

    before(async function () {
        requireMoto(this);
        cognito = await startMotoCognito({ deletingPolls: 1 });
        poolProvider = await serializeProvider(userPoolProvider, projectDir);
        domainProvider = await serializeProvider(userPoolDomainProvider, projectDir);
    });

    beforeEach(() => {
        engine = new Engine({
            cwd: projectDir,
            stack: "domain-test",
            stackConfig: { "aws:region": "us-east-1" },
            env: localProviderEnv(cognito.endpoint),
        });
    });

    afterEach(async () => {
        await engine.destroy().catch(() => undefined);
        await engine.close();
    });

    after(async () => {
        await cognito?.stop();
    });

    it("previews a new stack whose domain's userPoolId is still unknown", async () => {
        const operationsBefore = cognito.operations.length;
        const preview = await engine.preview([pool(), domain(UNKNOWN)]);
        expect(preview.steps.map((s) => [s.name, s.op])).to.deep.equal([
            ["users", "create"],
            ["login", "create"],
        ]);
        const checks = preview.calls.filter((c) => c.method === "Check");
        expect(checks).to.have.length(2);
        expect(cognito.operations.length, "a preview makes no AWS call").to.equal(operationsBefore);
    });

    it("previews a change of an existing domain's pool to an unknown id as a delete-first replacement", async () => {
        await engine.up([pool()]);
        const id = engine.resource("users")?.id as string;
        await engine.up([pool(), domain(id)]);
        const preview = await engine.preview([pool(), domain(UNKNOWN)]);
        const login = preview.steps.find((s) => s.name === "login");
        expect(login?.op).to.equal("replace");
        expect(login?.replaceKeys).to.deep.equal(["userPoolId"]);
        expect(login?.deleteBeforeReplace).to.equal(true);
    });

    it("destroys a pool with a domain in one go: the domain is deleted and gone before the pool", async () => {
        await engine.up([pool()]);
        const id = engine.resource("users")?.id as string;
        const up = await engine.up([pool(), domain(id)]);
        expect(up.steps.map((s) => [s.name, s.op])).to.deep.equal([
            ["users", "same"],
            ["login", "create"],
        ]);
        expect(up.outputs.login.status).to.equal("ACTIVE");
        expect((await engine.preview([pool(), domain(id)])).steps.map((s) => s.op)).to.deep.equal(["same", "same"]);

        const start = cognito.operations.length;
        const destroy = await engine.destroy();
        expect(destroy.steps.map((s) => [s.name, s.op])).to.deep.equal([
            ["login", "delete"],
            ["users", "delete"],
        ]);
        const operations = cognito.operations.slice(start);
        // The delete waited through DELETING until the domain was gone, then the pool went.
        expect(operations).to.deep.equal(["DeleteUserPoolDomain", "DescribeUserPoolDomain", "DescribeUserPoolDomain", "DeleteUserPool"]);
        expect(engine.state).to.deep.equal([]);
    });
});
