/**
 * The quickstart as users get it: this package from `npm pack`, installed in a scratch Pulumi
 * project's node_modules, and the quickstart's program copied there, run by the real `pulumi`
 * CLI against cognito-local: up, a preview with no changes, destroy.
 */
import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { DescribeUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { repositoryRoot } from "../fidelity/scenarioFile";
import { CognitoLocal, startCognitoLocal } from "../support/cognitoLocal";
import { createInstalledProject, InstalledProject } from "../support/installedProject";
import { cliForSuite, liveClient, poolExists, PulumiStack, resourcesOfType } from "../support/pulumiStack";
import { localProviderEnv } from "../support/target";

describe("real CLI: the quickstart with the package installed from npm pack", function () {
    this.timeout(300_000);
    let project: InstalledProject;
    let emulator: CognitoLocal;
    let stack: PulumiStack;
    let live: CognitoIdentityProviderClient;
    let poolId: string;

    before(async function () {
        const cli = cliForSuite(this);
        project = createInstalledProject(repositoryRoot());
        for (const file of ["index.ts", "pool.ts"]) {
            fs.copyFileSync(path.join(repositoryRoot(), "examples", "quickstart", file), path.join(project.dir, file));
        }
        emulator = await startCognitoLocal();
        live = liveClient(emulator.endpoint);
        stack = await PulumiStack.create(cli, {
            projectDir: project.dir,
            stack: "installed",
            env: localProviderEnv(emulator.endpoint),
            config: { "aws:region": "us-east-1" },
        });
    });

    after(async () => {
        live?.destroy();
        stack?.remove();
        project?.remove();
        await emulator?.stop();
    });

    it("pulumi up creates the pool, and the state's provider is a one-line require of the package", async () => {
        const up = await stack.up();
        expect(up.output).to.match(/Resources:\s+\+ 2 created/);
        const [pool] = resourcesOfType(await stack.exportState(), "UserPool");
        poolId = String(pool.id);
        const serialized = String(pool.outputs?.__provider);
        expect(serialized).to.include('require("pulumi-cognito-userpool/hosted/userPool")');
        expect(serialized.length).to.be.lessThan(1024);
        const described = await live.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
        expect(described.UserPool?.Name).to.equal("acme-users");
    });

    it("pulumi preview --refresh --expect-no-changes exits 0", async () => {
        const preview = await stack.expect(["preview", "--refresh", "--diff", "--expect-no-changes", "--non-interactive"], 0);
        expect(preview.output).to.match(/Resources:\s+2 unchanged/);
    });

    it("pulumi destroy leaves no pool", async () => {
        await stack.destroy();
        expect(resourcesOfType(await stack.exportState(), "UserPool")).to.have.length(0);
        expect(await poolExists(live, poolId)).to.equal(false);
    });
});
