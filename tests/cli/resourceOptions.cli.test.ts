/**
 * Pulumi's resource options on UserPool, each through the real `pulumi` CLI against cognito-local,
 * with the tests' own program (tests/cli/programs/declared). Where the engine honours an option
 * the test shows it as a user expects it; where a dynamic provider cannot honour it the test pins
 * what actually happens, so that a change in the engine or the provider shows up here.
 *
 * `replaceOnChanges` is the option a dynamic provider cannot honour: the engine matches it against
 * the changed keys or detailed diff of the provider's answer, and the SDK's dynamic provider host
 * sends neither (only changes yes/no, replace keys and deleteBeforeReplace), so a rename stays an
 * in-place update.
 *
 * `ignoreChanges` against out-of-band drift works only because the provider's read returns the
 * live values of the declared fields as the stored inputs: the engine fills an ignored field of the
 * new inputs from the stored inputs, so after a refresh the field compares live with live. With a
 * read that returned outputs only, the drift was reported by `preview --refresh` and reverted by
 * `up --refresh` (to the value stored before the field was ignored).
 *
 * One emulator serves every group; each group has its own stack and chains its steps.
 */
import type { CognitoIdentityProviderClient, UserPoolType } from "@aws-sdk/client-cognito-identity-provider";
import { DescribeUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
import { expect } from "chai";
import { applyOperation } from "../fidelity/awsState";
import type { DeclaredResource, ProgramSpec } from "./programs/declared/spec";
import { CognitoLocal, startCognitoLocal } from "../support/cognitoLocal";
import { CliResult, cliForSuite, liveClient, poolExists, PulumiStack, StackState, StateResource } from "../support/pulumiStack";
import { localProviderEnv } from "../support/target";
import type { PulumiCli } from "../../scripts/toolchain";

const TYPE = "pulumi-nodejs:dynamic/cognito:UserPool";

/** What `pulumi stack export` records per resource, with the option the shared type leaves out. */
type PoolInState = StateResource & { retainOnDelete?: boolean };

type Options = NonNullable<DeclaredResource["options"]>;

function pool(name: string, args: Record<string, unknown>, options: Options = {}): DeclaredResource {
    return { type: "UserPool", name, args, options };
}

/** The UserPool resources of a state by resource name (the last part of the URN). */
function poolsIn(state: StackState): Map<string, PoolInState> {
    const pools = new Map<string, PoolInState>();
    for (const resource of state.deployment.resources ?? []) {
        if (resource.type === TYPE) pools.set(resource.urn.slice(resource.urn.lastIndexOf("::") + 2), resource);
    }
    return pools;
}

function required(pools: Map<string, PoolInState>, name: string): PoolInState {
    const found = pools.get(name);
    if (!found) throw new Error(`the state has no UserPool named ${name}; it has ${[...pools.keys()].join(", ") || "none"}`);
    return found;
}

/** Where a CLI line about one pool is in the output; failing, with the output, when it is not there. */
function lineAt(result: CliResult, name: string, event: string): number {
    const at = result.output.search(new RegExp(`${TYPE.replace(/[/.]/g, "\\$&")} ${name} ${event}`));
    if (at < 0) throw new Error(`the CLI printed no "${name} ${event}" line:\n${result.output}`);
    return at;
}

async function livePool(live: CognitoIdentityProviderClient, id: string | undefined): Promise<UserPoolType> {
    const { UserPool } = await live.send(new DescribeUserPoolCommand({ UserPoolId: String(id) }));
    if (!UserPool) throw new Error(`DescribeUserPool ${String(id)} answered without a pool`);
    return UserPool;
}

describe("real CLI: resource options on UserPool", function () {
    this.timeout(300_000);
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

    const newStack = (program: ProgramSpec): Promise<PulumiStack> =>
        PulumiStack.declaring(cli, program, { stack: "dev", env: localProviderEnv(emulator.endpoint), config: { "aws:region": "us-east-1" } });

    describe("protect and retainOnDelete", () => {
        let stack: PulumiStack;
        let created: Map<string, PoolInState>;
        /** The destroy that finally runs, which the retainOnDelete test reads. */
        let destroy: CliResult | undefined;

        before(async () => {
            stack = await newStack({
                resources: [pool("guarded", { poolName: "ro-guarded" }, { protect: true }), pool("kept", { poolName: "ro-kept" }, { retainOnDelete: true })],
            });
            await stack.up();
            created = poolsIn(await stack.exportState());
        });

        after(() => stack?.remove());

        it("protect: pulumi destroy is refused with the CLI's message, and nothing is deleted", async () => {
            expect(required(created, "guarded").protect).to.equal(true);
            const refused = await stack.expect(["destroy", "--yes", "--non-interactive"], 1);
            expect(refused.output).to.match(/UserPool::guarded" cannot be deleted\s+because it is protected/);
            expect(refused.output).to.include("remove the `protect` flag from the resource in your Pulumi program and run `pulumi up`");
            // The refusal comes from the destroy's preview, so the unprotected pool is not deleted either.
            expect(refused.output).to.not.match(/ deleted /);
            const after = poolsIn(await stack.exportState());
            expect([...after.keys()].sort()).to.deep.equal(["guarded", "kept"]);
            expect(required(after, "guarded").id).to.equal(required(created, "guarded").id);
            expect(await poolExists(live, String(required(created, "guarded").id))).to.equal(true);
            expect(await poolExists(live, String(required(created, "kept").id))).to.equal(true);
        });

        it("protect: after removing it from the program and pulumi up, pulumi destroy deletes the pool", async () => {
            stack.writeProgram({ resources: [pool("guarded", { poolName: "ro-guarded" }), pool("kept", { poolName: "ro-kept" }, { retainOnDelete: true })] });
            const up = await stack.up();
            expect(up.output).to.match(/UserPool guarded\s+\[diff: ~protect\]/);
            expect(up.output).to.match(/Resources:\s+3 unchanged/);
            expect(required(poolsIn(await stack.exportState()), "guarded").protect ?? false).to.equal(false);

            destroy = await stack.destroy();
            expect(lineAt(destroy, "guarded", "deleted")).to.be.greaterThan(-1);
            expect(destroy.output).to.match(/Resources:\s+- 3 deleted/);
            expect(await poolExists(live, String(required(created, "guarded").id))).to.equal(false);
            expect(poolsIn(await stack.exportState()).has("guarded")).to.equal(false);
        });

        it("retainOnDelete: that destroy left the pool live and the state forgot it", async () => {
            expect(required(created, "kept").retainOnDelete).to.equal(true);
            if (!destroy) throw new Error("the destroy of the previous test did not run");
            expect(destroy.output).to.match(/UserPool kept deleting \([^)]*\)\s*\[retain\]/);
            expect(destroy.output).to.match(/UserPool kept deleted \([^)]*\)\s*\[retain\]/);
            expect(poolsIn(await stack.exportState()).size).to.equal(0);
            const kept = await livePool(live, required(created, "kept").id);
            expect(kept.Name).to.equal("ro-kept");
        });
    });

    describe("ignoreChanges: [\"policies\"]", () => {
        let stack: PulumiStack;
        let poolId: string;
        const policies = (minimumLength: number) => ({
            passwordPolicy: { minimumLength, requireUppercase: true, requireLowercase: true, requireNumbers: true, requireSymbols: false },
        });
        const program = (minimumLength: number): ProgramSpec => ({
            resources: [pool("users", { poolName: "ro-ignore", policies: policies(minimumLength), userPoolTags: { team: "identity" } }, { ignoreChanges: ["policies"] })],
        });
        const liveMinimumLength = async () => (await livePool(live, poolId)).Policies?.PasswordPolicy?.MinimumLength;

        before(async () => {
            stack = await newStack(program(10));
            await stack.up();
            poolId = String(required(poolsIn(await stack.exportState()), "users").id);
        });

        after(() => stack?.remove());

        it("a program change to the ignored field is neither previewed nor applied", async () => {
            const before = await livePool(live, poolId);
            stack.writeProgram(program(12));
            const preview = await stack.expect(["preview", "--diff", "--expect-no-changes", "--non-interactive"], 0);
            expect(preview.output).to.match(/Resources:\s+2 unchanged/);
            expect(preview.output).to.not.match(/minimumLength/);
            const up = await stack.up();
            expect(up.output).to.match(/Resources:\s+2 unchanged/);
            expect(await livePool(live, poolId)).to.deep.equal(before);
            const users = required(poolsIn(await stack.exportState()), "users");
            // Still the first program's policy (stored with the members it left out at their defaults).
            expect((users.inputs?.policies as ReturnType<typeof policies>).passwordPolicy).to.deep.include(policies(10).passwordPolicy);
        });

        it("out-of-band drift on the ignored field is neither reported by preview --refresh nor reverted by up --refresh", async () => {
            // The way the console changes a pool: a full-state UpdateUserPool built from a fresh Describe.
            await applyOperation(live, poolId, { change: { Policies: { PasswordPolicy: { MinimumLength: 6 } } } });
            expect(await liveMinimumLength()).to.equal(6);

            const preview = await stack.expect(["preview", "--refresh", "--diff", "--expect-no-changes", "--non-interactive"], 0);
            // The refresh did see the drift; only the update ignores it.
            expect(preview.output).to.match(/~ pulumi-nodejs:dynamic\/cognito:UserPool: \(refresh\)[\s\S]*~ minimumLength\s*: 10 => 6/);
            expect(preview.output).to.not.match(/UserPool: \(update\)/);
            expect(preview.output).to.match(/Resources:\s+2 unchanged/);

            const up = await stack.up(["--refresh"]);
            expect(up.output).to.match(/UserPool users refresh \([^)]*\) \[diff: ~policies\]/);
            expect(up.output).to.not.match(/UserPool users updat/);
            expect(up.output).to.match(/Resources:\s+2 unchanged/);
            expect(await liveMinimumLength()).to.equal(6);
            // The refresh stored the live value as the input, which ignoreChanges now keeps.
            const users = required(poolsIn(await stack.exportState()), "users");
            expect((users.inputs?.policies as ReturnType<typeof policies>).passwordPolicy.minimumLength).to.equal(6);
            expect((users.outputs?.policies as ReturnType<typeof policies>).passwordPolicy.minimumLength).to.equal(6);
        });
    });

    describe("replaceOnChanges and deleteBeforeReplace", () => {
        let stack: PulumiStack;
        let created: Map<string, PoolInState>;
        const renamed = (poolName: string, team: string) =>
            pool("renamed", { poolName, userPoolTags: { team } }, { replaceOnChanges: ["poolName"] });
        const replaced = (caseSensitive: boolean) => [
            pool("swapped", { poolName: "ro-swapped", usernameConfiguration: { caseSensitive } }, { deleteBeforeReplace: true }),
            pool("plain", { poolName: "ro-plain", usernameConfiguration: { caseSensitive } }),
        ];

        before(async () => {
            stack = await newStack({ resources: [renamed("ro-before", "a"), ...replaced(false)] });
            await stack.up();
            created = poolsIn(await stack.exportState());
        });

        after(() => stack?.remove());

        it("replaceOnChanges: [\"poolName\"] is not honoured: a rename stays an in-place update of the same pool", async () => {
            const id = required(created, "renamed").id;
            stack.writeProgram({ resources: [renamed("ro-after", "b"), ...replaced(false)] });
            const preview = await stack.expect(["preview", "--non-interactive"], 0);
            expect(preview.output).to.match(/~\s+pulumi-nodejs:dynamic\/cognito:UserPool renamed update \[diff: ~poolName,userPoolTags\]/);
            expect(preview.output).to.not.match(/renamed (replace|create replacement|delete original)/);
            expect(preview.output).to.match(/Resources:\s+~ 1 to update\s+3 unchanged/);

            const up = await stack.up();
            expect(lineAt(up, "renamed", "updated")).to.be.greaterThan(-1);
            expect(up.output).to.match(/Resources:\s+~ 1 updated\s+3 unchanged/);
            const after = required(poolsIn(await stack.exportState()), "renamed");
            expect(after.id).to.equal(id);
            expect(after.outputs?.poolName).to.equal("ro-after");
            // cognito-local ignores PoolName on update; the tag shows the update reached the same pool.
            expect((await livePool(live, id)).UserPoolTags?.team).to.equal("b");
        });

        it("deleteBeforeReplace: the old pool is deleted before its replacement is created (without it, after)", async () => {
            stack.writeProgram({ resources: [renamed("ro-after", "b"), ...replaced(true)] });
            const up = await stack.up();
            expect(up.output).to.match(/Resources:\s+\+-2 replaced\s+2 unchanged/);
            expect(lineAt(up, "swapped", "deleted original"), "swapped: deleted, then created").to.be.lessThan(lineAt(up, "swapped", "creating replacement"));
            expect(lineAt(up, "plain", "created replacement"), "plain: created, then deleted").to.be.lessThan(lineAt(up, "plain", "deleting original"));

            const after = poolsIn(await stack.exportState());
            for (const name of ["swapped", "plain"]) {
                const old = required(created, name).id;
                const now = required(after, name).id;
                expect(now, name).to.not.equal(old);
                expect(await poolExists(live, String(old)), `${name}: the old pool`).to.equal(false);
                expect((await livePool(live, now)).UsernameConfiguration?.CaseSensitive, `${name}: the new pool`).to.equal(true);
            }
        });
    });

    describe("aliases, --target and dependsOn", () => {
        let stack: PulumiStack;
        let firstUp: CliResult;
        let created: Map<string, PoolInState>;
        const program = (users: DeclaredResource, team: string): ProgramSpec => ({
            resources: [
                users,
                pool("first", { poolName: "ro-first", userPoolTags: { team } }),
                pool("second", { poolName: "ro-second", userPoolTags: { team } }, { dependsOn: ["first"] }),
            ],
        });
        const aliased = pool("accounts", { poolName: "ro-users" }, { aliases: ["users"] });

        before(async () => {
            stack = await newStack(program(pool("users", { poolName: "ro-users" }), "a"));
            firstUp = await stack.up();
            created = poolsIn(await stack.exportState());
        });

        after(() => stack?.remove());

        it("aliases: renaming the resource with the old name as an alias keeps the same pool, without a replacement", async () => {
            // Without the alias, the engine sees a new resource and an old one to delete.
            stack.writeProgram(program(pool("accounts", { poolName: "ro-users" }), "a"));
            const unaliased = await stack.expect(["preview", "--non-interactive"], 0);
            expect(unaliased.output).to.match(/\+\s+pulumi-nodejs:dynamic\/cognito:UserPool accounts create/);
            expect(unaliased.output).to.match(/-\s+pulumi-nodejs:dynamic\/cognito:UserPool users delete/);

            stack.writeProgram(program(aliased, "a"));
            const preview = await stack.expect(["preview", "--expect-no-changes", "--non-interactive"], 0);
            expect(preview.output).to.match(/Resources:\s+4 unchanged/);
            const up = await stack.up();
            expect(up.output).to.match(/Resources:\s+4 unchanged/);
            const after = poolsIn(await stack.exportState());
            expect(after.has("users")).to.equal(false);
            expect(required(after, "accounts").id).to.equal(required(created, "users").id);
            expect(await poolExists(live, String(required(created, "users").id))).to.equal(true);
        });

        it("--target: pulumi up --target with two pools changed updates only the targeted one", async () => {
            stack.writeProgram(program(aliased, "b"));
            const up = await stack.up(["--target", required(created, "first").urn]);
            expect(lineAt(up, "first", "updated")).to.be.greaterThan(-1);
            expect(up.output).to.not.match(/UserPool second updat/);
            expect(up.output).to.match(/Resources:\s+~ 1 updated\s+3 unchanged/);

            const after = poolsIn(await stack.exportState());
            expect(required(after, "first").inputs?.userPoolTags).to.deep.equal({ team: "b" });
            expect(required(after, "second").inputs?.userPoolTags).to.deep.equal({ team: "a" });
            expect(required(after, "second").outputs?.userPoolTags).to.deep.equal({ team: "a" });
            // Live tags also hold the provider's creation token, so only the declared one is compared.
            expect((await livePool(live, required(created, "first").id)).UserPoolTags?.team).to.equal("b");
            expect((await livePool(live, required(created, "second").id)).UserPoolTags?.team).to.equal("a");
        });

        it("--target: pulumi destroy --target deletes only the targeted pool", async () => {
            const accounts = required(poolsIn(await stack.exportState()), "accounts");
            const destroy = await stack.destroy(["--target", accounts.urn]);
            expect(lineAt(destroy, "accounts", "deleted")).to.be.greaterThan(-1);
            expect(destroy.output).to.match(/Resources:\s+- 1 deleted\s+3 unchanged/);
            expect([...poolsIn(await stack.exportState()).keys()].sort()).to.deep.equal(["first", "second"]);
            expect(await poolExists(live, String(accounts.id))).to.equal(false);
            expect(await poolExists(live, String(required(created, "first").id))).to.equal(true);
            expect(await poolExists(live, String(required(created, "second").id))).to.equal(true);
        });

        it("dependsOn: the dependent pool is created after its dependency and destroyed before it", async () => {
            expect(required(created, "second").dependencies).to.include(required(created, "first").urn);
            expect(lineAt(firstUp, "first", "created"), "first created, then second creating").to.be.lessThan(lineAt(firstUp, "second", "creating"));

            const destroy = await stack.destroy();
            expect(lineAt(destroy, "second", "deleted"), "second deleted, then first deleting").to.be.lessThan(lineAt(destroy, "first", "deleting"));
            expect(destroy.output).to.match(/Resources:\s+- 3 deleted/);
            expect(poolsIn(await stack.exportState()).size).to.equal(0);
            expect(await poolExists(live, String(required(created, "first").id))).to.equal(false);
            expect(await poolExists(live, String(required(created, "second").id))).to.equal(false);
        });
    });
});
