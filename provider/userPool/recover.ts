/**
 * Recovery after a `pulumi` run died (SIGKILL, a lost CI runner, a closed laptop) while a
 * UserPool's CreateUserPool was in flight. The engine then holds a pending `creating` operation
 * instead of the resource, so the pool the request may have made is in no state, and a plain
 * `pulumi up` makes a second one. `pulumi refresh --import-pending-creates <urn> <id>` does not
 * help (Pulumi v3.276.0 drops the operation without recording the resource), and nothing on a
 * normal run can notice the leftover without listing every pool on every create.
 *
 * The pending operation carries the creation token check gave the resource (CREATION_TOKEN_INPUT),
 * and the pool carries the same token in its tag: a token names one CreateUserPool request of one
 * stack, so the pool found by it can only be that create's pool (never another stack's). This tool
 * reads `pulumi stack export`, looks the token up, and writes the state to import:
 *
 * - one pool carries it, and the resource is not in the state: the resource is recorded with
 *   that pool's id (then `pulumi refresh` reads the pool into it);
 * - no pool carries it: the request never created one; the pending create is dropped, and the next
 *   `pulumi up` creates the pool;
 * - one pool carries it, but a later `pulumi up` already created the resource again: that pool is
 *   an orphan; the pending create is dropped and the pool deleted (--delete-orphans) or named;
 * - no token (a replacement, or a state from an older version) or several pools: nothing is
 *   written, since importing a state drops every pending operation, and the token with it.
 *
 * Usage: node <this file> [--delete-orphans] [state.json | -]   (stdin when no file is given)
 * The state to import goes to stdout; what was found and done, one line per pending create, to
 * stderr. Exit status 1 when a pending create cannot be resolved safely: then no state is written,
 * because `pulumi stack import` drops every pending operation and the token with it. 2 on bad input.
 */
import { CognitoIdentityProviderClient, DeleteUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
import * as fs from "fs";
import { cognitoClient } from "../client";
import { awsErrorMessage, describeError } from "../shared/errors";
import { isPlainObject } from "../shared/schema";
import { findPoolsByCreationToken } from "./find";
import { CREATION_TOKEN_INPUT } from "./model";

/** The type token `new UserPool(...)` registers. */
export const USER_POOL_TYPE = "pulumi-nodejs:dynamic/cognito:UserPool";

type Json = Record<string, unknown>;

export interface Outcome {
    urn: string;
    kind: "recorded" | "dropped" | "orphan" | "left";
    /** The pool the interrupted create made, when one was found. */
    poolId?: string;
    /** One line for the user: what was found and what was done. */
    message: string;
}

export interface Recovery {
    /** The state to import: the input with the resolved pending creates applied. */
    state: Json;
    outcomes: Outcome[];
}

export interface RecoveryOptions {
    /** Delete the pool of an interrupted create whose resource a later `pulumi up` made again. */
    deleteOrphans?: boolean;
    /** The client for a region (undefined: the SDK's own resolution); the provider's by default. */
    client?: (region: string | undefined) => CognitoIdentityProviderClient;
}

const plainString = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);

/** The region the pending create was for: its own region input, else the stack's aws:region, as the provider resolves it. */
function regionOf(resource: Json, resources: Json[]): string | undefined {
    const inputs = isPlainObject(resource.inputs) ? resource.inputs : {};
    const own = plainString(inputs.region);
    if (own) return own;
    // A provider reference is "<provider urn>::<provider id>"; the default provider's inputs hold the stack config.
    const reference = plainString(resource.provider);
    if (!reference) return undefined;
    const split = reference.lastIndexOf("::");
    const provider = resources.find((r) => r.urn === reference.slice(0, split) && r.id === reference.slice(split + 2));
    return provider && isPlainObject(provider.inputs) ? plainString(provider.inputs["aws:region"]) : undefined;
}

export async function recoverInterruptedCreates(exported: Json, options: RecoveryOptions = {}): Promise<Recovery> {
    const deployment = exported.deployment;
    if (!isPlainObject(deployment)) throw new Error("not the output of `pulumi stack export`: it has no deployment");
    const resources = Array.isArray(deployment.resources) ? (deployment.resources as Json[]) : [];
    const pending = Array.isArray(deployment.pending_operations) ? (deployment.pending_operations as Json[]) : [];
    const clientFor = options.client ?? ((region: string | undefined) => cognitoClient(region));

    const outcomes: Outcome[] = [];
    const kept: Json[] = [];
    const recorded: Json[] = [];
    for (const operation of pending) {
        const resource = isPlainObject(operation.resource) ? operation.resource : undefined;
        if (operation.type !== "creating" || !resource || resource.type !== USER_POOL_TYPE) {
            // Pending updates and deletes are cleared by `pulumi refresh`; other types are not ours.
            kept.push(operation);
            continue;
        }
        const urn = String(resource.urn);
        const inputs = isPlainObject(resource.inputs) ? resource.inputs : {};
        const token = plainString(inputs[CREATION_TOKEN_INPUT]);
        if (!token) {
            kept.push(operation);
            outcomes.push({
                urn,
                kind: "left",
                message:
                    `${urn}: the pending create records no creation token (a replacement, or a state written before pulumi-cognito-userpool recorded one), ` +
                    `so its pool cannot be told apart from other pools safely; left as it is`,
            });
            continue;
        }
        const region = regionOf(resource, resources);
        const poolName = plainString(inputs.poolName);
        const client = clientFor(region);
        const found = await findPoolsByCreationToken(client, poolName, token);
        const ids = found.map((p) => String(p.Id));
        const existing = resources.find((r) => r.urn === urn && r.custom !== false && typeof r.id === "string" && r.id !== "");
        if (found.length === 0) {
            outcomes.push({
                urn,
                kind: "dropped",
                message: `${urn}: no user pool carries its creation token ${token}, so the interrupted create made none; dropped the pending create`,
            });
        } else if (found.length > 1) {
            kept.push(operation);
            outcomes.push({ urn, kind: "left", message: `${urn}: ${found.length} user pools carry its creation token ${token} (${ids.join(", ")}); left as it is` });
        } else if (!existing) {
            const { [CREATION_TOKEN_INPUT]: _token, ...stored } = inputs;
            // Outputs start as the declared inputs until `pulumi refresh` reads the pool: with none,
            // a diff would take every declared field as new, immutable ones too, and plan a replacement.
            recorded.push({ ...resource, id: ids[0], inputs: stored, outputs: { ...stored } });
            outcomes.push({ urn, kind: "recorded", poolId: ids[0], message: `${urn}: the interrupted create made user pool ${ids[0]}; recorded it in the state` });
        } else {
            const orphan = ids[0];
            let done: string;
            if (options.deleteOrphans) {
                try {
                    await client.send(new DeleteUserPoolCommand({ UserPoolId: orphan }));
                    done = "deleted it";
                } catch (error) {
                    done = `could not delete it: ${describeError(error)}`;
                }
            } else {
                done = `delete it with: aws cognito-idp delete-user-pool --user-pool-id ${orphan}${region ? ` --region ${region}` : ""}`;
            }
            outcomes.push({
                urn,
                kind: "orphan",
                poolId: orphan,
                message:
                    `${urn}: the interrupted create made user pool ${orphan}, but a later pulumi up created the resource again as ` +
                    `user pool ${String(existing.id)}; dropped the pending create, and ${orphan} is in no state: ${done}`,
            });
        }
    }
    const state: Json = {
        ...exported,
        deployment: { ...deployment, resources: [...resources, ...recorded], pending_operations: kept },
    };
    return { state, outcomes };
}

/** `pulumi refresh` clears pending updates and deletes; after a recorded pool it also reads the pool. */
function nextSteps(outcomes: Outcome[]): string {
    const steps = ["pulumi stack import --file <the state written here>"];
    if (outcomes.some((o) => o.kind === "recorded")) steps.push("pulumi refresh --yes (reads the recorded pool)");
    steps.push("pulumi up");
    return `next: ${steps.join(", then ")}`;
}

export interface MainIo {
    /** Where the state is read from when no file is named: a file descriptor (0, stdin) or a path. */
    stdin: number | string;
    out: NodeJS.WritableStream;
    err: NodeJS.WritableStream;
}

export async function main(args: string[], io: MainIo = { stdin: 0, out: process.stdout, err: process.stderr }): Promise<number> {
    const deleteOrphans = args.includes("--delete-orphans");
    const rest = args.filter((a) => a !== "--delete-orphans");
    if (rest.length > 1 || rest.some((a) => a.startsWith("--") && a !== "-")) {
        io.err.write("usage: recover.js [--delete-orphans] [state.json | -]   (the output of `pulumi stack export`)\n");
        return 2;
    }
    let exported: Json;
    try {
        const text = fs.readFileSync(rest.length === 0 || rest[0] === "-" ? io.stdin : rest[0], "utf8");
        const parsed: unknown = JSON.parse(text);
        if (!isPlainObject(parsed)) throw new Error("not a JSON object");
        exported = parsed;
    } catch (error) {
        io.err.write(`cannot read the exported state: ${awsErrorMessage(error)}\n`);
        return 2;
    }
    let recovery: Recovery;
    try {
        recovery = await recoverInterruptedCreates(exported, { deleteOrphans });
    } catch (error) {
        io.err.write(`${describeError(error)}\n`);
        return 2;
    }
    if (recovery.outcomes.length === 0) io.err.write("no pending create of a UserPool in this state: nothing to recover\n");
    for (const outcome of recovery.outcomes) io.err.write(`${outcome.message}\n`);
    if (recovery.outcomes.some((o) => o.kind === "left")) {
        io.err.write(
            "no state written: importing one would drop the pending creates left above with their tokens; find their pools by hand " +
                "(see docs/troubleshooting.md, \"A pulumi run that was killed\"), or run again once they are resolved\n",
        );
        return 1;
    }
    io.out.write(`${JSON.stringify(recovery.state, null, 4)}\n`);
    if (recovery.outcomes.length > 0) io.err.write(`${nextSteps(recovery.outcomes)}\n`);
    return 0;
}

if (require.main === module) {
    void main(process.argv.slice(2)).then((code) => {
        process.exitCode = code;
    });
}
