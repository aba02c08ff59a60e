/**
 * A Pulumi project with this package installed the way npm installs it for a user: `npm pack`'s
 * tarball unpacked as node_modules/pulumi-cognito-userpool, @pulumi/pulumi copied beside it, every
 * other dependency linked to this repository's node_modules. @pulumi/pulumi is a real copy because
 * its closure serializer resolves packages from its own location, and a link would resolve to this
 * repository, where this package is not under node_modules. Needs a current `npm run build`: the
 * pack skips the `prepare` build (`--ignore-scripts`), which would rebuild dist/ under the tests
 * running from it. tests/cli/install.cli.test.ts installs the package the ways users do.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export const PACKAGE_NAME = "pulumi-cognito-userpool";

export interface InstalledProject {
    /** The project directory: the Pulumi program's and the provider host's working directory. */
    dir: string;
    /** `require` from inside the project, as the user's program would. */
    require: NodeJS.Require;
    remove(): void;
}

export function createInstalledProject(repositoryRoot: string): InstalledProject {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cognito-installed-"));
    try {
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: installed-project\nruntime: nodejs\n");
        fs.writeFileSync(
            path.join(dir, "package.json"),
            JSON.stringify({ name: "installed-project", private: true, dependencies: { [PACKAGE_NAME]: "*" } }, null, 2),
        );
        const modules = path.join(dir, "node_modules");
        const installed = path.join(modules, PACKAGE_NAME);
        fs.mkdirSync(installed, { recursive: true });
        // npm pack honours package.json "files": what it leaves out, users do not get either.
        const packed = JSON.parse(
            execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", dir], { cwd: repositoryRoot, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }),
        ) as Array<{ filename: string }>;
        execFileSync("tar", ["-xzf", path.join(dir, packed[0].filename), "-C", installed, "--strip-components=1"]);

        const repositoryModules = path.join(repositoryRoot, "node_modules");
        for (const entry of fs.readdirSync(repositoryModules)) {
            if (entry === ".bin" || entry === ".package-lock.json" || entry === PACKAGE_NAME || entry === "@pulumi") continue;
            fs.symlinkSync(path.join(repositoryModules, entry), path.join(modules, entry));
        }
        fs.mkdirSync(path.join(modules, "@pulumi"));
        fs.cpSync(path.join(repositoryModules, "@pulumi", "pulumi"), path.join(modules, "@pulumi", "pulumi"), { recursive: true });

        const { createRequire } = require("module") as typeof import("module");
        return {
            dir,
            require: createRequire(path.join(dir, "package.json")),
            remove: () => fs.rmSync(dir, { recursive: true, force: true }),
        };
    } catch (error) {
        fs.rmSync(dir, { recursive: true, force: true });
        throw error;
    }
}
