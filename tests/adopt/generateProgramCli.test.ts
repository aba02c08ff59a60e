/**
 * `cognito-userpool-generate <pool-id>` end to end: the compiled command (dist/bin/generate.js,
 * the package's bin) spawned against cognito-local, and its `--json` output fed to
 * cognito-userpool-drift (dist/bin/drift.js), which must find no drift.
 */
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { repositoryRoot } from "../fidelity/scenarioFile";
import { assertClientNotMocked } from "../fidelity/targets";
import { CliResult, runCli } from "../support/cli";
import { CognitoLocal, startCognitoLocal } from "../support/cognitoLocal";
import { TEST_CREDENTIALS } from "../support/target";
import { createOutOfBand } from "./outOfBand";

describe("program generator command (bin/generate.ts, scripts/generate-program.ts) against cognito-local", function () {
    this.timeout(60_000);
    let emulator: CognitoLocal;
    let client: CognitoIdentityProviderClient;
    let directory: string;
    let poolId: string;

    function run(script: string, args: string[]): Promise<CliResult> {
        return runCli(process.execPath, [path.join(repositoryRoot(), "dist", "bin", script), ...args], emulator.endpoint);
    }

    before(async function () {
        assertClientNotMocked();
        emulator = await startCognitoLocal();
        client = new CognitoIdentityProviderClient({ region: "us-east-1", endpoint: emulator.endpoint, credentials: TEST_CREDENTIALS });
        directory = fs.mkdtempSync(path.join(os.tmpdir(), "generate-program-"));
        poolId = await createOutOfBand(client, {
            poolName: "generate-cli",
            usernameAttributes: ["email"],
            policies: { passwordPolicy: { minimumLength: 12, requireNumbers: true } },
            schema: [{ name: "tenant", attributeDataType: "String", mutable: true }],
            userPoolTags: { team: "identity", "cost-center": "4711" },
        });
    });

    after(async function () {
        client?.destroy();
        await emulator?.stop();
        if (directory) fs.rmSync(directory, { recursive: true, force: true });
    });

    it("prints a program with adoptUserPoolId, the resource name asked for, and quoted tag keys (exit 0)", async function () {
        const result = await run("generate.js", [poolId, "--name", "acme-users", "--region", "us-east-1"]);
        expect(result.stderr).to.not.include("warning:");
        expect(result.code).to.equal(0);
        expect(result.stdout).to.match(/^import \{ UserPool \} from "pulumi-cognito-userpool";/);
        expect(result.stdout).to.include('const acmeUsers = new UserPool("acme-users", {');
        expect(result.stdout).to.include(`adoptUserPoolId: "${poolId}",`);
        expect(result.stdout).to.include('"cost-center": "4711"');
        expect(result.stdout).to.include(`written by \`cognito-userpool-generate ${poolId} --name acme-users --region us-east-1\``);
    });

    it("--json prints inputs that the drift report finds identical to the pool", async function () {
        const generated = await run("generate.js", [poolId, "--json"]);
        expect(generated.code).to.equal(0);
        const inputs = JSON.parse(generated.stdout) as Record<string, unknown>;
        expect(inputs.adoptUserPoolId).to.equal(poolId);
        const file = path.join(directory, "inputs.json");
        fs.writeFileSync(file, generated.stdout);
        const drift = await run("drift.js", [poolId, file]);
        expect(drift.stdout).to.include("no drift");
        expect(drift.code).to.equal(0);
    });

    it("a pool that does not exist, and bad arguments, exit 2 with one line", async function () {
        const missing = await run("generate.js", ["us-east-1_Nope12345"]);
        expect(missing.code).to.equal(2);
        expect(missing.stderr).to.include("user pool us-east-1_Nope12345 does not exist in us-east-1");
        const usage = await run("generate.js", []);
        expect(usage.code).to.equal(2);
        expect(usage.stderr).to.include("cognito-userpool-generate: missing <pool-id>\nusage: cognito-userpool-generate <pool-id> [--name <resource-name>]");
        const unknown = await run("generate.js", [poolId, "--bogus"]);
        expect(unknown.code).to.equal(2);
        expect(unknown.stderr).to.include("cognito-userpool-generate: unknown option --bogus\n");
    });
});
