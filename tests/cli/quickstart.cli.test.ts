/**
 * The quickstart example through the real `pulumi` CLI against cognito-local: up, a preview that
 * must show no changes, destroy. What the CLI printed, the stored state and the live pool are
 * checked after each.
 */
import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { DescribeUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
import { expect } from "chai";
import * as path from "path";
import { repositoryRoot } from "../fidelity/scenarioFile";
import { CognitoLocal, startCognitoLocal } from "../support/cognitoLocal";
import { cliForSuite, liveClient, poolExists, PulumiStack, resourcesOfType } from "../support/pulumiStack";
import { localProviderEnv } from "../support/target";

describe("real CLI: the quickstart example", function () {
    this.timeout(300_000);
    let emulator: CognitoLocal;
    let stack: PulumiStack;
    let live: CognitoIdentityProviderClient;
    let poolId: string;

    before(async function () {
        const cli = cliForSuite(this);
        emulator = await startCognitoLocal();
        live = liveClient(emulator.endpoint);
        stack = await PulumiStack.create(cli, {
            projectDir: path.join(repositoryRoot(), "examples", "quickstart"),
            stack: "quickstart",
            env: localProviderEnv(emulator.endpoint),
            config: { "aws:region": "us-east-1" },
        });
    });

    after(async () => {
        live?.destroy();
        stack?.remove();
        await emulator?.stop();
    });

    it("pulumi up creates the pool and reports it", async () => {
        const up = await stack.up();
        expect(up.output).to.match(/\+\s+pulumi-nodejs:dynamic\/cognito:UserPool users created/);
        expect(up.output).to.match(/Resources:\s+\+ 2 created/);

        const pools = resourcesOfType(await stack.exportState(), "UserPool");
        expect(pools).to.have.length(1);
        poolId = String(pools[0].id);
        const outputs = await stack.outputs();
        expect(outputs.userPoolId).to.equal(poolId);
        // The token issuer applications trust: a URL with its scheme, not the bare endpoint.
        expect(outputs.issuer).to.equal(`https://cognito-idp.us-east-1.amazonaws.com/${poolId}`);

        const described = await live.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
        expect(described.UserPool?.Name).to.equal("acme-users");
        expect(described.UserPool?.Policies?.PasswordPolicy?.MinimumLength).to.equal(12);
    });

    it("pulumi preview --expect-no-changes exits 0 right after", async () => {
        const preview = await stack.expect(["preview", "--diff", "--expect-no-changes", "--non-interactive"], 0);
        expect(preview.output).to.match(/Resources:\s+2 unchanged/);
        expect(preview.output).not.to.match(/~\s+pulumi-nodejs/);
    });

    it("pulumi preview --refresh --expect-no-changes exits 0 too", async () => {
        const preview = await stack.expect(["preview", "--refresh", "--diff", "--expect-no-changes", "--non-interactive"], 0);
        expect(preview.output).to.match(/Resources:\s+2 unchanged/);
        // Nothing changed out of band, so the refresh rewrites nothing either: the stored inputs
        // are already in the form a refresh stores (no "UserPool: (refresh)" block with changes).
        expect(preview.output).not.to.match(/UserPool: \(refresh\)/);
        const plain = await stack.expect(["preview", "--refresh", "--expect-no-changes", "--non-interactive"], 0);
        expect(plain.output).not.to.match(/UserPool users refresh \[diff:/);
    });

    it("pulumi destroy deletes the pool and empties the state", async () => {
        const destroy = await stack.destroy();
        expect(destroy.output).to.match(/-\s+pulumi-nodejs:dynamic\/cognito:UserPool users deleted/);
        expect(destroy.output).to.match(/Resources:\s+- 2 deleted/);
        expect(resourcesOfType(await stack.exportState(), "UserPool")).to.have.length(0);
        expect(await poolExists(live, poolId)).to.equal(false);
    });
});
