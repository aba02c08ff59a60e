#!/usr/bin/env node
/**
 * Generates the TypeScript input types (with JSDoc from the schema descriptions) from the JSON
 * Schemas in schema/, so the shapes are written once. `--check` fails if the committed files
 * are stale (run by the test suite).
 */
const fs = require("fs");
const path = require("path");
const { compile } = require("json-schema-to-typescript");

const root = path.resolve(__dirname, "..");
const targets = [
    { schema: "schema/user-pool.schema.json", out: "provider/userPool/inputs.generated.ts" },
    { schema: "schema/user-pool-domain.schema.json", out: "provider/userPoolDomain/inputs.generated.ts" },
];

const banner = `/* eslint-disable */
/**
 * Generated from the JSON Schema by scripts/generate-types.js (npm run generate). Do not edit:
 * change the schema and regenerate.
 */`;

/** Drops this project's annotations, which json-schema-to-typescript would otherwise copy into the types. */
function withoutAnnotations(node) {
    if (Array.isArray(node)) return node.map(withoutAnnotations);
    if (node && typeof node === "object") {
        const out = {};
        for (const [key, value] of Object.entries(node)) {
            if (key.startsWith("x-")) continue;
            out[key] = key === "default" ? value : withoutAnnotations(value);
        }
        return out;
    }
    return node;
}

async function main() {
    const check = process.argv.includes("--check");
    let stale = [];
    for (const target of targets) {
        const schemaPath = path.join(root, target.schema);
        if (!fs.existsSync(schemaPath)) continue;
        const schema = withoutAnnotations(JSON.parse(fs.readFileSync(schemaPath, "utf8")));
        const text = await compile(schema, schema.title, {
            bannerComment: banner,
            additionalProperties: false,
            strictIndexSignatures: true,
            ignoreMinAndMaxItems: true,
            style: { singleQuote: false, tabWidth: 4, printWidth: 120 },
        });
        const outPath = path.join(root, target.out);
        const current = fs.existsSync(outPath) ? fs.readFileSync(outPath, "utf8") : "";
        if (current === text) continue;
        if (check) stale.push(target.out);
        else {
            fs.mkdirSync(path.dirname(outPath), { recursive: true });
            fs.writeFileSync(outPath, text);
            console.log(`wrote ${target.out}`);
        }
    }
    if (stale.length > 0) {
        console.error(`stale generated types: ${stale.join(", ")}; run npm run generate`);
        process.exit(1);
    }
}

main().catch((error) => {
    console.error(error);
    process.exit(1);
});
