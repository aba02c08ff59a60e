/**
 * Every relative link in the README, docs/ and the examples' READMEs leads somewhere: the file
 * exists, and a `#fragment` names a heading of it (GitHub's anchor rules). Pages move between the
 * README and docs/; a link left pointing at the old place must fail here, not on a reader.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";

const root = path.resolve(__dirname, "..", "..", "..");

function markdownFiles(): string[] {
    const files = ["README.md", "tests/scenarios/README.md"];
    for (const name of fs.readdirSync(path.join(root, "docs"))) if (name.endsWith(".md")) files.push(`docs/${name}`);
    for (const name of fs.readdirSync(path.join(root, "examples"))) {
        if (fs.existsSync(path.join(root, "examples", name, "README.md"))) files.push(`examples/${name}/README.md`);
    }
    return files;
}

/** GitHub's heading anchors: lowercase, punctuation dropped, spaces to hyphens, repeats numbered. */
export function anchorsOf(markdown: string): Set<string> {
    const anchors = new Set<string>();
    const counts = new Map<string, number>();
    let fenced = false;
    for (const line of markdown.split("\n")) {
        if (/^\s*```/.test(line)) fenced = !fenced;
        const heading = !fenced && /^#{1,6}\s+(.*)$/.exec(line);
        if (!heading) continue;
        const base = heading[1].trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, "").replace(/\s/g, "-");
        const seen = counts.get(base) ?? 0;
        counts.set(base, seen + 1);
        anchors.add(seen === 0 ? base : `${base}-${seen}`);
    }
    return anchors;
}

function linksOf(markdown: string): string[] {
    const withoutCode = markdown.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
    return [...withoutCode.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((target) => !/^[a-z]+:/i.test(target));
}

describe("documentation links", () => {
    it("computes GitHub's anchors", () => {
        expect([...anchorsOf("# Drift: what changed outside Pulumi\n## Getting the Pulumi CLI\n## A\n## A\n")]).to.deep.equal([
            "drift-what-changed-outside-pulumi",
            "getting-the-pulumi-cli",
            "a",
            "a-1",
        ]);
    });

    for (const file of markdownFiles()) {
        it(`${file}: every relative link resolves`, () => {
            const text = fs.readFileSync(path.join(root, file), "utf8");
            const broken: string[] = [];
            for (const link of linksOf(text)) {
                const [target, fragment] = link.split("#");
                const resolved = target === "" ? path.join(root, file) : path.resolve(path.dirname(path.join(root, file)), decodeURI(target));
                if (!fs.existsSync(resolved)) {
                    broken.push(`${link}: no such file`);
                    continue;
                }
                if (fragment && resolved.endsWith(".md") && !anchorsOf(fs.readFileSync(resolved, "utf8")).has(fragment)) {
                    broken.push(`${link}: no heading #${fragment}`);
                }
            }
            expect(broken).to.deep.equal([]);
        });
    }
});
