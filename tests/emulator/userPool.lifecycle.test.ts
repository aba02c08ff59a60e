/**
 * UserPool lifecycle against cognito-local (or real AWS with COGNITO_TEST_TARGET=aws):
 * create -> no-change diff -> read -> no-change diff -> in-place update of each updatable field
 * -> replacement triggers -> out-of-band change caught by read + diff -> delete.
 *
 * The emulator stores what it is sent and does not apply PoolName, DeletionProtection,
 * UserPoolTier or UserAttributeUpdateSettings on update; those are pinned by tests/mock.
 */
import { DescribeUserPoolCommand, UpdateUserPoolCommand, UserPoolType } from "@aws-sdk/client-cognito-identity-provider";
import { expect } from "chai";
import { getStackRegion } from "../../provider/client";
import { planUserPool } from "../../provider/userPool/diff";
import { expandUpdate } from "../../provider/userPool/expand";
import type { UserPoolState } from "../../provider/userPool/flatten";
import * as provider from "../../provider/userPool/provider";
import { startTarget, TestTarget } from "../support/target";

type Inputs = Record<string, unknown>;

const smsRole = "arn:aws:iam::123456789012:role/cognito-sms";
const lambda = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

/** Each step changes one updatable field of the program; the diff must name exactly that field. */
const steps: Array<{ field: string; value: unknown }> = [
    { field: "policies", value: { passwordPolicy: { minimumLength: 14, requireSymbols: true, passwordHistorySize: 3 } } },
    { field: "lambdaConfig", value: { preSignUp: lambda("pre-sign-up"), postConfirmation: lambda("post-confirmation") } },
    { field: "autoVerifiedAttributes", value: ["email", "phone_number"] },
    { field: "verificationMessageTemplate", value: { emailMessage: "Dein Code: {####} — willkommen! 🎉", emailSubject: "Bestätigung", smsMessage: "Code {####}" } },
    { field: "smsConfiguration", value: { snsCallerArn: smsRole, externalId: "acme-external", snsRegion: "us-east-1" } },
    { field: "smsAuthenticationMessage", value: "Your sign-in code is {####}" },
    { field: "mfaConfiguration", value: "OPTIONAL" },
    { field: "deviceConfiguration", value: { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: true } },
    { field: "emailConfiguration", value: { emailSendingAccount: "DEVELOPER", sourceArn: "arn:aws:ses:us-east-1:123456789012:identity/acme.example", from: "Acme <no-reply@acme.example>" } },
    { field: "userPoolTags", value: { team: "identity", "cost-center": "42" } },
    { field: "adminCreateUserConfig", value: { allowAdminCreateUserOnly: true, inviteMessageTemplate: { emailMessage: "Hello {username}, your password is {####}", emailSubject: "Welcome" } } },
    { field: "userPoolAddOns", value: { advancedSecurityMode: "OFF" } },
];

describe(`UserPool lifecycle (${process.env.COGNITO_TEST_TARGET === "aws" ? "real AWS" : "cognito-local"})`, function () {
    let target: TestTarget;
    let id: string;
    let state: UserPoolState;
    let inputs: Inputs;

    async function describePool(): Promise<UserPoolType> {
        const { UserPool } = await target.client.send(new DescribeUserPoolCommand({ UserPoolId: id }));
        if (!UserPool) throw new Error("pool not found");
        return UserPool;
    }

    async function refresh(): Promise<UserPoolState> {
        const result = await provider.read(id, state);
        expect(result.id).to.equal(id);
        return result.props as UserPoolState;
    }

    before(async () => {
        target = await startTarget();
    });
    after(async () => {
        if (id) await provider.deleteUserPool(id, state).catch(() => undefined);
        await target.stop();
    });

    it("creates a pool with one CreateUserPool call and reports it exactly", async () => {
        const checked = await provider.check({}, {
            poolName: `cognito-provider-test-${Date.now()}`,
            policies: { passwordPolicy: { minimumLength: 10 } },
            usernameAttributes: ["email"],
            usernameConfiguration: { caseSensitive: false },
            autoVerifiedAttributes: ["email"],
            schema: [
                { name: "tenant", attributeDataType: "String", mutable: true },
                { name: "seats", attributeDataType: "Number", numberAttributeConstraints: { minValue: 1, maxValue: 1000 } },
            ],
            userPoolTags: { team: "identity" },
        });
        expect(checked.failures).to.deep.equal([]);
        inputs = checked.inputs as Inputs;
        const created = await provider.create(inputs);
        id = created.id;
        state = created.outs as UserPoolState;
        expect(id).to.be.a("string").and.not.equal("");
        expect(state.endpoint).to.equal(`cognito-idp.${target.region}.amazonaws.com/${id}`);
        expect(state.declaredFields).to.include.members(["poolName", "policies", "schema", "usernameAttributes"]);
        // Custom attributes are in the state; standard ones at Cognito's defaults (here all of them) are not.
        const names = (state.schemaAttributes as Array<{ name: string }>).map((a) => a.name);
        expect(names).to.include.members(["custom:tenant", "custom:seats"]);
        expect(names).not.to.include.members(["email", "sub"]);
    });

    it("reports no change right after create, and after a refresh", async () => {
        expect(await provider.diff(id, state, inputs)).to.include({ changes: false });
        state = await refresh();
        expect(await provider.diff(id, state, inputs)).to.include({ changes: false });
    });

    it("keeps an undeclared field set out of band through every update", async () => {
        // Another tool sets the account recovery order, which this program never declares.
        const request = expandUpdate(await describePool(), {}, []);
        await target.client.send(new UpdateUserPoolCommand({
            ...request,
            AccountRecoverySetting: { RecoveryMechanisms: [{ Name: "admin_only", Priority: 1 }] },
        }));
        state = await refresh();
        expect(await provider.diff(id, state, inputs)).to.include({ changes: false });
    });

    for (const step of steps) {
        it(`updates ${step.field} in place and converges`, async () => {
            const desired = { ...inputs, [step.field]: step.value };
            const checked = await provider.check(inputs, desired);
            expect(checked.failures).to.deep.equal([]);
            const plan = planUserPool(state, checked.inputs as Inputs, getStackRegion());
            expect(plan.changedFields).to.deep.equal([step.field]);
            expect(plan.replaceReasons.size).to.equal(0);
            const diff = await provider.diff(id, state, checked.inputs as Inputs);
            expect(diff).to.deep.include({ changes: true, replaces: [] });

            const updated = await provider.update(id, state, checked.inputs as Inputs);
            inputs = checked.inputs as Inputs;
            state = updated.outs as UserPoolState;
            expect(await provider.diff(id, state, inputs)).to.include({ changes: false });
            state = await refresh();
            expect(await provider.diff(id, state, inputs)).to.include({ changes: false });

            const live = await describePool();
            expect(live.AccountRecoverySetting?.RecoveryMechanisms).to.deep.equal([{ Name: "admin_only", Priority: 1 }]);
        });
    }

    it("adds a custom schema attribute in place", async () => {
        const desired = { ...inputs, schema: [...(inputs.schema as unknown[]), { name: "plan", attributeDataType: "String", stringAttributeConstraints: { maxLength: 32 } }] };
        const diff = await provider.diff(id, state, desired);
        expect(diff).to.deep.include({ changes: true, replaces: [] });
        state = (await provider.update(id, state, desired)).outs as UserPoolState;
        inputs = desired;
        state = await refresh();
        expect(await provider.diff(id, state, inputs)).to.include({ changes: false });
        const names = ((await describePool()).SchemaAttributes ?? []).map((a) => a.Name);
        expect(names).to.include("custom:plan");
    });

    it("names every field that forces a replacement", async () => {
        const cases: Array<[string, unknown, string]> = [
            ["usernameConfiguration", { caseSensitive: true }, "usernameConfiguration"],
            ["usernameAttributes", ["phone_number"], "usernameAttributes"],
            ["schema", [{ name: "tenant", attributeDataType: "Number" }, ...(inputs.schema as unknown[]).slice(1)], "schema"],
            ["region", "eu-west-1", "region"],
        ];
        for (const [field, value, replaced] of cases) {
            const diff = await provider.diff(id, state, { ...inputs, [field]: value });
            expect(diff.replaces, field).to.deep.equal([replaced]);
        }
        const rename = await provider.diff(id, state, { ...inputs, poolName: "renamed" });
        expect(rename).to.deep.include({ changes: true, replaces: [] });
    });

    it("catches an out-of-band change to a declared field with read + diff", async () => {
        const live = await describePool();
        const request = expandUpdate(live, {}, []);
        await target.client.send(new UpdateUserPoolCommand({
            ...request,
            Policies: { PasswordPolicy: { ...live.Policies?.PasswordPolicy, MinimumLength: 6 } },
        }));
        expect(await provider.diff(id, state, inputs), "before refresh the stored state is unchanged").to.include({ changes: false });
        state = await refresh();
        const plan = planUserPool(state, inputs, getStackRegion());
        expect(plan.changedFields).to.deep.equal(["policies"]);
        expect(await provider.diff(id, state, inputs)).to.include({ changes: true });
        state = (await provider.update(id, state, inputs)).outs as UserPoolState;
        state = await refresh();
        expect(await provider.diff(id, state, inputs)).to.include({ changes: false });
    });

    it("deletes the pool; a second delete and a read find it gone", async () => {
        await provider.deleteUserPool(id, state);
        expect(await provider.read(id, state)).to.deep.equal({});
        await provider.deleteUserPool(id, state);
        id = "";
    });
});
