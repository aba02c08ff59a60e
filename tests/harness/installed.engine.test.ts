/**
 * The package as users get it: packed with `npm pack`, installed under a Pulumi project's
 * node_modules, its providers serialized there the way pulumi.dynamic.Resource does it, and the
 * stack run through the SDK's provider host with that project as working directory. Installed,
 * `__provider` is a `require` of this package rather than the delegating functions a checkout
 * serializes (provider/providers.ts), so this is the path every user's stack takes.
 */
import { expect } from "chai";
import { repositoryRoot } from "../fidelity/scenarioFile";
import { MotoCognito, startMotoCognito } from "../support/motoCognito";
import { requireMoto } from "../support/toolGate";
import { createInstalledProject, InstalledProject, PACKAGE_NAME } from "../support/installedProject";
import { localProviderEnv, TEST_CREDENTIALS } from "../support/target";
import { Engine, ResourceSpec } from "./engine";
import { PropertyMap, serializeProvider } from "./providerHost";

describe("the installed package through the provider host (engine protocol)", function () {
    this.timeout(180_000);
    let project: InstalledProject;
    let cognito: MotoCognito;
    let poolProvider: string;
    let domainProvider: string;
    let engine: Engine;

    const pool = (poolName: string): ResourceSpec => ({
        name: "users",
        provider: poolProvider,
        module: "cognito",
        type: "UserPool",
        inputs: { poolName, policies: { passwordPolicy: { minimumLength: 12 } } },
    });
    const domain = (userPoolId: string): ResourceSpec => ({
        name: "login",
        provider: domainProvider,
        module: "cognito",
        type: "UserPoolDomain",
        inputs: { domain: "acme-installed-login", userPoolId } as PropertyMap,
        dependsOn: ["users"],
    });

    before(async function () {
        requireMoto(this);
        project = createInstalledProject(repositoryRoot());
        cognito = await startMotoCognito();
        const installed = project.require(PACKAGE_NAME) as typeof import("../../provider/index");
        poolProvider = await serializeProvider(installed.userPoolProvider, project.dir);
        domainProvider = await serializeProvider(installed.userPoolDomainProvider, project.dir);
    });

    beforeEach(() => {
        engine = new Engine({
            cwd: project.dir,
            stack: "installed-test",
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
        project?.remove();
    });

    it("serializes each provider as a require of the installed package, a few hundred bytes", () => {
        for (const [text, resource] of [[poolProvider, "userPool"], [domainProvider, "userPoolDomain"]]) {
            expect(text).to.include(`require("${PACKAGE_NAME}/hosted/${resource}")`);
            expect(Buffer.byteLength(text)).to.be.below(1024);
            // Nothing of the implementation, no SDK and no credentials travel in the state.
            expect(text).to.not.match(/loadRuntime|@aws-sdk|CognitoIdentityProviderClient/);
            expect(text).to.not.include(TEST_CREDENTIALS.secretAccessKey);
        }
    });

    it("up -> preview -> refresh -> update -> destroy of a pool and its domain", async () => {
        const up = await engine.up([pool("installed")]);
        expect(up.steps.map((s) => s.op)).to.deep.equal(["create"]);
        const id = engine.resource("users")?.id as string;
        expect(up.outputs.users.region, "Configure reached the hosted module").to.equal("us-east-1");

        const withDomain = await engine.up([pool("installed"), domain(id)]);
        expect(withDomain.steps.map((s) => [s.name, s.op])).to.deep.equal([["users", "same"], ["login", "create"]]);
        expect(withDomain.outputs.login.status).to.equal("ACTIVE");

        const before = cognito.operations.length;
        const preview = await engine.preview([pool("installed"), domain(id)]);
        expect(preview.steps.map((s) => s.op)).to.deep.equal(["same", "same"]);
        expect(cognito.operations.length, "a no-change preview makes no AWS call").to.equal(before);
        expect((await engine.refresh()).steps.map((s) => s.op)).to.deep.equal(["same", "same"]);

        const rename = await engine.up([pool("installed-renamed"), domain(id)]);
        expect(rename.steps.map((s) => [s.name, s.op])).to.deep.equal([["users", "update"], ["login", "same"]]);
        expect(rename.outputs.users.poolName).to.equal("installed-renamed");

        const destroy = await engine.destroy();
        expect(destroy.steps.map((s) => [s.name, s.op])).to.deep.equal([["login", "delete"], ["users", "delete"]]);
        expect(engine.state).to.deep.equal([]);
    });

    it("reports check failures from the installed package with property paths", async () => {
        const bad: ResourceSpec = { ...pool("installed-bad"), inputs: { poolName: "installed-bad", policies: { passwordPolicy: { minimumLength: 3 } } } };
        const error = await engine.preview([bad]).then(() => undefined, (e: unknown) => e as Error);
        expect(error?.message).to.include("policies.passwordPolicy.minimumLength");
    });
});
