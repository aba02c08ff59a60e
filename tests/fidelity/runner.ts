/**
 * The fidelity runner: drives the provider in-process through one scenario against one target
 * (cognito-local, the AWS-faithful fake, or real AWS) the way the Pulumi engine would, and
 * records every disagreement with the scenario instead of stopping at the first:
 *
 *  create -> diff (no change) -> [setup changes to undeclared fields] -> read -> diff (no change)
 *  for each step: check -> classify the plan (none / update / replace / invalid, exact fields)
 *                 -> apply it -> diff on update's outputs (no change) -> read -> diff (no change)
 *                 -> outputs of update == outputs of read -> live pool matches the step
 *                 -> members of fields never declared byte-identical -> removed fields reset
 *  for each out-of-band change: make it with the SDK -> read -> diff reports exactly it
 *                 -> the drift report agrees -> update -> converges.
 *
 * Nothing here knows any scenario by name: everything comes from the scenario data.
 */
import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import type * as pulumi from "@pulumi/pulumi";
import { canonical, isPlainObject, stableStringify } from "../../provider/shared/schema";
import { declaredFieldsOf, planUserPool, UserPoolPlan } from "../../provider/userPool/diff";
import { driftedFields, driftReport } from "../../provider/userPool/drift";
import type { UserPoolType } from "@aws-sdk/client-cognito-identity-provider";
import { liveFields, UserPoolState } from "../../provider/userPool/flatten";
import { fieldSchema, resetValue, updatableFields, userPoolSchema } from "../../provider/userPool/model";
import * as userPoolProvider from "../../provider/userPool/provider";
import { applyOperation, describe, mfaConfig, partialMismatches, plain, snapshot, Snapshot, touchedUndeclared } from "./awsState";
import { ExpectKind, Fixtures, Inputs, LivePartial, Scenario, substitute } from "./scenarioFile";

/** The provider methods the runner drives; tests can wrap them to prove the runner notices faults. */
export interface ProviderUnderTest {
    check(olds: Inputs, news: Inputs): Promise<pulumi.dynamic.CheckResult>;
    diff(id: string, olds: Inputs, news: Inputs): Promise<pulumi.dynamic.DiffResult>;
    create(inputs: Inputs): Promise<pulumi.dynamic.CreateResult>;
    read(id: string, props: Inputs): Promise<pulumi.dynamic.ReadResult>;
    update(id: string, olds: Inputs, news: Inputs): Promise<pulumi.dynamic.UpdateResult>;
    delete(id: string, props: Inputs): Promise<void>;
    plan(olds: UserPoolState, news: Inputs, stackRegion?: string): UserPoolPlan;
}

export const realProvider: ProviderUnderTest = {
    check: userPoolProvider.check,
    diff: userPoolProvider.diff,
    create: userPoolProvider.create,
    read: userPoolProvider.read,
    update: userPoolProvider.update,
    delete: userPoolProvider.deleteUserPool,
    plan: planUserPool,
};

export type ProblemKind =
    | "spurious diff"
    | "missed drift"
    | "wrong classification"
    | "live mismatch"
    | "undeclared touched"
    | "stale outputs"
    | "drift report disagrees"
    | "error";

export interface Problem {
    kind: ProblemKind;
    where: string;
    message: string;
}

export interface ScenarioResult {
    scenario: string;
    target: string;
    steps: number;
    outOfBand: number;
    problems: Problem[];
}

export interface RunContext {
    target: "emulator" | "fake" | "aws";
    /** A client of the target for out-of-band changes and snapshots, as another tool would use. */
    client: CognitoIdentityProviderClient;
    stackRegion: string;
    fixtures: Fixtures;
    provider?: ProviderUnderTest;
}

interface Classification {
    kind: Exclude<ExpectKind, "invalid">;
    fields: string[];
}

function classify(plan: UserPoolPlan): Classification {
    if (plan.replaceReasons.size > 0) return { kind: "replace", fields: [...plan.replaceReasons.keys()].sort() };
    if (plan.changedFields.length > 0) return { kind: "update", fields: [...plan.changedFields].sort() };
    return { kind: "none", fields: [] };
}

function show(c: { kind: string; fields: string[] }): string {
    return c.fields.length > 0 ? `${c.kind} [${c.fields.join(", ")}]` : c.kind;
}

function message(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}

function clip(text: string, width = 160): string {
    return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/** Where two values differ, as `path: a -> b` lines (lists element by element), at most `limit` of them. */
export function differences(a: unknown, b: unknown, path = "", limit = 6): string[] {
    const out: string[] = [];
    const walk = (x: unknown, y: unknown, at: string) => {
        if (out.length >= limit || stableStringify(x) === stableStringify(y)) return;
        if (Array.isArray(x) && Array.isArray(y) && x.length === y.length) {
            x.forEach((item, i) => walk(item, y[i], `${at}[${i}]`));
            return;
        }
        if (isPlainObject(x) && isPlainObject(y)) {
            for (const key of [...new Set([...Object.keys(x), ...Object.keys(y)])].sort()) walk(x[key], y[key], at === "" ? key : `${at}.${key}`);
            return;
        }
        out.push(`${at || "(value)"}: ${clip(stableStringify(x))} -> ${clip(stableStringify(y))}`);
    };
    walk(a, b, path);
    return out;
}

/** Names the pool's SchemaAttributes must and must not list, as AWS names them. */
function attributeNameMismatches(expected: NonNullable<LivePartial["attributeNames"]>, pool: Inputs): string[] {
    const names = (Array.isArray(pool.SchemaAttributes) ? pool.SchemaAttributes : []).flatMap((a) => (isPlainObject(a) && typeof a.Name === "string" ? [a.Name] : []));
    return [
        ...(expected.present ?? []).filter((n) => !names.includes(n)).map((n) => `DescribeUserPool SchemaAttributes has no attribute named ${n} (it has ${names.filter((m) => m.includes(":")).join(", ") || "no custom ones"})`),
        ...(expected.absent ?? []).filter((n) => names.includes(n)).map((n) => `DescribeUserPool SchemaAttributes has an attribute named ${n}, which must not exist`),
    ];
}

/** Outputs compared between update and the read after it: the date AWS stamps on writes differs. */
function comparableOutputs(state: Inputs): Inputs {
    const { lastModifiedDate: _date, ...rest } = plain(state);
    return rest;
}

class ScenarioRun {
    readonly problems: Problem[] = [];
    private readonly provider: ProviderUnderTest;
    private readonly pools = new Map<string, Inputs>();
    private id = "";
    private state: UserPoolState = { declaredFields: [] };
    /** The program's checked inputs. */
    private inputs: Inputs = {};
    /**
     * The inputs the engine stores, which the next check gets as its olds and the CLI diffs an
     * update against: the checked inputs after create or update, read's inputs after a refresh.
     */
    private stored: Inputs = {};

    constructor(private readonly scenario: Scenario, private readonly context: RunContext) {
        this.provider = context.provider ?? realProvider;
    }

    private problem(kind: ProblemKind, where: string, text: string): void {
        this.problems.push({ kind, where, message: text });
    }

    private plan(state: UserPoolState, inputs: Inputs): UserPoolPlan {
        return this.provider.plan(state, inputs, this.context.stackRegion);
    }

    /** No change may be reported here: anything else is a spurious diff. */
    private expectNoDiff(where: string): void {
        const actual = classify(this.plan(this.state, this.inputs));
        if (actual.kind !== "none") this.problem("spurious diff", where, `expected no change, diff reports ${show(actual)}`);
    }

    private async refresh(where: string): Promise<void> {
        const result = await this.provider.read(this.id, this.state);
        if (result.id !== this.id || !result.props) throw new Error(`${where}: read reports the pool gone`);
        this.state = result.props as UserPoolState;
        this.pools.set(this.id, this.state);
        if (!result.inputs) {
            this.problem("stale outputs", where, "read stores no inputs: the CLI could not show what drifted");
            return;
        }
        this.stored = result.inputs as Inputs;
        // The engine's next preview checks the program against the inputs read stored.
        const checked = await this.provider.check(this.stored, this.inputs);
        if ((checked.failures ?? []).length > 0) throw new Error(`${where}: check after refresh fails: ${stableStringify(checked.failures)}`);
        this.inputs = checked.inputs as Inputs;
    }

    /**
     * What `pulumi preview --diff` shows of an update: the top-level fields where the stored
     * inputs and the checked inputs differ. It must be exactly the fields diff plans to change.
     * (With no change planned there is no update to show.)
     */
    private checkShownFields(where: string, planned: string[]): void {
        if (planned.length === 0) return;
        const shown = [...new Set([...Object.keys(this.stored), ...Object.keys(this.inputs)])]
            .filter((field) => stableStringify(this.stored[field]) !== stableStringify(this.inputs[field]))
            .sort();
        if (stableStringify(shown) !== stableStringify([...planned].sort())) {
            this.problem("spurious diff", where, `the CLI would show [${shown.join(", ")}] as changing, diff plans [${[...planned].sort().join(", ")}]: ${shown.map((f) => `${f}: ${stableStringify(this.stored[f])} => ${stableStringify(this.inputs[f])}`).join("; ")}`);
        }
    }

    /**
     * The drift report must name exactly the fields diff reports (after a refresh the declared
     * fields are the same on both sides, so every field diff reports differs in value).
     */
    private checkDriftReport(where: string): void {
        const plan = this.plan(this.state, this.inputs);
        const fromDiff = [...new Set([...plan.changedFields, ...plan.replaceReasons.keys()])].sort();
        const reported = driftedFields(driftReport(this.inputs, this.state));
        if (stableStringify(reported) !== stableStringify(fromDiff)) {
            this.problem("drift report disagrees", where, `drift report shows [${reported.join(", ")}] differing, diff reports [${fromDiff.join(", ")}]`);
        }
    }

    private async checkLive(where: string, partial: LivePartial | undefined): Promise<void> {
        if (!partial) return;
        const mismatches = [
            ...(partial.pool ? partialMismatches(partial.pool, await describe(this.context.client, this.id)).map((m) => `DescribeUserPool ${m}`) : []),
            ...(partial.mfa ? partialMismatches(partial.mfa, await mfaConfig(this.context.client, this.id)).map((m) => `GetUserPoolMfaConfig ${m}`) : []),
            ...(partial.attributeNames ? attributeNameMismatches(partial.attributeNames, await describe(this.context.client, this.id)) : []),
        ];
        for (const mismatch of mismatches) this.problem("live mismatch", where, mismatch);
    }

    /**
     * Runs the engine's update for `inputs` and checks everything that must hold after it.
     * `owned`: fields the previous or the new program declares (their members may change).
     */
    private async applyUpdate(where: string, inputs: Inputs, plan: UserPoolPlan, expectLive?: LivePartial): Promise<void> {
        const owned = new Set([...this.state.declaredFields, ...declaredFieldsOf(inputs)]);
        const before: Snapshot = await snapshot(this.context.client, this.id);
        const updated = await this.provider.update(this.id, this.state, inputs);
        this.inputs = inputs;
        this.stored = inputs;
        this.state = updated.outs as UserPoolState;
        this.pools.set(this.id, this.state);
        this.expectNoDiff(`${where}, on update's outputs`);
        const outputsOfUpdate = comparableOutputs(this.state);

        await this.refresh(where);
        this.expectNoDiff(`${where}, after refresh`);
        this.checkDriftReport(`${where}, after refresh`);
        const outputsOfRead = comparableOutputs(this.state);
        for (const key of new Set([...Object.keys(outputsOfUpdate), ...Object.keys(outputsOfRead)])) {
            const found = differences(outputsOfUpdate[key], outputsOfRead[key], key);
            if (found.length > 0) this.problem("stale outputs", where, `outputs of update differ from what refresh reads: ${found.join("; ")}`);
        }

        const after = await snapshot(this.context.client, this.id);
        for (const v of touchedUndeclared(before, after, owned)) {
            this.problem("undeclared touched", where, `${v.member} changed although no program declared it: ${differences(v.before, v.after, v.member).join("; ")}`);
        }
        // A field the program stops declaring goes back to AWS's default (README, promise 3).
        for (const field of plan.removedFields) {
            const reset = resetValue(field);
            if (!updatableFields.includes(field) || reset === undefined) continue;
            // From the pool itself: outputs carry only declared fields.
            const live = canonical(userPoolSchema, fieldSchema(field), liveFields(after.pool as UserPoolType)[field]);
            const expected = canonical(userPoolSchema, fieldSchema(field), reset);
            if (stableStringify(live) !== stableStringify(expected)) {
                this.problem("live mismatch", where, `${field} was removed from the program but is ${stableStringify(live)}, not its default ${stableStringify(expected)}`);
            }
        }
        await this.checkLive(where, expectLive);
    }

    private async createPool(where: string, inputs: Inputs): Promise<void> {
        const created = await this.provider.create(inputs);
        this.stored = inputs;
        this.id = created.id;
        this.inputs = inputs;
        this.state = created.outs as UserPoolState;
        this.pools.set(this.id, this.state);
        this.expectNoDiff(`${where}, on create's outputs`);
    }

    async run(): Promise<void> {
        const fixtures = this.context.fixtures;
        const initial = await this.provider.check({}, substitute(this.scenario.initial, fixtures));
        if (initial.failures && initial.failures.length > 0) {
            throw new Error(`initial program rejected by check: ${initial.failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`);
        }
        await this.createPool("after create", initial.inputs as Inputs);
        for (const [i, operation] of (this.scenario.setup ?? []).entries()) {
            try {
                await applyOperation(this.context.client, this.id, substitute(operation, fixtures));
            } catch (error) {
                throw new Error(`setup ${i + 1} failed: ${message(error)}`);
            }
        }
        await this.refresh("after create");
        this.expectNoDiff("after create, after refresh");
        this.checkDriftReport("after create, after refresh");
        await this.checkLive("after create", substitute(this.scenario.initialLive, fixtures));

        for (const [i, rawStep] of this.scenario.steps.entries()) {
            const step = substitute(rawStep, fixtures);
            const where = `step ${i + 1}${step.description ? ` (${step.description})` : ""}`;
            try {
                await this.runStep(where, step);
            } catch (error) {
                this.problem("error", where, message(error));
                return;
            }
        }
        for (const [i, rawChange] of (this.scenario.outOfBand ?? []).entries()) {
            const change = substitute(rawChange, fixtures);
            const where = `out-of-band ${i + 1} [${change.family}]${change.description ? ` (${change.description})` : ""}`;
            try {
                await this.runOutOfBand(where, change.expectFields, () => applyOperation(this.context.client, this.id, change));
            } catch (error) {
                this.problem("error", where, message(error));
                return;
            }
        }
    }

    private async runStep(where: string, step: Scenario["steps"][number]): Promise<void> {
        const checked = await this.provider.check(this.stored, step.inputs);
        const failures = checked.failures ?? [];
        const expected = { kind: step.expect.kind, fields: [...(step.expect.fields ?? [])].sort() };
        if (expected.kind === "invalid") {
            if (failures.length === 0) {
                this.problem("wrong classification", where, `expected check to reject the program (${expected.fields.join(", ")}); it was accepted`);
            } else {
                for (const field of expected.fields) {
                    if (!failures.some((f) => f.property === field || f.property.startsWith(`${field}.`) || f.property.startsWith(`${field}[`))) {
                        this.problem("wrong classification", where, `check rejected the program but not for ${field}: ${failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`);
                    }
                }
            }
            return;
        }
        if (failures.length > 0) {
            this.problem("wrong classification", where, `expected ${show(expected)}, check rejects the program: ${failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`);
            return;
        }
        const inputs = checked.inputs as Inputs;
        const plan = this.plan(this.state, inputs);
        const actual = classify(plan);
        if (actual.kind !== expected.kind || stableStringify(actual.fields) !== stableStringify(expected.fields)) {
            this.problem("wrong classification", where, `expected ${show(expected)}, diff reports ${show(actual)}`);
        }
        // What the engine sees must agree with the plan.
        let engineDiff: pulumi.dynamic.DiffResult | undefined;
        try {
            engineDiff = await this.provider.diff(this.id, this.state, inputs);
        } catch (error) {
            if (!step.expect.blocked) this.problem("wrong classification", where, `diff failed: ${message(error)}`);
            else {
                for (const field of expected.fields) {
                    if (!message(error).includes(field)) this.problem("wrong classification", where, `diff refused the replacement without naming ${field}: ${message(error)}`);
                }
            }
            return;
        }
        if (step.expect.blocked) {
            this.problem("wrong classification", where, `expected diff to refuse replacing a pool with deletion protection; it answered ${stableStringify(engineDiff)}`);
        }
        const replaces = [...(engineDiff.replaces ?? [])].sort();
        if (engineDiff.changes !== (actual.kind !== "none") || stableStringify(replaces) !== stableStringify(actual.kind === "replace" ? actual.fields : [])) {
            this.problem("wrong classification", where, `engine diff ${stableStringify(engineDiff)} disagrees with the plan ${show(actual)}`);
        }

        if (actual.kind === "none") {
            // The engine keeps the outputs and records the new inputs.
            this.inputs = inputs;
            return;
        }
        if (actual.kind === "replace") {
            if (!step.applyReplacement || expected.kind !== "replace") return;
            const old = { id: this.id, state: this.state };
            await this.createPool(`${where}, replacement`, inputs);
            await this.refresh(`${where}, replacement`);
            this.expectNoDiff(`${where}, replacement, after refresh`);
            await this.checkLive(where, step.expectLive);
            await this.provider.delete(old.id, old.state);
            this.pools.delete(old.id);
            return;
        }
        await this.applyUpdate(where, inputs, plan, step.expectLive);
    }

    private async runOutOfBand(where: string, expectFields: string[], change: () => Promise<void>): Promise<void> {
        await change();
        await this.refresh(where);
        const plan = this.plan(this.state, this.inputs);
        const reported = [...new Set([...plan.changedFields, ...plan.replaceReasons.keys()])].sort();
        const expected = [...expectFields].sort();
        const missed = expected.filter((f) => !reported.includes(f));
        const extra = reported.filter((f) => !expected.includes(f));
        if (missed.length > 0) this.problem("missed drift", where, `refresh + diff does not report [${missed.join(", ")}] (reports [${reported.join(", ")}])`);
        if (extra.length > 0) this.problem("spurious diff", where, `refresh + diff also reports [${extra.join(", ")}] (expected [${expected.join(", ")}])`);
        this.checkDriftReport(where);
        this.checkShownFields(where, reported);
        if (reported.length === 0 || plan.replaceReasons.size > 0) return;
        // pulumi up puts the declared values back; the pool must converge again.
        await this.applyUpdate(`${where}, corrected by update`, this.inputs, plan);
    }

    /** Deletes every pool the run created, switching deletion protection off first if needed. */
    async cleanUp(): Promise<void> {
        for (const [id, state] of this.pools) {
            try {
                await this.provider.delete(id, state);
            } catch {
                try {
                    await applyOperation(this.context.client, id, { change: { DeletionProtection: "INACTIVE" } });
                    await this.provider.delete(id, state);
                } catch (error) {
                    this.problem("error", "clean-up", `could not delete ${id}: ${message(error)}`);
                }
            }
        }
    }
}

export async function runScenario(scenario: Scenario, context: RunContext): Promise<ScenarioResult> {
    const run = new ScenarioRun(scenario, context);
    try {
        await run.run();
    } catch (error) {
        run.problems.push({ kind: "error", where: "scenario", message: message(error) });
    } finally {
        await run.cleanUp();
    }
    return {
        scenario: scenario.name,
        target: context.target,
        steps: scenario.steps.length,
        outOfBand: scenario.outOfBand?.length ?? 0,
        problems: run.problems,
    };
}

export interface Totals {
    scenarios: number;
    steps: number;
    outOfBand: number;
    spuriousDiffs: number;
    missedDrifts: number;
    wrongClassifications: number;
    otherProblems: number;
}

export function totals(results: ScenarioResult[]): Totals {
    const count = (kind: ProblemKind) => results.reduce((n, r) => n + r.problems.filter((p) => p.kind === kind).length, 0);
    const all = results.reduce((n, r) => n + r.problems.length, 0);
    const spuriousDiffs = count("spurious diff");
    const missedDrifts = count("missed drift");
    const wrongClassifications = count("wrong classification");
    return {
        scenarios: results.length,
        steps: results.reduce((n, r) => n + r.steps, 0),
        outOfBand: results.reduce((n, r) => n + r.outOfBand, 0),
        spuriousDiffs,
        missedDrifts,
        wrongClassifications,
        otherProblems: all - spuriousDiffs - missedDrifts - wrongClassifications,
    };
}

export function summaryLine(target: string, t: Totals): string {
    return (
        `fidelity [${target}]: ${t.scenarios} scenarios, ${t.steps} steps, ${t.outOfBand} out-of-band changes; ` +
        `spurious diffs ${t.spuriousDiffs}, missed drifts ${t.missedDrifts}, wrong classifications ${t.wrongClassifications}, ` +
        `other problems ${t.otherProblems}`
    );
}

export function formatProblems(result: ScenarioResult): string {
    return result.problems.map((p) => `  [${p.kind}] ${p.where}: ${p.message}`).join("\n");
}
