/**
 * `npm run demo`: deploys examples/quickstart against a local Cognito emulator, with no AWS or
 * Pulumi account. With the Pulumi CLI on PATH: pulumi up, preview --expect-no-changes, destroy,
 * using a local file backend. Without it: says how to get it, then runs the same stack through
 * the Pulumi SDK's provider host, driven over gRPC as the engine drives it.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { usersPoolArgs } from "../examples/quickstart/pool";
import { userPoolProvider } from "../provider/providers";
import { startCognitoLocal } from "../tests/support/cognitoLocal";
import { TEST_CREDENTIALS } from "../tests/support/target";
import { Engine, OperationResult } from "../tests/harness/engine";
import { PropertyMap, serializeProvider } from "../tests/harness/providerHost";

const projectDir = path.resolve(__dirname, "..", "..");
const keep = process.argv.includes("--keep");
const region = "us-east-1";

function pulumiOnPath(): boolean {
    return spawnSync("pulumi", ["version"], { stdio: "ignore" }).status === 0;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): void {
    console.log(`\n$ ${command} ${args.join(" ")}`);
    const result = spawnSync(command, args, { cwd: projectDir, env, stdio: "inherit" });
    if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} exited with ${result.status}`);
}

function withCli(env: NodeJS.ProcessEnv): void {
    const stateDir = path.join(projectDir, ".pulumi-state");
    fs.mkdirSync(stateDir, { recursive: true });
    const cliEnv = {
        ...env,
        PULUMI_BACKEND_URL: `file://${stateDir}`,
        PULUMI_CONFIG_PASSPHRASE: process.env.PULUMI_CONFIG_PASSPHRASE ?? "demo-only-passphrase",
        PULUMI_SKIP_UPDATE_CHECK: "true",
    };
    run("pulumi", ["stack", "select", "--create", "demo"], cliEnv);
    run("pulumi", ["config", "set", "aws:region", region], cliEnv);
    run("pulumi", ["up", "--yes", "--skip-preview"], cliEnv);
    run("pulumi", ["preview", "--refresh", "--expect-no-changes"], cliEnv);
    if (!keep) run("pulumi", ["destroy", "--yes"], cliEnv);
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
        if (pulumiOnPath()) {
            withCli(env);
        } else {
            console.log(
                [
                    "",
                    "The Pulumi CLI is not on PATH, so `pulumi up` cannot run here.",
                    "To run the real thing, install it (https://www.pulumi.com/docs/install/, e.g.",
                    "`curl -fsSL https://get.pulumi.com | sh`) and run `npm run demo` again.",
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
