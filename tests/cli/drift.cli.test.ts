/**
 * Drift detection as a pipeline runs it, through the real `pulumi` CLI against cognito-local: an
 * out-of-band change (made with the AWS SDK, a full-state UpdateUserPool from a fresh Describe, as
 * the console makes it) to a declared field fails `pulumi preview --refresh --diff
 * --expect-no-changes` and the output names the field down to the member, with the live and the
 * declared value; one to an undeclared field passes and shows nothing.
 */
import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { DescribeUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
import { expect } from "chai";
import { applyOperation } from "../fidelity/awsState";
import type { ProgramSpec } from "./programs/declared/spec";
import { CognitoLocal, startCognitoLocal } from "../support/cognitoLocal";
import { cliForSuite, liveClient, PulumiStack, resourcesOfType } from "../support/pulumiStack";
import { localProviderEnv } from "../support/target";
import type { PulumiCli } from "../../scripts/toolchain";
import { differingPaths } from "../support/differingPaths";

const program: ProgramSpec = {
    resources: [
        {
            type: "UserPool",
            name: "users",
            args: {
                poolName: "acme-drift",
                policies: { passwordPolicy: { minimumLength: 12, requireNumbers: true } },
                userPoolTags: { team: "identity" },
            },
        },
    ],
};

/** The console's way: a full-state UpdateUserPool built from a fresh Describe, with one change. */
const shortenPasswords = { operation: "UpdateUserPool" as const, change: { Policies: { PasswordPolicy: { MinimumLength: 8 } } } };
/** A setting the program does not declare. */
const rememberDevices = { operation: "UpdateUserPool" as const, change: { DeviceConfiguration: { ChallengeRequiredOnNewDevice: true } } };

interface PreviewStep {
    op: string;
    urn: string;
    oldState?: { inputs?: Record<string, unknown> };
    newState?: { inputs?: Record<string, unknown> };
}

describe("real CLI: drift detection names the field", function () {
    this.timeout(600_000);
    let cli: PulumiCli;
    let emulator: CognitoLocal;
    let live: CognitoIdentityProviderClient;

    before(async function () {
        cli = cliForSuite(this);
        emulator = await startCognitoLocal();
        live = liveClient(emulator.endpoint);
    });

    after(async () => {
        live?.destroy();
        await emulator?.stop();
    });

    async function deployed(stackName: string, projectFileExtra?: string): Promise<{ stack: PulumiStack; poolId: string }> {
        const stack = await PulumiStack.declaring(cli, program, {
            stack: stackName,
            env: localProviderEnv(emulator.endpoint),
            config: { "aws:region": "us-east-1" },
            projectFileExtra,
        });
        await stack.up();
        return { stack, poolId: String(resourcesOfType(await stack.exportState(), "UserPool")[0].id) };
    }

    const minimumLength = async (poolId: string): Promise<number | undefined> =>
        (await live.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool?.Policies?.PasswordPolicy?.MinimumLength;

    describe("a declared field changed out of band", function () {
        let stack: PulumiStack;
        let poolId: string;

        before(async () => {
            ({ stack, poolId } = await deployed("declared"));
            await applyOperation(live, poolId, shortenPasswords);
        });
        after(async () => {
            await stack?.destroy().catch(() => undefined);
            stack?.remove();
        });

        it("pulumi preview --refresh --diff --expect-no-changes fails and shows live => declared on that member only", async () => {
            const preview = await stack.run(["preview", "--refresh", "--diff", "--expect-no-changes", "--non-interactive"]);
            expect(preview.code, preview.output).to.not.equal(0);
            expect(preview.output).to.include("error: no changes were expected for preview but changes were proposed");
            const update = preview.output.slice(preview.output.indexOf("UserPool: (update)"), preview.output.indexOf("Resources:"));
            expect(update).to.match(/~ policies\s*: \{/);
            expect(update).to.match(/~ passwordPolicy\s*: \{/);
            expect(update).to.match(/~ minimumLength\s*: 8 => 12/);
            // Only that member is marked as changing; the other declared fields are shown unmarked.
            expect(update.match(/^\s+[~+-] /gm) ?? []).to.have.length(3);
            expect(update).not.to.match(/[~+-] (poolName|userPoolTags|requireNumbers)/);
        });

        it("pulumi preview --refresh --json: the update's old and new inputs differ exactly at that member", async () => {
            const preview = await stack.run(["preview", "--refresh", "--json", "--expect-no-changes", "--non-interactive"]);
            expect(preview.code).to.not.equal(0);
            const steps = (JSON.parse(preview.stdout) as { steps: PreviewStep[] }).steps;
            const update = steps.find((s) => s.op === "update" && s.urn.endsWith("::users"));
            expect(update, "an update step for the pool").to.not.equal(undefined);
            const { __provider: _a, ...before } = update?.oldState?.inputs ?? {};
            const { __provider: _b, ...after } = update?.newState?.inputs ?? {};
            expect(differingPaths(before, after)).to.deep.equal(["policies.passwordPolicy.minimumLength"]);
            expect((before.policies as { passwordPolicy: { minimumLength: number } }).passwordPolicy.minimumLength).to.equal(8);
            expect((after.policies as { passwordPolicy: { minimumLength: number } }).passwordPolicy.minimumLength).to.equal(12);
        });

        it("pulumi refresh, then a plain pulumi preview --diff, shows the same", async () => {
            const refresh = await stack.expect(["refresh", "--yes", "--non-interactive"], 0);
            expect(refresh.output).to.match(/UserPool users updated .*\[diff: ~policies\]/);
            const preview = await stack.expect(["preview", "--diff", "--non-interactive"], 0);
            expect(preview.output).to.match(/~ minimumLength\s*: 8 => 12/);
            expect(preview.output).to.match(/~ 1 to update/);
        });

        it("pulumi up --refresh puts the declared value back, and the next preview is empty", async () => {
            await stack.expect(["up", "--refresh", "--yes", "--non-interactive", "--skip-preview"], 0);
            expect(await minimumLength(poolId)).to.equal(12);
            const preview = await stack.expect(["preview", "--refresh", "--diff", "--expect-no-changes", "--non-interactive"], 0);
            expect(preview.output).to.match(/2 unchanged/);
        });
    });

    describe("an undeclared field changed out of band", function () {
        let stack: PulumiStack;
        let poolId: string;

        before(async () => {
            ({ stack, poolId } = await deployed("undeclared"));
            await applyOperation(live, poolId, rememberDevices);
        });
        after(async () => {
            await stack?.destroy().catch(() => undefined);
            stack?.remove();
        });

        it("pulumi preview --refresh --diff --expect-no-changes exits 0 and shows nothing of it", async () => {
            const preview = await stack.expect(["preview", "--refresh", "--diff", "--expect-no-changes", "--non-interactive"], 0);
            expect(preview.output).to.match(/2 unchanged/);
            expect(preview.output).not.to.match(/deviceConfiguration|challengeRequiredOnNewDevice/i);
            expect(preview.output).not.to.match(/UserPool: \((update|refresh)\)/);
        });

        it("pulumi up --refresh leaves it as the other tool set it", async () => {
            await stack.expect(["up", "--refresh", "--yes", "--non-interactive", "--skip-preview"], 0);
            const pool = (await live.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool;
            expect(pool?.DeviceConfiguration?.ChallengeRequiredOnNewDevice).to.equal(true);
        });
    });

    describe("a project with options.refresh: always in Pulumi.yaml", function () {
        let stack: PulumiStack;
        let poolId: string;

        before(async () => {
            ({ stack, poolId } = await deployed("refresh-always", "options:\n  refresh: always\n"));
            await applyOperation(live, poolId, shortenPasswords);
        });
        after(async () => {
            await stack?.destroy().catch(() => undefined);
            stack?.remove();
        });

        it("a plain pulumi preview --diff --expect-no-changes catches the drift and names the member", async () => {
            const preview = await stack.run(["preview", "--diff", "--expect-no-changes", "--non-interactive"]);
            expect(preview.code, preview.output).to.not.equal(0);
            expect(preview.output).to.match(/~ minimumLength\s*: 8 => 12/);
        });
    });
});
