import { expect } from "chai";
import { canonical, fromAws, sameCanonical, toAws, withNestedDefaults } from "../../provider/shared/schema";
import { fieldSchema, userPoolSchema } from "../../provider/userPool/model";

const root = userPoolSchema;

describe("schema walker", () => {
    it("translates camelCase to AWS names, including acronym exceptions from x-aws-name", () => {
        const request = toAws(root, fieldSchema("adminCreateUserConfig"), {
            allowAdminCreateUserOnly: true,
            inviteMessageTemplate: { smsMessage: "Hi {username} {####}", emailSubject: "Welcome" },
        });
        expect(request).to.deep.equal({
            AllowAdminCreateUserOnly: true,
            InviteMessageTemplate: { SMSMessage: "Hi {username} {####}", EmailSubject: "Welcome" },
        });
        const lambda = toAws(root, fieldSchema("lambdaConfig"), {
            kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/abc",
            customSmsSender: { lambdaVersion: "V1_0", lambdaArn: "arn:aws:lambda:us-east-1:123456789012:function:f" },
        });
        expect(lambda).to.have.keys("KMSKeyID", "CustomSMSSender");
    });

    it("keeps tag keys exactly as written", () => {
        const tags = { "team:owner": "identity", Environment: "prod", lowercase: "x" };
        expect(toAws(root, fieldSchema("userPoolTags"), tags)).to.deep.equal(tags);
        expect(fromAws(root, fieldSchema("userPoolTags"), tags)).to.deep.equal(tags);
    });

    it("round-trips AWS -> input -> AWS and drops members the schema does not model", () => {
        const aws = { PasswordPolicy: { MinimumLength: 12, RequireSymbols: true, SomethingNew: 1 } };
        const input = fromAws(root, fieldSchema("policies"), aws);
        expect(input).to.deep.equal({ passwordPolicy: { minimumLength: 12, requireSymbols: true } });
        expect(toAws(root, fieldSchema("policies"), input)).to.deep.equal({ PasswordPolicy: { MinimumLength: 12, RequireSymbols: true } });
    });

    it("fills nested defaults but not the top-level default", () => {
        const filled = withNestedDefaults(root, fieldSchema("policies"), { passwordPolicy: { minimumLength: 10 } }) as Record<string, unknown>;
        expect(filled.passwordPolicy).to.include({ minimumLength: 10, requireUppercase: false, temporaryPasswordValidityDays: 7 });
        expect(withNestedDefaults(root, fieldSchema("policies"), undefined)).to.equal(undefined);
    });

    it("treats absent and default as equal (passwordHistorySize 0 is left out of Describe)", () => {
        const declared = { passwordPolicy: { minimumLength: 8, passwordHistorySize: 0 } };
        const live = { passwordPolicy: { minimumLength: 8, requireUppercase: false, requireLowercase: false, requireNumbers: false, requireSymbols: false, temporaryPasswordValidityDays: 7 } };
        expect(sameCanonical(root, fieldSchema("policies"), declared, live)).to.equal(true);
        expect(sameCanonical(root, fieldSchema("policies"), { passwordPolicy: { minimumLength: 9 } }, live)).to.equal(false);
    });

    it("compares x-set lists as sets, including lists of objects", () => {
        expect(sameCanonical(root, fieldSchema("autoVerifiedAttributes"), ["email", "phone_number"], ["phone_number", "email"])).to.equal(true);
        expect(sameCanonical(root, fieldSchema("autoVerifiedAttributes"), ["email"], ["phone_number"])).to.equal(false);
        // Recovery mechanisms carry explicit priorities: list order means nothing, priorities do.
        const a = { recoveryMechanisms: [{ name: "verified_email", priority: 1 }, { name: "verified_phone_number", priority: 2 }] };
        const b = { recoveryMechanisms: [{ name: "verified_phone_number", priority: 2 }, { name: "verified_email", priority: 1 }] };
        const swapped = { recoveryMechanisms: [{ name: "verified_email", priority: 2 }, { name: "verified_phone_number", priority: 1 }] };
        expect(sameCanonical(root, fieldSchema("accountRecoverySetting"), a, b)).to.equal(true);
        expect(sameCanonical(root, fieldSchema("accountRecoverySetting"), a, swapped)).to.equal(false);
    });

    it("treats an empty list as equal to an absent one", () => {
        expect(sameCanonical(root, fieldSchema("autoVerifiedAttributes"), [], undefined)).to.equal(true);
        expect(sameCanonical(root, fieldSchema("userAttributeUpdateSettings"), { attributesRequireVerificationBeforeUpdate: [] }, undefined)).to.equal(true);
    });

    it("compares tag maps as maps, whatever the key order", () => {
        expect(sameCanonical(root, fieldSchema("userPoolTags"), { a: "1", b: "2" }, { b: "2", a: "1" })).to.equal(true);
        expect(sameCanonical(root, fieldSchema("userPoolTags"), { a: "1" }, { a: "1", b: "2" })).to.equal(false);
    });

    it("writes schema-attribute constraints as the strings AWS uses", () => {
        const items = fieldSchema("schema").items;
        if (!items) throw new Error("schema has no items");
        const sent = toAws(root, items, { name: "age", attributeDataType: "Number", numberAttributeConstraints: { minValue: 0, maxValue: 150 } });
        expect(sent).to.deep.equal({ Name: "age", AttributeDataType: "Number", NumberAttributeConstraints: { MinValue: "0", MaxValue: "150" } });
        expect(canonical(root, items, { name: "age", attributeDataType: "Number", numberAttributeConstraints: { minValue: 0 } }))
            .to.have.nested.property("numberAttributeConstraints.minValue", "0");
    });
});
