// A small, deliberately literal re-implementation of the Pulumi engine's step generation/execution for dynamic
// resources, driving the real dynamic-provider host over gRPC (see providerHost.ts). It keeps a state file in memory.
//
// Sources for the behaviour reproduced here (pulumi/pulumi):
//   pkg/resource/deploy/step_generator.go  generateSteps / generateStepsFromDiff / diffResource / GenerateDeletes /
//                                          ScheduleDeletes / applyReplaceOnChanges / processIgnoreChanges
//   pkg/resource/deploy/step.go            CreateStep / UpdateStep / DeleteStep / RefreshStep Apply
//   sdk/go/common/resource/plugin/provider_plugin.go  Check/Diff/Create/Read/Update/Delete marshalling, annotateSecrets,
//                                          parseError (ErrorResourceInitFailed -> partial failure)
// Simplifications are called out inline ("SIMPLIFICATION"). The big one: steps run strictly one at a time in
// registration order, whereas the engine runs independent steps in parallel (so RPC interleaving across unrelated
// resources can differ; the order per resource and the dependency order do not).
import {
    CallRecord,
    DiffChanges,
    DiffResult,
    PROVIDER_KEY,
    PropertyMap,
    PropertyValue,
    ProviderCallError,
    ProviderHost,
    ProviderHostOptions,
    UNKNOWN,
    makeUrn,
    projectNameFromPulumiYaml,
    startProviderHost,
} from "./providerHost";

export interface ResourceSpec {
    /** Logical name (last URN segment). */
    name: string;
    /** Serialized provider text (serializeProvider); goes into the `__provider` input. */
    provider: string;
    /** Program inputs. Must not contain `__provider`. May contain UNKNOWN only in previews. */
    inputs: PropertyMap;
    /** Top-level input keys that are secrets (pulumi.secret). Add "__provider" if the closure captured secrets. */
    secretKeys?: string[];
    /** Names of resources this one depends on (dependsOn). */
    dependsOn?: string[];
    /** Type token parts, as in `new dynamic.Resource(provider, name, props, opts, module, type)`. */
    module?: string;
    type?: string;
    /** Resource option override of the provider's deleteBeforeReplace answer. */
    deleteBeforeReplace?: boolean;
    /** Resource option ignoreChanges (top-level property names only). */
    ignoreChanges?: string[];
}

export interface ResourceState {
    urn: string;
    name: string;
    type: string;
    id: string;
    /** Checked inputs, including `__provider`. */
    inputs: PropertyMap;
    outputs: PropertyMap;
    /** Top-level keys of `inputs` / `outputs` the state marks as secret. */
    secretInputs: string[];
    secretOutputs: string[];
    /** URNs of dependencies. */
    dependencies: string[];
    /** From a partial failure (ErrorResourceInitFailed reasons). */
    initErrors: string[];
    /** Old half of a create-before-delete replacement, waiting to be deleted. */
    delete: boolean;
    /** Deleted by a delete-before-replace whose create has not succeeded yet. */
    pendingReplacement: boolean;
    ignoreChanges: string[];
}

export type StepOp = "create" | "update" | "replace" | "same" | "delete";

export interface Step {
    name: string;
    urn: string;
    op: StepOp;
    /** Keys the engine knows changed: the provider's `diffs` (never set by the dynamic host) or, when the provider
     *  answered DIFF_UNKNOWN, the engine's own top-level diff of old vs new inputs. */
    changedKeys: string[];
    /** Keys forcing replacement (the provider's `replaces`). */
    replaceKeys: string[];
    /** Effective delete-before-replace for replacements. */
    deleteBeforeReplace: boolean;
    /** The provider's raw DiffChanges, when Diff was called. */
    providerChanges?: DiffChanges;
    /** Extra context: "init-errors", "pending-delete", "removed-from-program", "gone" (refresh). */
    reason?: string;
}

export interface OperationResult {
    /** Logical steps of the command (for `refresh()`, the refresh steps). */
    steps: Step[];
    /** Steps of the refresh phase (`refresh()`, or `up`/`preview` with `refresh: true`). */
    refreshSteps: Step[];
    /** The RPCs made during this operation (including host start-up calls when a process was started for it). */
    calls: CallRecord[];
    /** Outputs by resource name after the operation (up/refresh). */
    outputs: Record<string, PropertyMap>;
    stderr: string;
    stdout: string;
}

export class EngineError extends Error {
    readonly steps: Step[];
    calls: CallRecord[];
    readonly urn?: string;
    override readonly cause?: unknown;
    readonly checkFailures?: { property: string; reason: string }[];
    stderr: string;

    constructor(
        message: string,
        extra: {
            steps: Step[];
            calls: CallRecord[];
            stderr: string;
            urn?: string;
            cause?: unknown;
            checkFailures?: { property: string; reason: string }[];
        },
    ) {
        super(message);
        this.name = "EngineError";
        this.steps = extra.steps;
        this.calls = extra.calls;
        this.stderr = extra.stderr;
        this.urn = extra.urn;
        this.cause = extra.cause;
        this.checkFailures = extra.checkFailures;
    }
}

export interface EngineOptions extends ProviderHostOptions {
    /** Start a fresh plugin process for every command, as the CLI does (default true). */
    processPerOperation?: boolean;
    /** Skip the Diff that RefreshStep makes after each Read (engine option UseLegacyRefreshDiff). Default false. */
    legacyRefreshDiff?: boolean;
}

// ---------------------------------------------------------------------------------------------------------------
// Value helpers.

function clone<T>(v: T): T {
    return structuredClone(v);
}

function isObject(v: PropertyValue | undefined): v is { [key: string]: PropertyValue } {
    return v !== null && v !== undefined && typeof v === "object" && !Array.isArray(v);
}

export function deepEqual(a: PropertyValue | undefined, b: PropertyValue | undefined): boolean {
    if (a === b) {
        return true;
    }
    if (Array.isArray(a) || Array.isArray(b)) {
        if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) {
            return false;
        }
        return a.every((e, i) => deepEqual(e, b[i]));
    }
    if (isObject(a) && isObject(b)) {
        const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
        for (const k of keys) {
            if (!deepEqual(a[k] ?? null, b[k] ?? null)) {
                return false;
            }
        }
        return true;
    }
    return false;
}

export function containsUnknown(v: PropertyValue | undefined): boolean {
    if (v === UNKNOWN) {
        return true;
    }
    if (Array.isArray(v)) {
        return v.some(containsUnknown);
    }
    if (isObject(v)) {
        return Object.values(v).some(containsUnknown);
    }
    return false;
}

/** Top-level keys that differ (added, deleted, updated), like resource.PropertyMap.Diff(...).ChangedKeys(); nulls
 *  count as absent. */
export function changedTopLevelKeys(olds: PropertyMap, news: PropertyMap): string[] {
    const keys = new Set([...Object.keys(olds), ...Object.keys(news)]);
    return [...keys].filter((k) => !deepEqual(olds[k] ?? null, news[k] ?? null)).sort();
}

/** annotateSecrets for top-level keys: an output key is secret if the same input key was secret. */
function annotateSecrets(outs: PropertyMap, secretInputKeys: Iterable<string>): string[] {
    return [...new Set(secretInputKeys)].filter((k) => Object.prototype.hasOwnProperty.call(outs, k)).sort();
}

export function typeToken(spec: Pick<ResourceSpec, "module" | "type">): string {
    return `pulumi-nodejs:dynamic${spec.module ? `/${spec.module}` : ""}:${spec.type ?? "Resource"}`;
}

interface EngineDiff {
    changes: "none" | "some";
    changedKeys: string[];
    replaceKeys: string[];
    deleteBeforeReplace: boolean;
    providerChanges: DiffChanges;
}

/** diffResource: DIFF_UNKNOWN falls back to the engine's own comparison of old and new inputs. */
function engineDiff(diff: DiffResult, oldInputs: PropertyMap, newInputs: PropertyMap): EngineDiff {
    let changes: "none" | "some";
    let changedKeys = [...diff.diffs];
    if (diff.changes === "unknown") {
        changedKeys = changedTopLevelKeys(oldInputs, newInputs);
        changes = changedKeys.length > 0 ? "some" : "none";
    } else {
        changes = diff.changes;
    }
    return {
        changes,
        changedKeys,
        replaceKeys: [...diff.replaces],
        deleteBeforeReplace: diff.deleteBeforeReplace,
        providerChanges: diff.changes,
    };
}

/** processIgnoreChanges for top-level paths: take the old value (or drop the key if the old had none). */
function applyIgnoreChanges(news: PropertyMap, olds: PropertyMap, ignore: string[]): PropertyMap {
    const out = { ...news };
    for (const k of ignore) {
        if (Object.prototype.hasOwnProperty.call(olds, k)) {
            out[k] = clone(olds[k]);
        } else {
            delete out[k];
        }
    }
    return out;
}

// ---------------------------------------------------------------------------------------------------------------

export class Engine {
    readonly options: EngineOptions;
    /** Every plugin process this engine started, oldest first (stopped ones included, for their calls/stderr). */
    readonly hosts: ProviderHost[] = [];
    private resources: ResourceState[] = [];
    private sharedHost?: ProviderHost;

    constructor(options: EngineOptions) {
        // Pin the project name so the URNs here and the plugin's PULUMI_NODEJS_PROJECT always agree.
        this.options = { ...options, project: options.project ?? projectNameFromPulumiYaml(options.cwd) ?? "harness" };
    }

    get project(): string {
        return this.options.project ?? projectNameFromPulumiYaml(this.options.cwd) ?? "harness";
    }

    get stack(): string {
        return this.options.stack ?? "test";
    }

    /** A deep copy of the current state. */
    get state(): ResourceState[] {
        return clone(this.resources);
    }

    setState(state: ResourceState[]): void {
        this.resources = clone(state);
    }

    urnOf(spec: Pick<ResourceSpec, "name" | "module" | "type">): string {
        return makeUrn(this.stack, this.project, typeToken(spec), spec.name);
    }

    resource(name: string): ResourceState | undefined {
        const r = this.resources.find((s) => s.name === name && !s.delete);
        return r ? clone(r) : undefined;
    }

    get lastHost(): ProviderHost | undefined {
        return this.hosts[this.hosts.length - 1];
    }

    async close(): Promise<void> {
        const h = this.sharedHost;
        this.sharedHost = undefined;
        if (h) {
            await h.stop();
        }
    }

    // --- commands ------------------------------------------------------------------------------------------------

    /** `pulumi up` (optionally `--refresh`). */
    async up(specs: ResourceSpec[], opts: { refresh?: boolean } = {}): Promise<OperationResult> {
        return this.runDeployment(specs, false, opts.refresh ?? false);
    }

    /** `pulumi preview` (optionally `--refresh`): Check + Diff only, state untouched. */
    async preview(specs: ResourceSpec[], opts: { refresh?: boolean } = {}): Promise<OperationResult> {
        return this.runDeployment(specs, true, opts.refresh ?? false);
    }

    /** `pulumi refresh`: Read (+ the refresh Diff) for every resource; resources whose Read returns no id are dropped. */
    async refresh(): Promise<OperationResult> {
        return this.withHost(async (host, ctx) => {
            const working = clone(this.resources);
            const refreshed = await this.refreshStates(host, working, false, ctx.refreshSteps);
            ctx.steps.push(...ctx.refreshSteps);
            this.resources = refreshed;
            return this.outputsByName(refreshed);
        });
    }

    /** `pulumi destroy`: Delete everything, dependents before their dependencies. */
    async destroy(): Promise<OperationResult> {
        return this.withHost(async (host, ctx) => {
            const condemned = [...this.resources];
            for (const res of this.scheduleDeletes(condemned, this.resources)) {
                ctx.steps.push(this.deleteStep(res, res.delete ? "pending-delete" : undefined));
                if (!res.pendingReplacement) {
                    await host.delete({ id: res.id, urn: res.urn, properties: res.outputs, oldInputs: res.inputs });
                }
                this.resources = this.resources.filter((r) => r !== res);
            }
            return {};
        });
    }

    // --- internals -----------------------------------------------------------------------------------------------

    private async acquireHost(): Promise<{ host: ProviderHost; temporary: boolean }> {
        const perOp = this.options.processPerOperation ?? true;
        if (!perOp && this.sharedHost) {
            return { host: this.sharedHost, temporary: false };
        }
        const host = await startProviderHost(this.options);
        this.hosts.push(host);
        if (!perOp) {
            this.sharedHost = host;
        }
        return { host, temporary: perOp };
    }

    private async withHost(
        body: (
            host: ProviderHost,
            ctx: { steps: Step[]; refreshSteps: Step[] },
        ) => Promise<Record<string, PropertyMap>>,
    ): Promise<OperationResult> {
        const { host, temporary } = await this.acquireHost();
        const callStart = temporary ? 0 : host.calls.length;
        const stderrStart = temporary ? 0 : host.stderr().length;
        const stdoutStart = temporary ? 0 : host.stdout().length;
        const ctx = { steps: [] as Step[], refreshSteps: [] as Step[] };
        try {
            const outputs = await body(host, ctx);
            return {
                steps: ctx.steps,
                refreshSteps: ctx.refreshSteps,
                calls: host.calls.slice(callStart),
                outputs,
                stderr: host.stderr().slice(stderrStart),
                stdout: host.stdout().slice(stdoutStart),
            };
        } catch (err) {
            if (err instanceof EngineError) {
                err.calls = host.calls.slice(callStart);
                err.stderr = host.stderr().slice(stderrStart);
                throw err;
            }
            const urn = (err as { urn?: string }).urn;
            throw new EngineError(err instanceof Error ? err.message : String(err), {
                steps: ctx.steps,
                calls: host.calls.slice(callStart),
                stderr: host.stderr().slice(stderrStart),
                urn,
                cause: err,
            });
        } finally {
            if (temporary) {
                await host.stop();
            }
        }
    }

    private outputsByName(states: ResourceState[]): Record<string, PropertyMap> {
        const out: Record<string, PropertyMap> = {};
        for (const s of states) {
            if (!s.delete && !s.pendingReplacement) {
                out[s.name] = clone(s.outputs);
            }
        }
        return out;
    }

    private deleteStep(res: ResourceState, reason?: string): Step {
        return {
            name: res.name,
            urn: res.urn,
            op: "delete",
            changedKeys: [],
            replaceKeys: [],
            deleteBeforeReplace: false,
            reason,
        };
    }

    /** Program order, except that a resource never registers before its dependsOn (the SDK awaits them). */
    private orderSpecs(specs: ResourceSpec[]): ResourceSpec[] {
        const byName = new Map<string, ResourceSpec>();
        for (const s of specs) {
            if (byName.has(s.name)) {
                throw new Error(`duplicate resource name ${s.name}`);
            }
            if (Object.prototype.hasOwnProperty.call(s.inputs, PROVIDER_KEY)) {
                throw new Error("A dynamic resource must not define the __provider key");
            }
            byName.set(s.name, s);
        }
        for (const s of specs) {
            for (const d of s.dependsOn ?? []) {
                if (!byName.has(d)) {
                    throw new Error(`${s.name} depends on unknown resource ${d}`);
                }
            }
        }
        const done = new Set<string>();
        const ordered: ResourceSpec[] = [];
        while (ordered.length < specs.length) {
            const next = specs.find((s) => !done.has(s.name) && (s.dependsOn ?? []).every((d) => done.has(d)));
            if (!next) {
                throw new Error("dependency cycle among resources");
            }
            done.add(next.name);
            ordered.push(next);
        }
        return ordered;
    }

    /** ScheduleDeletes: dependents go before their dependencies; ties in reverse state order. */
    private scheduleDeletes(condemned: ResourceState[], stateOrder: ResourceState[]): ResourceState[] {
        const remaining = new Set(condemned);
        const antichains: ResourceState[][] = [];
        while (remaining.size > 0) {
            const condemnedUrns = new Map<string, number>();
            for (const r of remaining) {
                condemnedUrns.set(r.urn, (condemnedUrns.get(r.urn) ?? 0) + 1);
            }
            const chain = [...remaining].filter((r) => r.dependencies.every((d) => !condemnedUrns.has(d)));
            if (chain.length === 0) {
                throw new Error("dependency cycle in state");
            }
            for (const r of chain) {
                remaining.delete(r);
            }
            antichains.push(chain);
        }
        antichains.reverse();
        const pos = (r: ResourceState) => stateOrder.indexOf(r);
        return antichains.flatMap((chain) => chain.sort((a, b) => pos(b) - pos(a)));
    }

    /** RefreshStep.Apply for each resource; returns the refreshed list (gone resources removed). */
    private async refreshStates(
        host: ProviderHost,
        states: ResourceState[],
        preview: boolean,
        steps: Step[],
    ): Promise<ResourceState[]> {
        const result: ResourceState[] = [];
        for (const old of states) {
            if (old.pendingReplacement) {
                result.push(old);
                continue;
            }
            let id: string;
            let outputs: PropertyMap;
            let readInputs: PropertyMap | undefined;
            let initErrors: string[] = [];
            try {
                const r = await host.read({ id: old.id, urn: old.urn, properties: old.outputs, inputs: old.inputs });
                id = r.id;
                outputs = r.properties;
                readInputs = r.inputs;
            } catch (err) {
                // A partial failure does not fail a refresh: the engine warns and records the init errors.
                if (err instanceof ProviderCallError && err.initFailure) {
                    id = err.initFailure.id;
                    outputs = err.initFailure.properties;
                    readInputs = err.initFailure.inputs;
                    initErrors = err.initFailure.reasons;
                } else {
                    throw Object.assign(err instanceof Error ? err : new Error(String(err)), { urn: old.urn });
                }
            }
            if (id === "") {
                // The provider says the resource is gone: it leaves the state.
                steps.push(this.deleteStep(old, "gone"));
                continue;
            }
            const inputs = readInputs ?? old.inputs;
            const fresh: ResourceState = {
                ...old,
                id: id || old.id,
                inputs,
                outputs,
                secretInputs: readInputs ? annotateSecrets(readInputs, old.secretInputs) : old.secretInputs,
                secretOutputs: annotateSecrets(outputs, old.secretOutputs),
                initErrors,
            };
            let op: StepOp;
            let diff: EngineDiff | undefined;
            if (this.options.legacyRefreshDiff) {
                op = deepEqual(old.outputs, outputs) && deepEqual(old.inputs, inputs) ? "same" : "update";
            } else {
                // The refresh diff: "what would an up of an unchanged program do", with old/new swapped.
                const d = await host.diff({
                    id: fresh.id,
                    urn: fresh.urn,
                    olds: fresh.outputs,
                    news: old.inputs,
                    oldInputs: fresh.inputs,
                    ignoreChanges: old.ignoreChanges,
                });
                diff = engineDiff(d, fresh.inputs, old.inputs);
                op = diff.changes === "none" ? "same" : "update";
            }
            steps.push({
                name: old.name,
                urn: old.urn,
                op,
                changedKeys: diff?.changedKeys ?? [],
                replaceKeys: [],
                deleteBeforeReplace: false,
                providerChanges: diff?.providerChanges,
                reason: preview ? "refresh (preview)" : "refresh",
            });
            result.push(fresh);
        }
        return result;
    }

    private async runDeployment(specs: ResourceSpec[], preview: boolean, refresh: boolean): Promise<OperationResult> {
        const ordered = this.orderSpecs(specs);
        if (!preview) {
            for (const s of ordered) {
                if (containsUnknown(s.inputs)) {
                    throw new Error(`${s.name}: unknown values can only appear in a preview`);
                }
            }
        }
        const urnByName = new Map(ordered.map((s) => [s.name, this.urnOf(s)]));

        return this.withHost(async (host, ctx) => {
            const { steps } = ctx;
            // The previous snapshot ("olds"); for previews a scratch copy that is thrown away.
            let prev: ResourceState[] = clone(this.resources);
            if (refresh) {
                prev = await this.refreshStates(host, prev, preview, ctx.refreshSteps);
                if (!preview) {
                    this.resources = clone(prev);
                }
            }
            const olds = new Map<string, ResourceState>();
            for (const r of prev) {
                if (!r.delete) {
                    olds.set(r.urn, r);
                }
            }
            const created: ResourceState[] = []; // new states, in registration order
            const seen = new Set<string>();
            const gone = new Set<ResourceState>(); // old states removed during this run

            const commit = () => {
                if (preview) {
                    return;
                }
                const superseded = new Set(created.map((c) => c.urn));
                const rest = prev.filter((r) => !gone.has(r) && (r.delete || !superseded.has(r.urn)));
                this.resources = clone([...created, ...rest]);
            };

            const fail = (
                message: string,
                urn: string,
                cause?: unknown,
                checkFailures?: { property: string; reason: string }[],
            ) => {
                commit();
                return new EngineError(message, {
                    steps,
                    calls: host.calls.slice(),
                    stderr: host.stderr(),
                    urn,
                    cause,
                    checkFailures,
                });
            };

            const check = async (urn: string, olds: PropertyMap, news: PropertyMap) => {
                const res = await host.check({ urn, olds, news });
                if (res.failures.length > 0) {
                    const text = res.failures
                        .map((f) => (f.property ? `${f.property}: ${f.reason}` : f.reason))
                        .join("; ");
                    throw fail(`${urn} has check failures: ${text}`, urn, undefined, res.failures);
                }
                return res.inputs;
            };

            let currentUrn = "";
            try {
                for (const spec of ordered) {
                    const urn = urnByName.get(spec.name) as string;
                    currentUrn = urn;
                    seen.add(urn);
                    const type = typeToken(spec);
                    const dependencies = (spec.dependsOn ?? []).map((d) => urnByName.get(d) as string);
                    let old = olds.get(urn);
                    // SIMPLIFICATION: a resource left pendingReplacement by an interrupted delete-before-replace is
                    // treated as absent (its cloud object is already deleted); it is dropped once the new one exists.
                    const pendingOld = old?.pendingReplacement ? old : undefined;
                    if (pendingOld) {
                        old = undefined;
                    }
                    const goal: PropertyMap = { ...clone(spec.inputs), [PROVIDER_KEY]: spec.provider };
                    const secretGoal = new Set((spec.secretKeys ?? []).filter((k) => k in goal));
                    const ignoreChanges = spec.ignoreChanges ?? [];
                    const inputs = old ? applyIgnoreChanges(goal, old.inputs, ignoreChanges) : goal;

                    let checked = await check(urn, old ? old.inputs : {}, inputs);
                    let secretInputs = annotateSecrets(checked, secretGoal);

                    const newState = (id: string, outputs: PropertyMap, initErrors: string[] = []): ResourceState => ({
                        urn,
                        name: spec.name,
                        type,
                        id,
                        inputs: checked,
                        outputs,
                        secretInputs,
                        secretOutputs: annotateSecrets(outputs, secretInputs),
                        dependencies,
                        initErrors,
                        delete: false,
                        pendingReplacement: false,
                        ignoreChanges,
                    });

                    const doCreate = async (onPartial: () => void): Promise<void> => {
                        try {
                            const res = await host.create({ urn, properties: checked });
                            if (res.id === "") {
                                throw fail(`provider did not return an ID from Create for ${urn}`, urn);
                            }
                            created.push(newState(res.id, res.properties));
                        } catch (err) {
                            if (err instanceof ProviderCallError && err.initFailure) {
                                created.push(
                                    newState(err.initFailure.id, err.initFailure.properties, err.initFailure.reasons),
                                );
                                onPartial();
                            }
                            if (err instanceof EngineError) {
                                throw err;
                            }
                            throw fail(`creating ${urn}: ${(err as Error).message}`, urn, err);
                        }
                    };

                    if (!old) {
                        steps.push({
                            name: spec.name,
                            urn,
                            op: "create",
                            changedKeys: [],
                            replaceKeys: [],
                            deleteBeforeReplace: false,
                        });
                        if (!preview) {
                            await doCreate(() => undefined);
                            if (pendingOld) {
                                gone.add(pendingOld);
                            }
                        }
                        continue;
                    }

                    const rawDiff = await host.diff({
                        id: old.id,
                        urn,
                        olds: old.outputs,
                        news: checked,
                        oldInputs: old.inputs,
                        ignoreChanges,
                    });
                    const diff = engineDiff(rawDiff, old.inputs, checked);
                    const hasInitErrors = old.initErrors.length > 0;

                    if (diff.changes === "some" && diff.replaceKeys.length > 0) {
                        // Replacement: defaults are recomputed with a fresh Check against no olds and the raw goal.
                        checked = await check(urn, {}, goal);
                        secretInputs = annotateSecrets(checked, secretGoal);
                        const dbr = spec.deleteBeforeReplace ?? diff.deleteBeforeReplace;
                        steps.push({
                            name: spec.name,
                            urn,
                            op: "replace",
                            changedKeys: diff.changedKeys,
                            replaceKeys: diff.replaceKeys,
                            deleteBeforeReplace: dbr,
                            providerChanges: diff.providerChanges,
                        });
                        if (preview) {
                            continue;
                        }
                        const oldState = old;
                        if (dbr) {
                            try {
                                await host.delete({
                                    id: oldState.id,
                                    urn,
                                    properties: oldState.outputs,
                                    oldInputs: oldState.inputs,
                                });
                            } catch (err) {
                                throw fail(
                                    `deleting ${urn} (delete-before-replace): ${(err as Error).message}`,
                                    urn,
                                    err,
                                );
                            }
                            oldState.pendingReplacement = true;
                            await doCreate(() => undefined);
                            gone.add(oldState);
                        } else {
                            // The old resource becomes pending-delete as soon as the replacement Create returns,
                            // even on a partial failure; it is deleted after all creates/updates.
                            await doCreate(() => {
                                oldState.delete = true;
                            });
                            oldState.delete = true;
                        }
                        continue;
                    }

                    if (diff.changes === "some" || hasInitErrors) {
                        steps.push({
                            name: spec.name,
                            urn,
                            op: "update",
                            changedKeys: diff.changes === "some" ? diff.changedKeys : [],
                            replaceKeys: [],
                            deleteBeforeReplace: false,
                            providerChanges: diff.providerChanges,
                            reason: diff.changes === "some" ? undefined : "init-errors",
                        });
                        if (preview) {
                            continue;
                        }
                        try {
                            const res = await host.update({
                                id: old.id,
                                urn,
                                olds: old.outputs,
                                news: checked,
                                oldInputs: old.inputs,
                                ignoreChanges,
                            });
                            created.push(newState(old.id, res.properties));
                        } catch (err) {
                            if (err instanceof ProviderCallError && err.initFailure) {
                                // The engine ignores the id in an Update's init failure and keeps the old one.
                                created.push(newState(old.id, err.initFailure.properties, err.initFailure.reasons));
                            }
                            throw fail(`updating ${urn}: ${(err as Error).message}`, urn, err);
                        }
                        continue;
                    }

                    steps.push({
                        name: spec.name,
                        urn,
                        op: "same",
                        changedKeys: [],
                        replaceKeys: [],
                        deleteBeforeReplace: false,
                        providerChanges: diff.providerChanges,
                    });
                    if (!preview) {
                        // SameStep: outputs and id carry over, inputs are the freshly checked ones.
                        created.push({
                            ...clone(old),
                            inputs: checked,
                            secretInputs,
                            dependencies,
                            ignoreChanges,
                        });
                    }
                }

                // GenerateDeletes: pending deletes and resources no longer in the program, after all creates/updates.
                const condemned: ResourceState[] = [];
                for (const res of prev) {
                    if (gone.has(res)) {
                        continue;
                    }
                    if (res.delete) {
                        condemned.push(res);
                    } else if (!seen.has(res.urn)) {
                        condemned.push(res);
                    }
                }
                const replacedThisRun = new Set(steps.filter((s) => s.op === "replace").map((s) => s.urn));
                for (const res of this.scheduleDeletes(condemned, prev)) {
                    const isReplacedHalf = res.delete && replacedThisRun.has(res.urn);
                    if (!isReplacedHalf) {
                        steps.push(this.deleteStep(res, res.delete ? "pending-delete" : "removed-from-program"));
                    }
                    if (preview) {
                        continue;
                    }
                    if (!res.pendingReplacement) {
                        try {
                            await host.delete({
                                id: res.id,
                                urn: res.urn,
                                properties: res.outputs,
                                oldInputs: res.inputs,
                            });
                        } catch (err) {
                            throw fail(`deleting ${res.urn}: ${(err as Error).message}`, res.urn, err);
                        }
                    }
                    gone.add(res);
                }
            } catch (err) {
                if (err instanceof EngineError) {
                    throw err;
                }
                throw fail(err instanceof Error ? err.message : String(err), currentUrn, err);
            }
            commit();
            return preview ? {} : this.outputsByName(this.resources);
        });
    }
}
