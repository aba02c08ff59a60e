/**
 * Adoption: a UserPool whose `adoptUserPoolId` is set takes over that existing pool at create
 * instead of making a new one, and `cognito-userpool-generate` prints the program that reproduces
 * an existing pool exactly. Pure: the callers describe the pool (find) and pass what AWS reported.
 *
 * Nothing here compares on its own: whether adoption would need a replacement comes from
 * planUserPool (the rules diff applies), and which declared fields differ from the pool from the
 * drift report (the same normalization), run against the pool as if no field had been declared.
 */
import type { GetUserPoolMfaConfigResponse, UserPoolType } from "@aws-sdk/client-cognito-identity-provider";
import { isPlainObject, PlainObject, sameCanonical, stableStringify } from "../shared/schema";
import { planUserPool, UserPoolPlan } from "./diff";
import { DriftRow, driftedFields, driftReport } from "./drift";
import type { UserPoolInputs } from "./expand";
import { flattenUserPool, UserPoolState } from "./flatten";
import { aliasFields, fieldSchema, inputFields, providerOnlyFields, resetValue, userPoolSchema } from "./model";
import { declarableName, isCustom } from "./schemaAttributes";

/**
 * The pool as the provider's outputs would show it if a program had declared nothing: the "old"
 * side of adoption. `mfa` (GetUserPoolMfaConfig) only when the program declares an MFA factor field.
 */
export function liveForAdoption(pool: UserPoolType, region: string, mfa?: GetUserPoolMfaConfigResponse): UserPoolState {
    return flattenUserPool(pool, { region, declaredFields: [], mfa });
}

export interface AdoptionPlan {
    /** planUserPool against the live pool with no field declared before. */
    plan: UserPoolPlan;
    /** The drift report of the program against the pool. */
    rows: DriftRow[];
    /** Declared fields whose value differs from the pool's: what adoption will change. */
    differingFields: string[];
    /** Set when adoption must not go ahead: the message to fail with. */
    blocker?: string;
}

function compact(value: unknown): string {
    if (value === undefined) return "nothing";
    return typeof value === "string" ? JSON.stringify(value) : stableStringify(value);
}

/** One line per field that would force a replacement: what the pool has against what the program declares. */
function mismatchLines(plan: UserPoolPlan, rows: DriftRow[]): string[] {
    const lines: string[] = [];
    for (const [field, reason] of plan.replaceReasons) {
        const shown = rows.filter((r) =>
            r.status === "differs" && r.replaces === true && (field === "schema" ? r.field.startsWith("schema[") : r.field === field),
        );
        if (shown.length === 0) {
            lines.push(`  - ${field}: ${reason}`);
            continue;
        }
        for (const row of shown) {
            lines.push(`  - ${row.field}: the pool has ${compact(row.live)}, the program declares ${compact(row.declared)} (${reason})`);
        }
    }
    return lines;
}

/**
 * What adopting `poolId` with `inputs` would do: refuse (a declared immutable field differs, so
 * only a replacement could apply it), or update `differingFields` in place.
 */
export function planAdoption(poolId: string, live: UserPoolState, inputs: UserPoolInputs, stackRegion?: string): AdoptionPlan {
    const plan = planUserPool(live, inputs, stackRegion);
    const rows = driftReport(inputs, live);
    const differingFields = driftedFields(rows);
    if (plan.replaceReasons.size === 0) return { plan, rows, differingFields };
    const blocker = [
        `cannot adopt user pool ${poolId} in ${String(live.region)}: the program declares ${plan.replaceReasons.size === 1 ? "a setting" : "settings"} ` +
            `that the pool has differently and that AWS can never change after creation. Adoption never replaces a pool ` +
            `(that would delete its users), so nothing was changed:`,
        ...mismatchLines(plan, rows),
        `Declare ${plan.replaceReasons.size === 1 ? "it" : "them"} as the pool has ${plan.replaceReasons.size === 1 ? "it" : "them"} ` +
            `(cognito-userpool-generate ${poolId} prints a program that matches the pool), or stop declaring ${plan.replaceReasons.size === 1 ? "it" : "them"}. ` +
            `To replace the pool deliberately, remove adoptUserPoolId so that a new pool is created.`,
    ].join("\n");
    return { plan, rows, differingFields, blocker };
}

/** AWS pool ids start with their region (`eu-west-1_AbCdEf123`). */
function regionOfPoolId(poolId: string): string | undefined {
    const prefix = poolId.split("_")[0];
    return /^[a-z]{2,}(-[a-z]+)+-\d+$/.test(prefix) ? prefix : undefined;
}

export function adoptionNotFoundMessage(poolId: string, region: string): string {
    const idRegion = regionOfPoolId(poolId);
    const hint = idRegion !== undefined && idRegion !== region
        ? ` The id looks like a pool in ${idRegion}: set the region input (or the stack's aws:region) to ${idRegion}.`
        : "";
    return (
        `cannot adopt user pool ${poolId}: DescribeUserPool finds no such pool in ${region}. Check adoptUserPoolId and the region ` +
        `(the region input, else the stack's aws:region).${hint} If the pool was deleted, remove adoptUserPoolId to create a new one.`
    );
}

// ---------------------------------------------------------------------------------------------
// The program that reproduces a pool (cognito-userpool-generate)

function isEmpty(value: unknown): boolean {
    return (Array.isArray(value) && value.length === 0) || (isPlainObject(value) && Object.keys(value).length === 0);
}

/** `"2048"` -> 2048 where the schema takes either and the number is exact; other values unchanged. */
function numeric(constraints: unknown): unknown {
    if (!isPlainObject(constraints)) return constraints;
    const out: PlainObject = {};
    for (const [key, value] of Object.entries(constraints)) {
        out[key] = typeof value === "string" && /^-?\d+$/.test(value) && Number.isSafeInteger(Number(value)) ? Number(value) : value;
    }
    return out;
}

/**
 * Schema attributes to declare: every custom attribute as the pool has it, named as a program
 * names it (without the custom: and dev: prefixes, unless dropping custom: would name another
 * attribute: a doubled `custom:custom:tenant` is declared as it is), and the standard attributes
 * whose settings are not AWS's defaults (required, or immutable), with only those settings. Other
 * standard attributes are left undeclared: AWS lists them for every pool and undeclared ones
 * never diff.
 */
export function schemaDeclarations(liveAttributes: unknown): PlainObject[] {
    const declarations: PlainObject[] = [];
    for (const attribute of Array.isArray(liveAttributes) ? liveAttributes : []) {
        if (!isPlainObject(attribute) || typeof attribute.name !== "string") continue;
        const name = declarableName(attribute.name);
        const declaration: PlainObject = { name, attributeDataType: attribute.attributeDataType };
        if (!isCustom(name)) {
            if (name === "sub" || (attribute.required !== true && attribute.mutable !== false)) continue;
            if (attribute.mutable !== undefined) declaration.mutable = attribute.mutable;
            if (attribute.required !== undefined) declaration.required = attribute.required;
            declarations.push(declaration);
            continue;
        }
        if (attribute.developerOnlyAttribute === true) declaration.developerOnlyAttribute = true;
        if (attribute.mutable !== undefined) declaration.mutable = attribute.mutable;
        if (attribute.required === true) declaration.required = true;
        if (attribute.numberAttributeConstraints !== undefined && !isEmpty(attribute.numberAttributeConstraints)) {
            declaration.numberAttributeConstraints = numeric(attribute.numberAttributeConstraints);
        }
        if (attribute.stringAttributeConstraints !== undefined && !isEmpty(attribute.stringAttributeConstraints)) {
            declaration.stringAttributeConstraints = numeric(attribute.stringAttributeConstraints);
        }
        declarations.push(declaration);
    }
    return declarations;
}

/**
 * UserPool inputs that reproduce `pool` exactly, with `adoptUserPoolId` and `region`: every
 * modeled field the pool reports (in input shape, from flatten; output-only members and the
 * provider's creation-token tag left out), empty lists and maps dropped (an undeclared field is
 * never diffed, so declaring "nothing" adds nothing), usernameAttributes left out when the pool
 * also reports aliasAttributes (see below), the authenticator-app factor and email MFA when they
 * are on and passkey settings that are not AWS's defaults (`mfa`: GetUserPoolMfaConfig), and the
 * schema attributes of schemaDeclarations.
 */
export function programInputsFor(pool: UserPoolType, region: string, mfa?: GetUserPoolMfaConfigResponse): UserPoolInputs {
    const live = liveForAdoption(pool, region, mfa);
    const inputs: UserPoolInputs = { adoptUserPoolId: pool.Id, region };
    for (const field of inputFields) {
        if (aliasFields.includes(field)) continue;
        if (field === "schema") {
            const schema = schemaDeclarations(live.schemaAttributes);
            if (schema.length > 0) inputs.schema = schema;
            continue;
        }
        if (field === "softwareTokenMfaConfiguration") {
            if (mfa?.SoftwareTokenMfaConfiguration?.Enabled === true) inputs.softwareTokenMfaConfiguration = { enabled: true };
            continue;
        }
        // Email MFA when it is on; passkey settings when they are not AWS's defaults (flatten
        // gives the defaults for settings Get leaves out, and declaring those adds nothing).
        if (field === "emailMfaConfiguration") {
            if (mfa && live.emailMfaConfiguration !== undefined) inputs.emailMfaConfiguration = live.emailMfaConfiguration;
            continue;
        }
        if (field === "webAuthnConfiguration") {
            if (mfa && !sameCanonical(userPoolSchema, fieldSchema(field), live.webAuthnConfiguration, resetValue(field))) inputs.webAuthnConfiguration = live.webAuthnConfiguration;
            continue;
        }
        if (providerOnlyFields.includes(field)) continue;
        const value = live[field];
        if (value !== undefined && !isEmpty(value)) inputs[field] = value;
    }
    // A program cannot declare both (check refuses it, as AWS does). AWS never reports both;
    // cognito-local reports its default usernameAttributes for every pool, aliases or not.
    if (inputs.aliasAttributes !== undefined && inputs.usernameAttributes !== undefined) delete inputs.usernameAttributes;
    return inputs;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const RESERVED = new Set([
    "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum", "export",
    "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof", "new", "null", "return", "super",
    "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with", "let", "static", "yield", "await",
]);

function propertyKey(key: string): string {
    return IDENTIFIER.test(key) ? key : JSON.stringify(key);
}

function stringLiteral(text: string): string {
    // JSON string syntax is TypeScript string syntax; the two line separators are escaped for older parsers.
    return JSON.stringify(text).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

function scalarLiteral(value: unknown): string {
    if (typeof value === "string") return stringLiteral(value);
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    if (value === null) return "null";
    return stringLiteral(String(value));
}

/** The value on one line, as a person would write it: `{ minimumLength: 12, requireNumbers: true }`. */
function inlineLiteral(value: unknown): string {
    if (Array.isArray(value)) return `[${value.map(inlineLiteral).join(", ")}]`;
    if (isPlainObject(value)) {
        const entries = Object.entries(value).filter(([, member]) => member !== undefined);
        if (entries.length === 0) return "{}";
        return `{ ${entries.map(([key, member]) => `${propertyKey(key)}: ${inlineLiteral(member)}`).join(", ")} }`;
    }
    return scalarLiteral(value);
}

/**
 * A TypeScript expression for a JSON-like value: on one line when it fits in `width` columns
 * after `used` columns already taken, otherwise one member per line, indented by four spaces.
 * Keys that are not identifiers are quoted (`"aws:cloudformation:stack-name": ...`).
 */
export function typescriptLiteral(value: unknown, indent = "", used = indent.length, width = 120): string {
    const inline = inlineLiteral(value);
    if (used + inline.length <= width || !(Array.isArray(value) || isPlainObject(value))) return inline;
    const inner = `${indent}    `;
    if (Array.isArray(value)) {
        return `[\n${value.map((member) => `${inner}${typescriptLiteral(member, inner, inner.length, width)},`).join("\n")}\n${indent}]`;
    }
    const entries = Object.entries(value).filter(([, member]) => member !== undefined);
    const lines = entries.map(([key, member]) => {
        const prefix = `${inner}${propertyKey(key)}: `;
        return `${prefix}${typescriptLiteral(member, inner, prefix.length, width)},`;
    });
    return `{\n${lines.join("\n")}\n${indent}}`;
}

/** `users` -> `users`; `acme-users` -> `acmeUsers`; `2fa` -> `pool2fa`: a variable name for the resource. */
export function variableName(resourceName: string): string {
    const words = resourceName.split(/[^A-Za-z0-9_$]+/).filter((w) => w.length > 0);
    const joined = words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join("");
    const name = joined.length === 0 ? "pool" : /^[0-9]/.test(joined) ? `pool${joined}` : joined;
    return RESERVED.has(name) ? `${name}Pool` : name;
}

export interface ProgramOptions {
    /** Logical name of the resource (the first argument of `new UserPool`). */
    name: string;
    /** The command that produced the program, quoted in its header comment. */
    command?: string;
}

/** A TypeScript file that adopts the pool `inputs` describe (programInputsFor) and compiles as is. */
export function formatProgram(inputs: UserPoolInputs, options: ProgramOptions): string {
    const variable = variableName(options.name);
    const poolId = String(inputs.adoptUserPoolId);
    const declaredStandard = Array.isArray(inputs.schema)
        ? inputs.schema.filter((a) => isPlainObject(a) && typeof a.name === "string" && !isCustom(a.name)).length > 0
        : false;
    const lines = [
        `import { UserPool } from "pulumi-cognito-userpool";`,
        ``,
        `// User pool ${poolId} (${JSON.stringify(String(inputs.poolName))}, ${String(inputs.region)}) as it is now${options.command ? `, written by \`${options.command}\`` : ""}.`,
        `// Every setting the pool has is declared, so after \`pulumi up\` adopts it the next \`pulumi preview\` shows no change.`,
        `// - A field you delete from here is left alone by Pulumi: undeclared fields keep whatever the pool has.`,
        `// - adoptUserPoolId is read only when the resource is created; changing or removing it later does nothing.`,
        `// - Standard attributes ${declaredStandard ? "are declared only where they are required or immutable" : "are not declared"}: AWS fixes them at creation and undeclared ones never diff.`,
        `// - Deleting this resource deletes the pool. Pass { retainOnDelete: true } (or protect: true) as options to keep it.`,
        `const ${variable} = new UserPool(${stringLiteral(options.name)}, ${typescriptLiteral(inputs, "", `const ${variable} = new UserPool(${stringLiteral(options.name)}, `.length)});`,
        ``,
        `export const userPoolId = ${variable}.id;`,
        ``,
    ];
    return lines.join("\n");
}
