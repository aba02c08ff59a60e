/**
 * Where the project's external tools are: the Pulumi CLI (on PATH, or built by
 * `npm run setup:pulumi-cli` into .tools/pulumi/bin) and moto (a virtual environment in
 * .tools/moto). The setup, the demo and the real-CLI tests all find them here, so they agree.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

/** The repository (or unpacked package) root: the nearest folder upwards holding package.json (works from dist/ too). */
export function projectRoot(from = __dirname): string {
    let dir = from;
    while (!fs.existsSync(path.join(dir, "package.json"))) {
        const parent = path.dirname(dir);
        if (parent === dir) throw new Error(`no package.json above ${from}`);
        dir = parent;
    }
    return dir;
}

export const toolsDir = (root = projectRoot()): string => path.join(root, ".tools");
export const builtCliDir = (root = projectRoot()): string => path.join(toolsDir(root), "pulumi", "bin");
export const motoServerPath = (root = projectRoot()): string => path.join(toolsDir(root), "moto", "bin", "moto_server");

/** The plugins a Node.js program needs beside the CLI: its language host and the dynamic-provider host. */
export const COMPANION_PLUGINS = ["pulumi-language-nodejs", "pulumi-resource-pulumi-nodejs"];

export interface Version {
    major: number;
    minor: number;
    patch: number;
}

export function parseVersion(text: string): Version | undefined {
    const match = /v?(\d+)\.(\d+)\.(\d+)/.exec(text);
    return match ? { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) } : undefined;
}

export const formatVersion = (v: Version): string => `${v.major}.${v.minor}.${v.patch}`;

/** The installed @pulumi/pulumi's version: the CLI must be of its minor version or newer. */
export function requiredPulumiVersion(root = projectRoot()): Version {
    const manifest = path.join(root, "node_modules", "@pulumi", "pulumi", "package.json");
    if (!fs.existsSync(manifest)) throw new Error(`@pulumi/pulumi is not installed (${manifest} is missing): run npm ci first`);
    const version = parseVersion(JSON.parse(fs.readFileSync(manifest, "utf8")).version);
    if (!version) throw new Error(`cannot read the version in ${manifest}`);
    return version;
}

/** Whether a CLI of version `have` can run programs written against the SDK of version `need`. */
export function satisfies(have: Version, need: Version): boolean {
    return have.major === need.major && have.minor >= need.minor;
}

export interface PulumiCli {
    /** Absolute path of the `pulumi` binary. */
    path: string;
    /** Its folder: put first on PATH so the CLI's companion plugins beside it are found. */
    binDir: string;
    version: Version;
    source: "PATH" | "built";
}

function cliVersion(binary: string): Version | undefined {
    const result = spawnSync(binary, ["version"], { encoding: "utf8", env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" }, timeout: 30000 });
    return result.status === 0 ? parseVersion(result.stdout) : undefined;
}

function onPath(command: string, exclude: string): string | undefined {
    for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
        if (!dir || path.resolve(dir) === path.resolve(exclude)) continue;
        const candidate = path.join(dir, command);
        try {
            fs.accessSync(candidate, fs.constants.X_OK);
            return candidate;
        } catch {
            // not here
        }
    }
    return undefined;
}

/**
 * A Pulumi CLI that can run this project's programs: `pulumi` on PATH when its version is at
 * least the SDK's minor version, otherwise the one the setup built (when it is complete and of the
 * SDK's version). Undefined when there is neither.
 */
export function findPulumiCli(root = projectRoot()): PulumiCli | undefined {
    const need = requiredPulumiVersion(root);
    const built = builtCliDir(root);
    const ambient = onPath("pulumi", built);
    if (ambient) {
        const version = cliVersion(ambient);
        if (version && satisfies(version, need)) return { path: ambient, binDir: path.dirname(ambient), version, source: "PATH" };
    }
    const binary = path.join(built, "pulumi");
    if (fs.existsSync(binary) && COMPANION_PLUGINS.every((p) => fs.existsSync(path.join(built, p)))) {
        const version = cliVersion(binary);
        if (version && satisfies(version, need)) return { path: binary, binDir: built, version, source: "built" };
    }
    return undefined;
}

/** Whether a missing CLI must fail the test run instead of skipping the real-CLI tests. */
export function pulumiCliRequired(): boolean {
    return process.env.CI === "true" || process.env.PULUMI_CLI_REQUIRED === "1";
}
