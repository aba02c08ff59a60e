/**
 * The stored inputs the CLI diffs an update against (provider/userPool/storedInputs.ts): after a
 * refresh they are the declared fields as the pool has them, and check keeps their representation
 * wherever the program means the same, so an update shows exactly the fields that change.
 */
import { expect } from "chai";
import { planUserPool } from "../../provider/userPool/diff";
import type { UserPoolState } from "../../provider/userPool/flatten";
import { checkedInputs, liveAsInputs } from "../../provider/userPool/storedInputs";
import { UNKNOWN } from "../harness/providerHost";
import { differingPaths } from "../support/differingPaths";

type Props = Record<string, unknown>;

const live: UserPoolState = {
    declaredFields: ["autoVerifiedAttributes", "policies", "poolName", "schema", "userPoolTags"],
    poolName: "acme-users",
    policies: {
        passwordPolicy: { minimumLength: 8, requireLowercase: false, requireNumbers: true, requireSymbols: false, requireUppercase: false, temporaryPasswordValidityDays: 7 },
    },
    autoVerifiedAttributes: ["phone_number", "email"],
    userPoolTags: { team: "identity" },
    // The schema output is the declared list as written (AWS never changes an attribute).
    schema: [{ name: "tenant", attributeDataType: "String", mutable: true, stringAttributeConstraints: { maxLength: 64 } }],
    schemaAttributes: [{ name: "custom:tenant", attributeDataType: "String", mutable: true, developerOnlyAttribute: false, required: false, stringAttributeConstraints: { maxLength: "64", minLength: "0" } }],
    // Kept in outputs for diff, but not declared: never a stored input.
    deletionProtection: "INACTIVE",
    usernameConfiguration: { caseSensitive: true },
    region: "eu-west-1",
    userPoolId: "eu-west-1_AbC",
};

const program: Props = {
    poolName: "acme-users",
    policies: { passwordPolicy: { minimumLength: 12, requireNumbers: true } },
    autoVerifiedAttributes: ["email", "phone_number"],
    userPoolTags: { team: "identity" },
    schema: [{ name: "tenant", attributeDataType: "String", mutable: true, stringAttributeConstraints: { maxLength: 64 } }],
};

describe("stored inputs: what the CLI diffs an update against", function () {
    it("after a refresh, stores exactly the declared fields, as the pool has them", function () {
        const stored = liveAsInputs(live);
        expect(Object.keys(stored).sort()).to.deep.equal(["autoVerifiedAttributes", "policies", "poolName", "schema", "userPoolTags"]);
        expect((stored.policies as { passwordPolicy: Props }).passwordPolicy.minimumLength).to.equal(8);
    });

    it("a field that drifted differs from the checked inputs down to the member that changed, and nothing else differs", function () {
        const stored = liveAsInputs(live);
        const checked = checkedInputs(stored, program);
        expect(differingPaths(stored, checked)).to.deep.equal(["policies.passwordPolicy.minimumLength"]);
        // And it is the change diff plans: nothing more, nothing less.
        expect(planUserPool(live, checked).changedFields).to.deep.equal(["policies"]);
    });

    it("without drift the checked inputs equal the stored ones (no update is shown)", function () {
        const stored = liveAsInputs({ ...live, policies: { passwordPolicy: { ...(live.policies as { passwordPolicy: Props }).passwordPolicy, minimumLength: 12 } } });
        expect(differingPaths(stored, checkedInputs(stored, program))).to.deep.equal([]);
    });

    it("stored as the program wrote them (no refresh yet), a program change shows in the program's own terms", function () {
        const changed = { ...program, userPoolTags: { team: "platform" } };
        const checked = checkedInputs(program, changed);
        expect(differingPaths(program, checked)).to.deep.equal(["userPoolTags.team"]);
        expect(checked.policies).to.equal(program.policies);
    });

    it("a new resource's inputs are stored as the first refresh will store them, so that refresh shows no change", function () {
        const created = checkedInputs({}, program);
        expect((created.policies as { passwordPolicy: Props }).passwordPolicy).to.include({ requireUppercase: false, temporaryPasswordValidityDays: 7 });
        expect(created.schema).to.equal(program.schema);
        const refreshed = liveAsInputs({ ...live, policies: { passwordPolicy: { ...(live.policies as { passwordPolicy: Props }).passwordPolicy, minimumLength: 12 } } });
        expect(differingPaths(created, refreshed)).to.deep.equal([]);
    });

    it("a new field is stored in canonical form; a removed field, an unknown value and adoptUserPoolId keep the program's own form", function () {
        const stored = liveAsInputs(live);
        const next = { ...program, deviceConfiguration: { challengeRequiredOnNewDevice: true }, deletionProtection: "ACTIVE", adoptUserPoolId: "eu-west-1_AbC", userPoolTags: UNKNOWN };
        delete (next as Props).autoVerifiedAttributes;
        const checked = checkedInputs(stored, next);
        expect(checked.deviceConfiguration).to.deep.equal({ challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: false });
        expect(checked.deletionProtection).to.equal("ACTIVE");
        expect(checked.userPoolTags).to.equal(UNKNOWN);
        expect(checked.adoptUserPoolId).to.equal("eu-west-1_AbC");
        expect(checked).not.to.have.property("autoVerifiedAttributes");
    });

    it("a declared empty list stays declared after a refresh", function () {
        const stored = liveAsInputs({ ...live, declaredFields: ["autoVerifiedAttributes", "poolName"], autoVerifiedAttributes: undefined });
        expect(stored.autoVerifiedAttributes).to.deep.equal([]);
        expect(differingPaths(stored, checkedInputs(stored, { poolName: "acme-users", autoVerifiedAttributes: [] }))).to.deep.equal([]);
    });

    it("a refresh stores the declared schema as written, so adding an attribute shows only that attribute", function () {
        const stored = liveAsInputs(live);
        expect(stored.schema).to.deep.equal(program.schema);
        const added = { name: "plan", attributeDataType: "String", mutable: true };
        const checked = checkedInputs(stored, { ...program, schema: [...(program.schema as Props[]), added] });
        expect(checked.schema).to.deep.equal([...(program.schema as Props[]), added]);
        expect(differingPaths(stored, checked)).to.deep.equal(["policies.passwordPolicy.minimumLength", "schema"]);
    });

    it("adoptUserPoolId kept in the outputs is stored back as an input", function () {
        expect(liveAsInputs({ ...live, adoptUserPoolId: "eu-west-1_AbC" }).adoptUserPoolId).to.equal("eu-west-1_AbC");
    });
});
