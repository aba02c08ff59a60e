/**
 * A pool and its prefix domain (examples/with-domain) through the real `pulumi` CLI, against moto
 * (cognito-local has no domain API). The domain reports CREATING on its first read and DELETING
 * on the first read after its deletion, as on AWS, so the provider's waits run and print.
 */
import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { DescribeUserPoolDomainCommand } from "@aws-sdk/client-cognito-identity-provider";
import { expect } from "chai";
import * as path from "path";
import { repositoryRoot } from "../fidelity/scenarioFile";
import { MotoCognito, startMotoCognito } from "../support/motoCognito";
import { cliForSuite, liveClient, poolExists, PulumiStack, resourcesOfType } from "../support/pulumiStack";
import { localProviderEnv } from "../support/target";
import { requireMoto } from "../support/toolGate";

describe("real CLI: a pool and its prefix domain (examples/with-domain)", function () {
    this.timeout(300_000);
    let cognito: MotoCognito;
    let stack: PulumiStack;
    let live: CognitoIdentityProviderClient;
    let poolId: string;

    before(async function () {
        const cli = cliForSuite(this);
        requireMoto(this);
        cognito = await startMotoCognito({ creatingPolls: 1, deletingPolls: 1 });
        live = liveClient(cognito.endpoint);
        stack = await PulumiStack.create(cli, {
            projectDir: path.join(repositoryRoot(), "examples", "with-domain"),
            stack: "dev",
            env: localProviderEnv(cognito.endpoint),
            config: { "aws:region": "us-east-1" },
        });
    });

    after(async () => {
        live?.destroy();
        stack?.remove();
        await cognito?.stop();
    });

    it("pulumi up creates the pool, then the domain, and shows the domain's progress", async () => {
        const up = await stack.up();
        expect(up.output).to.match(/\+\s+pulumi-nodejs:dynamic\/cognito:UserPool users created/);
        expect(up.output).to.match(/\+\s+pulumi-nodejs:dynamic\/cognito:UserPoolDomain login created/);
        expect(up.output).to.match(/Resources:\s+\+ 3 created/);
        // The wait's progress lines, from the provider's stderr, as the CLI shows them.
        expect(up.output).to.match(/\[cognito-provider\] .*acme-login-dev.*CREATING/);
        expect(up.output).to.match(/\[cognito-provider\] .*acme-login-dev.*ACTIVE after/);

        const state = await stack.exportState();
        const [pool] = resourcesOfType(state, "UserPool");
        const [domain] = resourcesOfType(state, "UserPoolDomain");
        poolId = String(pool.id);
        expect(domain.id).to.equal("acme-login-dev");
        expect(domain.dependencies).to.include(pool.urn);
        const outputs = await stack.outputs();
        expect(outputs.hostedUiUrl).to.equal("https://acme-login-dev.auth.us-east-1.amazoncognito.com");
        expect(outputs.domainStatus).to.equal("ACTIVE");

        const described = await live.send(new DescribeUserPoolDomainCommand({ Domain: "acme-login-dev" }));
        expect(described.DomainDescription?.UserPoolId).to.equal(poolId);
    });

    it("pulumi preview --expect-no-changes exits 0, with and without --refresh", async () => {
        const plain = await stack.expect(["preview", "--diff", "--expect-no-changes", "--non-interactive"], 0);
        expect(plain.output).to.match(/Resources:\s+3 unchanged/);
        const refreshed = await stack.expect(["preview", "--refresh", "--diff", "--expect-no-changes", "--non-interactive"], 0);
        expect(refreshed.output).to.match(/Resources:\s+3 unchanged/);
    });

    it("pulumi destroy deletes the domain, waits until it is gone, then deletes the pool", async () => {
        const from = cognito.operations.length;
        const destroy = await stack.destroy();
        expect(destroy.output).to.match(/Resources:\s+- 3 deleted/);
        const domainDeleted = destroy.output.search(/UserPoolDomain login deleted/);
        const poolDeleted = destroy.output.search(/UserPool users deleted/);
        expect(domainDeleted).to.be.greaterThan(-1);
        expect(poolDeleted, "the pool is deleted after its domain").to.be.greaterThan(domainDeleted);

        const operations = cognito.operations.slice(from);
        const deleteDomain = operations.indexOf("DeleteUserPoolDomain");
        const deletePool = operations.indexOf("DeleteUserPool");
        expect(deleteDomain).to.be.greaterThan(-1);
        expect(deletePool).to.be.greaterThan(deleteDomain);
        // DELETING, then gone, read before the pool goes.
        expect(operations.slice(deleteDomain, deletePool).filter((o) => o === "DescribeUserPoolDomain")).to.have.length.of.at.least(2);

        expect(resourcesOfType(await stack.exportState(), "UserPoolDomain")).to.have.length(0);
        expect(await poolExists(live, poolId)).to.equal(false);
    });
});
