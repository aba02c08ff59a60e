/**
 * check and diff: the UserPoolDomain methods a preview calls. They never talk to AWS, and this
 * module does not load the AWS SDK.
 */
import type * as pulumi from "@pulumi/pulumi";
import { getStackRegion, programInputs } from "../shared/engine";
import { awsErrorMessage } from "../shared/errors";
import { isPlainObject } from "../shared/schema";
import { describeValue } from "../shared/validate";
import { diffResult, planUserPoolDomain } from "./diff";
import { validateUserPoolDomain } from "./validate";

export async function check(_olds: unknown, news: unknown): Promise<pulumi.dynamic.CheckResult> {
    // check must never throw: whatever the engine or a test hands it, the answer is a failure the user can read.
    if (!isPlainObject(news)) return { inputs: {}, failures: [{ property: "", reason: `inputs must be an object (got ${describeValue(news)})` }] };
    try {
        const inputs = programInputs(news);
        return { inputs, failures: validateUserPoolDomain(inputs) };
    } catch (error) {
        return { inputs: programInputs(news), failures: [{ property: "", reason: `inputs could not be checked: ${awsErrorMessage(error)}` }] };
    }
}

export async function diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.DiffResult> {
    return diffResult(planUserPoolDomain(programInputs(olds), programInputs(news), getStackRegion()));
}
