/**
 * Schema attributes need their own comparison: DescribeUserPool lists every standard attribute
 * (declared or not) with AWS's defaults, names custom ones `custom:NAME` (developer-only
 * `dev:custom:NAME`), and fills constraints the program never gave. Comparing naively is the
 * classic perpetual diff, and a diff here means replacing the pool.
 */
import { isPlainObject, PlainObject, stableStringify } from "../shared/schema";
import { containsUnknown } from "../shared/unknowns";

export const standardAttributes = new Set([
    "address",
    "birthdate",
    "email",
    "email_verified",
    "family_name",
    "gender",
    "given_name",
    "identities",
    "locale",
    "middle_name",
    "name",
    "nickname",
    "phone_number",
    "phone_number_verified",
    "picture",
    "preferred_username",
    "profile",
    "sub",
    "updated_at",
    "website",
    "zoneinfo",
]);

/** `dev:custom:tenant`, `custom:tenant` and `tenant` all name the attribute `tenant`. */
export function bareName(name: string): string {
    const withoutDev = name.startsWith("dev:") ? name.slice(4) : name;
    return withoutDev.startsWith("custom:") ? withoutDev.slice(7) : withoutDev;
}

export function isCustom(name: string): boolean {
    return !standardAttributes.has(bareName(name));
}

function attributeName(attribute: unknown): string | undefined {
    return isPlainObject(attribute) && typeof attribute.name === "string" ? bareName(attribute.name) : undefined;
}

/** Every member the program declared must hold live; members it left out are AWS's to fill. */
function declaredMembersMatch(declared: unknown, live: unknown): boolean {
    if (isPlainObject(declared)) {
        if (!isPlainObject(live)) return false;
        return Object.entries(declared).every(([key, member]) =>
            key === "name" ? true : member === undefined || member === null || declaredMembersMatch(member, live[key]),
        );
    }
    if (typeof declared === "number" || typeof live === "number") return String(declared) === String(live);
    if (typeof declared !== "object" || typeof live !== "object") return declared === live;
    return stableStringify(declared) === stableStringify(live);
}

export interface SchemaChanges {
    /** Declared attributes the pool does not have yet: added in place with AddCustomAttributes. */
    added: PlainObject[];
    /** Declared attributes whose definition differs from the live one: AWS cannot modify them. */
    changed: string[];
    /** Attributes the previous program declared and this one does not: AWS cannot remove them. */
    removed: string[];
    /** Attributes whose definition is not known until `pulumi up`. */
    unknown: string[];
}

/**
 * `declared`: the schema input of the new program; `previouslyDeclared`: the schema the last
 * program declared; `liveAttributes`: every attribute as DescribeUserPool reports it (flattened).
 */
export function schemaChanges(declared: unknown, previouslyDeclared: unknown, liveAttributes: unknown): SchemaChanges {
    const changes: SchemaChanges = { added: [], changed: [], removed: [], unknown: [] };
    const live = new Map<string, unknown>();
    for (const attribute of Array.isArray(liveAttributes) ? liveAttributes : []) {
        const name = attributeName(attribute);
        if (name !== undefined) live.set(name, attribute);
    }
    const declaredNames = new Set<string>();
    for (const attribute of Array.isArray(declared) ? declared : []) {
        const name = attributeName(attribute);
        if (name === undefined || containsUnknown(attribute)) {
            changes.unknown.push(name ?? "(unknown name)");
            continue;
        }
        declaredNames.add(name);
        const current = live.get(name);
        if (current === undefined) changes.added.push(attribute as PlainObject);
        else if (!declaredMembersMatch(attribute, current)) changes.changed.push(name);
    }
    if (changes.unknown.length === 0) {
        for (const attribute of Array.isArray(previouslyDeclared) ? previouslyDeclared : []) {
            const name = attributeName(attribute);
            if (name !== undefined && !declaredNames.has(name)) changes.removed.push(name);
        }
    }
    return changes;
}

/** The declared attributes as the pool now has them, named as the program names them. */
export function declaredAttributesAsLive(declared: unknown, liveAttributes: unknown): unknown[] | undefined {
    if (!Array.isArray(declared)) return undefined;
    const live = new Map<string, unknown>();
    for (const attribute of Array.isArray(liveAttributes) ? liveAttributes : []) {
        const name = attributeName(attribute);
        if (name !== undefined) live.set(name, attribute);
    }
    return declared.map((attribute) => {
        const name = attributeName(attribute);
        const current = name === undefined ? undefined : live.get(name);
        return isPlainObject(current) && isPlainObject(attribute) ? { ...current, name: attribute.name } : attribute;
    });
}

/** Number of custom attributes a schema input declares (AWS allows 50 per pool). */
export function customAttributeCount(declared: unknown): number {
    return (Array.isArray(declared) ? declared : []).filter((a) => {
        const name = attributeName(a);
        return name !== undefined && isCustom(name);
    }).length;
}
