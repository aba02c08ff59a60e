/**
 * check and diff: the UserPool methods a preview calls. They never talk to AWS, and this module
 * does not load the AWS SDK, so a large `pulumi preview` pays for neither.
 */
import type * as pulumi from "@pulumi/pulumi";
import { getStackRegion, programInputs } from "../shared/engine";
import { awsErrorMessage, ProviderError } from "../shared/errors";
import { declaredFieldsOf, planUserPool, replacementBlocker } from "./diff";
import { isUserPoolState, UserPoolState } from "./flatten";
import { checkedInputs } from "./storedInputs";
import { canonicalInputs, validateUserPool } from "./validate";

export function asState(props: Record<string, unknown>): UserPoolState {
    const inputs = programInputs(props);
    if (isUserPoolState(inputs)) return inputs;
    // State written without declaredFields (should not happen): treat every present input field as declared.
    return { ...inputs, declaredFields: declaredFieldsOf(inputs) };
}

export async function check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
    try {
        const inputs = programInputs(news);
        const failures = validateUserPool(inputs);
        if (failures.length > 0) return { inputs, failures };
        // In the stored inputs' representation, so the CLI shows only what really changes.
        return { inputs: checkedInputs(programInputs(olds ?? {}), canonicalInputs(inputs)), failures };
    } catch (error) {
        // check must never throw: an unexpected input shape is still a failure the user can read.
        return { inputs: programInputs(news), failures: [{ property: "", reason: `inputs could not be checked: ${awsErrorMessage(error)}` }] };
    }
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
