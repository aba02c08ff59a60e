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

const CUSTOM = "custom:";
const DEV = "dev:";

/**
 * The attribute a name stands for, as DescribeUserPool names it (without the `dev:` of
 * developer-only attributes, which is a setting of the attribute, not part of its identity).
 * A program may leave out the `custom:` prefix, so `tenant` and `custom:tenant` are one
 * attribute, `custom:tenant`. A name that already starts with `custom:` is taken as written:
 * `custom:custom:tenant` is the distinct attribute a tool that sent `custom:tenant` to AWS made
 * (AWS adds the prefix to whatever it is sent), and a pool that has it can only be matched
 * against that exact name. Live names and declared names go through this same function.
 */
export function attributeKey(name: string): string {
    const withoutDev = name.startsWith(DEV) ? name.slice(DEV.length) : name;
    if (withoutDev.startsWith(CUSTOM) || standardAttributes.has(withoutDev)) return withoutDev;
    return `${CUSTOM}${withoutDev}`;
}

export function isCustom(name: string): boolean {
    return attributeKey(name).startsWith(CUSTOM);
}

/**
 * The name CreateUserPool and AddCustomAttributes must be sent: AWS prefixes `custom:` to every
 * custom attribute name it is given, so sending `custom:tenant` would create
 * `custom:custom:tenant`, an attribute that can never be removed.
 */
export function requestName(name: string): string {
    const key = attributeKey(name);
    return key.startsWith(CUSTOM) ? key.slice(CUSTOM.length) : key;
}

/**
 * The shortest name a program can declare for a live attribute: the live name without `custom:`
 * (and `dev:`), unless dropping the prefix would name another attribute (`custom:custom:tenant`,
 * or a custom attribute spelled like a standard one), in which case the live name as it is.
 */
export function declarableName(liveName: string): string {
    const key = attributeKey(liveName);
    const short = requestName(key);
    return attributeKey(short) === key ? short : key;
}

function attributeName(attribute: unknown): string | undefined {
    return isPlainObject(attribute) && typeof attribute.name === "string" ? attribute.name : undefined;
}

function attributeKeyOf(attribute: unknown): string | undefined {
    const name = attributeName(attribute);
    return name === undefined ? undefined : attributeKey(name);
}

const text = (name: string, minLength = "0", maxLength = "2048", extra: PlainObject = {}): PlainObject => ({
    name,
    attributeDataType: "String",
    developerOnlyAttribute: false,
    mutable: true,
    required: false,
    stringAttributeConstraints: { minLength, maxLength },
    ...extra,
});
const flag = (name: string): PlainObject => ({ name, attributeDataType: "Boolean", developerOnlyAttribute: false, mutable: true, required: false });

/**
 * Every standard attribute as DescribeUserPool lists it (flattened) for a pool that never declared
 * it (cognito-behaviour.md, "Schema as DescribeUserPool reports it"). `identities` has no entry:
 * it appears only once an identity provider is linked.
 */
const standardDefaults = new Map<string, PlainObject>(
    [
        ...["address", "email", "family_name", "gender", "given_name", "locale", "middle_name", "name", "nickname", "phone_number"].map((n) => text(n)),
        ...["picture", "preferred_username", "profile", "website", "zoneinfo"].map((n) => text(n)),
        text("birthdate", "10", "10"),
        text("sub", "1", "2048", { mutable: false, required: true }),
        flag("email_verified"),
        flag("phone_number_verified"),
        { name: "updated_at", attributeDataType: "Number", developerOnlyAttribute: false, mutable: true, required: false, numberAttributeConstraints: { minValue: "0" } },
    ].map((attribute) => [String(attribute.name), attribute]),
);

/** Whether a live attribute is a standard one exactly as every pool has it unless told otherwise. */
export function isStandardDefault(attribute: unknown): boolean {
    const name = attributeName(attribute);
    const standard = name === undefined ? undefined : standardDefaults.get(name);
    return standard !== undefined && stableStringify(standard) === stableStringify(attribute);
}

/**
 * The schemaAttributes output: custom attributes and the standard ones a pool has differently
 * from the defaults. The other standard attributes are the same in every pool and were about
 * half of a pool's stored state, read and written for every resource of every preview;
 * liveAttributesByKey puts them back wherever attributes are compared.
 */
export function leanSchemaAttributes(attributes: unknown[]): unknown[] {
    return attributes.filter((attribute) => !isStandardDefault(attribute));
}

/**
 * Live attributes by attributeKey: the standard attributes at their defaults (which the
 * schemaAttributes output leaves out), then whatever the pool reported, which wins. A state
 * written before the output was lean lists every attribute and reads the same.
 */
export function liveAttributesByKey(liveAttributes: unknown): Map<string, unknown> {
    const live = new Map<string, unknown>(standardDefaults);
    for (const attribute of Array.isArray(liveAttributes) ? liveAttributes : []) {
        const key = attributeKeyOf(attribute);
        if (key !== undefined) live.set(key, attribute);
    }
    return live;
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
 * Attributes are matched by attributeKey; the lists name them as the programs wrote them.
 */
export function schemaChanges(declared: unknown, previouslyDeclared: unknown, liveAttributes: unknown): SchemaChanges {
    const changes: SchemaChanges = { added: [], changed: [], removed: [], unknown: [] };
    const live = liveAttributesByKey(liveAttributes);
    const declaredKeys = new Set<string>();
    for (const attribute of Array.isArray(declared) ? declared : []) {
        const name = attributeName(attribute);
        if (name === undefined || containsUnknown(attribute)) {
            changes.unknown.push(name !== undefined && !containsUnknown(name) ? name : "(unknown name)");
            continue;
        }
        const key = attributeKey(name);
        declaredKeys.add(key);
        const current = live.get(key);
        if (current === undefined) changes.added.push(attribute as PlainObject);
        else if (!declaredMembersMatch(attribute, current)) changes.changed.push(name);
    }
    if (changes.unknown.length === 0) {
        for (const attribute of Array.isArray(previouslyDeclared) ? previouslyDeclared : []) {
            const name = attributeName(attribute);
            if (name !== undefined && !declaredKeys.has(attributeKey(name))) changes.removed.push(name);
        }
    }
    return changes;
}

/** Number of custom attributes a schema input declares (AWS allows 50 per pool). */
export function customAttributeCount(declared: unknown): number {
    return (Array.isArray(declared) ? declared : []).filter((a) => {
        const name = attributeName(a);
        return name !== undefined && isCustom(name);
    }).length;
}
