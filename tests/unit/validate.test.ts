import { expect } from "chai";
import { UNKNOWN } from "../../provider/shared/unknowns";
import { canonicalInputs, validateUserPool } from "../../provider/userPool/validate";

function properties(inputs: Record<string, unknown>): string[] {
    return validateUserPool(inputs).map((f) => f.property);
}

function reasons(inputs: Record<string, unknown>): string {
    return validateUserPool(inputs).map((f) => `${f.property}: ${f.reason}`).join("\n");
}

describe("UserPool validation (check)", () => {
    it("accepts a minimal pool and a fully populated one", () => {
        expect(validateUserPool({ poolName: "acme" })).to.deep.equal([]);
        expect(validateUserPool({
            poolName: "acme users",
            policies: { passwordPolicy: { minimumLength: 12, requireSymbols: true, passwordHistorySize: 5, temporaryPasswordValidityDays: 3 } },
            deletionProtection: "ACTIVE",
            autoVerifiedAttributes: ["email"],
            usernameAttributes: ["email"],
            usernameConfiguration: { caseSensitive: false },
            mfaConfiguration: "OPTIONAL",
            softwareTokenMfaConfiguration: { enabled: true },
            userAttributeUpdateSettings: { attributesRequireVerificationBeforeUpdate: ["email"] },
            verificationMessageTemplate: { emailMessage: "Your code is {####}", emailSubject: "Verify", defaultEmailOption: "CONFIRM_WITH_CODE" },
            adminCreateUserConfig: { allowAdminCreateUserOnly: true, inviteMessageTemplate: { emailMessage: "Hi {username}, password {####}", emailSubject: "Welcome" } },
            schema: [{ name: "tenant", attributeDataType: "String", mutable: true, stringAttributeConstraints: { minLength: "1", maxLength: "64" } }],
            userPoolTags: { team: "identity" },
            userPoolTier: "ESSENTIALS",
        })).to.deep.equal([]);
    });

    it("requires poolName", () => {
        expect(reasons({})).to.match(/poolName: poolName is required/);
    });

    it("rejects out-of-range numbers with the property path and the rule", () => {
        const failures = validateUserPool({ poolName: "p", policies: { passwordPolicy: { minimumLength: 5 } } });
        expect(failures).to.have.length(1);
        expect(failures[0].property).to.equal("policies.passwordPolicy.minimumLength");
        expect(failures[0].reason).to.match(/>= 6/);
    });

    it("rejects values outside an enum and lists the allowed ones", () => {
        const failures = validateUserPool({ poolName: "p", mfaConfiguration: "SOMETIMES" });
        expect(failures[0].property).to.equal("mfaConfiguration");
        expect(failures[0].reason).to.include("OFF").and.include("ON").and.include("OPTIONAL");
    });

    it("rejects unknown property names with a did-you-mean", () => {
        const failures = validateUserPool({ poolName: "p", polices: {} });
        expect(failures[0].property).to.equal("polices");
        expect(failures[0].reason).to.include('did you mean "policies"');
        const nested = validateUserPool({ poolName: "p", policies: { passwordPolicy: { minimumLenght: 8 } } });
        expect(nested[0].property).to.equal("policies.passwordPolicy.minimumLenght");
        expect(nested[0].reason).to.include('"minimumLength"');
    });

    it("rejects usernameAttributes together with aliasAttributes", () => {
        expect(properties({ poolName: "p", usernameAttributes: ["email"], aliasAttributes: ["preferred_username"] })).to.deep.equal(["aliasAttributes"]);
    });

    it("requires an MFA factor for ON and OPTIONAL", () => {
        expect(properties({ poolName: "p", mfaConfiguration: "ON" })).to.deep.equal(["mfaConfiguration"]);
        expect(properties({ poolName: "p", mfaConfiguration: "ON", softwareTokenMfaConfiguration: { enabled: true } })).to.deep.equal([]);
        expect(properties({ poolName: "p", mfaConfiguration: "OPTIONAL", smsConfiguration: { snsCallerArn: "arn:aws:iam::123456789012:role/sms" } })).to.deep.equal([]);
    });

    it("requires attributes that need verification before update to be auto-verified", () => {
        expect(properties({ poolName: "p", autoVerifiedAttributes: ["phone_number"], userAttributeUpdateSettings: { attributesRequireVerificationBeforeUpdate: ["email"] } }))
            .to.deep.equal(["userAttributeUpdateSettings.attributesRequireVerificationBeforeUpdate"]);
    });

    it("requires sourceArn for DEVELOPER email sending, and kmsKeyId for custom senders", () => {
        expect(properties({ poolName: "p", emailConfiguration: { emailSendingAccount: "DEVELOPER" } })).to.deep.equal(["emailConfiguration.sourceArn"]);
        expect(properties({
            poolName: "p",
            lambdaConfig: { customEmailSender: { lambdaVersion: "V1_0", lambdaArn: "arn:aws:lambda:us-east-1:123456789012:function:sender" } },
        })).to.deep.equal(["lambdaConfig.kmsKeyId"]);
    });

    it("accepts email templates with COGNITO_DEFAULT sending (AWS does, whatever its docs say)", () => {
        expect(validateUserPool({
            poolName: "p",
            emailConfiguration: { emailSendingAccount: "COGNITO_DEFAULT" },
            verificationMessageTemplate: { emailMessage: "Code {####}", emailSubject: "Code" },
        })).to.deep.equal([]);
    });

    it("requires placeholders AWS requires", () => {
        expect(properties({ poolName: "p", verificationMessageTemplate: { smsMessage: "Your code" } })).to.deep.equal(["verificationMessageTemplate.smsMessage"]);
        expect(properties({ poolName: "p", verificationMessageTemplate: { emailMessageByLink: "Click {####}", defaultEmailOption: "CONFIRM_WITH_LINK" } }))
            .to.deep.equal(["verificationMessageTemplate.emailMessageByLink"]);
        expect(properties({ poolName: "p", adminCreateUserConfig: { inviteMessageTemplate: { smsMessage: "Welcome {####}" } } }))
            .to.deep.equal(["adminCreateUserConfig.inviteMessageTemplate.smsMessage"]);
    });

    it("does not require a temporary-password placeholder in invites of passwordless pools", () => {
        expect(validateUserPool({
            poolName: "p",
            policies: { signInPolicy: { allowedFirstAuthFactors: ["EMAIL_OTP", "PASSWORD"] } },
            adminCreateUserConfig: { inviteMessageTemplate: { emailMessage: "Welcome {username}", emailSubject: "Hi" } },
        })).to.deep.equal([]);
        expect(properties({
            poolName: "p",
            adminCreateUserConfig: { inviteMessageTemplate: { emailMessage: "Welcome {username}", emailSubject: "Hi" } },
        })).to.deep.equal(["adminCreateUserConfig.inviteMessageTemplate.emailMessage"]);
    });

    it("limits custom attributes to 50 and names to 20 characters", () => {
        const schema = Array.from({ length: 51 }, (_, i) => ({ name: `attr${i}`, attributeDataType: "String" }));
        expect(properties({ poolName: "p", schema })).to.deep.equal(["schema"]);
        expect(properties({ poolName: "p", schema: [{ name: "a".repeat(21), attributeDataType: "String" }] })).to.deep.equal(["schema[0].name"]);
    });

    it("does not count a custom: prefix against the 20 characters", () => {
        expect(validateUserPool({ poolName: "p", schema: [{ name: `custom:${"a".repeat(20)}`, attributeDataType: "String" }] })).to.deep.equal([]);
        const failures = validateUserPool({ poolName: "p", schema: [{ name: `custom:${"a".repeat(21)}`, attributeDataType: "String" }] });
        expect(failures.map((f) => f.property)).to.deep.equal(["schema[0].name"]);
        expect(failures[0].reason).to.include("21 characters long without its custom: prefix").and.include("1 to 20");
        expect(properties({ poolName: "p", schema: [{ name: "custom:", attributeDataType: "String" }] })).to.deep.equal(["schema[0].name"]);
    });

    it("refuses tenant and custom:tenant together: one attribute declared twice, named by path and rule", () => {
        const failures = validateUserPool({
            poolName: "p",
            schema: [{ name: "tenant", attributeDataType: "String" }, { name: "plan", attributeDataType: "Number" }, { name: "custom:tenant", attributeDataType: "String" }],
        });
        expect(failures).to.have.length(1);
        expect(failures[0].property).to.equal("schema[2].name");
        expect(failures[0].reason).to.include('schema attribute "custom:tenant" is declared more than once');
        expect(failures[0].reason).to.include('schema[0] "tenant" and schema[2] "custom:tenant" name the same attribute, custom:tenant');
        expect(properties({ poolName: "p", schema: [{ name: "custom:plan", attributeDataType: "String" }, { name: "plan", attributeDataType: "String" }] }))
            .to.deep.equal(["schema[1].name"]);
        expect(reasons({ poolName: "p", schema: [{ name: "tenant", attributeDataType: "String" }, { name: "tenant", attributeDataType: "Number" }] }))
            .to.equal('schema[1].name: schema attribute "tenant" is declared more than once: schema[0] has the same name; keep one entry per attribute');
        expect(properties({ poolName: "p", schema: [{ name: "dev:custom:secret", attributeDataType: "String" }, { name: "secret", attributeDataType: "String" }] }))
            .to.deep.equal(["schema[1].name"]);
    });

    it("accepts custom:tenant beside a doubled custom:custom:tenant: they are two attributes", () => {
        expect(validateUserPool({
            poolName: "p",
            schema: [{ name: "custom:tenant", attributeDataType: "String" }, { name: "custom:custom:tenant", attributeDataType: "String" }],
        })).to.deep.equal([]);
    });

    it("refuses custom: before a standard attribute's name, which AWS would take as the standard attribute", () => {
        const failures = validateUserPool({ poolName: "p", schema: [{ name: "custom:email", attributeDataType: "String" }] });
        expect(failures.map((f) => f.property)).to.deep.equal(["schema[0].name"]);
        expect(failures[0].reason).to.include('Declare "email"');
        expect(validateUserPool({ poolName: "p", schema: [{ name: "email", attributeDataType: "String", required: true }] })).to.deep.equal([]);
    });

    it("does not compare schema names that are unknown until the update runs", () => {
        expect(validateUserPool({
            poolName: "p",
            schema: [{ name: UNKNOWN, attributeDataType: "String" }, { name: UNKNOWN, attributeDataType: "String" }, { name: "tenant", attributeDataType: "String" }],
        })).to.deep.equal([]);
    });

    it("rejects the deprecated unusedAccountValidityDays with the replacement named", () => {
        const failures = validateUserPool({ poolName: "p", adminCreateUserConfig: { unusedAccountValidityDays: 7 } });
        expect(failures).to.have.length(1);
        expect(failures[0].property).to.equal("adminCreateUserConfig.unusedAccountValidityDays");
        expect(failures[0].reason).to.include("temporaryPasswordValidityDays");
    });

    it("accepts preview-time unknowns anywhere a value can stand", () => {
        expect(validateUserPool({
            poolName: UNKNOWN,
            lambdaConfig: { preSignUp: UNKNOWN, kmsKeyId: UNKNOWN, customSmsSender: { lambdaVersion: "V1_0", lambdaArn: UNKNOWN } },
            smsConfiguration: UNKNOWN,
            mfaConfiguration: "ON",
            autoVerifiedAttributes: [UNKNOWN],
            userPoolTags: { team: UNKNOWN },
        })).to.deep.equal([]);
    });

    it("still reports real errors beside unknowns", () => {
        expect(properties({ poolName: UNKNOWN, mfaConfiguration: "MAYBE" })).to.deep.equal(["mfaConfiguration"]);
    });

    it("folds the deprecated verification messages into the template", () => {
        expect(canonicalInputs({ poolName: "p", emailVerificationMessage: "Code {####}", smsVerificationMessage: "SMS {####}" })).to.deep.equal({
            poolName: "p",
            verificationMessageTemplate: { emailMessage: "Code {####}", smsMessage: "SMS {####}" },
        });
        expect(properties({ poolName: "p", emailVerificationMessage: "A {####}", verificationMessageTemplate: { emailMessage: "B {####}" } }))
            .to.deep.equal(["emailVerificationMessage"]);
    });
});

describe("check failure messages", () => {
    it("never quote a string the program gave (it may be a secret), but do quote a mistyped enum value", () => {
        const failures = validateUserPool({ poolName: "p", smsConfiguration: { snsCallerArn: "not-an-arn-super-secret-value" } });
        expect(failures.map((f) => f.property)).to.deep.equal(["smsConfiguration.snsCallerArn"]);
        expect(JSON.stringify(failures)).to.not.include("super-secret");
        expect(validateUserPool({ poolName: "p", deletionProtection: "ACTIV" })[0].reason).to.include('"ACTIV"');
    });
});
