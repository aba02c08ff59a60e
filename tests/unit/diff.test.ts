import { expect } from "chai";
import { UNKNOWN } from "../../provider/shared/unknowns";
import { planUserPool, replacementBlocker } from "../../provider/userPool/diff";
import type { UserPoolState } from "../../provider/userPool/flatten";

/** Outputs as flatten produces them for a pool created from `declared`, with AWS's defaults filled. */
function liveState(overrides: Record<string, unknown> = {}): UserPoolState {
    return {
        poolName: "acme",
        policies: {
            passwordPolicy: { minimumLength: 10, requireUppercase: false, requireLowercase: false, requireNumbers: false, requireSymbols: false, temporaryPasswordValidityDays: 7 },
        },
        mfaConfiguration: "OFF",
        deletionProtection: "INACTIVE",
        lambdaConfig: { preSignUp: "arn:aws:lambda:us-east-1:123456789012:function:pre" },
        autoVerifiedAttributes: ["email"],
        usernameAttributes: ["email"],
        usernameConfiguration: { caseSensitive: false },
        userPoolTags: { team: "identity" },
        schema: [{ name: "tenant", attributeDataType: "String", mutable: true, developerOnlyAttribute: false, required: false, stringAttributeConstraints: { minLength: "0", maxLength: "2048" } }],
        schemaAttributes: [
            { name: "sub", attributeDataType: "String", mutable: false, required: true, developerOnlyAttribute: false, stringAttributeConstraints: { minLength: "1", maxLength: "2048" } },
            { name: "email", attributeDataType: "String", mutable: true, required: false, developerOnlyAttribute: false, stringAttributeConstraints: { minLength: "0", maxLength: "2048" } },
            { name: "birthdate", attributeDataType: "String", mutable: true, required: false, developerOnlyAttribute: false, stringAttributeConstraints: { minLength: "10", maxLength: "10" } },
            { name: "custom:tenant", attributeDataType: "String", mutable: true, required: false, developerOnlyAttribute: false, stringAttributeConstraints: { minLength: "0", maxLength: "2048" } },
            { name: "dev:custom:secret", attributeDataType: "String", mutable: true, required: false, developerOnlyAttribute: true, stringAttributeConstraints: { minLength: "0", maxLength: "2048" } },
        ],
        region: "us-east-1",
        userPoolId: "us-east-1_abc",
        declaredFields: ["policies", "poolName", "schema", "usernameAttributes", "autoVerifiedAttributes", "userPoolTags"],
        ...overrides,
    };
}

const declared = {
    poolName: "acme",
    policies: { passwordPolicy: { minimumLength: 10 } },
    usernameAttributes: ["email"],
    autoVerifiedAttributes: ["email"],
    userPoolTags: { team: "identity" },
    schema: [{ name: "tenant", attributeDataType: "String" }],
};

describe("UserPool diff", () => {
    it("reports no change when the live pool matches the declaration (defaults, sets, schema)", () => {
        const plan = planUserPool(liveState(), declared, "us-east-1");
        expect(plan.changedFields).to.deep.equal([]);
        expect([...plan.replaceReasons.keys()]).to.deep.equal([]);
    });

    it("never reports undeclared fields, even when they differ from the defaults", () => {
        const plan = planUserPool(liveState({ mfaConfiguration: "OPTIONAL", lambdaConfig: {} }), declared, "us-east-1");
        expect(plan.changedFields).to.deep.equal([]);
    });

    it("reports drift on a declared field", () => {
        const drifted = liveState({ userPoolTags: { team: "identity", extra: "x" } });
        expect(planUserPool(drifted, declared, "us-east-1").changedFields).to.deep.equal(["userPoolTags"]);
    });

    it("treats a nested member left out as its default (deep ownership)", () => {
        const live = liveState({ policies: { passwordPolicy: { minimumLength: 10, requireSymbols: true, temporaryPasswordValidityDays: 7 } } });
        expect(planUserPool(live, declared, "us-east-1").changedFields).to.deep.equal(["policies"]);
    });

    it("renames in place", () => {
        const plan = planUserPool(liveState(), { ...declared, poolName: "acme-renamed" }, "us-east-1");
        expect(plan.changedFields).to.deep.equal(["poolName"]);
        expect(plan.replaceReasons.size).to.equal(0);
    });

    it("replaces for usernameAttributes, aliasAttributes, usernameConfiguration and region, naming each", () => {
        const plan = planUserPool(liveState(), {
            ...declared,
            usernameAttributes: ["phone_number"],
            usernameConfiguration: { caseSensitive: true },
            region: "eu-west-1",
        }, "us-east-1");
        expect([...plan.replaceReasons.keys()].sort()).to.deep.equal(["region", "usernameAttributes", "usernameConfiguration"]);
    });

    it("does not replace when a newly declared immutable field matches the live pool", () => {
        const plan = planUserPool(liveState(), { ...declared, usernameConfiguration: { caseSensitive: false } }, "us-east-1");
        expect(plan.replaceReasons.size).to.equal(0);
        // Ownership changes, so the state is updated (no AWS change is needed).
        expect(plan.changedFields).to.deep.equal(["usernameConfiguration"]);
    });

    it("adds schema attributes in place and replaces for changed or removed ones", () => {
        const added = planUserPool(liveState(), { ...declared, schema: [...declared.schema, { name: "plan", attributeDataType: "Number" }] }, "us-east-1");
        expect(added.replaceReasons.size).to.equal(0);
        expect(added.schema.added.map((a) => a.name)).to.deep.equal(["plan"]);
        expect(added.changedFields).to.deep.equal(["schema"]);

        const changed = planUserPool(liveState(), { ...declared, schema: [{ name: "tenant", attributeDataType: "Number" }] }, "us-east-1");
        expect([...changed.replaceReasons.keys()]).to.deep.equal(["schema"]);
        expect(changed.replaceReasons.get("schema")).to.include("tenant");

        const removed = planUserPool(liveState(), { ...declared, schema: [] }, "us-east-1");
        expect(removed.replaceReasons.get("schema")).to.include("removed");
    });

    it("matches standard and developer-only attributes by name and ignores undeclared standard attributes", () => {
        const schema = [
            { name: "email", attributeDataType: "String", mutable: true },
            { name: "secret", attributeDataType: "String", developerOnlyAttribute: true },
            { name: "tenant", attributeDataType: "String", stringAttributeConstraints: { maxLength: 2048 } },
        ];
        const previous = liveState({ schema });
        const plan = planUserPool(previous, { ...declared, schema }, "us-east-1");
        expect(plan.changedFields).to.deep.equal([]);
        expect(plan.replaceReasons.size).to.equal(0);
    });

    it("resets a field the program stops declaring, and stops managing immutable ones without replacing", () => {
        const { userPoolTags: _tags, usernameAttributes: _username, ...rest } = declared;
        const plan = planUserPool(liveState(), rest, "us-east-1");
        expect(plan.removedFields.sort()).to.deep.equal(["userPoolTags", "usernameAttributes"]);
        expect(plan.replaceReasons.size).to.equal(0);
    });

    it("accepts preview-time unknowns: an unknown updatable field is a change, an unknown immutable one may replace", () => {
        const plan = planUserPool(liveState(), { ...declared, poolName: UNKNOWN, usernameAttributes: [UNKNOWN] }, "us-east-1");
        expect(plan.changedFields).to.include("poolName");
        expect([...plan.replaceReasons.keys()]).to.deep.equal(["usernameAttributes"]);
    });

    it("uses the stack region when the program gives none", () => {
        expect(planUserPool(liveState(), declared, "us-east-1").replaceReasons.size).to.equal(0);
        expect([...planUserPool(liveState(), declared, "eu-central-1").replaceReasons.keys()]).to.deep.equal(["region"]);
    });

    it("refuses a replacement of a pool with deletion protection, naming the field and the way out", () => {
        const protectedPool = liveState({ deletionProtection: "ACTIVE" });
        const plan = planUserPool(protectedPool, { ...declared, usernameConfiguration: { caseSensitive: true } }, "us-east-1");
        const message = replacementBlocker(protectedPool, plan);
        expect(message).to.include("usernameConfiguration").and.include("INACTIVE");
        expect(replacementBlocker(liveState(), plan)).to.equal(undefined);
    });

    it("flags MFA changes for SetUserPoolMfaConfig", () => {
        // Declaring the value the pool already has changes ownership only: no MFA call.
        expect(planUserPool(liveState(), { ...declared, mfaConfiguration: "OFF" }, "us-east-1").mfaChanged).to.equal(false);
        expect(planUserPool(liveState(), { ...declared, mfaConfiguration: "OPTIONAL", smsConfiguration: { snsCallerArn: "arn:aws:iam::1:role/r" } }, "us-east-1").mfaChanged).to.equal(true);
        expect(planUserPool(liveState(), { ...declared, mfaConfiguration: "ON", softwareTokenMfaConfiguration: { enabled: true } }, "us-east-1").mfaChanged).to.equal(true);
    });
});
