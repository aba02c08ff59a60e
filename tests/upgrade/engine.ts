/**
 * The Pulumi engine's side of a stack's life, reduced to what it stores: one scenario of the
 * corpus replayed with one version of the provider (`pulumi up` for the first program, for each
 * step, and to undo each out-of-band change; `pulumi refresh` after each of them), reporting every
 * state the engine would write (the stored inputs and the outputs) as a point.
 *
 * Each point also says what that version itself makes of the state: its verdict on the program
 * the state was made for (none after an up or a refresh; an update after an out-of-band change)
 * and the update the upgrade test applies from it, with that version's verdict on it. A newer
 * version handed the same state must reach the same verdicts (tests/upgrade/handover.ts).
 */
import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { isPlainObject, stableStringify } from "../../provider/shared/schema";
import type { UserPoolState } from "../../provider/userPool/flatten";
import { applyOperation } from "../fidelity/awsState";
import type { Scenario } from "../fidelity/scenarioFile";
import type { Inputs, UserPoolVersion } from "./release";

/** What the engine keeps of a pool between runs. */
export interface StoredState {
    id: string;
    inputs: Inputs;
    outputs: Inputs;
}

/**
 * What `pulumi preview` would do with a stored state and a program: `blocked` when diff refuses
 * the replacement (deletion protection), `invalid` when check rejects the program.
 */
export interface Verdict {
    kind: "none" | "update" | "replace" | "blocked" | "invalid";
    fields: string[];
}

/** The program the upgrade test updates a state to, and the verdict of the version that wrote the state. */
export interface UpdateTarget {
    program: Inputs;
    verdict: Verdict;
    /** Why this program: "pending" (the state's own program), "next step", or "tag change". */
    why: "pending" | "next step" | "tag change";
}

export interface Point {
    /** Where in the scenario the engine stored this state, e.g. "step 2 (...), after update". */
    label: string;
    /** The program the stored state was made for: 0 is the scenario's initial program, k its step k. */
    step: number;
    program: Inputs;
    stored: StoredState;
    verdict: Verdict;
    /**
     * The version's verdict on every program of the scenario (the initial one, then each step's)
     * from this state: what a preview of any of them would show, replacements and refusals included.
     */
    everyProgram: Verdict[];
    /** null when no update in place can start from the state (its verdict is a replacement). */
    update: UpdateTarget | null;
}

/** The tag a "tag change" update adds: a one-field change every pool accepts in place. */
export const UPGRADE_TAG = "upgrade-check";

export function withUpgradeTag(program: Inputs): Inputs {
    const tags = isPlainObject(program.userPoolTags) ? program.userPoolTags : {};
    return { ...program, userPoolTags: { ...tags, [UPGRADE_TAG]: "1" } };
}

function message(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}

/**
 * Whether two versions agree on a verdict. A rejected program is rejected: which properties the
 * failures name may differ between versions (check got stricter and reports more at once).
 */
export function sameVerdict(a: Verdict, b: Verdict): boolean {
    return a.kind === b.kind && (a.kind === "invalid" || stableStringify(a.fields) === stableStringify(b.fields));
}

/** The version's verdict on `program` for the stored state (check against the stored inputs, then diff). */
export async function verdictOf(version: UserPoolVersion, stored: StoredState, program: Inputs, stackRegion: string): Promise<Verdict> {
    const checked = await version.check(stored.inputs, program);
    const failures = checked.failures ?? [];
    if (failures.length > 0) return { kind: "invalid", fields: [...new Set(failures.map((f) => f.property))].sort() };
    const news = checked.inputs as Inputs;
    const plan = version.plan(stored.outputs as UserPoolState, news, stackRegion);
    const replaces = [...plan.replaceReasons.keys()].sort();
    let answer;
    try {
        answer = await version.diff(stored.id, stored.outputs, news);
    } catch (error) {
        if (replaces.length > 0 && /deletion protection/i.test(message(error))) return { kind: "blocked", fields: replaces };
        throw new Error(`${version.version} diff failed: ${message(error)}`);
    }
    // The engine acts on diff's answer; the plan names the fields. They must agree.
    const planned = replaces.length > 0 ? "replace" : plan.changedFields.length > 0 ? "update" : "none";
    const answered = (answer.replaces ?? []).length > 0 ? "replace" : answer.changes ? "update" : "none";
    if (planned !== answered || stableStringify([...(answer.replaces ?? [])].sort()) !== stableStringify(planned === "replace" ? replaces : [])) {
        throw new Error(`${version.version}: diff answers ${stableStringify(answer)} but plans ${planned} [${[...plan.changedFields, ...replaces].join(", ")}]`);
    }
    return { kind: planned, fields: planned === "replace" ? replaces : [...plan.changedFields].sort() };
}

export interface ReplayOptions {
    version: UserPoolVersion;
    /** A client of the target for setup and out-of-band changes, as another tool would make them. */
    client: CognitoIdentityProviderClient;
    stackRegion: string;
    /** Run the out-of-band changes too (and the updates that undo them), after every step. */
    outOfBand: boolean;
    /** Stop after this many steps (the rest of the scenario still counts as its programs). */
    throughStep?: number;
    /** Called with every state the engine stores, while the pool is as that state describes it. */
    onPoint(point: Point): Promise<void>;
}

/**
 * Replays the scenario (placeholders already substituted) and returns the last stored state,
 * whose pool is left in place: the caller hands it over or deletes it.
 */
export async function replay(scenario: Scenario, options: ReplayOptions): Promise<StoredState> {
    const { version, stackRegion } = options;
    let step = 0;
    let program: Inputs = scenario.initial;
    let stored: StoredState;

    const emit = async (label: string) => {
        const verdict = await verdictOf(version, stored, program, stackRegion);
        const everyProgram: Verdict[] = [];
        for (const inputs of [scenario.initial, ...scenario.steps.map((s) => s.inputs)]) everyProgram.push(await verdictOf(version, stored, inputs, stackRegion));
        await options.onPoint({ label, step, program, stored, verdict, everyProgram, update: await updateTarget(verdict) });
    };
    // The update the upgrade test applies from the current state, with this version's verdict.
    const updateTarget = async (verdict: Verdict): Promise<UpdateTarget | null> => {
        if (verdict.kind === "update") return { program, verdict, why: "pending" };
        if (verdict.kind !== "none") return null;
        const next = scenario.steps[step];
        if (next) {
            const nextVerdict = await verdictOf(version, stored, next.inputs, stackRegion);
            if (nextVerdict.kind === "update") return { program: next.inputs, verdict: nextVerdict, why: "next step" };
        }
        const tagged = withUpgradeTag(program);
        const tagVerdict = await verdictOf(version, stored, tagged, stackRegion);
        return tagVerdict.kind === "update" ? { program: tagged, verdict: tagVerdict, why: "tag change" } : null;
    };
    const refresh = async (label: string) => {
        const read = await version.read(stored.id, stored.outputs);
        if (read.id !== stored.id || !read.props || !read.inputs) throw new Error(`${label}: ${version.version} read reports pool ${stored.id} gone`);
        stored = { id: stored.id, inputs: read.inputs as Inputs, outputs: read.props as Inputs };
        await emit(label);
    };

    const first = await version.check({}, program);
    if ((first.failures ?? []).length > 0) throw new Error(`initial program rejected by ${version.version}: ${stableStringify(first.failures)}`);
    const created = await version.create(first.inputs as Inputs);
    stored = { id: created.id, inputs: first.inputs as Inputs, outputs: created.outs as Inputs };
    await emit("after create");
    for (const operation of scenario.setup ?? []) await applyOperation(options.client, stored.id, operation);
    await refresh("after create and setup, after refresh");

    for (const [i, s] of scenario.steps.slice(0, options.throughStep ?? scenario.steps.length).entries()) {
        const where = `step ${i + 1}${s.description ? ` (${s.description})` : ""}`;
        const checked = await version.check(stored.inputs, s.inputs);
        // A rejected program or a refused replacement stores nothing.
        if ((checked.failures ?? []).length > 0) continue;
        const news = checked.inputs as Inputs;
        const verdict = await verdictOf(version, stored, s.inputs, stackRegion);
        if (verdict.kind === "blocked" || (verdict.kind === "replace" && !s.applyReplacement)) continue;
        step = i + 1;
        program = s.inputs;
        if (verdict.kind === "none") {
            // No change: the engine keeps the outputs and stores the new inputs.
            const changed = stableStringify(news) !== stableStringify(stored.inputs);
            stored = { ...stored, inputs: news };
            if (changed) await emit(`${where}, no change`);
            continue;
        }
        if (verdict.kind === "replace") {
            const old = stored;
            const replacement = await version.create(news);
            stored = { id: replacement.id, inputs: news, outputs: replacement.outs as Inputs };
            await emit(`${where}, replacement created`);
            await version.delete(old.id, old.outputs);
            await refresh(`${where}, after refresh`);
            continue;
        }
        const updated = await version.update(stored.id, stored.outputs, news);
        stored = { id: stored.id, inputs: news, outputs: updated.outs as Inputs };
        await emit(`${where}, after update`);
        await refresh(`${where}, after refresh`);
    }

    if (!options.outOfBand || (options.throughStep ?? scenario.steps.length) < scenario.steps.length) return stored;
    for (const [i, change] of (scenario.outOfBand ?? []).entries()) {
        const where = `out-of-band ${i + 1} [${change.family}]${change.description ? ` (${change.description})` : ""}`;
        await applyOperation(options.client, stored.id, change);
        await refresh(`${where}, after refresh`);
        const checked = await version.check(stored.inputs, program);
        const verdict = await verdictOf(version, stored, program, stackRegion);
        if (verdict.kind !== "update") continue;
        // pulumi up puts the declared values back.
        const updated = await version.update(stored.id, stored.outputs, checked.inputs as Inputs);
        stored = { id: stored.id, inputs: checked.inputs as Inputs, outputs: updated.outs as Inputs };
        await emit(`${where}, corrected by update`);
        await refresh(`${where}, corrected, after refresh`);
    }
    return stored;
}
