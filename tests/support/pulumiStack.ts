/**
 * Runs the real `pulumi` CLI against a project, as a user would, with everything it writes kept
 * out of the user's machine and the repository: a local file backend, PULUMI_HOME and the stack's
 * config file (Pulumi.<stack>.yaml, which `pulumi stack init` writes beside Pulumi.yaml) in a
 * temporary folder, a passphrase secrets provider, no update checks and no plugin downloads.
 *
 * The CLI runs in that temporary folder, on a copy of the project's Pulumi.yaml whose `main` is
 * the absolute path of the project's program: the engine then runs the program in the project's
 * own folder (its working directory and module resolution are the user's), and nothing is written
 * there.
 */
import { CognitoIdentityProviderClient, DescribeUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { findPulumiCli, PulumiCli } from "../../scripts/toolchain";
import type { ProgramSpec } from "../cli/programs/declared/spec";
import { TEST_CREDENTIALS } from "./target";
import { skipOrFail } from "./toolGate";

export interface CliResult {
    code: number | null;
    stdout: string;
    stderr: string;
    /** stdout and stderr together, in the order they arrived. */
    output: string;
}

export const CLI_PASSPHRASE = "cli-test-passphrase";

export interface StackOptions {
    /** Folder holding the project's Pulumi.yaml. */
    projectDir: string;
    stack: string;
    /** Environment of every pulumi command, and so of the program and the provider (endpoint, credentials). */
    env: NodeJS.ProcessEnv;
    /** Stack config set with `pulumi config set` after `stack init` (aws:region, the program's own keys). */
    config?: Record<string, string>;
    /** Lines added to the project's Pulumi.yaml, such as "options:\n  refresh: always". */
    projectFileExtra?: string;
}

/** The folder of the real-CLI tests' own program, which declares what a ProgramSpec file says. */
export const DECLARED_PROGRAM_DIR = path.join(__dirname, "..", "..", "..", "tests", "cli", "programs", "declared");

export class PulumiStack {
    readonly workDir: string;
    /** Where the CLI runs: the copy of Pulumi.yaml and the stack's config file. */
    readonly cliDir: string;
    private readonly env: NodeJS.ProcessEnv;

    private constructor(
        readonly cli: PulumiCli,
        readonly options: StackOptions,
    ) {
        this.workDir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-cli-test-"));
        this.cliDir = path.join(this.workDir, "project");
        fs.mkdirSync(this.cliDir);
        fs.writeFileSync(path.join(this.cliDir, "Pulumi.yaml"), projectFileRunningIn(options.projectDir) + (options.projectFileExtra ?? ""));
        const backend = path.join(this.workDir, "backend");
        fs.mkdirSync(backend);
        this.env = {
            ...process.env,
            ...options.env,
            PATH: [cli.binDir, process.env.PATH ?? ""].join(path.delimiter),
            PULUMI_HOME: path.join(this.workDir, "home"),
            PULUMI_BACKEND_URL: `file://${backend}`,
            PULUMI_CONFIG_PASSPHRASE: CLI_PASSPHRASE,
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
            PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
            NO_COLOR: "1",
            // The programs are type-checked once by npm test's tsc; ts-node checking them again on
            // every command would only add CPU (about a third of a command's).
            PULUMI_NODEJS_TRANSPILE_ONLY: "true",
            CLI_TEST_PROGRAM: path.join(this.workDir, "program.json"),
        };
    }

    /**
     * A stack of the tests' own program (tests/cli/programs/declared) declaring `program`;
     * `writeProgram` changes it before the next command, as a user edits index.ts.
     */
    static async declaring(cli: PulumiCli, program: ProgramSpec, options: Omit<StackOptions, "projectDir">): Promise<PulumiStack> {
        const stack = await PulumiStack.create(cli, { ...options, projectDir: DECLARED_PROGRAM_DIR });
        stack.writeProgram(program);
        return stack;
    }

    writeProgram(program: ProgramSpec): void {
        fs.writeFileSync(path.join(this.workDir, "program.json"), JSON.stringify(program, null, 2));
    }

    /** A new stack (`pulumi stack init`) with its config set. */
    static async create(cli: PulumiCli, options: StackOptions): Promise<PulumiStack> {
        const stack = new PulumiStack(cli, options);
        await stack.expect(["stack", "init", options.stack, "--secrets-provider", "passphrase"], 0);
        for (const [key, value] of Object.entries(options.config ?? {})) await stack.expect(["config", "set", key, value], 0);
        return stack;
    }

    run(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<CliResult> {
        return new Promise((resolve, reject) => {
            const child = spawn(this.cli.path, [...args, "--color", "never"], {
                cwd: this.cliDir,
                env: { ...this.env, ...extraEnv },
                stdio: ["ignore", "pipe", "pipe"],
            });
            let stdout = "";
            let stderr = "";
            let output = "";
            child.stdout.on("data", (chunk: Buffer) => {
                stdout += chunk.toString();
                output += chunk.toString();
            });
            child.stderr.on("data", (chunk: Buffer) => {
                stderr += chunk.toString();
                output += chunk.toString();
            });
            child.on("error", reject);
            child.on("close", (code) => resolve({ code, stdout, stderr, output }));
        });
    }

    /** Runs a command and fails, showing everything it printed, unless it exits with `code`. */
    async expect(args: string[], code: number, extraEnv: NodeJS.ProcessEnv = {}): Promise<CliResult> {
        const result = await this.run(args, extraEnv);
        if (result.code !== code) {
            throw new Error(`pulumi ${args.join(" ")} exited with ${result.code}, expected ${code}:\n${result.output}`);
        }
        return result;
    }

    up(extra: string[] = []): Promise<CliResult> {
        return this.expect(["up", "--yes", "--non-interactive", "--skip-preview", ...extra], 0);
    }

    destroy(extra: string[] = []): Promise<CliResult> {
        return this.expect(["destroy", "--yes", "--non-interactive", ...extra], 0);
    }

    /** `pulumi stack export --show-secrets` would print secrets; this is the state as stored. */
    async exportState(): Promise<StackState> {
        const result = await this.expect(["stack", "export"], 0);
        return JSON.parse(result.stdout) as StackState;
    }

    async outputs(): Promise<Record<string, unknown>> {
        const result = await this.expect(["stack", "output", "--json"], 0);
        return JSON.parse(result.stdout) as Record<string, unknown>;
    }

    /** Removes the stack's state and everything the CLI wrote; the resources must be gone already. */
    remove(): void {
        fs.rmSync(this.workDir, { recursive: true, force: true });
    }
}

/** The project's Pulumi.yaml with `main` made absolute (the project folder itself when it had none). */
export function projectFileRunningIn(projectDir: string): string {
    const original = fs.readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8");
    const main = /^main:\s*(\S+)\s*$/m.exec(original);
    const absolute = path.resolve(projectDir, main ? main[1] : ".");
    const withoutMain = original.replace(/^main:.*\n?/m, "");
    return `${withoutMain.trimEnd()}\nmain: ${absolute}\n`;
}

export interface StateResource {
    urn: string;
    type: string;
    id?: string;
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
    parent?: string;
    dependencies?: string[];
    protect?: boolean;
}

export interface StackState {
    version: number;
    deployment: { resources?: StateResource[]; pending_operations?: unknown[] };
}

/** The type token `new UserPool(...)` and `new UserPoolDomain(...)` register. */
export const TYPE_TOKENS = { UserPool: "pulumi-nodejs:dynamic/cognito:UserPool", UserPoolDomain: "pulumi-nodejs:dynamic/cognito:UserPoolDomain" };

/** The resources of this package's type `type` in an exported state. */
export function resourcesOfType(state: StackState, type: keyof typeof TYPE_TOKENS): StateResource[] {
    return (state.deployment.resources ?? []).filter((r) => r.type === TYPE_TOKENS[type]);
}

/**
 * The CLI for a suite, after skipping the suite when there is none and none is required. With
 * CI=true or PULUMI_CLI_REQUIRED=1 a missing CLI fails the suite instead.
 */
export function cliForSuite(context: Mocha.Context): PulumiCli {
    const cli = findPulumiCli();
    if (cli) return cli;
    skipOrFail(context, "pulumi-cli");
}

/** A Cognito client for checking the live pools behind a local endpoint, as another tool would see them. */
export function liveClient(endpoint: string): CognitoIdentityProviderClient {
    return new CognitoIdentityProviderClient({ region: "us-east-1", endpoint, credentials: TEST_CREDENTIALS, maxAttempts: 1 });
}

/** Whether the pool exists behind the client (DescribeUserPool answers, not ResourceNotFoundException). */
export async function poolExists(client: CognitoIdentityProviderClient, userPoolId: string): Promise<boolean> {
    try {
        await client.send(new DescribeUserPoolCommand({ UserPoolId: userPoolId }));
        return true;
    } catch (error) {
        if (error instanceof Error && error.name === "ResourceNotFoundException") return false;
        throw error;
    }
}
