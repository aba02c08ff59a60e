/**
 * Secrets in a pool's inputs through the real `pulumi` CLI (cognito-local): `pulumi.secret()`
 * around a nested value (smsConfiguration.externalId, a Lambda ARN in lambdaConfig) and around a
 * whole input (smsConfiguration, lambdaConfig). The provider host does not accept secrets, so the
 * engine hands the provider plaintext and marks its outputs secret again by property path; any
 * output the provider wrote under a path the program never made secret would be stored in the
 * clear. So after every command the stored state (the export and every file of the backend,
 * history included) and everything the CLI printed are searched as raw text for each secret, while
 * the live pool must hold the values and `pulumi stack output --show-secrets` must show them.
 */
import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { DescribeUserPoolCommand, UserPoolType } from "@aws-sdk/client-cognito-identity-provider";
import { expect } from "chai";
import { applyOperation } from "../fidelity/awsState";
import * as fs from "fs";
import * as path from "path";
import type { DeclaredResource, ProgramSpec } from "./programs/declared/spec";
import { CognitoLocal, startCognitoLocal } from "../support/cognitoLocal";
import { CliResult, cliForSuite, liveClient, poolExists, PulumiStack, resourcesOfType, StackState } from "../support/pulumiStack";
import { localProviderEnv } from "../support/target";

type Json = Record<string, unknown>;

const ACCOUNT = "123456789012";
const fn = (name: string): string => `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${name}`;
const role = (name: string): string => `arn:aws:iam::${ACCOUNT}:role/${name}`;

/** Each case's secrets are distinctive strings, so a hit names the case and the value that leaked. */
const SECRET = {
    nestedExternalId: "nested-external-id-7c1e",
    nestedPreSignUp: "nested-presignup-3f9a",
    wholeSmsExternalId: "whole-sms-external-id-51b2",
    wholeSmsRole: "whole-sms-role-8d4e",
    wholeLambdaPreSignUp: "whole-lambda-presignup-a61c",
    wholeLambdaCustomMessage: "whole-lambda-custommsg-0b7d",
    /** What another tool sets the nested external id to (refresh must keep it secret too). */
    driftedExternalId: "drifted-external-id-e93f",
    /** The whole-smsConfiguration case's external id after the program rotates it. */
    rotatedExternalId: "rotated-external-id-4c2a",
    /** A deprecated alias (emailVerificationMessage) given as a secret: it lands in verificationMessageTemplate. */
    aliasMessage: "alias-message-secret-2e8b {####}",
    /** A malformed ARN given as a secret: check must refuse it without quoting it. */
    malformedArn: "not-an-arn-secret-0f3e",
} as const;

/** Declared in the clear next to the secrets: the search must find it, or it proves nothing. */
const PLAIN_MARKER = "plain-postconfirmation-5d21";

/** The values later tests change in the program. */
interface ChangingValues {
    wholeSmsExternalId: string;
    wholeLambdaPreSignUp: string;
}

function declared(values: ChangingValues = { wholeSmsExternalId: SECRET.wholeSmsExternalId, wholeLambdaPreSignUp: fn(SECRET.wholeLambdaPreSignUp) }): ProgramSpec {
    const resources: DeclaredResource[] = [
        {
            type: "UserPool",
            name: "nested",
            args: {
                poolName: "secrets-nested",
                smsConfiguration: { snsCallerArn: role("nested-sms"), externalId: SECRET.nestedExternalId },
                lambdaConfig: { preSignUp: fn(SECRET.nestedPreSignUp), postConfirmation: fn(PLAIN_MARKER) },
            },
            secretPaths: ["smsConfiguration.externalId", "lambdaConfig.preSignUp"],
        },
        {
            type: "UserPool",
            name: "wholeSms",
            args: { poolName: "secrets-whole-sms", smsConfiguration: { snsCallerArn: role(SECRET.wholeSmsRole), externalId: values.wholeSmsExternalId } },
            secretPaths: ["smsConfiguration"],
        },
        {
            type: "UserPool",
            name: "wholeLambda",
            args: {
                poolName: "secrets-whole-lambda",
                lambdaConfig: { preSignUp: values.wholeLambdaPreSignUp, customMessage: fn(SECRET.wholeLambdaCustomMessage) },
            },
            secretPaths: ["lambdaConfig"],
        },
        {
            type: "UserPool",
            name: "alias",
            args: { poolName: "secrets-alias", emailVerificationMessage: SECRET.aliasMessage },
            secretPaths: ["emailVerificationMessage"],
        },
    ];
    return {
        resources,
        outputs: {
            nestedSms: "nested.smsConfiguration",
            nestedLambda: "nested.lambdaConfig",
            wholeSms: "wholeSms.smsConfiguration",
            wholeLambda: "wholeLambda.lambdaConfig",
        },
    };
}

/** Where each secret sits, as dotted paths into a resource's inputs and outputs. */
const SECRET_PATHS: Record<string, string[]> = {
    nested: ["smsConfiguration.externalId", "lambdaConfig.preSignUp"],
    wholeSms: ["smsConfiguration"],
    wholeLambda: ["lambdaConfig"],
    // Folded into the template by the UserPool class: the whole template is stored secret.
    alias: ["verificationMessageTemplate"],
};

/** The value Pulumi stores for a secret: a signature key and the ciphertext, never the value. */
const SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d";

function at(value: unknown, dotted: string): unknown {
    let current = value;
    for (const key of dotted.split(".")) current = (current as Json | undefined)?.[key];
    return current;
}

const isStoredSecret = (value: unknown): boolean => typeof value === "object" && value !== null && SECRET_SIGNATURE in value && "ciphertext" in value;

/** The secrets found in `text`; [] when none leaked. */
function leaked(text: string, secrets: readonly string[] = Object.values(SECRET)): string[] {
    return secrets.filter((secret) => text.includes(secret));
}

/** Every file of the stack's backend (current state, history, backups) as one text. */
function backendText(stack: PulumiStack): string {
    const texts: string[] = [];
    const walk = (dir: string): void => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) walk(full);
            else texts.push(fs.readFileSync(full, "utf8"));
        }
    };
    walk(path.join(stack.workDir, "backend"));
    return texts.join("\n");
}

describe("real CLI: secrets in a pool's inputs never reach the state or the terminal in plaintext (cognito-local)", function () {
    this.timeout(600_000);
    let emulator: CognitoLocal;
    let stack: PulumiStack;
    let live: CognitoIdentityProviderClient;
    const ids: Record<string, string> = {};

    /** Runs a command, expects its exit code, and fails at once if it printed any secret. */
    async function clean(args: string[], code: number | "non-zero"): Promise<CliResult> {
        const result = code === "non-zero" ? await stack.run(args) : await stack.expect(args, code);
        if (code === "non-zero") expect(result.code, result.output).to.be.a("number").and.not.equal(0);
        expect(leaked(result.output), `pulumi ${args.join(" ")} printed a secret`).to.deep.equal([]);
        return result;
    }

    /** The raw export and the backend's files hold no secret in plaintext, and each secret path is stored encrypted. */
    async function stateHoldsNoPlaintext(): Promise<StackState> {
        const exported = await stack.expect(["stack", "export"], 0);
        expect(exported.stdout, "the search sees plain values").to.include(PLAIN_MARKER);
        expect(leaked(exported.stdout), "pulumi stack export").to.deep.equal([]);
        expect(leaked(backendText(stack)), "the backend's files").to.deep.equal([]);
        const state = JSON.parse(exported.stdout) as StackState;
        for (const resource of resourcesOfType(state, "UserPool")) {
            const name = resource.urn.split("::").pop() as string;
            for (const dotted of SECRET_PATHS[name]) {
                expect(isStoredSecret(at(resource.inputs, dotted)), `${name} inputs.${dotted} is stored as a secret`).to.equal(true);
                expect(isStoredSecret(at(resource.outputs, dotted)), `${name} outputs.${dotted} is stored as a secret`).to.equal(true);
            }
        }
        return state;
    }

    async function livePool(name: string): Promise<UserPoolType> {
        const described = await live.send(new DescribeUserPoolCommand({ UserPoolId: ids[name] }));
        return described.UserPool as UserPoolType;
    }

    before(async function () {
        const cli = cliForSuite(this);
        emulator = await startCognitoLocal();
        live = liveClient(emulator.endpoint);
        stack = await PulumiStack.declaring(cli, declared(), { stack: "dev", env: localProviderEnv(emulator.endpoint), config: { "aws:region": "us-east-1" } });
    });

    after(async () => {
        live?.destroy();
        stack?.remove();
        await emulator?.stop();
    });

    it("pulumi up --diff sends each secret to Cognito and prints none of them", async () => {
        const up = await clean(["up", "--yes", "--non-interactive", "--diff"], 0);
        expect(up.output).to.match(/Resources:\s+\+ 5 created/);
        const state = await stateHoldsNoPlaintext();
        for (const resource of resourcesOfType(state, "UserPool")) ids[resource.urn.split("::").pop() as string] = String(resource.id);

        const nested = await livePool("nested");
        expect(nested.SmsConfiguration?.ExternalId).to.equal(SECRET.nestedExternalId);
        expect(nested.LambdaConfig?.PreSignUp).to.equal(fn(SECRET.nestedPreSignUp));
        const wholeSms = await livePool("wholeSms");
        expect(wholeSms.SmsConfiguration).to.deep.include({ SnsCallerArn: role(SECRET.wholeSmsRole), ExternalId: SECRET.wholeSmsExternalId });
        const wholeLambda = await livePool("wholeLambda");
        expect(wholeLambda.LambdaConfig).to.deep.include({ PreSignUp: fn(SECRET.wholeLambdaPreSignUp), CustomMessage: fn(SECRET.wholeLambdaCustomMessage) });
        expect((await livePool("alias")).VerificationMessageTemplate?.EmailMessage).to.equal(SECRET.aliasMessage);
    });

    it("pulumi stack output shows [secret], and --show-secrets shows each value", async () => {
        const hidden = await clean(["stack", "output", "--json"], 0);
        expect(JSON.parse(hidden.stdout)).to.deep.equal({ nestedSms: "[secret]", nestedLambda: "[secret]", wholeSms: "[secret]", wholeLambda: "[secret]" });

        const shown = JSON.parse((await stack.expect(["stack", "output", "--json", "--show-secrets"], 0)).stdout) as Record<string, Json>;
        expect(shown.nestedSms).to.deep.include({ externalId: SECRET.nestedExternalId });
        expect(shown.nestedLambda).to.deep.include({ preSignUp: fn(SECRET.nestedPreSignUp), postConfirmation: fn(PLAIN_MARKER) });
        expect(shown.wholeSms).to.deep.include({ snsCallerArn: role(SECRET.wholeSmsRole), externalId: SECRET.wholeSmsExternalId });
        expect(shown.wholeLambda).to.deep.include({ preSignUp: fn(SECRET.wholeLambdaPreSignUp), customMessage: fn(SECRET.wholeLambdaCustomMessage) });
    });

    it("secrets cause no perpetual diff: preview --expect-no-changes exits 0, before and after a refresh, printing none", async () => {
        const preview = await clean(["preview", "--diff", "--expect-no-changes", "--non-interactive"], 0);
        expect(preview.output).to.match(/Resources:\s+5 unchanged/);
        const refresh = await clean(["refresh", "--yes", "--diff", "--non-interactive"], 0);
        expect(refresh.output).to.match(/Resources:\s+5 unchanged/);
        await stateHoldsNoPlaintext();
        await clean(["preview", "--diff", "--expect-no-changes", "--non-interactive"], 0);
        await clean(["preview", "--refresh", "--diff", "--expect-no-changes", "--non-interactive"], 0);
    });

    it("a secret changed outside Pulumi: refresh and preview show the change without either value, and up puts it back", async () => {
        // A full-state update from a fresh Describe, as another tool makes it, changing only the external id.
        await applyOperation(live, ids.nested, { operation: "UpdateUserPool", change: { SmsConfiguration: { ExternalId: SECRET.driftedExternalId } } });
        expect((await livePool("nested")).SmsConfiguration?.ExternalId).to.equal(SECRET.driftedExternalId);

        const drift = await clean(["preview", "--refresh", "--diff", "--expect-no-changes", "--non-interactive"], "non-zero");
        expect(drift.output).to.match(/~ 1 to update/);
        const refresh = await clean(["refresh", "--yes", "--diff", "--non-interactive"], 0);
        expect(refresh.output).to.match(/~ 1 updated/);
        await stateHoldsNoPlaintext();

        // The engine cannot say which leaf of a secret changed: the step is an update of the pool,
        // with the secret shown as [secret] and no field marked.
        const preview = await clean(["preview", "--diff", "--non-interactive"], 0);
        expect(preview.output).to.match(/\(update\)\s+\[id=[^\]]+\]\s+\[urn=[^\]]+UserPool::nested\]/);
        expect(preview.output).to.match(/externalId\s*: \[secret\]/);
        expect(preview.output).to.match(/~ 1 to update/);
        await clean(["up", "--yes", "--non-interactive", "--diff"], 0);
        expect((await livePool("nested")).SmsConfiguration?.ExternalId).to.equal(SECRET.nestedExternalId);
        await stateHoldsNoPlaintext();
        await clean(["preview", "--refresh", "--diff", "--expect-no-changes", "--non-interactive"], 0);
    });

    it("a secret rotated in the program: preview --diff and up show the update without the old or new value", async () => {
        stack.writeProgram(declared({ wholeSmsExternalId: SECRET.rotatedExternalId, wholeLambdaPreSignUp: fn(SECRET.wholeLambdaPreSignUp) }));
        const preview = await clean(["preview", "--diff", "--non-interactive"], 0);
        expect(preview.output).to.match(/~ 1 to update/);
        expect(preview.output).to.match(/\(update\)\s+\[id=[^\]]+\]\s+\[urn=[^\]]+UserPool::wholeSms\]/);
        expect(preview.output).to.match(/smsConfiguration\s*: \[secret\]/);
        const up = await clean(["up", "--yes", "--non-interactive", "--diff"], 0);
        expect(up.output).to.match(/~ 1 updated/);
        expect((await livePool("wholeSms")).SmsConfiguration?.ExternalId).to.equal(SECRET.rotatedExternalId);
        await stateHoldsNoPlaintext();
        await clean(["preview", "--diff", "--expect-no-changes", "--non-interactive"], 0);
    });

    it("a malformed secret is refused by check without being quoted", async () => {
        stack.writeProgram(declared({ wholeSmsExternalId: SECRET.rotatedExternalId, wholeLambdaPreSignUp: SECRET.malformedArn }));
        const preview = await clean(["preview", "--diff", "--non-interactive"], "non-zero");
        expect(preview.output).to.match(/lambdaConfig\.preSignUp must be the ARN of a Lambda function/);
        stack.writeProgram(declared({ wholeSmsExternalId: SECRET.rotatedExternalId, wholeLambdaPreSignUp: fn(SECRET.wholeLambdaPreSignUp) }));
    });

    it("pulumi destroy deletes the pools, printing no secret", async () => {
        const destroy = await clean(["destroy", "--yes", "--non-interactive"], 0);
        expect(destroy.output).to.match(/Resources:\s+- 5 deleted/);
        expect(resourcesOfType(await stack.exportState(), "UserPool")).to.have.length(0);
        for (const id of Object.values(ids)) expect(await poolExists(live, id)).to.equal(false);
        expect(leaked(backendText(stack)), "the backend's files, history included").to.deep.equal([]);
    });
});
