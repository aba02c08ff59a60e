import type { ErrorObject, ValidateFunction } from "ajv";
import { isPlainObject, resolve, SchemaNode } from "./schema";
import { unknownPointers } from "./unknowns";

/** A check failure as Pulumi reports it: the property path and one sentence saying the rule. */
export interface CheckFailure {
    property: string;
    reason: string;
}


/** `/policies/passwordPolicy/minimumLength` -> `policies.passwordPolicy.minimumLength`, `/schema/0/name` -> `schema[0].name`. */
export function pointerToPath(pointer: string): string {
    let path = "";
    for (const raw of pointer.split("/").slice(1)) {
        const segment = raw.replace(/~1/g, "/").replace(/~0/g, "~");
        path += /^\d+$/.test(segment) ? `[${segment}]` : path === "" ? segment : `.${segment}`;
    }
    return path;
}

function joinPath(parent: string, child: string): string {
    return parent === "" ? child : `${parent}.${child}`;
}

/** Edit distance, for "did you mean" on misspelled property names. */
function distance(a: string, b: string): number {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        let diagonal = row[0];
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const above = row[j];
            row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
            diagonal = above;
        }
    }
    return row[b.length];
}

export function didYouMean(name: string, candidates: string[]): string | undefined {
    let best: { candidate: string; score: number } | undefined;
    for (const candidate of candidates) {
        const score = distance(name.toLowerCase(), candidate.toLowerCase());
        if (!best || score < best.score) best = { candidate, score };
    }
    return best && best.score <= Math.max(2, Math.floor(name.length / 3)) ? best.candidate : undefined;
}

/**
 * What the program gave, for the error message. Strings and objects are described, not quoted:
 * a failing value may be a secret (an external id, a key), and check failures are shown and logged.
 */
function describeValue(value: unknown): string {
    if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
    if (typeof value === "string") return `a string of ${value.length} characters`;
    if (Array.isArray(value)) return `a list of ${value.length} items`;
    return typeof value === "object" ? "an object" : typeof value;
}

function valueAt(root: unknown, pointer: string): unknown {
    let current = root;
    for (const raw of pointer.split("/").slice(1)) {
        const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
        if (Array.isArray(current)) current = current[Number(key)];
        else if (isPlainObject(current)) current = current[key];
        else return undefined;
    }
    return current;
}

function schemaAt(root: SchemaNode, schemaPath: string): SchemaNode | undefined {
    // ajv's schemaPath ends with the keyword (`#/properties/policies/additionalProperties`).
    let node: unknown = root;
    for (const raw of schemaPath.replace(/^#/, "").split("/").slice(1, -1)) {
        if (!isPlainObject(node)) return undefined;
        node = node[raw.replace(/~1/g, "/").replace(/~0/g, "~")];
    }
    return isPlainObject(node) ? resolve(root, node as SchemaNode) : undefined;
}

function failureFor(error: ErrorObject, root: SchemaNode, value: unknown): CheckFailure {
    const path = pointerToPath(error.instancePath);
    const got = describeValue(valueAt(value, error.instancePath));
    switch (error.keyword) {
        case "additionalProperties": {
            const name = String(error.params.additionalProperty);
            const allowed = Object.keys(schemaAt(root, error.schemaPath)?.properties ?? {});
            const guess = didYouMean(name, allowed);
            const where = path === "" ? "" : ` in ${path}`;
            return {
                property: joinPath(path, name),
                reason: `unknown property "${name}"${where}${guess ? `; did you mean "${guess}"?` : ""}`,
            };
        }
        case "required":
            return {
                property: joinPath(path, String(error.params.missingProperty)),
                reason: `${joinPath(path, String(error.params.missingProperty))} is required`,
            };
        case "enum": {
            // Enum values are settings, not secrets: quoting the bad one helps spot the typo.
            const given = valueAt(value, error.instancePath);
            const shown = typeof given === "string" && given.length <= 40 ? JSON.stringify(given) : got;
            return {
                property: path,
                reason: `${path} must be one of ${(error.params.allowedValues as unknown[]).map(String).join(", ")} (got ${shown})`,
            };
        }
        case "type":
            return { property: path, reason: `${path || "inputs"} must be of type ${String(error.params.type)} (got ${got})` };
        default:
            return { property: path, reason: `${path || "inputs"} ${error.message ?? "is invalid"} (got ${got})` };
    }
}

/**
 * Validates `value` with the validator compiled ahead of time from `schema` (scripts/generate.js
 * writes it; `schema` is still needed to word the failures). Errors at or below a preview-time unknown are dropped (the
 * real value is checked again at `pulumi up`), as are required-member errors of objects that
 * contain unknowns. Never throws for any input.
 */
export function validateAgainstSchema(schema: SchemaNode, validate: ValidateFunction, value: unknown): CheckFailure[] {
    if (validate(value)) return [];
    const unknowns = unknownPointers(value);
    const underUnknown = (pointer: string) => unknowns.some((u) => pointer === u || pointer.startsWith(`${u}/`));
    const failures: CheckFailure[] = [];
    const seen = new Set<string>();
    for (const error of validate.errors ?? []) {
        if (underUnknown(error.instancePath)) continue;
        // One failure per path and keyword: `anyOf`/`oneOf` branches otherwise repeat themselves.
        if (error.keyword === "anyOf" || error.keyword === "oneOf" || error.keyword === "if") continue;
        const failure = failureFor(error, schema, value);
        const key = `${failure.property}\u0000${failure.reason}`;
        if (seen.has(key)) continue;
        seen.add(key);
        failures.push(failure);
    }
    return failures;
}
