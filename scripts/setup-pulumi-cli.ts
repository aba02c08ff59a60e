/**
 * `npm run setup:pulumi-cli`: makes a Pulumi CLI and moto available to the real-CLI tests and the
 * demo.
 *
 * - The CLI: a `pulumi` on PATH is used when its version is at least the installed
 *   @pulumi/pulumi's minor version. Otherwise the CLI of exactly that version is built from the Go
 *   module proxy with the machine's Go toolchain (module tools/pulumi-cli, pinned by its go.sum)
 *   into .tools/pulumi/bin, with a Node.js language host and the dynamic-provider host launcher
 *   beside it. A second run finds the build and takes seconds.
 * - moto (`moto[server]`, pinned in tools/moto/requirements.txt) in a virtual environment in
 *   .tools/moto, for the tests that need Cognito's domain API.
 *
 * Prints the CLI's path and `pulumi version`; exits 1 with what to install when it cannot.
 */
import { spawnSync, SpawnSyncOptions } from "child_process";
import * as fs from "fs";
import * as path from "path";
import {
    builtCliDir,
    findPulumiCli,
    formatVersion,
    motoServerPath,
    projectRoot,
    PulumiCli,
    requiredPulumiVersion,
    toolsDir,
    Version,
} from "./toolchain";

const root = projectRoot();
const cliModule = path.join(root, "tools", "pulumi-cli");

class SetupError extends Error {}

function run(command: string, args: string[], options: SpawnSyncOptions = {}): void {
    console.log(`$ ${command} ${args.join(" ")}`);
    const result = spawnSync(command, args, { stdio: "inherit", ...options });
    if (result.error) throw new SetupError(`${command} could not start: ${result.error.message}`);
    if (result.status !== 0) throw new SetupError(`${command} ${args[0]} failed with exit code ${result.status}`);
}

function has(command: string, args: string[]): boolean {
    return spawnSync(command, args, { stdio: "ignore" }).status === 0;
}

/** The CLI version tools/pulumi-cli/go.mod pins; it must be the SDK's, or the build would not be the SDK's CLI. */
function pinnedCliVersion(): string {
    const goMod = fs.readFileSync(path.join(cliModule, "go.mod"), "utf8");
    const match = /github\.com\/pulumi\/pulumi\/pkg\/v3 (v\S+)/.exec(goMod);
    if (!match) throw new SetupError("tools/pulumi-cli/go.mod does not require github.com/pulumi/pulumi/pkg/v3");
    return match[1];
}

function buildCli(need: Version): void {
    const tag = `v${formatVersion(need)}`;
    const pinned = pinnedCliVersion();
    if (pinned !== tag) {
        throw new SetupError(
            `tools/pulumi-cli/go.mod pins the CLI at ${pinned}, but the installed @pulumi/pulumi is ${formatVersion(need)}. ` +
                `Make them equal: in tools/pulumi-cli run \`go get github.com/pulumi/pulumi/pkg/v3@${tag} github.com/pulumi/pulumi/sdk/v3@${tag} && go mod tidy\`.`,
        );
    }
    if (!has("go", ["version"])) {
        throw new SetupError(
            [
                `No Pulumi CLI ${need.major}.${need.minor} or newer is on PATH, and there is no Go toolchain to build one.`,
                "Install the Pulumi CLI (https://www.pulumi.com/docs/iac/download-install/) and put it on PATH,",
                "or install Go 1.26 or newer (https://go.dev/doc/install) and run `npm run setup:pulumi-cli` again.",
            ].join("\n"),
        );
    }
    const out = builtCliDir(root);
    fs.mkdirSync(out, { recursive: true });
    const started = Date.now();
    console.log(`Building the Pulumi CLI ${tag} from the Go module proxy into ${out} (a first build takes 10 to 25 minutes on 2 cores)`);
    const goEnv = { ...process.env, GOFLAGS: "-mod=readonly" };
    // Build to temporary names and rename at the end: an interrupted build never leaves a
    // binary that looks complete.
    run("go", ["build", "-trimpath", "-ldflags", `-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=${tag}`, "-o", path.join(out, "pulumi.partial"), "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"], { cwd: cliModule, env: goEnv });
    run("go", ["build", "-trimpath", "-ldflags", `-X main.version=${formatVersion(need)}`, "-o", path.join(out, "pulumi-language-nodejs.partial"), "./pulumi-language-nodejs"], { cwd: cliModule, env: goEnv });
    const launcher = path.join(out, "pulumi-resource-pulumi-nodejs");
    fs.copyFileSync(path.join(cliModule, "pulumi-resource-pulumi-nodejs"), launcher);
    fs.chmodSync(launcher, 0o755);
    fs.renameSync(path.join(out, "pulumi-language-nodejs.partial"), path.join(out, "pulumi-language-nodejs"));
    fs.renameSync(path.join(out, "pulumi.partial"), path.join(out, "pulumi"));
    console.log(`Built in ${Math.round((Date.now() - started) / 1000)} s`);
}

function setupCli(): PulumiCli {
    const need = requiredPulumiVersion(root);
    let cli = findPulumiCli(root);
    if (!cli) {
        buildCli(need);
        cli = findPulumiCli(root);
        if (!cli) throw new SetupError(`the CLI built in ${builtCliDir(root)} does not report version ${formatVersion(need)}`);
    }
    return cli;
}

function setupMoto(): void {
    if (fs.existsSync(motoServerPath(root))) {
        console.log(`moto: ${motoServerPath(root)}`);
        return;
    }
    const python = ["python3", "python"].find((p) => has(p, ["--version"]));
    if (!python) throw new SetupError("moto needs Python 3 (https://www.python.org/downloads/): install it and run `npm run setup:pulumi-cli` again.");
    const venv = path.join(toolsDir(root), "moto");
    fs.rmSync(venv, { recursive: true, force: true });
    run(python, ["-m", "venv", venv]);
    run(path.join(venv, "bin", "pip"), ["install", "--quiet", "--disable-pip-version-check", "-r", path.join(root, "tools", "moto", "requirements.txt")]);
    console.log(`moto: ${motoServerPath(root)}`);
}

function main(): number {
    const started = Date.now();
    try {
        const cli = setupCli();
        setupMoto();
        const version = spawnSync(cli.path, ["version"], { encoding: "utf8", env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" } }).stdout.trim();
        console.log(`Pulumi CLI (${cli.source === "PATH" ? "from PATH" : "built here"}): ${cli.path}`);
        console.log(`pulumi version: ${version}`);
        console.log(`setup took ${((Date.now() - started) / 1000).toFixed(1)} s`);
        return 0;
    } catch (error) {
        console.error(error instanceof SetupError ? error.message : error instanceof Error ? error.stack : String(error));
        return 1;
    }
}

process.exitCode = main();
