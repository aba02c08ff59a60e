/**
 * What the installed (new) version must do with a state an older release stored, while the pool
 * is as that release left it: the engine hands the old state to whatever version is installed
 * (every stack's `__provider` loads the installed package's runtime), so each of these is a
 * first run of a new version on an existing stack.
 *
 *  1. preview: check against the old stored inputs, diff against the old outputs: the same verdict
 *     the release gave (no change, for every state an up or a refresh left; the drifted fields,
 *     for a state a refresh stored after an out-of-band change), and the same verdict on every
 *     other program of the scenario (updates, replacements, refusals);
 *  2. refresh: read from the old outputs. The outputs it adds, drops or reshapes are exactly the
 *     ones OUTPUT_CHANGES lists, and the refreshed state again gets the same verdict;
 *  3. up: the update the fixture names (the pending change, the next step, or a tag), applied
 *     from the old outputs as `pulumi up` without refresh does: the release's verdict, then a
 *     converged pool (no change on update's outputs nor after a refresh, update's outputs equal
 *     the refresh's, nothing the programs never declared touched);
 *  4. destroy: delete given the old state removes the pool (after refusing while deletion
 *     protection is on, as it must).
 */
import { CognitoIdentityProviderClient, UserPoolType } from "@aws-sdk/client-cognito-identity-provider";
import { stableStringify } from "../../provider/shared/schema";
import { declaredFieldsOf } from "../../provider/userPool/diff";
import { applyOperation, describe, snapshot, touchedUndeclared } from "../fidelity/awsState";
import { differences } from "../fidelity/runner";
import { Point, sameVerdict, StoredState, Verdict, verdictOf } from "./engine";
import type { Inputs, UserPoolVersion } from "./release";

/**
 * How the outputs of a state a release stored change when this version refreshes it: outputs
 * added, outputs dropped, and outputs whose value is reshaped (each with the rule its new value
 * must follow; it returns what breaks the rule, or undefined). Each entry is a change users may
 * notice (a program or a StackReference reading a dropped output breaks), so it belongs in the
 * CHANGELOG too. Whatever is listed here, diff must still report no change on the old state.
 */
export interface OutputChanges {
    added: string[];
    dropped: string[];
    reshaped: Record<string, (old: unknown, refreshed: unknown) => string | undefined>;
}

export const OUTPUT_CHANGES: Record<string, OutputChanges> = {
    "0.1.0": {
        // The https issuer of the pool's tokens (0.2.0); a refresh adds it.
        added: ["issuerUrl"],
        dropped: [],
        reshaped: {
            // Lean state (0.2.0): standard attributes at Cognito's defaults are left out. Nothing
            // else may change: the custom attributes and the standard ones kept stay as they were.
            schemaAttributes: (old, refreshed) => {
                if (!Array.isArray(old) || !Array.isArray(refreshed)) return "is no longer a list";
                const remaining = [...old];
                for (const attribute of refreshed) {
                    const at = remaining.findIndex((a) => stableStringify(a) === stableStringify(attribute));
                    if (at < 0) return `lists ${stableStringify(attribute)}, which the old state did not (in that order)`;
                    remaining.splice(0, at + 1);
                }
                const droppedCustom = old.filter((a) => !refreshed.some((r) => stableStringify(r) === stableStringify(a)) && String((a as { name?: unknown }).name).includes(":"));
                return droppedCustom.length > 0 ? `drops custom attribute(s) ${droppedCustom.map((a) => String((a as { name?: unknown }).name)).join(", ")}` : undefined;
            },
        },
    },
};

/**
 * The `iss` of the pool's tokens, written out here rather than taken from flatten.ts so that the
 * check does not agree with the code it checks by construction: the issuer-cognito-idp host once
 * the issuer configuration is UPDATED, cognito-idp otherwise.
 */
export function expectedIssuerUrl(pool: UserPoolType, region: string): string {
    const host = pool.IssuerConfiguration?.Type === "UPDATED" ? "issuer-cognito-idp" : "cognito-idp";
    return `https://${host}.${region}.amazonaws.com/${String(pool.Id)}`;
}

/** Outputs every write changes: never compared between two reads of different moments. */
const VOLATILE_OUTPUTS = ["lastModifiedDate"];

export interface HandoverContext {
    /** The release that stored the state (for OUTPUT_CHANGES). */
    release: string;
    version: UserPoolVersion;
    stackRegion: string;
    /** A client of the target in `region`, as another tool would use it. */
    client(region: string): CognitoIdentityProviderClient;
}

function message(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}

function show(verdict: Verdict): string {
    return verdict.fields.length > 0 ? `${verdict.kind} [${verdict.fields.join(", ")}]` : verdict.kind;
}

function without(outputs: Inputs, keys: string[]): Inputs {
    return Object.fromEntries(Object.entries(outputs).filter(([key]) => !keys.includes(key)));
}

/**
 * Runs steps 1-4 on the point's pool, which must exist as the point describes it; returns the
 * problems found. `programs`: the scenario's programs (initial, then each step's), whose verdicts
 * from the old state (point.everyProgram) step 1 also compares.
 */
export async function handOver(point: Point, context: HandoverContext, programs?: Inputs[]): Promise<string[]> {
    const problems: string[] = [];
    const { version, stackRegion } = context;
    const old: StoredState = point.stored;
    const id = old.id;
    const region = typeof old.outputs.region === "string" ? old.outputs.region : stackRegion;
    const client = context.client(region);
    const expectSame = async (what: string, stored: StoredState, program: Inputs, expected: Verdict) => {
        const actual = await verdictOf(version, stored, program, stackRegion);
        if (!sameVerdict(actual, expected)) problems.push(`${what}: ${context.release} said ${show(expected)}, the new version says ${show(actual)}`);
        return actual;
    };

    let phase = "";
    try {
        // 1. preview on the old state
        phase = "preview of the old state";
        await expectSame("preview of the old state", old, point.program, point.verdict);
        // Every other program of the scenario too: replacements, refusals and updates alike.
        if (programs) {
            for (const [k, inputs] of programs.entries()) {
                const expected = point.everyProgram[k];
                if (expected) await expectSame(`preview of ${k === 0 ? "the initial program" : `step ${k}'s program`} from the old state`, old, inputs, expected);
            }
        }

        // 2. refresh from the old outputs
        phase = "refresh of the old state";
        const read = await version.read(id, old.outputs);
        if (read.id !== id || !read.props || !read.inputs) throw new Error(`pool ${id} reported gone (${stableStringify(read)})`);
        const refreshed: StoredState = { id, inputs: read.inputs as Inputs, outputs: read.props as Inputs };
        problems.push(...outputChanges(context.release, old.outputs, refreshed.outputs));
        const issuer = expectedIssuerUrl((await describe(client, id)) as UserPoolType, region);
        if (old.outputs.issuerUrl === undefined && refreshed.outputs.issuerUrl !== issuer) {
            problems.push(`refresh of a state without issuerUrl gives issuerUrl ${stableStringify(refreshed.outputs.issuerUrl)}, not ${issuer}`);
        }
        await expectSame("preview after refreshing the old state", refreshed, point.program, point.verdict);

        // 3. up from the old outputs
        phase = "update from the old state";
        if (point.update) {
            const target = point.update;
            const verdict = await expectSame(`preview of the update to ${target.why === "pending" ? "the pending program" : `the ${target.why}`} from the old state`, old, target.program, target.verdict);
            if (verdict.kind === "update") {
                const checked = await version.check(old.inputs, target.program);
                const news = checked.inputs as Inputs;
                const before = await snapshot(client, id);
                const updated = await version.update(id, old.outputs, news);
                const after: StoredState = { id, inputs: news, outputs: updated.outs as Inputs };
                const none: Verdict = { kind: "none", fields: [] };
                await expectSame("preview on the outputs of the update from the old state", after, target.program, none);
                const reread = await version.read(id, after.outputs);
                if (!reread.props || !reread.inputs) problems.push("refresh after the update reports the pool gone");
                else {
                    await expectSame("preview after the update and a refresh", { id, inputs: reread.inputs as Inputs, outputs: reread.props as Inputs }, target.program, none);
                    const stale = differences(without(after.outputs, VOLATILE_OUTPUTS), without(reread.props as Inputs, VOLATILE_OUTPUTS));
                    if (stale.length > 0) problems.push(`outputs of the update from the old state differ from what a refresh reads: ${stale.join("; ")}`);
                }
                const owned = new Set([...(Array.isArray(old.outputs.declaredFields) ? old.outputs.declaredFields.map(String) : []), ...declaredFieldsOf(news)]);
                for (const v of touchedUndeclared(before, await snapshot(client, id), owned)) {
                    problems.push(`the update from the old state changed ${v.member}, which no program declared: ${differences(v.before, v.after, v.member).join("; ")}`);
                }
            }
        }
    } catch (error) {
        problems.push(`${phase} failed: ${message(error)}`);
    }

    // 4. destroy with the old state (also after a failure above: it leaves no pool behind)
    try {
        problems.push(...(await deleteWithOldState(version, client, old)));
    } catch (error) {
        problems.push(`delete with the old state failed: ${message(error)}`);
    }
    return problems;
}

/** Keys and values of the refreshed outputs against the old ones, beyond OUTPUT_CHANGES. */
function outputChanges(release: string, olds: Inputs, news: Inputs): string[] {
    const expected = OUTPUT_CHANGES[release];
    if (!expected) return [`OUTPUT_CHANGES has no entry for ${release}`];
    const problems: string[] = [];
    const unlisted = (what: string) => problems.push(`refresh of a ${release} state ${what}: list it in OUTPUT_CHANGES["${release}"] (tests/upgrade/handover.ts) and the CHANGELOG if intended`);
    const added = Object.keys(news).filter((k) => !(k in olds) && !expected.added.includes(k)).sort();
    if (added.length > 0) unlisted(`adds the output(s) ${added.join(", ")}`);
    const dropped = Object.keys(olds).filter((k) => !(k in news) && !expected.dropped.includes(k)).sort();
    if (dropped.length > 0) unlisted(`drops the output(s) ${dropped.join(", ")}`);
    for (const key of Object.keys(olds).filter((k) => k in news && !VOLATILE_OUTPUTS.includes(k)).sort()) {
        if (stableStringify(olds[key]) === stableStringify(news[key])) continue;
        const rule = expected.reshaped[key];
        if (!rule) unlisted(`reshapes the output ${key} (${differences(olds[key], news[key], key, 3).join("; ")})`);
        else {
            const broken = rule(olds[key], news[key]);
            if (broken !== undefined) problems.push(`refresh of a ${release} state reshapes ${key} beyond what OUTPUT_CHANGES allows: it ${broken}`);
        }
    }
    // An added output is computed for every pool: a refresh that does not add it is wrong.
    for (const key of expected.added) if (!(key in olds) && !(key in news)) problems.push(`refresh of a ${release} state does not add ${key}, which OUTPUT_CHANGES lists as added`);
    return problems;
}

async function deleteWithOldState(version: UserPoolVersion, client: CognitoIdentityProviderClient, old: StoredState): Promise<string[]> {
    const problems: string[] = [];
    const protectedPool = (await describe(client, old.id)).DeletionProtection === "ACTIVE";
    try {
        await version.delete(old.id, old.outputs);
        if (protectedPool) problems.push("delete of a pool with deletion protection ACTIVE succeeded");
    } catch (error) {
        if (!protectedPool) return [`delete with the old state failed: ${message(error)}`];
        if (!/deletion protection/i.test(message(error))) problems.push(`delete refused a protected pool without saying why: ${message(error)}`);
        // As a person would: protection off out of band, then destroy again.
        await applyOperation(client, old.id, { change: { DeletionProtection: "INACTIVE" } });
        await version.delete(old.id, old.outputs);
    }
    const gone = await version.read(old.id, old.outputs);
    if (gone.id !== undefined || gone.props !== undefined) problems.push(`pool ${old.id} still exists after delete with the old state`);
    return problems;
}
