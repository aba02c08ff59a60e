/**
 * `npm run demo` with a Pulumi CLI available: the real pulumi up, preview --refresh
 * --expect-no-changes and destroy of the top-level project (examples/quickstart) against the
 * cognito-local the demo starts itself. Runs the built script, as `npm run demo` does after its
 * build.
 */
import { spawnSync } from "child_process";
import { expect } from "chai";
import * as path from "path";
import { repositoryRoot } from "../fidelity/scenarioFile";
import { cliForSuite } from "../support/pulumiStack";

describe("real CLI: npm run demo", function () {
    this.timeout(300_000);

    before(function () {
        cliForSuite(this);
    });

    it("deploys the quickstart pool, previews no changes after a refresh, and destroys it", () => {
        const root = repositoryRoot();
        const demo = spawnSync(process.execPath, [path.join(root, "dist", "scripts", "demo.js")], {
            cwd: root,
            encoding: "utf8",
            env: { ...process.env, NODE_NO_WARNINGS: "1", NO_COLOR: "1" },
        });
        const output = `${demo.stdout}${demo.stderr}`;
        expect(demo.status, output).to.equal(0);
        expect(output).to.match(/Pulumi CLI v\d+\.\d+\.\d+/);
        expect(output).not.to.include("No Pulumi CLI was found");
        const up = output.indexOf("$ pulumi up");
        const preview = output.indexOf("$ pulumi preview --refresh --expect-no-changes");
        const destroy = output.indexOf("$ pulumi destroy");
        expect(up).to.be.greaterThan(-1);
        expect(preview).to.be.greaterThan(up);
        expect(destroy).to.be.greaterThan(preview);
        expect(output.slice(up, preview)).to.match(/UserPool users created/);
        expect(output.slice(up, preview)).to.match(/\+ 2 created/);
        expect(output.slice(preview, destroy)).to.match(/2 unchanged/);
        expect(output.slice(destroy)).to.match(/UserPool users deleted/);
        expect(output).not.to.match(/warning:/);
    });
});
