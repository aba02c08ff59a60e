/**
 * driftReport (provider/userPool/drift.ts): declared vs live, field by field, with exactly the
 * normalization diff uses. The last cases check it against planUserPool itself.
 */
import { expect } from "chai";
import fc from "fast-check";
import { planUserPool } from "../../provider/userPool/diff";
import { driftedFields, driftReport, DriftRow, formatDriftReport } from "../../provider/userPool/drift";
import type { UserPoolState } from "../../provider/userPool/flatten";

const customTenant = { name: "custom:tenant", attributeDataType: "String", developerOnlyAttribute: false, mutable: true, required: false, stringAttributeConstraints: { minLength: "0", maxLength: "2048" } };
const standardEmail = { name: "email", attributeDataType: "String", developerOnlyAttribute: false, mutable: true, required: false, stringAttributeConstraints: { minLength: "0", maxLength: "2048" } };
const devSecret = { name: "dev:custom:secret", attributeDataType: "String", developerOnlyAttribute: true, mutable: true, required: false, stringAttributeConstraints: { minLength: "0", maxLength: "2048" } };

/** A pool as flattenUserPool reports it (read's outputs). */
function live(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        poolName: "acme",
        policies: {
            passwordPolicy: { minimumLength: 10, requireUppercase: false, requireLowercase: false, requireNumbers: false, requireSymbols: false, temporaryPasswordValidityDays: 7 },
            signInPolicy: { allowedFirstAuthFactors: ["PASSWORD"] },
        },
        mfaConfiguration: "OFF",
        deletionProtection: "INACTIVE",
        lambdaConfig: {},
        autoVerifiedAttributes: ["phone_number", "email"],
        usernameAttributes: ["email"],
        usernameConfiguration: { caseSensitive: false },
        userPoolTags: { team: "identity" },
        accountRecoverySetting: { recoveryMechanisms: [{ name: "verified_email", priority: 1 }, { name: "verified_phone_number", priority: 2 }] },
        verificationMessageTemplate: { defaultEmailOption: "CONFIRM_WITH_CODE", emailMessage: "Code {####}", emailSubject: "Code" },
        schemaAttributes: [standardEmail, customTenant, devSecret],
        region: "us-east-1",
        userPoolId: "us-east-1_abc",
        declaredFields: [],
        ...overrides,
    };
}

const declared = {
    poolName: "acme",
    policies: { passwordPolicy: { minimumLength: 10 } },
    autoVerifiedAttributes: ["email", "phone_number"],
    usernameAttributes: ["email"],
    userPoolTags: { team: "identity" },
    schema: [{ name: "tenant", attributeDataType: "String" }],
};

function row(rows: DriftRow[], field: string): DriftRow {
    const found = rows.find((r) => r.field === field);
    if (!found) throw new Error(`no row ${field} in ${rows.map((r) => r.field).join(", ")}`);
    return found;
}

describe("drift report (provider/userPool/drift.ts)", function () {
    it("finds no drift when the pool is as declared: defaults filled, sets unordered, AWS-filled schema constraints", function () {
        const rows = driftReport(declared, live());
        expect(rows.filter((r) => r.status === "differs")).to.deep.equal([]);
        for (const field of ["poolName", "policies", "autoVerifiedAttributes", "usernameAttributes", "userPoolTags", "schema[tenant]"]) {
            expect(row(rows, field).status, field).to.equal("same");
        }
    });

    it("shows the declared and the live value in the form diff compares them", function () {
        const policies = row(driftReport(declared, live()), "policies");
        expect(policies.declared).to.deep.equal(policies.live);
        expect(policies.declared).to.deep.include({ signInPolicy: { allowedFirstAuthFactors: ["PASSWORD"] } });
        expect(row(driftReport(declared, live()), "autoVerifiedAttributes").live).to.deep.equal(["email", "phone_number"]);
    });

    it("reports a differing declared field with the leaves that differ", function () {
        const rows = driftReport(declared, live({ policies: { passwordPolicy: { minimumLength: 6, temporaryPasswordValidityDays: 7 } } }));
        const policies = row(rows, "policies");
        expect(policies.status).to.equal("differs");
        expect(policies.replaces).to.equal(false);
        expect(policies.details).to.deep.equal([{ path: "passwordPolicy.minimumLength", declared: 10, live: 6 }]);
    });

    it("lists fields the program does not declare as not declared, and never as drift", function () {
        const rows = driftReport(declared, live({ mfaConfiguration: "ON", deviceConfiguration: { challengeRequiredOnNewDevice: true } }));
        expect(row(rows, "mfaConfiguration")).to.deep.include({ status: "not declared", live: "ON", declared: undefined });
        expect(row(rows, "deviceConfiguration").status).to.equal("not declared");
        expect(driftedFields(rows)).to.deep.equal([]);
    });

    it("treats an absent passwordHistorySize as 0 and empty lists and maps as absent", function () {
        const rows = driftReport(
            { poolName: "acme", policies: { passwordPolicy: { minimumLength: 10, passwordHistorySize: 0 } }, userPoolTags: {}, autoVerifiedAttributes: [] },
            live({ userPoolTags: undefined, autoVerifiedAttributes: undefined }),
        );
        expect(driftedFields(rows)).to.deep.equal([]);
    });

    it("marks a differing field that cannot change in place as replacing the pool", function () {
        const rows = driftReport({ ...declared, usernameConfiguration: { caseSensitive: true } }, live());
        expect(row(rows, "usernameConfiguration")).to.deep.include({ status: "differs", replaces: true });
    });

    it("compares schema attributes by name on the members declared: missing is in place, changed replaces", function () {
        const rows = driftReport(
            { poolName: "acme", schema: [{ name: "tenant", attributeDataType: "Number" }, { name: "plan", attributeDataType: "String" }, { name: "secret", attributeDataType: "String", developerOnlyAttribute: true }, { name: "email", attributeDataType: "String" }] },
            live(),
        );
        expect(row(rows, "schema[tenant]")).to.deep.include({ status: "differs", replaces: true });
        expect(row(rows, "schema[tenant]").details).to.deep.equal([{ path: "attributeDataType", declared: "Number", live: "String" }]);
        expect(row(rows, "schema[plan]")).to.deep.include({ status: "differs", replaces: false, live: undefined });
        expect(row(rows, "schema[secret]").status).to.equal("same");
        expect(row(rows, "schema[email]").status).to.equal("same");
        expect(rows.filter((r) => r.field.startsWith("schema[") && r.status === "not declared")).to.deep.equal([]);
    });

    it("lists live custom attributes the program does not declare, but not the standard ones AWS always reports", function () {
        const rows = driftReport({ poolName: "acme" }, live());
        expect(rows.filter((r) => r.field.startsWith("schema[")).map((r) => `${r.field} ${r.status}`)).to.deep.equal([
            "schema[custom:tenant] not declared",
            "schema[dev:custom:secret] not declared",
        ]);
    });

    it("folds deprecated verification-message aliases into the template, as check does", function () {
        const rows = driftReport({ poolName: "acme", emailVerificationMessage: "Code {####}", emailVerificationSubject: "Code" }, live());
        expect(row(rows, "verificationMessageTemplate").status).to.equal("same");
        expect(rows.map((r) => r.field)).not.to.include("emailVerificationMessage");
        const drifted = driftReport({ poolName: "acme", emailVerificationSubject: "Other" }, live());
        expect(row(drifted, "verificationMessageTemplate").details).to.deep.include({ path: "emailSubject", declared: "Other", live: "Code" });
    });

    it("compares a declared region with the pool's region", function () {
        expect(row(driftReport({ poolName: "acme", region: "us-east-1" }, live()), "region").status).to.equal("same");
        expect(row(driftReport({ poolName: "acme", region: "eu-west-1" }, live()), "region")).to.deep.include({ status: "differs", replaces: true });
        expect(row(driftReport({ poolName: "acme" }, live()), "region").status).to.equal("not declared");
    });

    it("agrees with diff: the fields it shows as differing are the fields planUserPool reports", function () {
        const cases: Array<[Record<string, unknown>, Record<string, unknown>]> = [
            [declared, live()],
            [declared, live({ userPoolTags: { team: "identity", extra: "x" } })],
            [declared, live({ autoVerifiedAttributes: ["email"], poolName: "renamed" })],
            [{ ...declared, usernameConfiguration: { caseSensitive: true } }, live()],
            [{ ...declared, schema: [{ name: "tenant", attributeDataType: "String", mutable: false }] }, live()],
            [{ ...declared, lambdaConfig: { preSignUp: "arn:aws:lambda:us-east-1:123456789012:function:f" } }, live()],
        ];
        for (const [inputs, pool] of cases) {
            const state = { ...pool, declaredFields: Object.keys(inputs), schema: inputs.schema } as UserPoolState;
            const plan = planUserPool(state, inputs, "us-east-1");
            expect(driftedFields(driftReport(inputs, state)), JSON.stringify(inputs)).to.deep.equal([...plan.changedFields, ...plan.replaceReasons.keys()].sort());
        }
    });

    it("agrees with diff on any password policy and tag map (property)", function () {
        const policy = fc.record(
            {
                minimumLength: fc.integer({ min: 6, max: 99 }),
                requireUppercase: fc.boolean(),
                requireSymbols: fc.boolean(),
                passwordHistorySize: fc.integer({ min: 0, max: 3 }),
                temporaryPasswordValidityDays: fc.integer({ min: 1, max: 9 }),
            },
            { requiredKeys: [] },
        );
        const tags = fc.dictionary(fc.constantFrom("a", "b", "c"), fc.constantFrom("1", "2"));
        fc.assert(
            fc.property(policy, policy, tags, tags, (declaredPolicy, livePolicy, declaredTags, liveTags) => {
                const inputs = { poolName: "acme", policies: { passwordPolicy: declaredPolicy }, userPoolTags: declaredTags };
                const state = { ...live({ policies: { passwordPolicy: livePolicy }, userPoolTags: liveTags }), declaredFields: ["poolName", "policies", "userPoolTags"] } as UserPoolState;
                const plan = planUserPool(state, inputs, "us-east-1");
                expect(driftedFields(driftReport(inputs, state))).to.deep.equal([...plan.changedFields].sort());
            }),
            { numRuns: 300 },
        );
    });

    it("prints one line per field and the differing leaves under it", function () {
        const rows = driftReport(declared, live({ policies: { passwordPolicy: { minimumLength: 6 } }, mfaConfiguration: "ON" }));
        const text = formatDriftReport(rows);
        const lines = text.split("\n");
        expect(lines[0]).to.match(/^FIELD\s+STATUS\s+DECLARED\s+LIVE$/);
        expect(lines.find((l) => l.startsWith("policies "))).to.match(/differs/);
        expect(lines.find((l) => l.trim().startsWith(".passwordPolicy.minimumLength"))).to.match(/10\s+6$/);
        expect(lines.find((l) => l.startsWith("mfaConfiguration "))).to.match(/not declared\s+-\s+"ON"$/);
        expect(formatDriftReport(rows, { declaredOnly: true })).not.to.include("mfaConfiguration");
        expect(lines.find((l) => l.startsWith("usernameConfiguration "))).to.match(/not declared/);
    });
});
