/**
 * Every way docs/install.md gives of getting the package into a project, done as written there
 * from a scratch project beside a clone, with the real npm: a `git+` dependency (npm clones,
 * installs the devDependencies and runs `prepare`), a `file:` dependency on the clone (after
 * `npm ci` in it; on an unbuilt clone npm links it without installing anything, and `prepare`
 * says what to run), and the tarball of `npm pack`. `npm publish --dry-run` must pass and pack
 * what users need and nothing else. After each install the package must load and its three
 * commands must run: `--help`, a drift check of a pool in cognito-local, and (from the tarball)
 * each kind of wrong command line. The linked install, the unusual one (the package loads its
 * dependencies from the clone, and the provider is serialized as a loader), also runs a Pulumi
 * program with the real CLI; tests/cli/installed.cli.test.ts does that for a copied install.
 *
 * The clone is this checkout's files as git would clone them once committed (tracked and
 * untracked, less what .gitignore keeps out: no dist/, no node_modules/), so uncommitted work is
 * tested too. One clone serves every route, and npm's cache keeps the installs local
 * (`--prefer-offline`); the git route and `npm ci` in the clone, each installing the
 * devDependencies, take most of the few minutes this suite needs.
 */
import { CognitoIdentityProviderClient, CreateUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
import { expect } from "chai";
import { execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { repositoryRoot } from "../fidelity/scenarioFile";
import { CognitoLocal, startCognitoLocal } from "../support/cognitoLocal";
import { cliForSuite, PulumiStack, resourcesOfType } from "../support/pulumiStack";
import { localProviderEnv, TEST_CREDENTIALS } from "../support/target";

const PACKAGE = "pulumi-cognito-userpool";
const COMMANDS = ["cognito-userpool-drift", "cognito-userpool-generate", "cognito-userpool-recover"];
const NPM_FLAGS = ["--prefer-offline", "--no-audit", "--no-fund"];
/** Packages only the tests, the benchmark or the build use: none may reach a user's project. */
const DEV_ONLY = ["chai", "mocha", "typescript", "ts-node", "cognito-local", "fast-check", "aws-sdk-client-mock", "pureimage", "json-schema-to-typescript"];

interface Run {
    code: number | null;
    stdout: string;
    stderr: string;
    seconds: number;
}

/**
 * The environment of every command here: this process's, less what an enclosing `npm test` put
 * there for its own scripts (npm_config_*, npm_package_*: the nested npm would take this
 * repository for its project), plus cognito-local as the AWS endpoint.
 */
function environment(endpoint?: string): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {};
    for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key)) env[key] = value;
    if (endpoint) {
        Object.assign(env, {
            AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: endpoint,
            AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
            AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
            AWS_REGION: "us-east-1",
            COGNITO_PROVIDER_MAX_ATTEMPTS: "1",
        });
    }
    return env;
}

function run(command: string, args: string[], cwd: string, endpoint?: string): Promise<Run> {
    const started = Date.now();
    return new Promise((resolve, reject) => {
        const child = spawn(command, args, { cwd, env: environment(endpoint), stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code, stdout, stderr, seconds: (Date.now() - started) / 1000 }));
    });
}

/** Runs npm and fails with its output when it fails. */
async function npm(args: string[], cwd: string): Promise<Run> {
    const result = await run("npm", args, cwd);
    expect(result.code, `npm ${args.join(" ")} in ${cwd} failed:\n${result.stdout}\n${result.stderr}`).to.equal(0);
    return result;
}

/** This checkout as `git clone` would give it once its work is committed. */
function cloneOfCheckout(root: string, destination: string): void {
    const listed = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    for (const file of listed.split("\0").filter((f) => f !== "")) {
        const source = path.join(root, file);
        // Listed in the index but deleted in the work tree: a commit would delete it too.
        if (!fs.existsSync(source) || !fs.lstatSync(source).isFile()) continue;
        fs.mkdirSync(path.dirname(path.join(destination, file)), { recursive: true });
        fs.copyFileSync(source, path.join(destination, file));
    }
    const git = (...args: string[]) => execFileSync("git", args, { cwd: destination, stdio: "ignore" });
    git("init", "-q");
    git("add", "-A");
    git("-c", "user.name=install test", "-c", "user.email=install-test@localhost", "commit", "-q", "-m", "the checkout");
}

function scratchProject(parent: string, name: string): string {
    const dir = path.join(parent, name);
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "package.json"), `${JSON.stringify({ name, version: "1.0.0", private: true }, null, 2)}\n`);
    return dir;
}

/** How npm recorded the package in the project's package.json. */
function recordedSpec(project: string): string {
    const manifest = JSON.parse(fs.readFileSync(path.join(project, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
    return String(manifest.dependencies?.[PACKAGE]);
}

describe("installing the package, each way docs/install.md gives, into a scratch project", function () {
    this.timeout(900_000);
    let work: string;
    let clone: string;
    let emulator: CognitoLocal;
    let client: CognitoIdentityProviderClient;
    let poolId: string;
    const timings: string[] = [];

    before(async function () {
        work = fs.mkdtempSync(path.join(os.tmpdir(), "cognito-install-"));
        clone = path.join(work, PACKAGE);
        cloneOfCheckout(repositoryRoot(), clone);
        emulator = await startCognitoLocal();
        client = new CognitoIdentityProviderClient({ region: "us-east-1", endpoint: emulator.endpoint, credentials: TEST_CREDENTIALS });
        const created = await client.send(
            new CreateUserPoolCommand({
                PoolName: "installed-commands",
                Policies: { PasswordPolicy: { MinimumLength: 12, RequireNumbers: true } },
                UserPoolTags: { team: "identity" },
            }),
        );
        poolId = String(created.UserPool?.Id);
    });

    after(async function () {
        if (timings.length > 0) console.log(`      ${timings.join("; ")}`);
        client?.destroy();
        await emulator?.stop();
        // Four node_modules trees take minutes to delete on a slow disk: delete them in the background.
        if (work) spawn("rm", ["-rf", work], { detached: true, stdio: "ignore" }).unref();
    });

    /** Installs `specs` into a new scratch project beside the clone, as the docs say, and records how long it took. */
    async function install(name: string, ...specs: string[]): Promise<string> {
        const project = scratchProject(work, name);
        const result = await npm(["install", ...NPM_FLAGS, ...specs], project);
        timings.push(`${name}: npm install ${result.seconds.toFixed(0)} s`);
        return project;
    }

    /** What every route must give: the package loads, and each command runs from node_modules/.bin. */
    async function expectWorkingInstall(project: string): Promise<void> {
        const loaded = await run(
            process.execPath,
            [
                "-e",
                `const m = require(${JSON.stringify(PACKAGE)});` +
                    `const runtime = require(${JSON.stringify(`${PACKAGE}/runtime`)});` +
                    "console.log(JSON.stringify({ UserPool: typeof m.UserPool, UserPoolDomain: typeof m.UserPoolDomain, runtime: Object.keys(runtime).sort() }))",
            ],
            project,
        );
        expect(loaded.code, loaded.stderr).to.equal(0);
        const exported = JSON.parse(loaded.stdout) as { UserPool: string; UserPoolDomain: string; runtime: string[] };
        expect(exported).to.deep.include({ UserPool: "function", UserPoolDomain: "function" });
        // What the provider process loads: the serialized provider requires it by this name.
        expect(exported.runtime).to.include.members(["configure", "userPool", "userPoolDomain"]);

        for (const command of COMMANDS) {
            const help = await run(path.join(project, "node_modules", ".bin", command), ["--help"], project);
            expect(help.code, `${command} --help: ${help.stderr}`).to.equal(0);
            expect(help.stdout).to.match(new RegExp(`^usage: ${command} `));
            expect(help.stdout).to.include("Exit status:");
            expect(help.stderr).to.equal("");
        }

        // The commands reach AWS with the dependencies this install resolved: a generated program's
        // inputs are, by construction, what the pool has, so the drift check finds nothing.
        const bin = (command: string) => path.join(project, "node_modules", ".bin", command);
        const generated = await run(bin("cognito-userpool-generate"), [poolId, "--json"], project, emulator.endpoint);
        expect(generated.code, generated.stderr).to.equal(0);
        fs.writeFileSync(path.join(project, "inputs.json"), generated.stdout);
        const drift = await run(bin("cognito-userpool-drift"), [poolId, "inputs.json"], project, emulator.endpoint);
        expect(drift.code, drift.stderr).to.equal(0);
        expect(drift.stdout).to.include(`user pool ${poolId} (installed-commands) in us-east-1: no drift`);
    }

    /** A copy (not a link) must hold what users need and nothing that only tests or builds use. */
    function expectOnlyRuntimeFiles(project: string): void {
        const installed = path.join(project, "node_modules", PACKAGE);
        expect(fs.lstatSync(installed).isSymbolicLink(), "installed as a copy").to.equal(false);
        expect(fs.readdirSync(installed).sort()).to.deep.equal(["README.md", "dist", "package.json", "schema"]);
        expect(fs.readdirSync(path.join(installed, "dist")).sort()).to.deep.equal(["bin", "provider", "schema", "scripts"]);
        const present = DEV_ONLY.filter((name) => fs.existsSync(path.join(project, "node_modules", name)));
        expect(present, "devDependencies installed into the user's project").to.deep.equal([]);
    }

    it("file: on a clone nobody has run npm ci in: npm links it, installs nothing, and prepare says what to run", async function () {
        const project = scratchProject(work, "file-unbuilt");
        const result = await run("npm", ["install", ...NPM_FLAGS, `../${PACKAGE}`], project);
        expect(result.code).to.not.equal(0);
        expect(result.stderr).to.include(`${PACKAGE}: cannot build ${clone}: its dependencies are not installed`);
        expect(result.stderr).to.include(`Run \`npm ci\` in ${clone} first`);
        expect(fs.existsSync(path.join(clone, "node_modules")), "npm installed nothing in the clone").to.equal(false);
    });

    it("git+: npm clones the repository, installs its devDependencies, runs prepare, and installs the build", async function () {
        const project = await install("git-route", `git+file://${clone}`);
        expectOnlyRuntimeFiles(project);
        await expectWorkingInstall(project);
    });

    let linked: string;
    it("file: on a clone after npm ci in it: a link to the clone, which prepare has built", async function () {
        const ci = await npm(["ci", ...NPM_FLAGS], clone);
        timings.push(`npm ci in the clone ${ci.seconds.toFixed(0)} s`);
        expect(fs.existsSync(path.join(clone, "dist", "provider", "index.js")), "npm ci ran prepare").to.equal(true);
        linked = await install("file-route", `../${PACKAGE}`, "@pulumi/pulumi");
        expect(recordedSpec(linked)).to.equal(`file:../${PACKAGE}`);
        expect(fs.realpathSync(path.join(linked, "node_modules", PACKAGE))).to.equal(fs.realpathSync(clone));
        await expectWorkingInstall(linked);
    });

    it("file: a Pulumi program in the linked project deploys with the real CLI: up, a preview with no changes, destroy", async function () {
        expect(linked, "the file: route installed").to.be.a("string");
        const cli = cliForSuite(this);
        fs.writeFileSync(path.join(linked, "Pulumi.yaml"), "name: linked-project\nruntime: nodejs\nmain: index.js\n");
        fs.writeFileSync(
            path.join(linked, "index.js"),
            [
                `const { UserPool } = require("${PACKAGE}");`,
                `const users = new UserPool("users", { poolName: "linked-install", policies: { passwordPolicy: { minimumLength: 12 } } });`,
                "exports.userPoolId = users.id;",
                "",
            ].join("\n"),
        );
        const stack = await PulumiStack.create(cli, { projectDir: linked, stack: "linked", env: localProviderEnv(emulator.endpoint), config: { "aws:region": "us-east-1" } });
        try {
            const up = await stack.up();
            expect(up.output).to.match(/Resources:\s+\+ 2 created/);
            const preview = await stack.expect(["preview", "--expect-no-changes", "--non-interactive"], 0);
            expect(preview.output).to.match(/Resources:\s+2 unchanged/);
            const [pool] = resourcesOfType(await stack.exportState(), "UserPool");
            // Outside node_modules the provider is the self-contained loader, not a one-line require (promise 11).
            expect(String(pool.outputs?.__provider)).to.include("pulumi-cognito-userpool/runtime");
            await stack.destroy();
        } finally {
            stack.remove();
        }
    });

    it("npm publish --dry-run passes and would publish what users need and nothing else", async function () {
        // The clone was built by prepare moments ago (npm ci, then the link's install); the npm pack
        // below shows that packing, which npm publish does the same way, runs prepare.
        const result = await npm(["publish", "--dry-run", "--json", "--ignore-scripts"], clone);
        const report = JSON.parse(result.stdout) as Record<string, { files: Array<{ path: string }> }>;
        const files = report[PACKAGE].files.map((f) => f.path).sort();
        const needed = [
            "package.json",
            "README.md",
            "dist/provider/index.js",
            "dist/provider/index.d.ts",
            "dist/provider/runtime.js",
            "dist/provider/hosted/userPool.js",
            "dist/provider/hosted/userPoolDomain.js",
            "dist/schema/user-pool.schema.json",
            "dist/bin/drift.js",
            "dist/bin/generate.js",
            "dist/bin/recover.js",
            "dist/scripts/drift.js",
            "dist/scripts/generate-program.js",
            "dist/scripts/recover.js",
            "schema/user-pool.schema.json",
        ];
        expect(files).to.include.members(needed);
        const allowed = /^(package\.json|README\.md|schema\/[^/]+\.json|dist\/schema\/[^/]+\.json|dist\/provider\/.+\.(js|d\.ts|js\.map)|dist\/bin\/[^/]+\.js|dist\/scripts\/(command|commandLine|drift|generate-program|recover)\.js)$/;
        expect(files.filter((f) => !allowed.test(f)), "files users do not need").to.deep.equal([]);
        const manifest = JSON.parse(fs.readFileSync(path.join(clone, "package.json"), "utf8")) as { private?: boolean; bin: Record<string, string> };
        expect(manifest.private).to.equal(undefined);
        expect(Object.keys(manifest.bin).sort()).to.deep.equal(COMMANDS);
        for (const target of Object.values(manifest.bin)) expect(files).to.include(target);
    });

    it("tarball: npm pack in the clone, installed with npm install <path to the .tgz>", async function () {
        const packed = await npm(["pack"], clone);
        expect(packed.stdout + packed.stderr, "npm pack runs prepare").to.include("> node scripts/build-package.js");
        const [filename] = fs.readdirSync(clone).filter((f) => f.endsWith(".tgz"));
        expect(filename).to.match(/^pulumi-cognito-userpool-\d+\.\d+\.\d+\.tgz$/);
        const project = await install("tarball-route", `../${PACKAGE}/${filename}`);
        expect(recordedSpec(project)).to.equal(`file:../${PACKAGE}/${filename}`);
        expectOnlyRuntimeFiles(project);
        await expectWorkingInstall(project);

        // The installed commands' wrong command lines: status 2 and the same three lines from each.
        const bin = (command: string) => path.join(project, "node_modules", ".bin", command);
        const cases: Array<[string, string[], string]> = [
            ["cognito-userpool-drift", [poolId, "inputs.json", "--bogus"], "unknown option --bogus"],
            ["cognito-userpool-drift", [poolId], "missing <inputs.json>"],
            ["cognito-userpool-generate", [], "missing <pool-id>"],
            ["cognito-userpool-generate", [poolId, "--region"], "--region needs a value (<region>)"],
            ["cognito-userpool-recover", ["--force"], "unknown option --force"],
            ["cognito-userpool-recover", ["a.json", "b.json"], "unexpected argument b.json"],
        ];
        for (const [command, args, message] of cases) {
            const result = await run(bin(command), args, project);
            expect(result.code, `${command} ${args.join(" ")}`).to.equal(2);
            expect(result.stdout).to.equal("");
            const lines = result.stderr.split("\n");
            expect(lines[0]).to.equal(`${command}: ${message}`);
            expect(lines[1]).to.match(new RegExp(`^usage: ${command} `));
            expect(lines[2]).to.equal(`Run ${command} --help for every option.`);
        }
    });
});
