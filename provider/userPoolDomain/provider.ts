/**
 * The UserPoolDomain provider methods: each composes validate / expand / flatten / find / diff /
 * wait. This module runs inside the provider process (see provider/runtime.ts).
 */
import {
    CognitoIdentityProviderClient,
    CreateUserPoolDomainCommand,
    DeleteUserPoolDomainCommand,
    DomainDescriptionType,
    UpdateUserPoolDomainCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import type * as pulumi from "@pulumi/pulumi";
import { clientFor, getStackRegion, regionFor } from "../client";
import { PROVIDER_KEY, programInputs } from "../shared/engine";

export { check, diff } from "./preview";
import { attempt, awsErrorMessage, describeFailure, partialFailure, ProviderError } from "../shared/errors";
import { isPlainObject } from "../shared/schema";
import { formatElapsed, isWaitError, logProgress, waitFor, WaitError } from "../shared/wait";
import { planUserPoolDomain } from "./diff";
import { expandCreate, expandDelete, expandUpdate, UserPoolDomainInputs } from "./expand";
import { findUserPoolDomain } from "./find";
import { FlattenContext, flattenUserPoolDomain, stateFromInputs, UserPoolDomainState } from "./flatten";
import { DEFAULT_TIMEOUT_MINUTES, isCustomDomain, WaitPhase } from "./model";

/** The wait allowed for `phase`: the timeouts input, else the default for the kind of domain. */
export function deadlineMs(inputs: UserPoolDomainInputs, domain: string, phase: WaitPhase): number {
    const timeouts = inputs.timeouts;
    const declared = isPlainObject(timeouts) ? timeouts[phase] : undefined;
    const minutes = typeof declared === "number" && declared > 0 ? declared : DEFAULT_TIMEOUT_MINUTES[isCustomDomain(domain) ? "custom" : "prefix"][phase];
    return minutes * 60_000;
}

type Description = DomainDescriptionType | undefined;

function statusOf(description: Description): string {
    return description?.Status ?? "not found";
}

/** Polls DescribeUserPoolDomain until ACTIVE; FAILED ends the wait at once. */
async function waitForActive(client: CognitoIdentityProviderClient, domain: string, deadline: number): Promise<DomainDescriptionType> {
    const active = await waitFor<Description>({
        describe: () => findUserPoolDomain(client, domain),
        isDone: (d) => d?.Status === "ACTIVE",
        isFailed: (d) => d?.Status === "FAILED",
        deadlineMs: deadline,
        describeStatus: statusOf,
        subject: `domain ${domain}`,
    });
    // Done means ACTIVE, which only a description can be.
    return active as DomainDescriptionType;
}

/** Polls until Describe answers with an empty description: the name is free and the pool deletable. */
function waitForGone(client: CognitoIdentityProviderClient, domain: string, deadline: number): Promise<Description> {
    return waitFor<Description>({
        describe: () => findUserPoolDomain(client, domain),
        isDone: (d) => d === undefined,
        deadlineMs: deadline,
        describeStatus: (d) => d?.Status ?? "gone",
        subject: `domain ${domain}`,
    });
}

/** What to look at when a domain does not become ACTIVE. */
function whatToCheck(domain: string, certificateArn: unknown): string {
    if (!isCustomDomain(domain)) {
        return `Check that the user pool still exists and that no other pool in the region uses the prefix; prefix domains are normally ACTIVE within a minute.`;
    }
    const parent = domain.split(".").slice(1).join(".");
    const certificate = typeof certificateArn === "string" ? ` (${certificateArn})` : "";
    return (
        `Check that the certificate${certificate} is an issued ACM certificate in us-east-1 that covers ${domain}, ` +
        `and that the parent domain ${parent} has a DNS A record (AWS cannot create a custom domain whose parent does not resolve).`
    );
}

function certificateOf(inputs: UserPoolDomainInputs): unknown {
    return isPlainObject(inputs.customDomainConfig) ? inputs.customDomainConfig.certificateArn : undefined;
}

/** Turns a wait that ended short of ACTIVE into one sentence naming the domain, its status and what to check. */
function activeWaitFailure(error: WaitError<unknown>, domain: string, inputs: UserPoolDomainInputs, phase: WaitPhase): ProviderError {
    const check = whatToCheck(domain, certificateOf(inputs));
    if (error.reason === "failed") {
        return new ProviderError(
            `domain ${domain} is ${error.lastStatus} after ${formatElapsed(error.elapsedMs)} (waiting for ACTIVE after ${phase}). ${check} ` +
                `The domain is recorded in the state; fix the cause and run pulumi up again, which deletes and re-creates a FAILED domain.`,
        );
    }
    return new ProviderError(
        `domain ${domain} is still ${error.lastStatus} after ${formatElapsed(error.elapsedMs)}, the deadline for ${phase} ` +
            `(timeouts.${phase} raises it). AWS may still finish: run pulumi up again to keep waiting. ${check}`,
    );
}

/** AWS's answers to CreateUserPoolDomain that have a known cause, with what to do about it. */
function createFailure(error: unknown, domain: string): ProviderError {
    const failure = describeFailure("CreateUserPoolDomain", `domain ${domain}`, error);
    const message = awsErrorMessage(error);
    let hint = "";
    if (/already (exists|associated)/i.test(message)) {
        hint =
            " Domain names are global: another pool or account may use it, or a domain deleted moments ago may still hold the name " +
            "while its CloudFront distribution is removed. Choose another name, or wait a few minutes and run pulumi up again.";
    } else if (/A record|resolve the root domain|not a valid subdomain/i.test(message)) {
        hint = ` ${whatToCheck(domain, undefined)}`;
    }
    return hint ? new ProviderError(`${failure.message}${hint}`, failure.awsName) : failure;
}


/**
 * CreateUserPoolDomain, then wait for ACTIVE. Once AWS has accepted the domain, every failure is a
 * partial failure: the state records the domain (and its last status) instead of leaking it.
 */
async function createAndWait(
    client: CognitoIdentityProviderClient,
    inputs: UserPoolDomainInputs,
    context: FlattenContext,
    provider: unknown,
): Promise<DomainDescriptionType> {
    const domain = String(inputs.domain);
    try {
        await client.send(new CreateUserPoolDomainCommand(expandCreate(inputs)));
    } catch (error) {
        throw createFailure(error, domain);
    }
    try {
        return await waitForActive(client, domain, deadlineMs(inputs, domain, "create"));
    } catch (error) {
        throw recordedFailure(error, domain, inputs, context, "create", provider);
    }
}

/**
 * A failure while the domain exists. A wait that ended with the domain not found (never visible,
 * or removed meanwhile) is a plain failure: there is nothing to record.
 */
function recordedFailure(error: unknown, domain: string, inputs: UserPoolDomainInputs, context: FlattenContext, phase: WaitPhase, provider: unknown): Error {
    if (!isWaitError(error)) {
        // Describe itself failed: the domain was accepted, so record it from the inputs.
        return partialFailure(error, domain, stateFromInputs(inputs, context.region, "CREATING"), provider);
    }
    const cause = activeWaitFailure(error, domain, inputs, phase);
    const last = error.last as Description;
    if (!last) return cause;
    return partialFailure(cause, domain, flattenUserPoolDomain(last, context), provider);
}

export async function create(props: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
    const inputs = programInputs(props);
    const client = clientFor(inputs);
    const region = await regionFor(inputs);
    const context: FlattenContext = { region, timeouts: inputs.timeouts };
    const live = await createAndWait(client, inputs, context, props[PROVIDER_KEY]);
    return { id: String(inputs.domain), outs: flattenUserPoolDomain(live, context) };
}

export async function read(id: string, props: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult> {
    const state = programInputs(props);
    const client = clientFor(state);
    const live = await findUserPoolDomain(client, id);
    if (!live) return {};
    const outs = flattenUserPoolDomain(live, { region: await regionFor(state), timeouts: state.timeouts });
    return { id, props: outs };
}

export async function update(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.UpdateResult> {
    const state: UserPoolDomainState = programInputs(olds);
    const desired = programInputs(news);
    const plan = planUserPoolDomain(state, desired, getStackRegion());
    const client = clientFor(state);
    const region = await regionFor(state);
    const context: FlattenContext = { region, timeouts: desired.timeouts };
    const provider = news[PROVIDER_KEY];
    const subject = `domain ${id}`;

    const live = await findUserPoolDomain(client, id);
    if (!live) throw new ProviderError(`${subject} no longer exists; run pulumi refresh so that pulumi up creates it again`);
    if (live.Status === "DELETING") {
        throw new ProviderError(`${subject} is being deleted (DELETING) outside this stack; once it is gone, run pulumi refresh and pulumi up to create it again`);
    }

    if (live.Status === "FAILED") {
        // A FAILED domain does not recover by itself (typically a custom domain whose certificate
        // or DNS was wrong at creation). With the cause fixed, creating it again is the way out;
        // the id stays the same, so this is an update to the engine.
        logProgress(`${subject} is FAILED; deleting it and creating it again`);
        await deleteAndWait(client, id, String(live.UserPoolId ?? desired.userPoolId), deadlineMs(desired, id, "delete"));
        const recreated = await createAndWait(client, { ...desired, domain: id }, context, provider);
        return { outs: flattenUserPoolDomain(recreated, context) };
    }

    const deadline = deadlineMs(desired, id, "update");
    let current: DomainDescriptionType = live;
    try {
        // A domain still CREATING or UPDATING (a wait that hit its deadline last time) must
        // settle before AWS accepts another change.
        if (current.Status !== "ACTIVE") current = await waitForActive(client, id, deadline);
        if (plan.awsUpdate) {
            const request = expandUpdate(desired, current);
            await attempt("UpdateUserPoolDomain", subject, () => client.send(new UpdateUserPoolDomainCommand(request)));
            current = await waitForActive(client, id, deadline);
        }
    } catch (error) {
        if (!isWaitError(error)) throw error;
        throw recordedFailure(error, id, desired, context, "update", provider);
    }
    return { outs: flattenUserPoolDomain(current, context) };
}

/**
 * DeleteUserPoolDomain, then wait until Describe no longer finds the domain: only then can the
 * pool be deleted ("It has a domain configured that should be deleted first") and the name reused.
 */
async function deleteAndWait(client: CognitoIdentityProviderClient, domain: string, userPoolId: string, deadline: number): Promise<void> {
    const subject = `domain ${domain}`;
    try {
        await client.send(new DeleteUserPoolDomainCommand(expandDelete(domain, userPoolId)));
    } catch (error) {
        // What AWS answers for a domain that is already gone is not one documented error, so
        // ask Describe, whose answer for a missing domain is documented (an empty description).
        const live = await findUserPoolDomain(client, domain);
        if (!live) return;
        throw describeFailure("DeleteUserPoolDomain", `${subject} (status ${statusOf(live)})`, error);
    }
    try {
        await waitForGone(client, domain, deadline);
    } catch (error) {
        if (!isWaitError(error)) throw error;
        throw new ProviderError(
            `${subject} is still ${error.lastStatus} ${formatElapsed(error.elapsedMs)} after DeleteUserPoolDomain, the deadline for delete ` +
                `(timeouts.delete raises it). AWS may still finish: run pulumi destroy (or up) again to keep waiting.`,
        );
    }
}

export async function deleteUserPoolDomain(id: string, props: Record<string, unknown>): Promise<void> {
    const state = programInputs(props);
    const client = clientFor(state);
    let userPoolId = typeof state.userPoolId === "string" ? state.userPoolId : undefined;
    if (userPoolId === undefined) {
        // A state recorded without the pool id (should not happen): the domain knows its pool.
        const live = await findUserPoolDomain(client, id);
        if (!live) return;
        userPoolId = String(live.UserPoolId);
    }
    await deleteAndWait(client, id, userPoolId, deadlineMs(state, id, "delete"));
}
