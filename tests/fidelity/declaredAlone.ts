/**
 * Scenarios generated from the schema (schema/user-pool.schema.json) rather than written by hand:
 * every top-level object input declared on its own, and every object nested in one declared on
 * its own inside it, everything else left out. A member left out of a declared object means what
 * AWS makes of it (docs/promises.md, promise 1), so each program must show no diff right after
 * create and after a refresh, and again when the field is removed and then declared anew on the
 * existing pool (the UpdateUserPool path, where AWS fills left-out members differently).
 *
 * Issue 14's first bug was of this kind: `policies: { signInPolicy }` got AWS's default password
 * policy while the provider compared against none. Walking the schema means an object added
 * later is covered as soon as it exists: it needs an `x-example` (a small valid value) to be
 * declared, and tests/fidelity/declaredAlone.test.ts fails until it has one.
 *
 * Annotations read here:
 *  - `x-example` on a nested object: the value declared for it. On a top-level object (optional,
 *    `{}` otherwise): its smallest valid value; its required members are also what a nested
 *    object's program declares beside that object.
 *  - `x-example-context` (optional): a partial program AWS needs beside the example (a KMS key
 *    for a custom sender, the PLUS tier for threat protection), merged into the program.
 */
import { isPlainObject, PlainObject, resolve, SchemaNode } from "../../provider/shared/schema";
import { userPoolSchema } from "../../provider/userPool/model";
import { mergeChange } from "./awsState";
import type { Inputs, LoadedScenario, TargetName } from "./scenarioFile";

export interface DeclaredAloneCase {
    /** Dotted path of the object declared on its own: `policies`, `policies.signInPolicy`. */
    path: string;
    /** The top-level input it belongs to. */
    field: string;
    /** The whole program, with literal ARNs (see asFixturePlaceholders for the scenario form). */
    program: Inputs;
}

export interface DeclaredAloneWalk {
    cases: DeclaredAloneCase[];
    /** One line per object that cannot be declared on its own for want of an example. */
    problems: string[];
}

const POOL = "{{pool}}";

/**
 * Top-level inputs cognito-local does not store on CreateUserPool (see CreateUserPool in
 * node_modules/cognito-local/lib/targets/createUserPool.js) or not on UpdateUserPool
 * (UserAttributeUpdateSettings): a program declaring one runs on the fake only, as the
 * hand-written scenarios for them do (tests/scenarios/README.md).
 */
const EMULATOR_DOES_NOT_STORE = new Set([
    "deletionProtection",
    "userPoolTier",
    "userAttributeUpdateSettings",
    "dcrConfiguration",
    "keyConfiguration",
    "issuerConfiguration",
    "acrConfiguration",
    // Its GetUserPoolMfaConfig reports no email MFA.
    "emailMfaConfiguration",
]);

function isObjectNode(node: SchemaNode): boolean {
    return node.type === "object" && node.properties !== undefined;
}

function example(root: SchemaNode, node: SchemaNode): unknown {
    return node["x-example"] ?? resolve(root, node)["x-example"];
}

/** The members an object must have (its `required` ones), taken from its example. */
function requiredPart(root: SchemaNode, node: SchemaNode): PlainObject {
    const resolved = resolve(root, node);
    const value = example(root, node);
    if (!isPlainObject(value)) return {};
    return Object.fromEntries((resolved.required ?? []).filter((key) => value[key] !== undefined).map((key) => [key, value[key]]));
}

function withContext(program: Inputs, node: SchemaNode): Inputs {
    const context = node["x-example-context"];
    return isPlainObject(context) ? (mergeChange(program, context) as Inputs) : program;
}

/**
 * Every object that can be declared on its own: each top-level object input (`{}` or its
 * `x-example`), and each object nested in one, at any depth (its `x-example`, inside its parents'
 * required members). Lists of objects (schema attributes, recovery mechanisms) and maps (tags)
 * are not members left out, so they are not walked.
 */
export function declaredAloneCases(root: SchemaNode = userPoolSchema): DeclaredAloneWalk {
    const cases: DeclaredAloneCase[] = [];
    const problems: string[] = [];
    for (const [field, node] of Object.entries(root.properties ?? {})) {
        const top = resolve(root, node);
        if (!isObjectNode(top) || top["x-create-only"] === true) continue;
        const topExample = example(root, node) ?? {};
        if (!isPlainObject(topExample)) {
            problems.push(`${field}: x-example must be an object`);
            continue;
        }
        cases.push({ path: field, field, program: withContext({ poolName: POOL, [field]: topExample }, top) });

        const visit = (parents: Array<{ name: string; node: SchemaNode }>) => {
            const parent = resolve(root, parents[parents.length - 1].node);
            for (const [name, child] of Object.entries(parent.properties ?? {})) {
                const resolved = resolve(root, child);
                if (!isObjectNode(resolved)) continue;
                const path = [...parents.map((p) => p.name), name].join(".");
                const value = example(root, child);
                if (!isPlainObject(value)) {
                    problems.push(`${path}: a nested object with no x-example, so no scenario declares it on its own; add a small valid value as "x-example" to its node in the schema`);
                } else {
                    // Innermost first: the example, then each parent with its required members.
                    let declared: unknown = value;
                    let member = name;
                    for (let i = parents.length - 1; i >= 0; i--) {
                        declared = { ...requiredPart(root, parents[i].node), [member]: declared };
                        member = parents[i].name;
                    }
                    const program = withContext({ poolName: POOL, [field]: declared }, { ...resolved, ...child });
                    cases.push({ path, field, program });
                }
                visit([...parents, { name, node: child }]);
            }
        };
        visit([{ name: field, node }]);
    }
    return { cases, problems };
}

/**
 * Literal example ARNs as the corpus placeholders (tests/scenarios/README.md), so that the
 * scenarios run on real AWS with the fixtures there and are skipped without them; the emulator
 * and the fake get well-formed stand-ins back from localFixtures.
 */
export function asFixturePlaceholders<T>(value: T): T {
    if (typeof value === "string") {
        const lambda = /^arn:aws:lambda:[^:]+:\d+:function:([\w-]+)$/.exec(value);
        if (lambda) return `{{lambda:${lambda[1]}}}` as unknown as T;
        if (/^arn:aws:kms:/.test(value)) return "{{kmsKey}}" as unknown as T;
        if (/^arn:aws:ses:/.test(value)) return "{{sesIdentity}}" as unknown as T;
        if (/^arn:aws:iam::\d+:role\//.test(value)) return "{{smsRole}}" as unknown as T;
        return value;
    }
    if (Array.isArray(value)) return value.map((v) => asFixturePlaceholders(v)) as unknown as T;
    if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asFixturePlaceholders(v)])) as T;
    return value;
}

/**
 * One scenario per case: create with the object declared on its own (no diff after create or a
 * refresh), stop declaring its field (reset to AWS's default), declare it again on the existing
 * pool (no diff after the update or a refresh).
 */
export function declaredAloneScenarios(root: SchemaNode = userPoolSchema): LoadedScenario[] {
    return declaredAloneCases(root).cases.map(({ path, field, program }) => {
        const initial = asFixturePlaceholders(program);
        const { [field]: _removed, ...without } = initial;
        const targets: TargetName[] = Object.keys(initial).some((f) => EMULATOR_DOES_NOT_STORE.has(f)) ? ["fake"] : ["emulator", "fake"];
        return {
            name: `declared-alone ${path}`,
            family: "declared-alone",
            file: "schema/user-pool.schema.json (generated by tests/fidelity/declaredAlone.ts)",
            description: `${path} declared on its own: every member left out means what AWS makes of it`,
            targets,
            initial,
            steps: [
                { description: `${field} no longer declared: back to AWS's default`, inputs: without, expect: { kind: "update", fields: [field] } },
                { description: `${path} declared on its own again, on the existing pool`, inputs: initial, expect: { kind: "update", fields: [field] } },
            ],
        };
    });
}
