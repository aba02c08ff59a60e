/**
 * Every example in examples/ that needs nothing but this package, through the real `pulumi` CLI
 * against a local emulator: `pulumi up`, `pulumi preview --expect-no-changes` (plain and with
 * --refresh), `pulumi destroy`. The quickstart and with-domain have suites of their own
 * (quickstart.cli.test.ts, withDomain.cli.test.ts). Config values that would name real AWS
 * resources (an SMS role, an SES identity, Lambda functions, a certificate) are well-formed ARNs
 * the emulators store without checking. Email MFA and passkey settings run on moto, behind
 * tests/support/motoCognito.ts, which keeps what SetUserPoolMfaConfig is sent of them (neither
 * emulator reports them from GetUserPoolMfaConfig).
 */
import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { AdminCreateUserCommand, CreateUserPoolCommand, DescribeUserPoolCommand, ListUsersCommand } from "@aws-sdk/client-cognito-identity-provider";
import { expect } from "chai";
import * as path from "path";
import { repositoryRoot } from "../fidelity/scenarioFile";
import { startCognitoLocal } from "../support/cognitoLocal";
import { startMotoCognito } from "../support/motoCognito";
import { cliForSuite, liveClient, poolExists, PulumiStack, resourcesOfType } from "../support/pulumiStack";
import { localProviderEnv } from "../support/target";
import { requireMoto } from "../support/toolGate";

interface ExampleRun {
    example: string;
    /** moto where the example needs the domain API or a setting cognito-local ignores. */
    emulator: "cognito-local" | "moto";
    config: Record<string, string>;
    /** What exists before `pulumi up` (an existing pool to adopt); returns more config. */
    prepare?: (client: CognitoIdentityProviderClient) => Promise<Record<string, string>>;
    /** What `pulumi destroy` does to the pool. */
    destroy: "deletes the pool" | "keeps the pool (retainOnDelete)" | "fails and keeps the pool (deletionProtection ACTIVE)";
    resources: number;
}

const ACCOUNT = "123456789012";

const RUNS: ExampleRun[] = [
    {
        example: "gitops",
        // Declares deletionProtection, which cognito-local ignores (it would show a change AWS would not).
        emulator: "moto",
        config: {},
        destroy: "fails and keeps the pool (deletionProtection ACTIVE)",
        resources: 2,
    },
    {
        example: "mfa",
        // Declares email MFA and userPoolTier, which cognito-local does not report back.
        emulator: "moto",
        config: { smsRoleArn: `arn:aws:iam::${ACCOUNT}:role/cognito-sms`, sesIdentityArn: `arn:aws:ses:us-east-1:${ACCOUNT}:identity/acme.example` },
        destroy: "deletes the pool",
        resources: 2,
    },
    {
        example: "passwordless",
        // A domain (moto's API), userPoolTier and passkey settings, which cognito-local does not report back.
        emulator: "moto",
        config: {},
        destroy: "deletes the pool",
        resources: 3,
    },
    {
        example: "triggers",
        emulator: "cognito-local",
        config: {
            functionArnPrefix: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:`,
            kmsKeyArn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
        },
        destroy: "deletes the pool",
        resources: 2,
    },
    {
        example: "adopt",
        // Declares deletionProtection, which cognito-local ignores.
        emulator: "moto",
        config: {},
        async prepare(client) {
            const created = await client.send(
                new CreateUserPoolCommand({ PoolName: "acme-users", UsernameAttributes: ["email"], UsernameConfiguration: { CaseSensitive: false } }),
            );
            const id = String(created.UserPool?.Id);
            await client.send(new AdminCreateUserCommand({ UserPoolId: id, Username: "alice@example.com", MessageAction: "SUPPRESS" }));
            return { adoptUserPoolId: id };
        },
        destroy: "keeps the pool (retainOnDelete)",
        resources: 2,
    },
    {
        example: "custom-domain",
        emulator: "moto",
        config: { domainName: "auth.example.com", certificateArn: `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/0f3b8f5e-1111-2222-3333-444455556666` },
        destroy: "deletes the pool",
        resources: 3,
    },
];

for (const run of RUNS) {
    describe(`real CLI: examples/${run.example} (${run.emulator})`, function () {
        this.timeout(300_000);
        let stop: () => Promise<void>;
        let stack: PulumiStack;
        let live: CognitoIdentityProviderClient;
        let poolId: string;

        before(async function () {
            const cli = cliForSuite(this);
            if (run.emulator === "moto") requireMoto(this);
            const emulator = run.emulator === "moto" ? await startMotoCognito() : await startCognitoLocal();
            stop = () => emulator.stop();
            live = liveClient(emulator.endpoint);
            const prepared = run.prepare ? await run.prepare(live) : {};
            stack = await PulumiStack.create(cli, {
                projectDir: path.join(repositoryRoot(), "examples", run.example),
                stack: "dev",
                env: localProviderEnv(emulator.endpoint),
                config: { "aws:region": "us-east-1", ...run.config, ...prepared },
            });
            if (prepared.adoptUserPoolId) poolId = prepared.adoptUserPoolId;
        });

        after(async () => {
            live?.destroy();
            stack?.remove();
            await stop?.();
        });

        it("pulumi up", async () => {
            const up = await stack.up();
            expect(up.output).to.match(new RegExp(`Resources:\\s+\\+ ${run.resources} created`));
            const [pool] = resourcesOfType(await stack.exportState(), "UserPool");
            if (poolId) expect(pool.id, "adoption records the existing pool").to.equal(poolId);
            poolId = String(pool.id);
            expect(await poolExists(live, poolId)).to.equal(true);
        });

        it("pulumi preview --expect-no-changes exits 0, with and without --refresh", async () => {
            const plain = await stack.expect(["preview", "--diff", "--expect-no-changes", "--non-interactive"], 0);
            expect(plain.output).to.match(new RegExp(`Resources:\\s+${run.resources} unchanged`));
            const refreshed = await stack.expect(["preview", "--refresh", "--diff", "--expect-no-changes", "--non-interactive"], 0);
            expect(refreshed.output).to.match(new RegExp(`Resources:\\s+${run.resources} unchanged`));
        });

        it(`pulumi destroy ${run.destroy}`, async () => {
            if (run.destroy === "fails and keeps the pool (deletionProtection ACTIVE)") {
                const destroy = await stack.expect(["destroy", "--yes", "--non-interactive"], 1);
                expect(destroy.output).to.match(/deletion protection/i);
                expect(await poolExists(live, poolId)).to.equal(true);
                expect(resourcesOfType(await stack.exportState(), "UserPool"), "the state keeps the pool it could not delete").to.have.length(1);
                return;
            }
            await stack.destroy();
            expect(resourcesOfType(await stack.exportState(), "UserPool")).to.have.length(0);
            if (run.destroy === "deletes the pool") {
                expect(await poolExists(live, poolId)).to.equal(false);
            } else {
                const kept = await live.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
                expect(kept.UserPool?.Id).to.equal(poolId);
                const users = await live.send(new ListUsersCommand({ UserPoolId: poolId }));
                expect(users.Users?.map((u) => u.Attributes?.find((a) => a.Name === "email")?.Value ?? u.Username)).to.have.length(1);
            }
        });
    });
}
