/**
 * The JSON Schemas in schema/ are the one description of each resource's inputs. This module
 * walks a schema alongside a value, so that key translation (camelCase <-> AWS), default filling
 * and comparison normalization all follow the same shape instead of hand-written copies of it.
 */

/** The subset of JSON Schema (draft-07) plus this project's `x-` annotations that the walkers read. */
export interface SchemaNode {
    $ref?: string;
    type?: string | string[];
    title?: string;
    description?: string;
    properties?: Record<string, SchemaNode>;
    additionalProperties?: boolean | SchemaNode;
    items?: SchemaNode;
    required?: string[];
    enum?: unknown[];
    default?: unknown;
    definitions?: Record<string, SchemaNode>;
    /** AWS member name, when it is not the property name with its first letter upper-cased. */
    "x-aws-name"?: string;
    /** A change to this top-level property replaces the resource. */
    "x-replace"?: boolean;
    /** An array whose order AWS does not keep: compared as a set. */
    "x-set"?: boolean;
    /** Deprecated alias: the path of the member that replaces it. */
    "x-deprecated"?: string;
    /** Used by the provider itself, never sent to AWS as a request member. */
    "x-provider-only"?: boolean;
    /** An object whose presence is a setting of its own: `{}` means on, absent means off. */
    "x-presence"?: boolean;
    /** Whether a change replaces the resource, for documentation of properties handled in code. */
    "x-replace-note"?: string;
    [keyword: string]: unknown;
}

export type PlainObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is PlainObject {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Follows `$ref` (only local `#/definitions/...` references are used in this project). */
export function resolve(root: SchemaNode, node: SchemaNode): SchemaNode {
    let current = node;
    for (let depth = 0; current.$ref !== undefined; depth++) {
        if (depth > 16) throw new Error(`schema reference loop at ${node.$ref}`);
        const name = current.$ref.replace(/^#\/definitions\//, "");
        const target = root.definitions?.[name];
        if (!target) throw new Error(`schema reference ${current.$ref} not found`);
        current = target;
    }
    return current;
}

export function awsNameOf(property: string, node: SchemaNode): string {
    return node["x-aws-name"] ?? property.charAt(0).toUpperCase() + property.slice(1);
}

function isMap(node: SchemaNode): boolean {
    return node.properties === undefined && isPlainObject(node.additionalProperties as unknown);
}

/**
 * Walks `value` along `node`, rebuilding objects with keys chosen by `keyOf` and reading members
 * from the source key given by `sourceKeyOf`. Members the schema does not describe are dropped.
 */
function translate(
    root: SchemaNode,
    node: SchemaNode,
    value: unknown,
    sourceKeyOf: (property: string, child: SchemaNode) => string,
    targetKeyOf: (property: string, child: SchemaNode) => string,
    toAwsScalars = false,
): unknown {
    if (value === undefined || value === null) return undefined;
    const schema = resolve(root, node);
    const recurse = (child: SchemaNode, member: unknown) =>
        translate(root, child, member, sourceKeyOf, targetKeyOf, toAwsScalars);
    if (Array.isArray(value)) {
        const items = schema.items;
        return items ? value.map((item) => recurse(items, item)) : value;
    }
    if (isPlainObject(value)) {
        if (isMap(schema)) {
            const valueNode = schema.additionalProperties as SchemaNode;
            const out: Record<string, unknown> = {};
            for (const [key, member] of Object.entries(value)) {
                out[key] = recurse(valueNode, member);
            }
            return out;
        }
        if (!schema.properties) return value;
        const out: Record<string, unknown> = {};
        for (const [property, child] of Object.entries(schema.properties)) {
            const member = recurse(child, value[sourceKeyOf(property, child)]);
            if (member !== undefined) out[targetKeyOf(property, child)] = member;
        }
        return out;
    }
    // Constraint values are strings in the AWS API; programs may write them as numbers.
    if (toAwsScalars && typeof value === "number" && acceptsString(schema)) return String(value);
    return value;
}

/** Input shape (camelCase) -> AWS request shape. */
export function toAws(root: SchemaNode, node: SchemaNode, value: unknown): unknown {
    return translate(root, node, value, (p) => p, (p, child) => awsNameOf(p, child), true);
}

/** AWS response shape -> input shape (camelCase); members the schema does not model are dropped. */
export function fromAws(root: SchemaNode, node: SchemaNode, value: unknown): unknown {
    return translate(root, node, normalizeDates(value), (p, child) => awsNameOf(p, child), (p) => p);
}

function normalizeDates(value: unknown): unknown {
    if (value instanceof Date) return value.toISOString();
    return value;
}

/**
 * Fills the defaults of nested members the value leaves out, deeply, as AWS does when an object
 * is given without some of its members. The node's own default is not applied: whether an absent
 * top-level field means "reset" or "leave alone" is the caller's decision.
 */
export function withNestedDefaults(root: SchemaNode, node: SchemaNode, value: unknown): unknown {
    if (value === undefined || value === null) return value;
    const schema = resolve(root, node);
    if (Array.isArray(value)) {
        const items = schema.items;
        return items ? value.map((item) => withNestedDefaults(root, items, item)) : value;
    }
    if (isPlainObject(value) && schema.properties) {
        const out: Record<string, unknown> = { ...value };
        for (const [property, child] of Object.entries(schema.properties)) {
            const resolved = resolve(root, child);
            const member = out[property] ?? resolved.default;
            if (member !== undefined) out[property] = withNestedDefaults(root, child, member);
        }
        return out;
    }
    return value;
}

/**
 * The canonical form used by diff: defaults filled, sets sorted, numbers given as strings where
 * AWS uses strings, and empty lists/objects equal to absent (AWS reports them either way).
 * Members the schema does not model are dropped so they can never cause a diff. One pass, as
 * diff runs it for every declared field of every resource in a preview.
 *
 * `keepEmpty` keeps empty lists and objects: the form that can still be sent to AWS, where an
 * empty list can mean something (an empty AttributesRequireVerificationBeforeUpdate switches the
 * check off), for the inputs the engine stores (provider/userPool/storedInputs.ts).
 */
export function canonical(root: SchemaNode, node: SchemaNode, value: unknown, keepEmpty = false): unknown {
    if (value === undefined || value === null) return undefined;
    const schema = resolve(root, node);
    if (Array.isArray(value)) {
        const items = schema.items;
        const members: unknown[] = [];
        for (const item of value) {
            const member = items ? canonical(root, items, item, keepEmpty) : item;
            if (member !== undefined && member !== null) members.push(member);
        }
        if (members.length === 0) return keepEmpty ? [] : undefined;
        if (!schema["x-set"]) return members;
        // Canonical objects are built in schema (or sorted) key order, so JSON text is a stable key.
        const unique = new Map(members.map((m) => [JSON.stringify(m), m] as const));
        return [...unique.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, m]) => m);
    }
    if (isPlainObject(value)) {
        const out: Record<string, unknown> = {};
        let count = 0;
        if (isMap(schema)) {
            const valueNode = schema.additionalProperties as SchemaNode;
            for (const key of Object.keys(value).sort()) {
                const member = canonical(root, valueNode, value[key], keepEmpty);
                if (member !== undefined) (out[key] = member), count++;
            }
        } else if (schema.properties) {
            for (const [property, child] of propertiesOf(schema)) {
                // A member left out of a declared object means its default, filled here.
                const member = canonical(root, child, value[property] ?? resolve(root, child).default, keepEmpty);
                if (member !== undefined) (out[property] = member), count++;
            }
        } else {
            return value;
        }
        // An object whose presence is itself the setting (`x-presence`: email MFA is on as `{}`)
        // stays an object when empty, so that on and off never compare equal.
        return count === 0 && !keepEmpty && schema["x-presence"] !== true ? undefined : out;
    }
    // Constraint values are strings in the AWS API; programs may write them as numbers.
    if (typeof value === "number" && acceptsString(schema)) return String(value);
    return value;
}

const propertyEntries = new WeakMap<SchemaNode, Array<[string, SchemaNode]>>();

function propertiesOf(schema: SchemaNode): Array<[string, SchemaNode]> {
    let entries = propertyEntries.get(schema);
    if (!entries) {
        entries = Object.entries(schema.properties ?? {});
        propertyEntries.set(schema, entries);
    }
    return entries;
}

function acceptsString(schema: SchemaNode): boolean {
    if (Array.isArray(schema.anyOf)) return (schema.anyOf as SchemaNode[]).some(acceptsString);
    return Array.isArray(schema.type) ? schema.type.includes("string") : schema.type === "string";
}

/** Structural equality of two canonical forms (object keys come in schema or sorted order). */
function canonicalEqual(a: unknown, b: unknown): boolean {
    if (a === b) return true;
    if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((m, i) => canonicalEqual(m, b[i]));
    if (isPlainObject(a) && isPlainObject(b)) {
        const keys = Object.keys(a);
        return keys.length === Object.keys(b).length && keys.every((k) => canonicalEqual(a[k], b[k]));
    }
    return false;
}

export function stableStringify(value: unknown): string {
    if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
    if (isPlainObject(value)) {
        return `{${Object.keys(value)
            .sort()
            .map((k) => `${JSON.stringify(k)}:${stableStringify(value[k])}`)
            .join(",")}}`;
    }
    return JSON.stringify(value) ?? "undefined";
}

export function sameCanonical(root: SchemaNode, node: SchemaNode, a: unknown, b: unknown): boolean {
    return canonicalEqual(canonical(root, node, a), canonical(root, node, b));
}
