#!/usr/bin/env node
/**
 * The build of what the package ships, run by `prepare`: so by `npm install` in a checkout,
 * `npm pack`, `npm publish`, and npm's install of a git dependency (which installs the clone's
 * devDependencies first, so typescript and json-schema-to-typescript are there). It regenerates
 * from schema/ and compiles only provider/, bin/ and the commands' scripts (tsconfig.build.json):
 * no tests, no benchmark, nothing that needs a test-only package.
 *
 * npm ≥ 7 links a `file:` dependency on a folder and runs this there without installing that
 * folder's dependencies, so in an unbuilt clone it says what to run instead of failing on a
 * missing module (docs/install.md).
 */
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const name = require(path.join(root, "package.json")).name;

function resolvable(id) {
    try {
        require.resolve(id, { paths: [root] });
        return true;
    } catch {
        return false;
    }
}

const missing = ["typescript", "json-schema-to-typescript"].filter((id) => !resolvable(id));
if (missing.length > 0) {
    process.stderr.write(
        `${name}: cannot build ${root}: its dependencies are not installed (${missing.join(", ")} not found).\n` +
            `Run \`npm ci\` in ${root} first (it installs them, and builds the package), then install it again.\n`,
    );
    process.exit(1);
}

// What a previous build left there from a source file since deleted would otherwise be packed too.
for (const dir of ["dist/provider", "dist/schema", "dist/bin"]) fs.rmSync(path.join(root, dir), { recursive: true, force: true });
const scriptsOut = path.join(root, "dist", "scripts");
const shippedScripts = ["command", "commandLine", "drift", "generate-program", "recover"];
if (fs.existsSync(scriptsOut)) {
    for (const file of fs.readdirSync(scriptsOut)) {
        if (shippedScripts.includes(file.replace(/\.(js|d\.ts|js\.map)$/, ""))) fs.rmSync(path.join(scriptsOut, file));
    }
}

function run(args) {
    const result = spawnSync(process.execPath, args, { cwd: root, stdio: "inherit" });
    if (result.status !== 0) process.exit(result.status ?? 1);
}

run([path.join(root, "scripts", "generate.js")]);
run([require.resolve("typescript/bin/tsc", { paths: [root] }), "-p", path.join(root, "tsconfig.build.json")]);
