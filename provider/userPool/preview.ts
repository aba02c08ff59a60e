/**
 * check and diff: the UserPool methods a preview calls. They never talk to AWS, and this module
 * does not load the AWS SDK, so a large `pulumi preview` pays for neither.
 */
import type * as pulumi from "@pulumi/pulumi";
import { randomUUID } from "crypto";
import { getStackRegion, programInputs } from "../shared/engine";
import { awsErrorMessage, ProviderError } from "../shared/errors";
import { declaredFieldsOf, planUserPool, replacementBlocker } from "./diff";
import { isUserPoolState, UserPoolState } from "./flatten";
import { isPlainObject } from "../shared/schema";
import { describeValue } from "../shared/validate";
import { CREATION_TOKEN_INPUT } from "./model";
import { checkedInputs } from "./storedInputs";
import { canonicalInputs, validateUserPool } from "./validate";

export function asState(props: Record<string, unknown>): UserPoolState {
    const inputs = programInputs(props);
    if (isUserPoolState(inputs)) return inputs;
    // State written without declaredFields (should not happen): treat every present input field as declared.
    return { ...inputs, declaredFields: declaredFieldsOf(inputs) };
}

export async function check(olds: unknown, news: unknown): Promise<pulumi.dynamic.CheckResult> {
    // check must never throw: whatever the engine or a test hands it, the answer is a failure the user can read.
    if (!isPlainObject(news)) return { inputs: {}, failures: [{ property: "", reason: `inputs must be an object (got ${describeValue(news)})` }] };
    try {
        // A creation token in news is check's own output handed back, never the program's.
        const { [CREATION_TOKEN_INPUT]: _token, ...inputs } = programInputs(news);
        const stored = isPlainObject(olds) ? programInputs(olds) : {};
        const failures = validateUserPool(inputs, { stackRegion: getStackRegion(), creating: Object.keys(stored).length === 0 });
        if (failures.length > 0) return { inputs, failures };
        // In the stored inputs' representation, so the CLI shows only what really changes.
        return { inputs: withCreationToken(stored, checkedInputs(stored, canonicalInputs(inputs))), failures };
    } catch (error) {
        return { inputs: programInputs(news), failures: [{ property: "", reason: `inputs could not be checked: ${awsErrorMessage(error)}` }] };
    }
}

/**
 * A new resource (no stored inputs) gets a fresh creation token in its checked inputs, which the
 * engine writes into the state (as the pending create) before create sends CreateUserPool with it
 * in the pool's tag: see CREATION_TOKEN_INPUT. An existing resource gets none, so a replacement
 * never reuses the token of the pool it replaces (each token names one CreateUserPool); the token
 * a create stored is dropped by the next check, which costs one state write, once, and no call.
 */
function withCreationToken(stored: Record<string, unknown>, checked: Record<string, unknown>): Record<string, unknown> {
    const { [CREATION_TOKEN_INPUT]: _dropped, ...inputs } = checked;
    return Object.keys(stored).length === 0 ? { ...inputs, [CREATION_TOKEN_INPUT]: randomUUID() } : inputs;
}

export async function diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.DiffResult> {
    const state = asState(olds);
    const plan = planUserPool(state, programInputs(news), getStackRegion());
    const blocker = replacementBlocker(state, plan);
    if (blocker) throw new ProviderError(blocker);
    const replaces = [...plan.replaceReasons.keys()];
    return {
        changes: plan.changedFields.length > 0 || replaces.length > 0,
        replaces,
        deleteBeforeReplace: false,
    };
}
