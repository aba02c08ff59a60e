/**
 * Published benchmark results live in one place (docs/performance.md and docs/performance/), and
 * only `npm run bench -- --publish` rewrites them: an ordinary run writes to bench-results/.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { GENERATED_END, GENERATED_START, PUBLISHED_DIR, PUBLISHED_PAGE, publishInto } from "../../bench/publish";
import { renderMarkdown } from "../../bench/report";
import type { BenchResult } from "../../bench/results";

const root = path.resolve(__dirname, "..", "..", "..");

describe("published benchmark results", () => {
    it("publishing replaces only the generated part of the page", () => {
        const page = `# Title\n\nhand-written\n\n${GENERATED_START}\n\nold tables\n\n${GENERATED_END}\n\nafter\n`;
        const published = publishInto(page, "## New tables\n");
        expect(published).to.equal(`# Title\n\nhand-written\n\n${GENERATED_START}\n\n## New tables\n\n${GENERATED_END}\n\nafter\n`);
        // Publishing twice gives the same page: nothing accumulates.
        expect(publishInto(published, "## New tables\n")).to.equal(published);
    });

    it("refuses a page whose markers are gone instead of appending to it", () => {
        expect(() => publishInto("# Title\n\nno markers\n", "tables")).to.throw(/lost its markers/);
        expect(() => publishInto(`${GENERATED_END}\n${GENERATED_START}\n`, "tables")).to.throw(/lost its markers/);
    });

    it("docs/performance.md shows exactly the published results.json", () => {
        const result = JSON.parse(fs.readFileSync(path.join(root, PUBLISHED_DIR, "results.json"), "utf8")) as BenchResult;
        const page = fs.readFileSync(path.join(root, PUBLISHED_PAGE), "utf8");
        expect(publishInto(page, renderMarkdown(result, 2))).to.equal(page);
        expect(result.budgets.length).to.be.greaterThan(0);
        expect(fs.existsSync(path.join(root, PUBLISHED_DIR, "scaling.png"))).to.equal(true);
    });

    it("an ordinary run writes only to the untracked bench-results/ folder", () => {
        const run = fs.readFileSync(path.join(root, "bench", "run.ts"), "utf8");
        // Every writeFileSync/copyFileSync target outside the --publish branch is under outDir.
        const ordinary = run.slice(0, run.indexOf("if (publish) {"));
        const targets = [...ordinary.matchAll(/(?:writeFileSync|copyFileSync)\(([^,]+),/g)].map((m) => m[1].trim());
        expect(targets.length).to.be.greaterThan(0);
        for (const target of targets) expect(target).to.match(/^path\.join\(outDir$/);
        expect(fs.readFileSync(path.join(root, ".gitignore"), "utf8").split("\n")).to.include("bench-results/");
    });
});
