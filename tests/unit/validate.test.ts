import { expect } from "chai";
import { UNKNOWN } from "../../provider/shared/unknowns";
import { canonicalInputs, validateUserPool, ValidationContext } from "../../provider/userPool/validate";

function properties(inputs: Record<string, unknown>): string[] {
    return validateUserPool(inputs).map((f) => f.property);
}

function reasons(inputs: Record<string, unknown>, context: ValidationContext = {}): string {
    return validateUserPool(inputs, context).map((f) => `${f.property}: ${f.reason}`).join("\n");
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
        expect(failures[0].reason).to.equal("policies.passwordPolicy.minimumLength must be from 6 to 99 (got 5)");
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

    it("limits custom attributes to 50, a new pool's schema to 50 entries, and names to 20 characters", () => {
        const custom = (count: number) => Array.from({ length: count }, (_, i) => ({ name: `attr${i}`, attributeDataType: "String" }));
        expect(reasons({ poolName: "p", schema: custom(51) })).to.equal("schema: schema declares 51 custom attributes; AWS allows at most 50 per pool");
        const standard = [{ name: "email", attributeDataType: "String", required: true }, { name: "name", attributeDataType: "String", required: true }];
        // CreateUserPool takes 50 entries; a pool can have more (custom attributes added later), which adoption and updates declare.
        expect(validateUserPool({ poolName: "p", schema: [...standard, ...custom(48)] }, { creating: true })).to.deep.equal([]);
        expect(reasons({ poolName: "p", schema: [...standard, ...custom(49)] }, { creating: true })).to.equal(
            "schema: schema declares 51 attributes, and CreateUserPool takes at most 50: create the pool with at most 50 (settings of standard attributes can only be made then), and add the other custom attributes in a later update",
        );
        expect(validateUserPool({ poolName: "p", schema: [...standard, ...custom(50)] })).to.deep.equal([]);
        expect(validateUserPool({ poolName: "p", adoptUserPoolId: "us-east-1_AbC", schema: [...standard, ...custom(50)] }, { creating: true })).to.deep.equal([]);
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

/**
 * Refusals AWS makes that check now makes first. Each case has the value AWS accepts beside the
 * one it refuses, so a rule that refused everything (or nothing) fails here.
 */
describe("what AWS refuses, check refuses", () => {
    const POOL = { poolName: "p" };
    const LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:tokens";
    const ROLE = "arn:aws:iam::123456789012:role/sms";
    const stringAttribute = (constraints: Record<string, unknown>) => ({ ...POOL, schema: [{ name: "tenant", attributeDataType: "String", stringAttributeConstraints: constraints }] });
    const numberAttribute = (constraints: Record<string, unknown>) => ({ ...POOL, schema: [{ name: "seats", attributeDataType: "Number", numberAttributeConstraints: constraints }] });

    it("a String attribute longer than 2048 characters (API reference: String attributes hold at most 2048)", () => {
        for (const maxLength of [2048, "2048", "0002048", 0, "256"]) expect(validateUserPool(stringAttribute({ maxLength })), String(maxLength)).to.deep.equal([]);
        for (const maxLength of [2049, "2049", "99999", `1${"0".repeat(400)}`]) {
            expect(properties(stringAttribute({ maxLength })), String(maxLength)).to.deep.equal(["schema[0].stringAttributeConstraints.maxLength"]);
        }
        expect(reasons(stringAttribute({ maxLength: 4096 }))).to.equal(
            'schema[0].stringAttributeConstraints.maxLength: schema[0].stringAttributeConstraints.maxLength must be a whole number from 0 to 2048 (the most a String attribute holds), written as a number or as a string of digits, such as 256 or "256" (got 4096)',
        );
    });

    it("minLength greater than maxLength, and minValue greater than maxValue", () => {
        expect(validateUserPool(stringAttribute({ minLength: "5", maxLength: 5 }))).to.deep.equal([]);
        expect(validateUserPool(stringAttribute({ minLength: "3000" }))).to.deep.equal([]);
        expect(reasons(stringAttribute({ minLength: "10", maxLength: "5" }))).to.equal(
            "schema[0].stringAttributeConstraints.minLength: schema[0].stringAttributeConstraints.minLength (10) is greater than maxLength (5); AWS requires minLength to be at most maxLength",
        );
        expect(validateUserPool(numberAttribute({ minValue: "-5", maxValue: -1 }))).to.deep.equal([]);
        expect(properties(numberAttribute({ minValue: -1, maxValue: "-5" }))).to.deep.equal(["schema[0].numberAttributeConstraints.minValue"]);
        // Compared exactly, beyond what a JavaScript number holds.
        expect(properties(numberAttribute({ minValue: "9007199254740993", maxValue: "9007199254740992" }))).to.deep.equal(["schema[0].numberAttributeConstraints.minValue"]);
        expect(validateUserPool(numberAttribute({ minValue: "9007199254740992", maxValue: "9007199254740993" }))).to.deep.equal([]);
    });

    it("two account recovery methods with the same priority", () => {
        const recovery = (priorities: number[]) => ({
            ...POOL,
            accountRecoverySetting: { recoveryMechanisms: priorities.map((priority, i) => ({ name: ["verified_email", "verified_phone_number"][i], priority })) },
        });
        expect(validateUserPool(recovery([1, 2]))).to.deep.equal([]);
        expect(validateUserPool(recovery([2, 1]))).to.deep.equal([]);
        expect(reasons(recovery([1, 1]))).to.equal(
            "accountRecoverySetting.recoveryMechanisms[1].priority: accountRecoverySetting.recoveryMechanisms[1].priority is 1, as is recoveryMechanisms[0].priority; AWS requires each recovery method to have its own priority (1 is tried first, 2 second)",
        );
    });

    it("a required custom attribute (AWS: Required custom attributes are not supported currently)", () => {
        expect(validateUserPool({ ...POOL, schema: [{ name: "email", attributeDataType: "String", required: true }] })).to.deep.equal([]);
        expect(validateUserPool({ ...POOL, schema: [{ name: "tenant", attributeDataType: "String", required: false }] })).to.deep.equal([]);
        for (const name of ["tenant", "custom:tenant"]) {
            expect(properties({ ...POOL, schema: [{ name, attributeDataType: "String", required: true }] }), name).to.deep.equal(["schema[0].required"]);
        }
    });

    it("preTokenGeneration and preTokenGenerationConfig.lambdaArn that differ", () => {
        const lambda = (legacy: string, arn: string) => ({ ...POOL, lambdaConfig: { preTokenGeneration: legacy, preTokenGenerationConfig: { lambdaVersion: "V1_0", lambdaArn: arn } } });
        expect(validateUserPool(lambda(LAMBDA, LAMBDA))).to.deep.equal([]);
        expect(properties(lambda(LAMBDA, `${LAMBDA}-v2`))).to.deep.equal(["lambdaConfig.preTokenGeneration"]);
    });

    it("SMS through both Amazon SNS and End User Messaging, and End User Messaging in another region", () => {
        const eumsSms = { callerArn: ROLE };
        expect(validateUserPool({ ...POOL, smsConfiguration: { snsCallerArn: ROLE } })).to.deep.equal([]);
        expect(validateUserPool({ ...POOL, smsConfiguration: { eumsSms } })).to.deep.equal([]);
        expect(validateUserPool({ ...POOL, smsConfiguration: { snsCallerArn: "", eumsSms } }), "an empty snsCallerArn is none").to.deep.equal([]);
        expect(properties({ ...POOL, smsConfiguration: { snsCallerArn: ROLE, eumsSms } })).to.deep.equal(["smsConfiguration.eumsSms"]);
        const inRegion = (region: string) => ({ ...POOL, region: "eu-west-1", smsConfiguration: { eumsSms: { ...eumsSms, region } } });
        expect(validateUserPool(inRegion("eu-west-1"))).to.deep.equal([]);
        expect(reasons(inRegion("us-east-1"))).to.equal(
            `smsConfiguration.eumsSms.region: smsConfiguration.eumsSms.region must be the pool's own region, eu-west-1 (got "us-east-1"): AWS refuses any other; leave it out to use the pool's region`,
        );
        // Without a region input the pool is in the stack's region; with neither, there is nothing to compare.
        const stackOnly = { ...POOL, smsConfiguration: { eumsSms: { ...eumsSms, region: "us-east-1" } } };
        expect(properties(stackOnly)).to.deep.equal([]);
        expect(validateUserPool(stackOnly, { stackRegion: "us-east-1" })).to.deep.equal([]);
        expect(validateUserPool(stackOnly, { stackRegion: "eu-west-1" }).map((f) => f.property)).to.deep.equal(["smsConfiguration.eumsSms.region"]);
    });

    it("two authentication levels with one name, counting the default names of levels left out", () => {
        const acr = (levels: Record<string, string>) => ({ ...POOL, acrConfiguration: Object.fromEntries(Object.entries(levels).map(([level, acrValue]) => [level, { acrValue }])) });
        expect(validateUserPool(acr({ level1: "urn:example:password", level3: "urn:example:mfa" }))).to.deep.equal([]);
        expect(validateUserPool(acr({ level1: "urn:cognito:loa:2", level2: "urn:example:two" })), "level2's default is not in use").to.deep.equal([]);
        expect(reasons(acr({ level1: "urn:cognito:loa:2" }))).to.equal(
            "acrConfiguration.level1.acrValue: acrConfiguration.level1.acrValue is the default name of level2, urn:cognito:loa:2; AWS requires the names of the four levels, including the default names of levels left out, to be different",
        );
        expect(properties(acr({ level2: "urn:example:x", level4: "urn:example:x" }))).to.deep.equal(["acrConfiguration.level4.acrValue"]);
        expect(properties(acr({ level1: "has space" }))).to.deep.equal(["acrConfiguration.level1.acrValue"]);
        expect(properties(acr({ level1: `urn:${"x".repeat(61)}` }))).to.deep.equal(["acrConfiguration.level1.acrValue"]);
    });

    it("ESSENTIALS features on a LITE pool, but only when the program declares the tier", () => {
        const features = {
            policies: { passwordPolicy: { passwordHistorySize: 3 }, signInPolicy: { allowedFirstAuthFactors: ["PASSWORD", "EMAIL_OTP"] } },
            lambdaConfig: { preTokenGenerationConfig: { lambdaVersion: "V2_0", lambdaArn: LAMBDA } },
            dcrConfiguration: { openDcrEnabled: false },
            acrConfiguration: { level1: { acrValue: "urn:example:one" } },
        };
        expect(validateUserPool({ ...POOL, ...features, userPoolTier: "ESSENTIALS" })).to.deep.equal([]);
        expect(validateUserPool({ ...POOL, ...features }), "an existing pool may be on any tier").to.deep.equal([]);
        expect(properties({ ...POOL, ...features, userPoolTier: "LITE" })).to.deep.equal([
            "policies.signInPolicy.allowedFirstAuthFactors",
            "policies.passwordPolicy.passwordHistorySize",
            "lambdaConfig.preTokenGenerationConfig.lambdaVersion",
            "dcrConfiguration",
            "acrConfiguration",
        ]);
        expect(validateUserPool({
            ...POOL,
            userPoolTier: "LITE",
            policies: { passwordPolicy: { passwordHistorySize: 0 }, signInPolicy: { allowedFirstAuthFactors: ["PASSWORD"] } },
            lambdaConfig: { preTokenGenerationConfig: { lambdaVersion: "V1_0", lambdaArn: LAMBDA } },
            dcrConfiguration: { enableStatus: "Disabled" },
        }), "what LITE has").to.deep.equal([]);
    });

    it("one-time codes as first factors while MFA is required, and SMS codes without an SMS configuration", () => {
        const pool = (mfaConfiguration: string, factors: string[], sms = true) => ({
            ...POOL,
            mfaConfiguration,
            softwareTokenMfaConfiguration: { enabled: true },
            ...(sms ? { smsConfiguration: { snsCallerArn: ROLE } } : {}),
            policies: { signInPolicy: { allowedFirstAuthFactors: factors } },
        });
        expect(validateUserPool(pool("OPTIONAL", ["PASSWORD", "EMAIL_OTP", "SMS_OTP"]))).to.deep.equal([]);
        expect(validateUserPool(pool("ON", ["PASSWORD", "WEB_AUTHN"]))).to.deep.equal([]);
        expect(properties(pool("ON", ["PASSWORD", "EMAIL_OTP"]))).to.deep.equal(["policies.signInPolicy.allowedFirstAuthFactors"]);
        expect(properties(pool("OPTIONAL", ["PASSWORD", "SMS_OTP"], false))).to.deep.equal(["policies.signInPolicy.allowedFirstAuthFactors"]);
        expect(properties(pool("OPTIONAL", [], true))).to.deep.equal(["policies.signInPolicy.allowedFirstAuthFactors"]);
    });

    describe("email MFA (emailMfaConfiguration)", () => {
        const SES = "arn:aws:ses:us-east-1:123456789012:identity/acme.example";
        const emailMfa = (extra: Record<string, unknown> = {}) => ({
            ...POOL,
            mfaConfiguration: "OPTIONAL",
            emailConfiguration: { emailSendingAccount: "DEVELOPER", sourceArn: SES },
            emailMfaConfiguration: { message: "Your code is {####}", subject: "Your code" },
            ...extra,
        });

        it("accepts email MFA with DEVELOPER sending, MFA on, and recovery not by email alone; {} is email MFA with AWS's texts", () => {
            expect(validateUserPool(emailMfa(), { creating: true })).to.deep.equal([]);
            expect(validateUserPool(emailMfa({ emailMfaConfiguration: {} }), { creating: true })).to.deep.equal([]);
            expect(validateUserPool(emailMfa({ mfaConfiguration: "ON", userPoolTier: "PLUS" }))).to.deep.equal([]);
            const both = { recoveryMechanisms: [{ name: "verified_email", priority: 1 }, { name: "verified_phone_number", priority: 2 }] };
            expect(validateUserPool(emailMfa({ accountRecoverySetting: both }))).to.deep.equal([]);
            // Email MFA is a factor of its own: MFA ON or OPTIONAL needs nothing else.
            expect(validateUserPool(emailMfa({ mfaConfiguration: "ON" }))).to.deep.equal([]);
        });

        it("refuses it without DEVELOPER email sending, naming what the pool sends with", () => {
            expect(reasons(emailMfa({ emailConfiguration: { emailSendingAccount: "COGNITO_DEFAULT" } }))).to.equal(
                'emailMfaConfiguration: emailMfaConfiguration needs emailConfiguration.emailSendingAccount "DEVELOPER" (got "COGNITO_DEFAULT"): AWS sends MFA codes by email only through your own Amazon SES identity (emailConfiguration.sourceArn)',
            );
            // A declared emailConfiguration without the member means its default, COGNITO_DEFAULT.
            expect(properties(emailMfa({ emailConfiguration: { sourceArn: SES } }))).to.deep.equal(["emailMfaConfiguration"]);
            // Not declared: a new pool sends with COGNITO_DEFAULT; an existing one keeps what it has, for AWS to judge.
            const { emailConfiguration: _email, ...undeclared } = emailMfa();
            expect(reasons(undeclared, { creating: true })).to.match(/got none: a new pool sends with "COGNITO_DEFAULT"/);
            expect(validateUserPool(undeclared, { creating: false })).to.deep.equal([]);
            expect(validateUserPool({ ...undeclared, adoptUserPoolId: "us-east-1_AbCdEf123" }, { creating: true }), "adoption takes a pool as it is").to.deep.equal([]);
            expect(validateUserPool(emailMfa({ emailConfiguration: { emailSendingAccount: UNKNOWN, sourceArn: SES } })), "unknown until pulumi up").to.deep.equal([]);
        });

        it("refuses it while MFA is OFF or not declared, and on the LITE tier", () => {
            expect(reasons(emailMfa({ mfaConfiguration: "OFF" }))).to.equal(
                'emailMfaConfiguration: emailMfaConfiguration needs mfaConfiguration "ON" or "OPTIONAL" (got "OFF"): AWS refuses MFA factors while MFA is OFF; to turn email MFA off, remove emailMfaConfiguration',
            );
            const { mfaConfiguration: _mode, ...noMode } = emailMfa();
            expect(properties(noMode)).to.deep.equal(["emailMfaConfiguration"]);
            expect(reasons(emailMfa({ userPoolTier: "LITE" }))).to.equal(
                'emailMfaConfiguration: emailMfaConfiguration (email MFA) needs userPoolTier "ESSENTIALS" or "PLUS" (got "LITE")',
            );
        });

        it("refuses a message without {####} or outside 6 to 20,000 characters, and recovery by email alone", () => {
            for (const message of ["Your code is ####", "{###}", `{####}${"x".repeat(19995)}`]) {
                expect(properties(emailMfa({ emailMfaConfiguration: { message } })), message.slice(0, 20)).to.deep.equal(["emailMfaConfiguration.message"]);
            }
            expect(validateUserPool(emailMfa({ emailMfaConfiguration: { message: `{####}${"x".repeat(19994)}` } })), "20,000 characters").to.deep.equal([]);
            expect(properties(emailMfa({ emailMfaConfiguration: { subject: "" } }))).to.deep.equal(["emailMfaConfiguration.subject"]);
            expect(reasons(emailMfa({ accountRecoverySetting: { recoveryMechanisms: [{ name: "verified_email", priority: 1 }] } }))).to.match(
                /^accountRecoverySetting\.recoveryMechanisms: accountRecoverySetting\.recoveryMechanisms has verified_email alone, which AWS refuses with email MFA/,
            );
            expect(validateUserPool({ ...POOL, accountRecoverySetting: { recoveryMechanisms: [{ name: "verified_email", priority: 1 }] } }), "without email MFA").to.deep.equal([]);
        });
    });

    describe("passkeys (webAuthnConfiguration) and MFA", () => {
        const MULTI = "MULTI_FACTOR_WITH_USER_VERIFICATION";
        const passkeyPool = (mfaConfiguration: string, factorConfiguration?: string, extra: Record<string, unknown> = {}) => ({
            ...POOL,
            mfaConfiguration,
            softwareTokenMfaConfiguration: { enabled: true },
            policies: { signInPolicy: { allowedFirstAuthFactors: ["PASSWORD", "WEB_AUTHN"] } },
            webAuthnConfiguration: { relyingPartyId: "auth.example.com", ...(factorConfiguration ? { factorConfiguration } : {}) },
            ...extra,
        });

        it("accepts passkeys as a first factor with MFA OPTIONAL or OFF, and with MFA ON when passkeys count as MFA", () => {
            expect(validateUserPool(passkeyPool("OPTIONAL"), { creating: true })).to.deep.equal([]);
            expect(validateUserPool(passkeyPool("ON", MULTI), { creating: true })).to.deep.equal([]);
            expect(validateUserPool({ ...POOL, policies: { signInPolicy: { allowedFirstAuthFactors: ["PASSWORD", "WEB_AUTHN"] } } }), "MFA OFF").to.deep.equal([]);
            expect(validateUserPool({ ...POOL, webAuthnConfiguration: { userVerification: "required", factorConfiguration: MULTI } }), "MULTI with MFA OFF").to.deep.equal([]);
        });

        it("refuses WEB_AUTHN as a first factor under MFA ON unless passkeys count as MFA", () => {
            expect(reasons(passkeyPool("ON", "SINGLE_FACTOR"))).to.equal(
                'webAuthnConfiguration.factorConfiguration: policies.signInPolicy.allowedFirstAuthFactors includes WEB_AUTHN while mfaConfiguration is "ON", which needs webAuthnConfiguration.factorConfiguration "MULTI_FACTOR_WITH_USER_VERIFICATION" (got "SINGLE_FACTOR"): AWS accepts passkeys as a first factor under required MFA only when a passkey with user verification counts as MFA. Set it, or set mfaConfiguration "OPTIONAL"',
            );
            expect(properties(passkeyPool("ON")), "left out: SINGLE_FACTOR").to.deep.equal(["webAuthnConfiguration.factorConfiguration"]);
            const { webAuthnConfiguration: _passkeys, ...undeclared } = passkeyPool("ON");
            expect(reasons(undeclared, { creating: true })).to.match(/\(got "SINGLE_FACTOR", a new pool's default\)/);
            expect(validateUserPool(undeclared, { creating: false }), "an existing pool keeps its passkey settings").to.deep.equal([]);
            expect(validateUserPool(passkeyPool("ON", UNKNOWN)), "unknown until pulumi up").to.deep.equal([]);
        });

        it("refuses MFA ON or OPTIONAL whose only factor is a passkey", () => {
            const only = (mode: string) => ({ ...POOL, mfaConfiguration: mode, webAuthnConfiguration: { factorConfiguration: MULTI } });
            expect(reasons(only("OPTIONAL"))).to.equal(
                "mfaConfiguration: mfaConfiguration OPTIONAL needs an MFA factor besides passkeys: webAuthnConfiguration.factorConfiguration MULTI_FACTOR_WITH_USER_VERIFICATION lets a passkey satisfy MFA, but AWS still requires smsConfiguration (SMS codes), softwareTokenMfaConfiguration: { enabled: true } (authenticator apps) or emailMfaConfiguration (email codes)",
            );
            expect(properties(only("ON"))).to.deep.equal(["mfaConfiguration"]);
            expect(reasons({ ...POOL, mfaConfiguration: "ON" })).to.match(/needs at least one MFA factor: declare smsConfiguration \(SMS codes\), softwareTokenMfaConfiguration/);
        });

        it("refuses passkeys as MFA on the LITE tier, and a relying party outside 1 to 127 characters", () => {
            expect(reasons(passkeyPool("OPTIONAL", MULTI, { userPoolTier: "LITE", policies: undefined }))).to.equal(
                'webAuthnConfiguration.factorConfiguration: webAuthnConfiguration.factorConfiguration MULTI_FACTOR_WITH_USER_VERIFICATION (passkeys as MFA) needs userPoolTier "ESSENTIALS" or "PLUS" (got "LITE")',
            );
            // Nothing stricter than AWS: a relying party is not checked against the pool's domains.
            expect(validateUserPool({ ...POOL, userPoolTier: "LITE", webAuthnConfiguration: { relyingPartyId: "example.com" } })).to.deep.equal([]);
            expect(properties({ ...POOL, webAuthnConfiguration: { relyingPartyId: "" } })).to.deep.equal(["webAuthnConfiguration.relyingPartyId"]);
            expect(properties({ ...POOL, webAuthnConfiguration: { relyingPartyId: `${"a".repeat(116)}.example.com` } })).to.deep.equal(["webAuthnConfiguration.relyingPartyId"]);
            expect(properties({ ...POOL, webAuthnConfiguration: { userVerification: "always" } })).to.deep.equal(["webAuthnConfiguration.userVerification"]);
        });
    });

    it("the API's lengths and patterns: ARNs with an account, scopes, regions, invitations with {username}", () => {
        expect(validateUserPool({ ...POOL, lambdaConfig: { preSignUp: `${LAMBDA}:live` } })).to.deep.equal([]);
        expect(properties({ ...POOL, lambdaConfig: { preSignUp: "arn:aws:lambda:us-east-1::function:no-account" } })).to.deep.equal(["lambdaConfig.preSignUp"]);
        expect(validateUserPool({ ...POOL, dcrConfiguration: { allowedScopes: ["https://api.example.com/orders.read", "aws.cognito.signin.user.admin"] } })).to.deep.equal([]);
        expect(properties({ ...POOL, dcrConfiguration: { allowedScopes: ["two words"] } })).to.deep.equal(["dcrConfiguration.allowedScopes[0]"]);
        expect(properties({ ...POOL, dcrConfiguration: { allowedScopes: Array.from({ length: 51 }, (_, i) => `scope${i}`) } })).to.deep.equal(["dcrConfiguration.allowedScopes"]);
        // The API gives snsRegion a length and no pattern.
        expect(validateUserPool({ ...POOL, smsConfiguration: { snsCallerArn: ROLE, snsRegion: "ap-northeast-1" } })).to.deep.equal([]);
        expect(properties({ ...POOL, smsConfiguration: { snsCallerArn: ROLE, snsRegion: "eu" } })).to.deep.equal(["smsConfiguration.snsRegion"]);
        expect(properties({ ...POOL, adminCreateUserConfig: { inviteMessageTemplate: { emailMessage: "Welcome, password {####}" } } }))
            .to.deep.equal(["adminCreateUserConfig.inviteMessageTemplate.emailMessage"]);
    });
});

describe("check reports every mistake in one run", () => {
    it("reports type, range and cross-field failures together", () => {
        expect(properties({
            poolName: 5,
            policies: { passwordPolicy: { minimumLength: 200 } },
            mfaConfiguration: "ON",
            usernameAttributes: ["email"],
            aliasAttributes: ["email"],
            accountRecoverySetting: { recoveryMechanisms: [{ name: "verified_email", priority: 1 }, { name: "verified_phone_number", priority: 1 }] },
            schema: [{ name: "tenant", attributeDataType: "String", required: true, stringAttributeConstraints: { minLength: "10", maxLength: "5" } }],
        })).to.have.members([
            "poolName",
            "policies.passwordPolicy.minimumLength",
            "mfaConfiguration",
            "aliasAttributes",
            "accountRecoverySetting.recoveryMechanisms[1].priority",
            "schema[0].required",
            "schema[0].stringAttributeConstraints.minLength",
        ]);
    });

    it("does not follow a malformed value into a second failure", () => {
        // A factor declared with a wrong type is still a factor: no "needs at least one MFA factor".
        expect(properties({ poolName: "p", mfaConfiguration: "ON", softwareTokenMfaConfiguration: { enabled: "yes" } }))
            .to.deep.equal(["softwareTokenMfaConfiguration.enabled"]);
        // A misspelled auto-verified attribute is one mistake, not two.
        expect(properties({ poolName: "p", autoVerifiedAttributes: ["emial"], userAttributeUpdateSettings: { attributesRequireVerificationBeforeUpdate: ["email"] } }))
            .to.deep.equal(["autoVerifiedAttributes[0]"]);
        // A malformed maxLength is not compared with minLength.
        expect(properties({ poolName: "p", schema: [{ name: "t", attributeDataType: "String", stringAttributeConstraints: { minLength: "10", maxLength: "x" } }] }))
            .to.deep.equal(["schema[0].stringAttributeConstraints.maxLength"]);
        // A name the schema refuses is not checked again by the name rules.
        expect(properties({ poolName: "p", schema: [{ name: "x".repeat(40), attributeDataType: "String" }] })).to.deep.equal(["schema[0].name"]);
    });

    it("reports each mistake once, however many constraints it breaks", () => {
        expect(reasons({ poolName: "" })).to.equal(
            'poolName: poolName must be 1 to 128 characters: letters, digits, spaces and _ + = , . @ -, such as "acme users" (got a string of 0 characters)',
        );
        expect(validateUserPool({ poolName: "p", lambdaConfig: { preSignUp: "nope" } })).to.have.length(1);
        expect(validateUserPool({ poolName: "p", schema: [{ name: "t", attributeDataType: "String", stringAttributeConstraints: { maxLength: true } }] })).to.have.length(1);
    });

    it("never throws, and never crashes a rule, when every field has the wrong shape", () => {
        const wrong: unknown[] = [null, 5, "x", [], {}, [null], [{}], { a: 1 }, true];
        const fields = ["poolName", "policies", "lambdaConfig", "schema", "accountRecoverySetting", "acrConfiguration", "smsConfiguration", "emailConfiguration",
            "adminCreateUserConfig", "verificationMessageTemplate", "userAttributeUpdateSettings", "autoVerifiedAttributes", "mfaConfiguration",
            "softwareTokenMfaConfiguration", "userPoolTier", "userPoolAddOns", "dcrConfiguration", "region", "usernameAttributes", "aliasAttributes"];
        for (const value of wrong) {
            const inputs = Object.fromEntries(fields.map((field) => [field, value]));
            const failures = validateUserPool(inputs, { stackRegion: "us-east-1" });
            expect(failures.length, JSON.stringify(value)).to.be.greaterThan(0);
            for (const failure of failures) expect(failure.reason).to.not.match(/could not be checked|undefined|\[object Object\]/);
        }
        for (const inputs of [null, undefined, [], "p", 5]) {
            expect(validateUserPool(inputs)).to.deep.equal([{ property: "", reason: `inputs must be an object (got ${inputs === undefined ? "nothing" : Array.isArray(inputs) ? "a list of 0 items" : typeof inputs === "string" ? "a string of 1 character" : String(inputs)})` }]);
        }
    });
});
