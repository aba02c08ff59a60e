/**
 * The drift report: field by field, what a program declares against what the pool has, compared
 * exactly as diff compares them. Pure: the caller describes the pool (find + flatten) and passes
 * the flattened outputs. Nothing here normalizes on its own: values go through `canonical()` and
 * schema attributes through `schemaChanges()`, the functions planUserPool uses.
 */
import { canonical, isPlainObject, stableStringify } from "../shared/schema";
import type { UserPoolInputs } from "./expand";
import { aliasFields, fieldSchema, immutableFields, inputFields, userPoolSchema } from "./model";
import { attributeKey, isCustom, liveAttributesByKey, schemaChanges } from "./schemaAttributes";
import { canonicalInputs } from "./validate";

export type DriftStatus = "same" | "differs" | "not declared";

/** One leaf where the declared and live (canonical) values disagree: `passwordPolicy.minimumLength`. */
export interface DriftDetail {
    path: string;
    declared: unknown;
    live: unknown;
}

export interface DriftRow {
    /** A top-level input (`policies`), or one schema attribute (`schema[tenant]`). */
    field: string;
    /** The declared value in the form diff compares (defaults filled, sets sorted); undefined when not declared. */
    declared: unknown;
    /** The live value in the form diff compares; undefined when the pool does not have it. */
    live: unknown;
    status: DriftStatus;
    /** Set on differing rows that `pulumi up` can only apply by replacing the pool. */
    replaces?: boolean;
    /** On differing rows: the leaves that differ. */
    details?: DriftDetail[];
}

function attributeName(attribute: unknown): string | undefined {
    return isPlainObject(attribute) && typeof attribute.name === "string" ? attribute.name : undefined;
}

/**
 * Rows for the schema: one per declared attribute (named as declared), and one per live custom
 * attribute not declared (named as AWS names it, so `custom:custom:tenant` shows as it is).
 */
function schemaRows(declared: unknown, liveAttributes: unknown): DriftRow[] {
    const live = liveAttributesByKey(liveAttributes);
    const rows: DriftRow[] = [];
    const declaredKeys = new Set<string>();
    for (const attribute of Array.isArray(declared) ? declared : []) {
        const name = attributeName(attribute) ?? "(unnamed)";
        declaredKeys.add(attributeKey(name));
        const current = live.get(attributeKey(name));
        // The same comparison diff makes: absent -> added in place; different -> replaces the pool.
        const changes = schemaChanges([attribute], undefined, liveAttributes);
        const differs = changes.added.length > 0 || changes.changed.length > 0;
        rows.push({
            field: `schema[${name}]`,
            declared: attribute,
            live: current,
            status: differs ? "differs" : "same",
            ...(differs ? { replaces: changes.changed.length > 0, details: leafDifferences(attribute, current, true) } : {}),
        });
    }
    for (const [key, attribute] of live) {
        if (declaredKeys.has(key) || !isCustom(key)) continue;
        rows.push({ field: `schema[${attributeName(attribute) ?? key}]`, declared: undefined, live: attribute, status: "not declared" });
    }
    return rows;
}

/**
 * Leaves of `declared` and `live` that differ, as dotted paths. With `declaredOnly`, members the
 * declaration leaves out are not compared (schema attributes: AWS fills those in).
 */
export function leafDifferences(declared: unknown, live: unknown, declaredOnly = false, path = ""): DriftDetail[] {
    if (isPlainObject(declared) && isPlainObject(live)) {
        const keys = new Set([...Object.keys(declared), ...(declaredOnly ? [] : Object.keys(live))]);
        return [...keys].sort().flatMap((key) =>
            key === "name" && declaredOnly ? [] : leafDifferences(declared[key], live[key], declaredOnly, path === "" ? key : `${path}.${key}`),
        );
    }
    if (declaredOnly && (declared === undefined || declared === null)) return [];
    const same = typeof declared === "number" || typeof live === "number"
        ? String(declared) === String(live)
        : stableStringify(declared) === stableStringify(live);
    return same ? [] : [{ path, declared, live }];
}

/**
 * `declared`: the program's inputs (as check returns them, or raw: deprecated aliases are folded
 * the way check folds them). `live`: the pool's flattened outputs (flattenUserPool, as read
 * returns them), including `softwareTokenMfaConfiguration` when the caller read the MFA settings.
 */
export function driftReport(declared: UserPoolInputs, live: Record<string, unknown>): DriftRow[] {
    const inputs = canonicalInputs(declared);
    const rows: DriftRow[] = [];
    for (const field of inputFields) {
        if (aliasFields.includes(field)) continue;
        if (field === "schema") {
            rows.push(...schemaRows(inputs.schema, live.schemaAttributes));
            continue;
        }
        if (field === "region") {
            // Compared as diff compares it: the region the pool lives in against the declared one.
            const declaredRegion = inputs.region;
            if (declaredRegion === undefined) {
                rows.push({ field, declared: undefined, live: live.region, status: "not declared" });
            } else {
                const same = declaredRegion === live.region;
                rows.push({
                    field,
                    declared: declaredRegion,
                    live: live.region,
                    status: same ? "same" : "differs",
                    ...(same ? {} : { replaces: true, details: [{ path: "", declared: declaredRegion, live: live.region }] }),
                });
            }
            continue;
        }
        const node = fieldSchema(field);
        const liveValue = canonical(userPoolSchema, node, live[field]);
        if (inputs[field] === undefined) {
            rows.push({ field, declared: undefined, live: liveValue, status: "not declared" });
            continue;
        }
        const declaredValue = canonical(userPoolSchema, node, inputs[field]);
        const same = stableStringify(declaredValue) === stableStringify(liveValue);
        rows.push({
            field,
            declared: declaredValue,
            live: liveValue,
            status: same ? "same" : "differs",
            ...(same ? {} : { replaces: immutableFields.includes(field), details: leafDifferences(declaredValue, liveValue) }),
        });
    }
    return rows;
}

/** Fields (top-level inputs; `schema` for any attribute) whose row differs. */
export function driftedFields(rows: DriftRow[]): string[] {
    const fields = rows.filter((r) => r.status === "differs").map((r) => (r.field.startsWith("schema[") ? "schema" : r.field));
    return [...new Set(fields)].sort();
}

function compact(value: unknown): string {
    if (value === undefined) return "-";
    return typeof value === "string" ? JSON.stringify(value) : stableStringify(value);
}

function clip(text: string, width: number): string {
    return text.length <= width ? text : `${text.slice(0, Math.max(1, width - 1))}…`;
}

/**
 * The report as a table for people: one line per field (declared vs live, nested values as
 * compact JSON), and under each differing field the leaves that differ. Declared fields come
 * first; fields the program does not declare follow when the pool has a value for them.
 */
export function formatDriftReport(rows: DriftRow[], options: { width?: number; declaredOnly?: boolean } = {}): string {
    const width = options.width ?? 48;
    const declared = rows.filter((r) => r.status !== "not declared");
    const undeclared = options.declaredOnly ? [] : rows.filter((r) => r.status === "not declared" && r.live !== undefined);
    const shown = [...declared, ...undeclared];
    const fieldWidth = Math.max(5, ...shown.flatMap((r) => [r.field.length, ...(r.details ?? []).map((d) => d.path.length + 3)]));
    const statusOf = (r: DriftRow) => (r.status === "differs" && r.replaces ? "differs (replaces)" : r.status);
    const statusWidth = Math.max(6, ...shown.map((r) => statusOf(r).length));
    const line = (field: string, status: string, declared: string, live: string) =>
        `${field.padEnd(fieldWidth)}  ${status.padEnd(statusWidth)}  ${declared.padEnd(width)}  ${live}`.trimEnd();
    const out = [line("FIELD", "STATUS", "DECLARED", "LIVE")];
    for (const row of shown) {
        out.push(line(row.field, statusOf(row), clip(compact(row.declared), width), clip(compact(row.live), width)));
        for (const detail of row.details ?? []) {
            if (detail.path === "") continue;
            out.push(line(`  .${detail.path}`, "", clip(compact(detail.declared), width), clip(compact(detail.live), width)));
        }
    }
    return out.join("\n");
}
