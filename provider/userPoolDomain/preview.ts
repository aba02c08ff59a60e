/**
 * check and diff: the UserPoolDomain methods a preview calls. They never talk to AWS, and this
 * module does not load the AWS SDK.
 */
import type * as pulumi from "@pulumi/pulumi";
import { getStackRegion, programInputs } from "../shared/engine";
import { awsErrorMessage } from "../shared/errors";
import { diffResult, planUserPoolDomain } from "./diff";
import { validateUserPoolDomain } from "./validate";

export async function check(_olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
    try {
        const inputs = programInputs(news);
        return { inputs, failures: validateUserPoolDomain(inputs) };
    } catch (error) {
        // check must never throw: an unexpected input shape is still a failure the user can read.
        return { inputs: programInputs(news), failures: [{ property: "", reason: `inputs could not be checked: ${awsErrorMessage(error)}` }] };
    }
}

export async function diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.DiffResult> {
    return diffResult(planUserPoolDomain(programInputs(olds), programInputs(news), getStackRegion()));
}
