#!/usr/bin/env node
/**
 * Generates, from the JSON Schemas in schema/ (the one description of each resource's inputs):
 * the TypeScript input types with JSDoc, and the input reference under docs/. `--check` fails
 * if a committed file is stale (the test suite runs it).
 */
const fs = require("fs");
const path = require("path");
const { compile } = require("json-schema-to-typescript");
const Ajv = require("ajv").default;
const standaloneCode = require("ajv/dist/standalone").default;

const root = path.resolve(__dirname, "..");
const targets = [
    {
        schema: "schema/user-pool.schema.json",
        out: "provider/userPool/inputs.generated.ts",
        validator: "provider/userPool/schemaValidator.generated.ts",
        docs: "docs/user-pool.md",
        resource: "UserPool",
    },
    {
        schema: "schema/user-pool-domain.schema.json",
        out: "provider/userPoolDomain/inputs.generated.ts",
        validator: "provider/userPoolDomain/schemaValidator.generated.ts",
        docs: "docs/user-pool-domain.md",
        resource: "UserPoolDomain",
    },
];

const banner = `/* eslint-disable */
/**
 * Generated from the JSON Schema by scripts/generate.js (npm run generate). Do not edit:
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

function resolveRef(schema, node) {
    while (node && node.$ref) node = schema.definitions[node.$ref.replace("#/definitions/", "")];
    return node;
}

function typeOf(schema, node) {
    node = resolveRef(schema, node);
    if (node.enum) return node.enum.map((v) => `\`${JSON.stringify(v)}\``).join(" \\| ");
    if (node.anyOf) return node.anyOf.map((n) => typeOf(schema, n)).join(" \\| ");
    if (node.type === "array") return `list of ${typeOf(schema, node.items)}${node["x-set"] ? " (a set: order ignored)" : ""}`;
    if (node.type === "object" && !node.properties && node.additionalProperties) return "map of string";
    return node.type || "any";
}

function replaceNote(path, node) {
    if (node["x-replace-note"]) return node["x-replace-note"];
    if (node["x-replace"]) return "**replaces**";
    if (path === "schema") return "adding: in place; changing or removing an attribute: **replaces**";
    return "in place";
}

/** One row per input at every depth: path, type, default, what a change does, description. */
function referenceRows(schema, node, prefix, depth) {
    const rows = [];
    node = resolveRef(schema, node);
    const required = new Set(node.required || []);
    for (const [name, child] of Object.entries(node.properties || {})) {
        const resolved = resolveRef(schema, child);
        const path = prefix ? `${prefix}.${name}` : name;
        const description = (child.description || resolved.description || "").replace(/\|/g, "\\|").replace(/\n/g, " ");
        const dflt = resolved.default !== undefined ? `\`${JSON.stringify(resolved.default)}\`` : "";
        rows.push(`| \`${path}\`${required.has(name) ? " (required)" : ""} | ${typeOf(schema, child)} | ${dflt} | ${depth === 0 ? replaceNote(path, resolved) : ""} | ${description} |`);
        const items = resolved.type === "array" ? resolveRef(schema, resolved.items) : undefined;
        if (resolved.properties) rows.push(...referenceRows(schema, resolved, path, depth + 1));
        else if (items && items.properties) rows.push(...referenceRows(schema, items, `${path}[]`, depth + 1));
    }
    return rows;
}

function referenceDoc(schema, target) {
    return [
        `# ${target.resource} inputs`,
        "",
        `Generated from \`${target.schema}\` by \`npm run generate\`; do not edit by hand.`,
        "",
        resolveRef(schema, schema).description || "",
        "",
        "*Default*: on a top-level input, the value the provider sends to reset the setting when a program stops declaring it; on a nested member, the value assumed when the member is left out of a declared object (the provider sends it explicitly). *On change*: whether changing a top-level input updates the resource in place or replaces it.",
        "",
        "| Input | Type | Default | On change | Description |",
        "| --- | --- | --- | --- | --- |",
        ...referenceRows(schema, schema, "", 0),
        "",
    ].join("\n");
}

/** Every `x-` annotation the schema uses, registered so ajv's strict mode accepts them. */
function annotations(node, found = new Set()) {
    if (Array.isArray(node)) node.forEach((n) => annotations(n, found));
    else if (node && typeof node === "object") {
        for (const [key, value] of Object.entries(node)) {
            if (key.startsWith("x-")) found.add(key);
            else annotations(value, found);
        }
    }
    return found;
}

/**
 * The ajv validator compiled ahead of time: compiling the schema on the first check of every
 * provider process cost about 130 ms of each preview. Same options as provider/shared/validate.ts.
 */
function validatorModule(raw) {
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, code: { source: true } });
    ajv.addVocabulary([...annotations(raw)]);
    const code = standaloneCode(ajv, ajv.compile(raw));
    return `// @ts-nocheck\n/* eslint-disable */\n// Generated by scripts/generate.js from the JSON Schema (ajv standalone code). Do not edit.\n${code}\n`;
}

function writeIfChanged(relative, text, check, stale) {
    const outPath = path.join(root, relative);
    const current = fs.existsSync(outPath) ? fs.readFileSync(outPath, "utf8") : "";
    if (current === text) return;
    if (check) stale.push(relative);
    else {
        fs.mkdirSync(path.dirname(outPath), { recursive: true });
        fs.writeFileSync(outPath, text);
        console.log(`wrote ${relative}`);
    }
}

async function main() {
    const check = process.argv.includes("--check");
    let stale = [];
    for (const target of targets) {
        const schemaPath = path.join(root, target.schema);
        if (!fs.existsSync(schemaPath)) continue;
        const raw = JSON.parse(fs.readFileSync(schemaPath, "utf8"));
        const schema = withoutAnnotations(raw);
        const text = await compile(schema, schema.title, {
            bannerComment: banner,
            additionalProperties: false,
            strictIndexSignatures: true,
            ignoreMinAndMaxItems: true,
            style: { singleQuote: false, tabWidth: 4, printWidth: 120 },
        });
        writeIfChanged(target.out, text, check, stale);
        writeIfChanged(target.validator, validatorModule(raw), check, stale);
        writeIfChanged(target.docs, referenceDoc(raw, target), check, stale);
    }
    if (stale.length > 0) {
        console.error(`stale generated files: ${stale.join(", ")}; run npm run generate`);
        process.exit(1);
    }
}

main().catch((error) => {
    console.error(error);
    process.exit(1);
});
