import type { ErrorObject, ValidateFunction } from "ajv";
import { isPlainObject, resolve, SchemaNode } from "./schema";
import { UNKNOWN, unknownPointers } from "./unknowns";

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
export function describeValue(value: unknown): string {
    if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
    if (typeof value === "string") return `a string of ${value.length} character${value.length === 1 ? "" : "s"}`;
    if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? "" : "s"}`;
    if (typeof value === "object") return "an object";
    return value === undefined ? "nothing" : typeof value;
}

function unescapePointer(segment: string): string {
    return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

function valueAt(root: unknown, pointer: string): unknown {
    let current = root;
    for (const raw of pointer.split("/").slice(1)) {
        const key = unescapePointer(raw);
        if (Array.isArray(current)) current = current[Number(key)];
        else if (isPlainObject(current)) current = current[key];
        else return undefined;
    }
    return current;
}

/** Keywords that step from a value to one of its members: the schema after them describes another value. */
const MEMBER_KEYWORDS = new Set(["items", "additionalProperties", "propertyNames"]);
const NAMED_MEMBER_KEYWORDS = new Set(["properties", "definitions", "patternProperties"]);
const BRANCH_KEYWORDS = new Set(["anyOf", "oneOf", "allOf"]);

/** Where an error's keyword sits: the schema nodes that describe the failing value, outermost first. */
interface Location {
    /** The node that holds the failing keyword. */
    node: SchemaNode;
    /** Every node describing the same value (a property and the branches of its anyOf). */
    nodes: SchemaNode[];
    /** The node with the failing keyword describes the keys of a map, not a value. */
    keys: boolean;
}

function locate(root: SchemaNode, schemaPath: string): Location {
    // ajv's schemaPath ends with the keyword (`#/properties/policies/additionalProperties`).
    const segments = schemaPath.replace(/^#/, "").split("/").slice(1, -1).map(unescapePointer);
    let node: SchemaNode = root;
    let nodes: SchemaNode[] = [root];
    let keys = false;
    const step = (next: unknown): boolean => {
        if (!isPlainObject(next)) return false;
        node = resolve(root, next as SchemaNode);
        return true;
    };
    for (let i = 0; i < segments.length; i++) {
        const segment = segments[i];
        const container = (node as Record<string, unknown>)[segment];
        if (NAMED_MEMBER_KEYWORDS.has(segment)) {
            if (!isPlainObject(container) || !step(container[segments[++i]])) break;
            nodes = [node];
            keys = false;
        } else if (MEMBER_KEYWORDS.has(segment)) {
            if (!step(container)) break;
            nodes = [node];
            keys = segment === "propertyNames";
        } else if (BRANCH_KEYWORDS.has(segment)) {
            if (!Array.isArray(container) || !step(container[Number(segments[++i])])) break;
            nodes.push(node);
        } else {
            if (!step(container)) break;
            nodes.push(node);
        }
    }
    return { node, nodes, keys };
}

/** `x-rule`: the rule a value breaks, in words, written next to the constraints it explains. */
function ruleOf(location: Location): string | undefined {
    for (const node of location.nodes) {
        if (typeof node["x-rule"] === "string") return node["x-rule"];
    }
    return undefined;
}

const TYPE_WORDS: Record<string, string> = {
    string: "a string",
    integer: "a whole number",
    number: "a number",
    boolean: "true or false",
    object: "an object",
    array: "a list",
    null: "null",
};

function typeWords(type: unknown): string {
    const types = Array.isArray(type) ? type : String(type).split(",");
    return types.map((t) => TYPE_WORDS[String(t)] ?? String(t)).join(" or ");
}

function plural(count: number, noun: string): string {
    return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function numberOr(node: SchemaNode, keyword: string): number | undefined {
    const value = node[keyword];
    return typeof value === "number" ? value : undefined;
}

/** "from 6 to 99", "more than 0 and at most 1440", "at least 1": the range a node allows. */
function rangeWords(node: SchemaNode): string {
    const min = numberOr(node, "minimum");
    const above = numberOr(node, "exclusiveMinimum");
    const max = numberOr(node, "maximum");
    const below = numberOr(node, "exclusiveMaximum");
    if (min !== undefined && max !== undefined) return `from ${min} to ${max}`;
    const lower = min !== undefined ? `at least ${min}` : above !== undefined ? `more than ${above}` : undefined;
    const upper = max !== undefined ? `at most ${max}` : below !== undefined ? `less than ${below}` : undefined;
    return [lower, upper].filter((part) => part !== undefined).join(" and ");
}

function countWords(min: number | undefined, max: number | undefined, noun: string): string {
    if (min !== undefined && max !== undefined) return min === max ? plural(min, noun) : `${min} to ${max} ${noun}s`;
    if (min !== undefined) return `at least ${plural(min, noun)}`;
    return `at most ${plural(max ?? 0, noun)}`;
}

/** The rule in words for a keyword that has no `x-rule`, from the constraints of the node that failed. */
function keywordRule(error: ErrorObject, node: SchemaNode): string {
    switch (error.keyword) {
        case "type": {
            const range = rangeWords(node);
            return `must be ${typeWords(error.params.type)}${range === "" ? "" : ` ${range}`}`;
        }
        case "minLength":
        case "maxLength": {
            const min = numberOr(node, "minLength");
            const max = numberOr(node, "maxLength");
            if (min === 1 && max === undefined) return "must not be empty";
            return `must be ${countWords(min, max, "character")} long`;
        }
        case "minimum":
        case "maximum":
        case "exclusiveMinimum":
        case "exclusiveMaximum":
            return `must be ${rangeWords(node)}`;
        case "minItems":
        case "maxItems":
            return `must list ${countWords(numberOr(node, "minItems"), numberOr(node, "maxItems"), "item")}`;
        case "minProperties":
        case "maxProperties":
            return `must have ${countWords(numberOr(node, "minProperties"), numberOr(node, "maxProperties"), "entry").replace(/entrys/g, "entries")}`;
        case "uniqueItems": {
            const [first, second] = [Number(error.params.i), Number(error.params.j)].sort((a, b) => a - b);
            return `must not list the same value twice, but items ${first} and ${second} are the same`;
        }
        default:
            // Every keyword the schemas use is worded above or has an x-rule (tests/unit/schema.test.ts checks it).
            return "is not valid";
    }
}

export function failureFor(error: ErrorObject, root: SchemaNode, value: unknown): CheckFailure {
    const path = pointerToPath(error.instancePath);
    const name = path || "inputs";
    const given = valueAt(value, error.instancePath);
    const got = describeValue(given);
    switch (error.keyword) {
        case "additionalProperties": {
            const property = String(error.params.additionalProperty);
            const allowed = Object.keys(locate(root, error.schemaPath).node.properties ?? {});
            const guess = didYouMean(property, allowed);
            const where = path === "" ? "" : ` in ${path}`;
            return {
                property: joinPath(path, property),
                reason: `unknown property "${property}"${where}${guess ? `; did you mean "${guess}"?` : ""}`,
            };
        }
        case "required": {
            const member = joinPath(path, String(error.params.missingProperty));
            return { property: member, reason: `${member} is required` };
        }
        case "enum": {
            // Enum values are settings, not secrets: quoting the bad one helps spot the typo.
            const shown = typeof given === "string" && given.length <= 40 ? JSON.stringify(given) : got;
            const allowed = (error.params.allowedValues as unknown[]).map(String);
            const list = allowed.length === 2 ? allowed.join(" or ") : `one of ${allowed.join(", ")}`;
            const guess = typeof given === "string" && given.length <= 40 ? didYouMean(given, allowed) : undefined;
            return { property: path, reason: `${name} must be ${list} (got ${shown})${guess !== undefined ? `; did you mean "${guess}"?` : ""}` };
        }
        default: {
            const location = locate(root, error.schemaPath);
            const rule = ruleOf(location) ?? keywordRule(error, location.node);
            if (location.keys) {
                const key = typeof error.params.propertyName === "string" ? error.params.propertyName : "";
                return { property: path, reason: `${name} keys ${rule} (got a key of ${plural(key.length, "character")})` };
            }
            // A repeated item is named by position: the list itself is not the problem.
            const shown = error.keyword === "uniqueItems" && ruleOf(location) === undefined ? "" : ` (got ${got})`;
            return { property: path, reason: `${name} ${rule}${shown}` };
        }
    }
}

/** Keywords whose error only repeats the errors of its branches or members. */
const SUMMARY_KEYWORDS = new Set(["anyOf", "oneOf", "if", "propertyNames"]);

/**
 * Keywords whose failure leaves the rest of the value usable by the cross-field rules: a missing
 * member reads as absent, and an unknown member is never read.
 */
const KEEPS_VALUE = new Set(["required", "additionalProperties"]);

/** `value` with the value at each pointer replaced, copying only along the way. */
function replaceAt(value: unknown, keys: string[], replacement: unknown): unknown {
    if (keys.length === 0) return replacement;
    const [key, ...rest] = keys;
    if (Array.isArray(value)) {
        const index = Number(key);
        if (!Number.isInteger(index) || index < 0 || index >= value.length) return value;
        const copy = value.slice();
        copy[index] = replaceAt(value[index], rest, replacement);
        return copy;
    }
    if (isPlainObject(value) && Object.prototype.hasOwnProperty.call(value, key)) {
        return { ...value, [key]: replaceAt(value[key], rest, replacement) };
    }
    return value;
}

export interface SchemaCheck {
    /** One failure per property and rule. */
    failures: CheckFailure[];
    /**
     * The value with each part the schema refused replaced by the preview-time unknown, which
     * every cross-field rule already leaves alone: the rules run beside the schema's failures on
     * the well-formed rest, without reading (or crashing on) the malformed parts.
     */
    wellFormed: unknown;
}

/**
 * Validates `value` with the validator compiled ahead of time from `schema` (scripts/generate.js
 * writes it; `schema` is still needed to word the failures). Errors at or below a preview-time
 * unknown are dropped (the real value is checked again at `pulumi up`), as are required-member
 * errors of objects that contain unknowns. Never throws for any input.
 */
export function validateAgainstSchema(schema: SchemaNode, validate: ValidateFunction, value: unknown): SchemaCheck {
    if (validate(value)) return { failures: [], wellFormed: value };
    const unknowns = unknownPointers(value);
    const underUnknown = (pointer: string) => unknowns.some((u) => pointer === u || pointer.startsWith(`${u}/`));
    const failures: CheckFailure[] = [];
    const seen = new Set<string>();
    let wellFormed: unknown = value;
    for (const error of validate.errors ?? []) {
        if (underUnknown(error.instancePath)) continue;
        if (!KEEPS_VALUE.has(error.keyword) && error.instancePath !== "") {
            wellFormed = replaceAt(wellFormed, error.instancePath.split("/").slice(1).map(unescapePointer), UNKNOWN);
        }
        // One failure per path and rule: `anyOf` branches and several broken constraints of one
        // value (too short and not matching its pattern) otherwise repeat themselves.
        if (SUMMARY_KEYWORDS.has(error.keyword)) continue;
        const failure = failureFor(error, schema, value);
        const key = `${failure.property}\u0000${failure.reason}`;
        if (seen.has(key)) continue;
        seen.add(key);
        failures.push(failure);
    }
    return { failures, wellFormed };
}

/** `schema[0].name` is at or below `schema[0]` and `schema`, not below `schemaAttributes`. */
function atOrBelow(property: string, ancestor: string): boolean {
    if (ancestor === "") return true;
    return property === ancestor || property.startsWith(`${ancestor}.`) || property.startsWith(`${ancestor}[`);
}

/**
 * Every problem at once, each property once: a cross-field rule stays quiet about a property
 * (or a member of one) that the schema already refused, where both would describe one mistake.
 */
export function combineFailures(schemaFailures: CheckFailure[], ruleFailures: CheckFailure[]): CheckFailure[] {
    const covered = (property: string) => schemaFailures.some((f) => f.property !== "" && atOrBelow(property, f.property));
    return [...schemaFailures, ...ruleFailures.filter((f) => !covered(f.property))];
}
