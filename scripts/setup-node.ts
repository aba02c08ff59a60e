/**
 * `npm run setup:node`: a Node.js of the version the package supports (package.json `engines`),
 * for running the tests on a machine whose own Node.js is older. It is taken from the npm
 * registry, where Node.js publishes each release's binary as `node-<platform>-<arch>`, unpacked
 * into .tools/node, and used by putting .tools/node/bin first on PATH (.ci/run does).
 * Prints the path and version; exits 1 saying what to install when the platform has no package.
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { projectRoot, toolsDir } from "./toolchain";

/** The Node.js the tests run on in CI: the newest 22 release when this was last updated. */
export const TEST_NODE_VERSION = "22.23.5";

function installedVersion(binary: string): string | undefined {
    if (!fs.existsSync(binary)) return undefined;
    const result = spawnSync(binary, ["--version"], { encoding: "utf8" });
    return result.status === 0 ? result.stdout.trim().replace(/^v/, "") : undefined;
}

function main(): number {
    const root = projectRoot();
    const target = path.join(toolsDir(root), "node");
    const binary = path.join(target, "bin", "node");
    if (installedVersion(binary) === TEST_NODE_VERSION) {
        console.log(`Node.js ${TEST_NODE_VERSION}: ${binary}`);
        return 0;
    }
    const registryPackage = `node-${process.platform}-${process.arch}`;
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "setup-node-"));
    try {
        console.log(`$ npm pack ${registryPackage}@${TEST_NODE_VERSION}`);
        let tarball: string;
        try {
            const packed = JSON.parse(
                execFileSync("npm", ["pack", "--json", `${registryPackage}@${TEST_NODE_VERSION}`], { cwd: scratch, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }),
            ) as Array<{ filename: string }>;
            tarball = path.join(scratch, packed[0].filename);
        } catch {
            console.error(`The npm registry has no ${registryPackage}@${TEST_NODE_VERSION}: install Node.js ${TEST_NODE_VERSION.split(".")[0]} (https://nodejs.org) and put it on PATH instead.`);
            return 1;
        }
        execFileSync("tar", ["-xzf", tarball, "-C", scratch]);
        fs.rmSync(target, { recursive: true, force: true });
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.renameSync(path.join(scratch, "package"), target);
    } finally {
        fs.rmSync(scratch, { recursive: true, force: true });
    }
    const version = installedVersion(binary);
    if (version !== TEST_NODE_VERSION) {
        console.error(`${binary} reports ${version ?? "nothing"}, not ${TEST_NODE_VERSION}`);
        return 1;
    }
    console.log(`Node.js ${version}: ${binary} (put ${path.dirname(binary)} first on PATH to use it)`);
    return 0;
}

if (require.main === module) process.exitCode = main();
