/**
 * The recovery tool for a create the CLI never saw finish (provider/userPool/recover.ts), against
 * a mocked Cognito API: which pool it takes for a pending create (only the one carrying that
 * create's token, never a same-named pool of another stack), what it writes into the state, when
 * it refuses, and its command line (state on stdout, report on stderr, exit status).
 */
import {
    CognitoIdentityProviderClient,
    DeleteUserPoolCommand,
    DescribeUserPoolCommand,
    DescribeUserPoolCommandInput,
    ListUserPoolsCommand,
    UserPoolType,
} from "@aws-sdk/client-cognito-identity-provider";
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PassThrough } from "stream";
import { CREATION_TOKEN_INPUT, CREATION_TOKEN_TAG } from "../../provider/userPool/model";
import { main, recoverInterruptedCreates, USER_POOL_TYPE } from "../../provider/userPool/recover";
import { SERIALIZED_PROVIDER } from "./awsShapes";
import { commandNames } from "./fakeCognito";
import { useMockedCognito } from "./mockedCognito";

type Json = Record<string, unknown>;

const STACK = "urn:pulumi:dev::acme::pulumi:pulumi:Stack::acme-dev";
const PROVIDER = "urn:pulumi:dev::acme::pulumi:providers:pulumi-nodejs::default";
const PROVIDER_ID = "5c6a1b7e-0f7e-4a57-9c1e-6f1b4c1d2e3f";
const urn = (name: string) => `urn:pulumi:dev::acme::${USER_POOL_TYPE}::${name}`;
const TOKEN = "0b9e3c64-6a8f-4a53-b1c4-9d7c2f1e8a10";

function pendingCreate(name: string, inputs: Json): Json {
    return {
        type: "creating",
        resource: { urn: urn(name), custom: true, type: USER_POOL_TYPE, inputs: { __provider: SERIALIZED_PROVIDER, ...inputs }, parent: STACK, provider: `${PROVIDER}::${PROVIDER_ID}` },
    };
}

/** `pulumi stack export` of a stack whose run died while creating: the stack, the default provider, and the pending operations. */
function exported(pending: Json[], extra: Json[] = []): Json {
    return {
        version: 3,
        deployment: {
            manifest: { time: "2026-12-01T15:00:00Z", magic: "m", version: "v3.276.0" },
            secrets_providers: { type: "passphrase", state: { salt: "s" } },
            resources: [
                { urn: STACK, custom: false, type: "pulumi:pulumi:Stack" },
                { urn: PROVIDER, custom: true, id: PROVIDER_ID, type: "pulumi:providers:pulumi-nodejs", inputs: { "aws:region": "eu-west-1" }, outputs: { "aws:region": "eu-west-1" } },
                ...extra,
            ],
            pending_operations: pending,
        },
    };
}

const deploymentOf = (state: Json) => state.deployment as { resources: Json[]; pending_operations: Json[] };

describe("recovering a create the CLI never saw finish (recover.ts)", function () {
    const mocked = useMockedCognito("us-east-1");
    let regions: Array<string | undefined>;
    const client = (region: string | undefined) => {
        regions.push(region);
        return new CognitoIdentityProviderClient({ region: region ?? "us-east-1" });
    };

    /** Pools as ListUserPools and DescribeUserPool report them. */
    function pools(...list: UserPoolType[]): void {
        const { cognito } = mocked;
        cognito.on(ListUserPoolsCommand).resolves({ UserPools: list.map((p) => ({ Id: p.Id, Name: p.Name })) });
        cognito.on(DescribeUserPoolCommand).callsFake((input: DescribeUserPoolCommandInput) => ({ UserPool: list.find((p) => p.Id === input.UserPoolId) }));
    }

    beforeEach(() => {
        regions = [];
    });

    it("records the one pool carrying the token, among same-named pools of other stacks, and keeps other pending operations", async () => {
        pools(
            { Id: "eu-west-1_Other", Name: "acme-users", UserPoolTags: { [CREATION_TOKEN_TAG]: "another-stacks-token" } },
            { Id: "eu-west-1_Untagged", Name: "acme-users" },
            { Id: "eu-west-1_Mine", Name: "acme-users", UserPoolTags: { team: "identity", [CREATION_TOKEN_TAG]: TOKEN } },
            { Id: "eu-west-1_Else", Name: "billing", UserPoolTags: { [CREATION_TOKEN_TAG]: TOKEN } },
        );
        const update = { type: "updating", resource: { urn: urn("other"), custom: true, type: USER_POOL_TYPE, id: "eu-west-1_X" } };
        const state = exported([pendingCreate("users", { poolName: "acme-users", userPoolTags: { team: "identity" }, [CREATION_TOKEN_INPUT]: TOKEN }), update]);
        const { state: recovered, outcomes } = await recoverInterruptedCreates(state, { client });

        expect(outcomes).to.deep.equal([
            { urn: urn("users"), kind: "recorded", poolId: "eu-west-1_Mine", message: `${urn("users")}: the interrupted create made user pool eu-west-1_Mine; recorded it in the state` },
        ]);
        const deployment = deploymentOf(recovered);
        expect(deployment.pending_operations, "a pending update is for pulumi refresh").to.deep.equal([update]);
        const added = deployment.resources[2];
        const inputs = { __provider: SERIALIZED_PROVIDER, poolName: "acme-users", userPoolTags: { team: "identity" } };
        expect(added).to.deep.equal({
            urn: urn("users"),
            custom: true,
            type: USER_POOL_TYPE,
            id: "eu-west-1_Mine",
            inputs,
            outputs: inputs,
            parent: STACK,
            provider: `${PROVIDER}::${PROVIDER_ID}`,
        });
        expect(deploymentOf(state).resources, "the input is not changed").to.have.length(2);
        expect(regions, "the stack's aws:region, from the default provider").to.deep.equal(["eu-west-1"]);
        const described = mocked.cognito.commandCalls(DescribeUserPoolCommand).map((c) => c.args[0].input.UserPoolId);
        expect(described, "only same-named pools are described").to.deep.equal(["eu-west-1_Other", "eu-west-1_Untagged", "eu-west-1_Mine"]);
        expect(commandNames(mocked.cognito).filter((n) => !/^(List|Describe)/.test(n)), "no write").to.deep.equal([]);
    });

    it("takes the resource's own region input over the stack's, and describes every pool when the name is a secret", async () => {
        pools({ Id: "ap-south-1_Mine", Name: "hidden", UserPoolTags: { [CREATION_TOKEN_TAG]: TOKEN } });
        const secretName = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: "v1:abc" };
        const { outcomes } = await recoverInterruptedCreates(exported([pendingCreate("users", { poolName: secretName, region: "ap-south-1", [CREATION_TOKEN_INPUT]: TOKEN })]), { client });
        expect(outcomes.map((o) => [o.kind, o.poolId])).to.deep.equal([["recorded", "ap-south-1_Mine"]]);
        expect(regions).to.deep.equal(["ap-south-1"]);
    });

    it("drops the pending create when no pool carries the token: the request never created one", async () => {
        pools({ Id: "eu-west-1_Other", Name: "acme-users", UserPoolTags: { [CREATION_TOKEN_TAG]: "another" } });
        const { state, outcomes } = await recoverInterruptedCreates(exported([pendingCreate("users", { poolName: "acme-users", [CREATION_TOKEN_INPUT]: TOKEN })]), { client });
        expect(outcomes.map((o) => o.message)).to.deep.equal([
            `${urn("users")}: no user pool carries its creation token ${TOKEN}, so the interrupted create made none; dropped the pending create`,
        ]);
        expect(deploymentOf(state).pending_operations).to.deep.equal([]);
        expect(deploymentOf(state).resources).to.have.length(2);
    });

    describe("the resource already in the state (a later pulumi up made it again)", function () {
        const again = { urn: urn("users"), custom: true, type: USER_POOL_TYPE, id: "eu-west-1_Again", inputs: {}, outputs: {} };
        const state = () => exported([pendingCreate("users", { poolName: "acme-users", [CREATION_TOKEN_INPUT]: TOKEN })], [again]);

        it("names the orphan and the command that deletes it, and deletes nothing", async () => {
            pools({ Id: "eu-west-1_Orphan", Name: "acme-users", UserPoolTags: { [CREATION_TOKEN_TAG]: TOKEN } }, { Id: "eu-west-1_Again", Name: "acme-users" });
            const { state: recovered, outcomes } = await recoverInterruptedCreates(state(), { client });
            expect(outcomes.map((o) => [o.kind, o.poolId, o.message])).to.deep.equal([
                [
                    "orphan",
                    "eu-west-1_Orphan",
                    `${urn("users")}: the interrupted create made user pool eu-west-1_Orphan, but a later pulumi up created the resource again as user pool eu-west-1_Again; ` +
                        "dropped the pending create, and eu-west-1_Orphan is in no state: delete it with: aws cognito-idp delete-user-pool --user-pool-id eu-west-1_Orphan --region eu-west-1",
                ],
            ]);
            expect(deploymentOf(recovered).pending_operations).to.deep.equal([]);
            expect(deploymentOf(recovered).resources.map((r) => r.id)).to.deep.equal([undefined, PROVIDER_ID, "eu-west-1_Again"]);
            expect(mocked.cognito.commandCalls(DeleteUserPoolCommand)).to.have.length(0);
        });

        it("with deleteOrphans deletes it, and says so; a refused delete is reported", async () => {
            pools({ Id: "eu-west-1_Orphan", Name: "acme-users", UserPoolTags: { [CREATION_TOKEN_TAG]: TOKEN } });
            mocked.cognito.on(DeleteUserPoolCommand).resolvesOnce({}).rejects(Object.assign(new Error("Deletion protection is active"), { name: "InvalidParameterException" }));
            const first = await recoverInterruptedCreates(state(), { client, deleteOrphans: true });
            expect(first.outcomes[0].message).to.match(/eu-west-1_Orphan is in no state: deleted it$/);
            expect(mocked.cognito.commandCalls(DeleteUserPoolCommand).map((c) => c.args[0].input.UserPoolId)).to.deep.equal(["eu-west-1_Orphan"]);
            const second = await recoverInterruptedCreates(state(), { client, deleteOrphans: true });
            expect(second.outcomes[0].message).to.match(/eu-west-1_Orphan is in no state: could not delete it: InvalidParameterException: Deletion protection is active$/);
        });
    });

    it("leaves a pending create without a token, or whose token two pools carry, and those not its own", async () => {
        pools(
            { Id: "eu-west-1_A", Name: "twice", UserPoolTags: { [CREATION_TOKEN_TAG]: TOKEN } },
            { Id: "eu-west-1_B", Name: "twice", UserPoolTags: { [CREATION_TOKEN_TAG]: TOKEN } },
        );
        const domainCreate = { type: "creating", resource: { urn: "urn:pulumi:dev::acme::pulumi-nodejs:dynamic/cognito:UserPoolDomain::login", type: "pulumi-nodejs:dynamic/cognito:UserPoolDomain" } };
        const pending = [pendingCreate("old", { poolName: "legacy" }), pendingCreate("twice", { poolName: "twice", [CREATION_TOKEN_INPUT]: TOKEN }), domainCreate];
        const { state, outcomes } = await recoverInterruptedCreates(exported(pending), { client });
        expect(outcomes.map((o) => [o.urn, o.kind])).to.deep.equal([
            [urn("old"), "left"],
            [urn("twice"), "left"],
        ]);
        expect(outcomes[0].message).to.include("records no creation token");
        expect(outcomes[1].message).to.equal(`${urn("twice")}: 2 user pools carry its creation token ${TOKEN} (eu-west-1_A, eu-west-1_B); left as it is`);
        expect(deploymentOf(state).pending_operations).to.deep.equal(pending);
    });

    describe("the command line", function () {
        let dir: string;
        before(() => {
            dir = fs.mkdtempSync(path.join(os.tmpdir(), "recover-test-"));
        });
        after(() => fs.rmSync(dir, { recursive: true, force: true }));

        async function run(args: string[], stdinText?: string): Promise<{ code: number; out: string; err: string }> {
            const out = new PassThrough();
            const err = new PassThrough();
            let outText = "";
            let errText = "";
            out.on("data", (c: Buffer) => (outText += c.toString()));
            err.on("data", (c: Buffer) => (errText += c.toString()));
            const stdin = path.join(dir, "stdin.json");
            if (stdinText !== undefined) fs.writeFileSync(stdin, stdinText);
            const code = await main(args, { stdin, out, err });
            return { code, out: outText, err: errText };
        }

        it("reads the export from a file or stdin, writes the state to import on stdout and the report and next steps on stderr", async () => {
            pools({ Id: "eu-west-1_Mine", Name: "acme-users", UserPoolTags: { [CREATION_TOKEN_TAG]: TOKEN } });
            const file = path.join(dir, "export.json");
            fs.writeFileSync(file, JSON.stringify(exported([pendingCreate("users", { poolName: "acme-users", [CREATION_TOKEN_INPUT]: TOKEN })])));
            for (const [args, stdin] of [[[file], undefined], [["-"], fs.readFileSync(file, "utf8")], [[], fs.readFileSync(file, "utf8")]] as const) {
                const result = await run([...args], stdin);
                expect(result.code, result.err).to.equal(0);
                expect(deploymentOf(JSON.parse(result.out) as Json).resources.map((r) => r.id)).to.deep.equal([undefined, PROVIDER_ID, "eu-west-1_Mine"]);
                expect(result.err).to.equal(
                    `${urn("users")}: the interrupted create made user pool eu-west-1_Mine; recorded it in the state\n` +
                        "next: pulumi stack import --file <the state written here>, then pulumi refresh --yes (reads the recorded pool), then pulumi up\n",
                );
            }
        });

        it("writes no state and exits 1 when a pending create is left, since importing would drop it", async () => {
            pools();
            const result = await run([], JSON.stringify(exported([pendingCreate("old", { poolName: "legacy" })])));
            expect(result.code).to.equal(1);
            expect(result.out).to.equal("");
            expect(result.err).to.match(/records no creation token.*\nno state written: importing one would drop the pending creates left above/s);
        });

        it("says there is nothing to recover when nothing is pending, and writes the state unchanged", async () => {
            const state = exported([]);
            const result = await run([], JSON.stringify(state));
            expect(result.code).to.equal(0);
            expect(JSON.parse(result.out)).to.deep.equal(state);
            expect(result.err).to.equal("no pending create of a UserPool in this state: nothing to recover\n");
        });

        it("exits 2 on a bad command line or input that is not an export", async () => {
            expect((await run(["--force"])).code).to.equal(2);
            expect((await run(["a.json", "b.json"])).code).to.equal(2);
            const notJson = await run([], "{");
            expect([notJson.code, notJson.out]).to.deep.equal([2, ""]);
            expect(notJson.err).to.match(/^cannot read the exported state: /);
            const noDeployment = await run([], "{}");
            expect([noDeployment.code, noDeployment.err]).to.deep.equal([2, "not the output of `pulumi stack export`: it has no deployment\n"]);
        });
    });
});
