/**
 * `npm run demo`: deploys examples/quickstart against a local Cognito emulator, with no AWS or
 * Pulumi account. With a Pulumi CLI (on PATH, or the one `npm run setup:pulumi-cli` built): the
 * real pulumi up, preview --refresh --expect-no-changes and destroy, using a local file backend.
 * Without one: says how to get it, then runs the same stack through the Pulumi SDK's provider
 * host, driven over gRPC as the engine drives it.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { usersPoolArgs } from "../examples/quickstart/pool";
import { userPoolProvider } from "../provider/providers";
import { startCognitoLocal } from "../tests/support/cognitoLocal";
import { TEST_CREDENTIALS } from "../tests/support/target";
import { findPulumiCli, formatVersion, PulumiCli } from "./toolchain";
import { Engine, OperationResult } from "../tests/harness/engine";
import { PropertyMap, serializeProvider } from "../tests/harness/providerHost";

const projectDir = path.resolve(__dirname, "..", "..");
const keep = process.argv.includes("--keep");
const region = "us-east-1";

function run(cli: PulumiCli, args: string[], env: NodeJS.ProcessEnv): void {
    console.log(`\n$ pulumi ${args.join(" ")}`);
    const result = spawnSync(cli.path, args, { cwd: projectDir, env, stdio: "inherit" });
    if (result.status !== 0) throw new Error(`pulumi ${args.join(" ")} exited with ${result.status}`);
}

function withCli(cli: PulumiCli, env: NodeJS.ProcessEnv): void {
    console.log(`Pulumi CLI v${formatVersion(cli.version)}: ${cli.path}`);
    const stateDir = path.join(projectDir, ".pulumi-state");
    fs.mkdirSync(stateDir, { recursive: true });
    const cliEnv = {
        ...env,
        // The CLI's language host and dynamic-provider host sit beside it.
        PATH: [cli.binDir, env.PATH ?? ""].join(path.delimiter),
        PULUMI_BACKEND_URL: `file://${stateDir}`,
        PULUMI_CONFIG_PASSPHRASE: process.env.PULUMI_CONFIG_PASSPHRASE ?? "demo-only-passphrase",
        PULUMI_SKIP_UPDATE_CHECK: "true",
    };
    // Each run starts a new, empty emulator: a stack left by an earlier run describes pools that
    // no longer exist, so it is removed (--keep leaves it for you to inspect until the next run).
    spawnSync(cli.path, ["stack", "rm", "demo", "--yes", "--force"], { cwd: projectDir, env: cliEnv, stdio: "ignore" });
    run(cli, ["stack", "init", "demo"], cliEnv);
    run(cli, ["config", "set", "aws:region", region], cliEnv);
    run(cli, ["up", "--yes", "--skip-preview"], cliEnv);
    run(cli, ["preview", "--refresh", "--expect-no-changes"], cliEnv);
    if (!keep) run(cli, ["destroy", "--yes"], cliEnv);
}

function printSteps(title: string, result: OperationResult): void {
    console.log(`\n== ${title}`);
    const lines = [
        ...result.refreshSteps.map((step) => ({ phase: "refresh", step })),
        ...result.steps.map((step) => ({ phase: "plan", step })),
    ];
    for (const { phase, step } of lines) {
        const keys = step.replaceKeys.length > 0 ? ` (replaces: ${step.replaceKeys.join(", ")})` : "";
        console.log(`   ${phase.padEnd(8)} ${step.op.padEnd(7)} ${step.name}${keys}`);
    }
    const calls = result.calls.map((c) => c.method).filter((m) => !["GetPluginInfo", "Configure", "CheckConfig", "Handshake"].includes(m));
    console.log(`   provider calls: ${calls.join(" -> ")}`);
}

async function withHarness(env: NodeJS.ProcessEnv): Promise<void> {
    const engine = new Engine({ cwd: projectDir, env, stack: "demo", stackConfig: { "aws:region": region } });
    const provider = await serializeProvider(userPoolProvider, projectDir);
    const resources = [{ name: "users", provider, inputs: usersPoolArgs as unknown as PropertyMap, module: "cognito", type: "UserPool" }];
    try {
        const up = await engine.up(resources);
        printSteps("pulumi up", up);
        const outputs = up.outputs.users ?? {};
        console.log("   outputs:");
        for (const key of ["userPoolId", "arn", "endpoint", "declaredFields"]) console.log(`     ${key}: ${JSON.stringify(outputs[key])}`);
        const preview = await engine.preview(resources, { refresh: true });
        printSteps("pulumi preview --refresh --expect-no-changes", preview);
        const changed = preview.steps.filter((s) => s.op !== "same");
        if (changed.length > 0) throw new Error(`expected no changes, got: ${changed.map((s) => `${s.op} ${s.name}`).join(", ")}`);
        console.log("   no changes");
        if (!keep) printSteps("pulumi destroy", await engine.destroy());
    } finally {
        await engine.close();
    }
}

async function main(): Promise<void> {
    const emulator = await startCognitoLocal();
    console.log(`cognito-local running at ${emulator.endpoint}`);
    const env: NodeJS.ProcessEnv = {
        ...process.env,
        AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: emulator.endpoint,
        AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
        AWS_REGION: region,
        NODE_NO_WARNINGS: "1",
    };
    try {
        const cli = findPulumiCli();
        if (cli) {
            withCli(cli, env);
        } else {
            console.log(
                [
                    "",
                    "No Pulumi CLI was found, so `pulumi up` cannot run here. To run the real thing,",
                    "run `npm run setup:pulumi-cli` (it builds the CLI when Go is installed), or install",
                    "the Pulumi CLI (https://www.pulumi.com/docs/iac/download-install/), then `npm run demo` again.",
                    "",
                    "Meanwhile, the same stack runs through the Pulumi SDK's own dynamic-provider host,",
                    "driven over gRPC in the order and with the arguments the Pulumi engine uses:",
                ].join("\n"),
            );
            await withHarness(env);
        }
    } finally {
        if (!keep) await emulator.stop();
        else console.log(`\n--keep: cognito-local left running at ${emulator.endpoint} (data in ${emulator.dataDirectory}); stop it with Ctrl-C`);
    }
}

main().then(
    () => {
        if (!keep) process.exit(0);
    },
    (error: unknown) => {
        console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
    },
);
