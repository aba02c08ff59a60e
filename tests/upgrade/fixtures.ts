/**
 * The upgrade fixtures: for one released version, every state the engine stored while that
 * version ran each scenario of the corpus against the AWS-faithful fake, with the pool as
 * DescribeUserPool and GetUserPoolMfaConfig reported it at that moment (tests/upgrade/README.md).
 *
 * Files: tests/upgrade/fixtures/<version>/<corpus file>.json, one entry per scenario, and
 * index.json (how they were made, which scenarios were left out and why).
 */
import type { GetUserPoolMfaConfigResponse, UserPoolType } from "@aws-sdk/client-cognito-identity-provider";
import * as fs from "fs";
import * as path from "path";
import type { PlainObject } from "../../provider/shared/schema";
import type { Scenario } from "../fidelity/scenarioFile";
import type { Point } from "./engine";
import { upgradeDirectory } from "./release";

/** The pool as the release left it (Dates as ISO strings). */
export interface PoolSnapshot {
    region: string;
    pool: PlainObject;
    mfa: PlainObject;
}

export interface FixturePoint extends Point {
    /** Index into the scenario's `pools`: the live pool when the engine stored this state. */
    pool: number;
}

export interface ScenarioFixture {
    name: string;
    family: string;
    targets: Scenario["targets"];
    /** The scenario as replayed, placeholders substituted: the cognito-local replay runs it again. */
    scenario: Scenario;
    pools: PoolSnapshot[];
    points: FixturePoint[];
}

export interface FixtureFile {
    release: string;
    corpusFile: string;
    scenarios: ScenarioFixture[];
}

export interface Exclusion {
    scenario: string;
    target: "emulator" | "fake";
    /** What the fidelity runner found wrong when the release ran the scenario. */
    problems: string[];
}

export interface FixtureIndex {
    release: string;
    commit: string;
    tarball: string;
    tarballSha256: string;
    /** The command that wrote these files. */
    capturedWith: string;
    scenarios: number;
    points: number;
    excluded: Exclusion[];
}

export function fixtureDirectory(release: string): string {
    return path.join(upgradeDirectory, "fixtures", release);
}

export function readIndex(release: string): FixtureIndex {
    return JSON.parse(fs.readFileSync(path.join(fixtureDirectory(release), "index.json"), "utf8")) as FixtureIndex;
}

/** Every fixture file of the release, with the standard attributes written out again. */
export function readFixtures(release: string): FixtureFile[] {
    const directory = fixtureDirectory(release);
    const standard = JSON.parse(fs.readFileSync(path.join(directory, STANDARD_FILE), "utf8")) as StandardAttributes;
    return fs
        .readdirSync(directory)
        .filter((f) => f.endsWith(".json") && f !== "index.json" && f !== STANDARD_FILE)
        .sort()
        .map((f) => {
            const file = JSON.parse(fs.readFileSync(path.join(directory, f), "utf8")) as FixtureFile;
            expandFile(file, standard);
            return file;
        });
}

/** The snapshot as the SDK hands a pool to its caller: the two date members as Dates. */
export function asDescribed(snapshot: PoolSnapshot): { pool: UserPoolType; mfa: Omit<GetUserPoolMfaConfigResponse, "$metadata"> } {
    const pool = structuredClone(snapshot.pool) as PlainObject;
    for (const member of ["CreationDate", "LastModifiedDate"]) {
        if (typeof pool[member] === "string") pool[member] = new Date(pool[member] as string);
    }
    return { pool: pool as UserPoolType, mfa: structuredClone(snapshot.mfa) as Omit<GetUserPoolMfaConfigResponse, "$metadata"> };
}

/**
 * The standard attributes (email, name, ...) make up most of every pool and every state, and are
 * the same in nearly all of them. The files name each such attribute by STANDARD_PREFIX + name,
 * and standard-attributes.json holds its one definition (AWS's shape for pools, the outputs'
 * shape for states): an attribute that differs anywhere (a standard one the program overrides)
 * is written out in full. Reading replaces every reference, so tests see the states verbatim.
 */
export const STANDARD_PREFIX = "$standard:";

export interface StandardAttributes {
    /** As DescribeUserPool reports them (SchemaAttributes). */
    pool: Record<string, PlainObject>;
    /** As the release's outputs list them (schemaAttributes). */
    outputs: Record<string, PlainObject>;
}

type AttributeList = { kind: keyof StandardAttributes; list: unknown[] };

function attributeLists(file: FixtureFile): AttributeList[] {
    const lists: AttributeList[] = [];
    for (const scenario of file.scenarios) {
        for (const snapshot of scenario.pools) if (Array.isArray(snapshot.pool.SchemaAttributes)) lists.push({ kind: "pool", list: snapshot.pool.SchemaAttributes });
        for (const point of scenario.points) if (Array.isArray(point.stored.outputs.schemaAttributes)) lists.push({ kind: "outputs", list: point.stored.outputs.schemaAttributes });
    }
    return lists;
}

function nameOf(attribute: unknown, kind: keyof StandardAttributes): string | undefined {
    if (typeof attribute !== "object" || attribute === null) return undefined;
    const name = (attribute as PlainObject)[kind === "pool" ? "Name" : "name"];
    // Custom attributes are named custom:x or dev:custom:x; standard ones have no colon.
    return typeof name === "string" && !name.includes(":") ? name : undefined;
}

/** The most common definition of each standard attribute across the files. */
export function standardAttributesOf(files: FixtureFile[]): StandardAttributes {
    const counts = { pool: new Map<string, Map<string, number>>(), outputs: new Map<string, Map<string, number>>() };
    for (const file of files) {
        for (const { kind, list } of attributeLists(file)) {
            for (const attribute of list) {
                const name = nameOf(attribute, kind);
                if (name === undefined) continue;
                const byText = counts[kind].get(name) ?? new Map<string, number>();
                const text = JSON.stringify(attribute);
                byText.set(text, (byText.get(text) ?? 0) + 1);
                counts[kind].set(name, byText);
            }
        }
    }
    const pick = (byName: Map<string, Map<string, number>>) =>
        Object.fromEntries([...byName].sort(([a], [b]) => a.localeCompare(b)).map(([name, byText]) => [name, JSON.parse([...byText].sort((a, b) => b[1] - a[1])[0][0]) as PlainObject]));
    return { pool: pick(counts.pool), outputs: pick(counts.outputs) };
}

/** Replaces, in place, every attribute equal to its standard definition by a reference. */
export function compactFile(file: FixtureFile, standard: StandardAttributes): void {
    for (const { kind, list } of attributeLists(file)) {
        list.forEach((attribute, i) => {
            const name = nameOf(attribute, kind);
            if (name !== undefined && JSON.stringify(standard[kind][name]) === JSON.stringify(attribute)) list[i] = `${STANDARD_PREFIX}${name}`;
        });
    }
}

/** Replaces, in place, every reference by its definition (a copy). */
export function expandFile(file: FixtureFile, standard: StandardAttributes): void {
    for (const { kind, list } of attributeLists(file)) {
        list.forEach((attribute, i) => {
            if (typeof attribute !== "string" || !attribute.startsWith(STANDARD_PREFIX)) return;
            const definition = standard[kind][attribute.slice(STANDARD_PREFIX.length)];
            if (!definition) throw new Error(`${file.corpusFile}: no standard attribute ${attribute} in standard-attributes.json`);
            list[i] = structuredClone(definition);
        });
    }
}

export const STANDARD_FILE = "standard-attributes.json";

/** One-line JSON with a space after each comma and colon. */
function oneLine(value: unknown): string {
    if (Array.isArray(value)) return `[${value.map(oneLine).join(", ")}]`;
    if (typeof value === "object" && value !== null) {
        return `{${Object.entries(value)
            .filter(([, v]) => v !== undefined)
            .map(([k, v]) => `${JSON.stringify(k)}: ${oneLine(v)}`)
            .join(", ")}}`;
    }
    return JSON.stringify(value) ?? "null";
}

/**
 * JSON a reviewer can read: indented, but any object or list whose one-line form fits in `width`
 * characters stays on one line (most attributes, tags, small settings), and a long list of
 * strings or numbers fills its lines.
 */
export function formatJson(value: unknown, width = 110, indent = ""): string {
    const compact = oneLine(value);
    if (typeof value !== "object" || value === null || compact.length + indent.length <= width) return compact;
    const inner = `${indent}  `;
    if (Array.isArray(value)) {
        if (value.every((v) => typeof v === "string" || typeof v === "number")) {
            const lines: string[] = [];
            for (const item of value.map((v) => JSON.stringify(v))) {
                const last = lines.length - 1;
                if (last >= 0 && inner.length + lines[last].length + item.length + 2 <= width) lines[last] += `, ${item}`;
                else lines.push(item);
            }
            return `[\n${lines.map((l) => `${inner}${l}`).join(",\n")}\n${indent}]`;
        }
        return `[\n${value.map((v) => `${inner}${formatJson(v, width, inner)}`).join(",\n")}\n${indent}]`;
    }
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${formatJson(v, width, inner)}`).join(",\n")}\n${indent}}`;
}
