/**
 * `cognito-userpool-drift <pool-id> <inputs.json>` end to end: the compiled command
 * (dist/bin/drift.js, the package's bin) spawned as a child process against cognito-local,
 * pointed there with the AWS SDK's own endpoint variable, as a pipeline would run it; and
 * `npm run drift`, its alias in a checkout. tests/cli/install.cli.test.ts runs it installed.
 */
import { CognitoIdentityProviderClient, CreateUserPoolCommand, DescribeUserPoolCommand, UpdateUserPoolCommand, UpdateUserPoolRequest } from "@aws-sdk/client-cognito-identity-provider";
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CliResult, runCli } from "../support/cli";
import { CognitoLocal, startCognitoLocal } from "../support/cognitoLocal";
import { TEST_CREDENTIALS } from "../support/target";
import { fullStateRequest, mergeChange, plain } from "./awsState";
import { repositoryRoot } from "./scenarioFile";
import { assertClientNotMocked } from "./targets";

describe("drift report command (bin/drift.ts, scripts/drift.ts) against cognito-local", function () {
    this.timeout(60000);
    let emulator: CognitoLocal;
    let client: CognitoIdentityProviderClient;
    let directory: string;
    let poolId: string;
    const cli = path.join(repositoryRoot(), "dist", "bin", "drift.js");

    function run(args: string[], command: string = process.execPath, prefix: string[] = [cli]): Promise<CliResult> {
        return runCli(command, [...prefix, ...args], emulator.endpoint);
    }

    function inputsFile(name: string, inputs: unknown): string {
        const file = path.join(directory, name);
        fs.writeFileSync(file, typeof inputs === "string" ? inputs : JSON.stringify(inputs, null, 2));
        return file;
    }

    const inputs = {
        poolName: "drift-cli",
        policies: { passwordPolicy: { minimumLength: 12, requireNumbers: true } },
        autoVerifiedAttributes: ["email"],
        userPoolTags: { team: "identity" },
        schema: [{ name: "tenant", attributeDataType: "String" }],
    };

    before(async function () {
        assertClientNotMocked();
        emulator = await startCognitoLocal();
        client = new CognitoIdentityProviderClient({ region: "us-east-1", endpoint: emulator.endpoint, credentials: TEST_CREDENTIALS });
        directory = fs.mkdtempSync(path.join(os.tmpdir(), "drift-cli-"));
        // The pool as another tool created it: what the program declares, plus settings it does not.
        const created = await client.send(new CreateUserPoolCommand({
            PoolName: "drift-cli",
            Policies: { PasswordPolicy: { MinimumLength: 12, RequireNumbers: true, RequireUppercase: false, RequireLowercase: false, RequireSymbols: false, TemporaryPasswordValidityDays: 7 } },
            AutoVerifiedAttributes: ["email"],
            UserPoolTags: { team: "identity" },
            Schema: [{ Name: "tenant", AttributeDataType: "String" }],
            MfaConfiguration: "OFF",
            DeviceConfiguration: { ChallengeRequiredOnNewDevice: true },
        }));
        poolId = created.UserPool?.Id as string;
    });

    after(async function () {
        client?.destroy();
        if (directory) fs.rmSync(directory, { recursive: true, force: true });
        await emulator?.stop();
    });

    it("exits 0 and says so when every declared field matches", async function () {
        const result = await run([poolId, inputsFile("inputs.json", inputs)]);
        expect(result.code, result.stderr).to.equal(0);
        expect(result.stdout).to.include(`user pool ${poolId} (drift-cli) in us-east-1: no drift: all 5 declared fields match`);
        expect(result.stdout).to.match(/^policies\s+same\s+\{"passwordPolicy":\{"minimumLength":12,/m);
        expect(result.stdout).to.match(/^schema\[tenant\]\s+same/m);
        expect(result.stdout).to.match(/^deviceConfiguration\s+not declared\s+-\s+\{"challengeRequiredOnNewDevice":true/m);
    });

    it("exits 1 and shows field by field what differs after an out-of-band change", async function () {
        const { UserPool } = await client.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
        const request = mergeChange(fullStateRequest(plain(UserPool) as Record<string, unknown>), {
            Policies: { PasswordPolicy: { MinimumLength: 6 } },
            UserPoolTags: { team: "identity", added: "by-hand" },
        });
        await client.send(new UpdateUserPoolCommand(request as unknown as UpdateUserPoolRequest));
        const result = await run([poolId, inputsFile("inputs.json", inputs)]);
        expect(result.code, result.stderr).to.equal(1);
        expect(result.stdout).to.include("2 of 5 declared fields differ: policies, userPoolTags");
        expect(result.stdout).to.match(/^policies\s+differs\s/m);
        expect(result.stdout).to.match(/^\s+\.passwordPolicy\.minimumLength\s+12\s+6$/m);
        expect(result.stdout).to.match(/^\s+\.added\s+-\s+"by-hand"$/m);
        console.log(`\n      $ cognito-userpool-drift ${poolId} inputs.json\n${result.stdout.split("\n").map((l) => `      ${l}`).join("\n")}`);
    });

    it("prints the rows as JSON with --json and hides undeclared fields with --declared-only", async function () {
        const json = await run([poolId, inputsFile("inputs.json", inputs), "--json"]);
        expect(json.code).to.equal(1);
        const parsed = JSON.parse(json.stdout) as { userPoolId: string; rows: Array<{ field: string; status: string }> };
        expect(parsed.userPoolId).to.equal(poolId);
        expect(parsed.rows.filter((r) => r.status === "differs").map((r) => r.field)).to.deep.equal(["policies", "userPoolTags"]);
        const declaredOnly = await run([poolId, inputsFile("inputs.json", inputs), "--declared-only"]);
        expect(declaredOnly.stdout).not.to.include("not declared");
    });

    it("works through npm run drift, its alias in a checkout", async function () {
        const npm = process.platform === "win32" ? "npm.cmd" : "npm";
        const result = await run(["run", "--silent", "drift", "--", poolId, inputsFile("inputs.json", inputs)], npm, []);
        expect(result.code, result.stderr).to.equal(1);
        expect(result.stdout).to.include("2 of 5 declared fields differ");
    });

    it("exits 2 with the check failures when the inputs are not valid, before calling AWS", async function () {
        const result = await run([poolId, inputsFile("bad.json", { poolName: "drift-cli", policies: { passwordPolicy: { minimumLenght: 12 } } })]);
        expect(result.code).to.equal(2);
        expect(result.stderr).to.include('unknown property "minimumLenght"').and.include('did you mean "minimumLength"');
        const notJson = await run([poolId, inputsFile("broken.json", "{ poolName: ")]);
        expect(notJson.code).to.equal(2);
        expect(notJson.stderr).to.include("cannot read");
    });

    it("exits 2 when the pool does not exist, and shows usage without arguments", async function () {
        const gone = await run(["local_doesnotexist", inputsFile("inputs.json", inputs)]);
        expect(gone.code).to.equal(2);
        expect(gone.stderr).to.include("user pool local_doesnotexist does not exist");
        const usage = await run([]);
        expect(usage.code).to.equal(2);
        expect(usage.stderr).to.equal(
            "cognito-userpool-drift: missing <pool-id>\n" +
                "usage: cognito-userpool-drift <pool-id> <inputs.json> [--json] [--declared-only] [--width <n>]\n" +
                "Run cognito-userpool-drift --help for every option.\n",
        );
    });
});
