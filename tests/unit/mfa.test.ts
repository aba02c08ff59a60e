/**
 * SetUserPoolMfaConfig as a full-state call, and the order of UpdateUserPool and
 * SetUserPoolMfaConfig for every MFA transition a valid program can ask for (provider/userPool/mfa.ts).
 * The rules the order follows are AWS's (cognito-behaviour.md, "Passwordless, email MFA, passkeys
 * and feature plans"); the fake (tests/mock/fakeCognito.ts) refuses the wrong orders, and the
 * corpus (tests/scenarios/email-mfa.json, passkeys.json) runs these transitions against it.
 */
import type { UserPoolType } from "@aws-sdk/client-cognito-identity-provider";
import { expect } from "chai";
import { expandUpdate } from "../../provider/userPool/expand";
import { Call, createNeedsMfaStep, expandMfaConfig, flattenMfaFactors, MfaSettings, orderCalls } from "../../provider/userPool/mfa";

const ID = "us-east-1_AbCdEf123";
const SES = "arn:aws:ses:us-east-1:123456789012:identity/acme.example";
const ROLE = "arn:aws:iam::123456789012:role/sms";
const MULTI = "MULTI_FACTOR_WITH_USER_VERIFICATION";

function pool(extra: Partial<UserPoolType> = {}): UserPoolType {
    return {
        Id: ID,
        Name: "acme",
        MfaConfiguration: "OFF",
        EmailConfiguration: { EmailSendingAccount: "COGNITO_DEFAULT" },
        Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD"] } },
        UserPoolTier: "ESSENTIALS",
        ...extra,
    };
}

/** The calls, as `Set`, `Update`, `Update(holding firstFactors)`. */
function order(live: UserPoolType, liveMfa: MfaSettings, desired: Record<string, unknown>, removed: string[] = []): string[] {
    const mfaRequest = expandMfaConfig(ID, desired, liveMfa, removed, live);
    const updateRequest = expandUpdate(live, desired, removed);
    const planned = orderCalls(live, liveMfa, updateRequest, mfaRequest);
    expect(planned.accepted, "an order AWS accepts exists").to.equal(true);
    return planned.calls.map((c: Call) => `${c.call === "UpdateUserPool" ? "Update" : "Set"}${c.hold ? `(holding ${c.hold})` : ""}`);
}

describe("MFA: SetUserPoolMfaConfig as a full-state call", () => {
    it("sends the declared factors, and every other factor and passkey setting as GetUserPoolMfaConfig reports it, unmodeled members included", () => {
        const live: MfaSettings = {
            MfaConfiguration: "OPTIONAL",
            SoftwareTokenMfaConfiguration: { Enabled: true },
            EmailMfaConfiguration: { Message: "Code {####}", Subject: "Code" },
            WebAuthnConfiguration: { RelyingPartyId: "login.example.com", UserVerification: "required", FactorConfiguration: "SINGLE_FACTOR", FutureMember: "kept" } as MfaSettings["WebAuthnConfiguration"],
        };
        const request = expandMfaConfig(ID, { mfaConfiguration: "ON" }, live, []);
        expect(request).to.deep.equal({
            UserPoolId: ID,
            MfaConfiguration: "ON",
            SoftwareTokenMfaConfiguration: { Enabled: true },
            EmailMfaConfiguration: { Message: "Code {####}", Subject: "Code" },
            WebAuthnConfiguration: { RelyingPartyId: "login.example.com", UserVerification: "required", FactorConfiguration: "SINGLE_FACTOR", FutureMember: "kept" },
        });
    });

    it("declared factors replace the live ones, with members left out at their defaults", () => {
        const live: MfaSettings = { MfaConfiguration: "OPTIONAL", EmailMfaConfiguration: { Message: "Old {####}", Subject: "Old" }, SoftwareTokenMfaConfiguration: { Enabled: false } };
        const request = expandMfaConfig(ID, { emailMfaConfiguration: {}, webAuthnConfiguration: { relyingPartyId: "auth.example.com" } }, live, []);
        expect(request.EmailMfaConfiguration, "{} is email MFA with AWS's texts").to.deep.equal({});
        expect(request.WebAuthnConfiguration).to.deep.equal({ RelyingPartyId: "auth.example.com", UserVerification: "preferred", FactorConfiguration: "SINGLE_FACTOR" });
        expect(request.MfaConfiguration, "the mode as the pool has it when not declared").to.equal("OPTIONAL");
    });

    it("removed fields: email MFA off, passkeys back to AWS's defaults, a removed mode OFF", () => {
        const live: MfaSettings = {
            MfaConfiguration: "OPTIONAL",
            SoftwareTokenMfaConfiguration: { Enabled: true },
            EmailMfaConfiguration: { Message: "Code {####}" },
            WebAuthnConfiguration: { RelyingPartyId: "login.example.com", UserVerification: "required", FactorConfiguration: MULTI },
        };
        const request = expandMfaConfig(ID, { mfaConfiguration: "OPTIONAL" }, live, ["emailMfaConfiguration", "webAuthnConfiguration"]);
        expect(request).to.deep.equal({
            UserPoolId: ID,
            MfaConfiguration: "OPTIONAL",
            SoftwareTokenMfaConfiguration: { Enabled: true },
            WebAuthnConfiguration: { UserVerification: "preferred", FactorConfiguration: "SINGLE_FACTOR" },
        });
        expect(expandMfaConfig(ID, {}, live, ["mfaConfiguration"]).MfaConfiguration).to.equal("OFF");
    });

    it("with MFA OFF sends the mode and the passkey settings only (AWS refuses any other factor block with OFF)", () => {
        const live: MfaSettings = { MfaConfiguration: "ON", SoftwareTokenMfaConfiguration: { Enabled: true }, EmailMfaConfiguration: {}, WebAuthnConfiguration: { FactorConfiguration: MULTI } };
        expect(expandMfaConfig(ID, { mfaConfiguration: "OFF", softwareTokenMfaConfiguration: { enabled: false } }, live, [])).to.deep.equal({
            UserPoolId: ID,
            MfaConfiguration: "OFF",
            WebAuthnConfiguration: { FactorConfiguration: MULTI },
        });
    });

    it("carries the pool's SMS configuration as the SMS factor when MFA is on (AWS: Can't turn off SMS_MFA when SMS configuration is set)", () => {
        const live = pool({ SmsConfiguration: { SnsCallerArn: ROLE, ExternalId: "x" }, SmsAuthenticationMessage: "Code {####}" });
        const request = expandMfaConfig(ID, { mfaConfiguration: "OPTIONAL", softwareTokenMfaConfiguration: { enabled: true } }, { MfaConfiguration: "OFF" }, [], live);
        expect(request.SmsMfaConfiguration).to.deep.equal({ SmsConfiguration: { SnsCallerArn: ROLE, ExternalId: "x" }, SmsAuthenticationMessage: "Code {####}" });
        const removed = expandMfaConfig(ID, { mfaConfiguration: "OPTIONAL", softwareTokenMfaConfiguration: { enabled: true } }, { MfaConfiguration: "OPTIONAL" }, ["smsConfiguration"], live);
        expect(removed.SmsMfaConfiguration, "unless the program stopped declaring it").to.equal(undefined);
    });

    it("needs SetUserPoolMfaConfig at create for what CreateUserPool cannot set", () => {
        expect(createNeedsMfaStep({ softwareTokenMfaConfiguration: { enabled: true } })).to.equal(true);
        expect(createNeedsMfaStep({ softwareTokenMfaConfiguration: { enabled: false } })).to.equal(false);
        expect(createNeedsMfaStep({ emailMfaConfiguration: {} })).to.equal(true);
        expect(createNeedsMfaStep({ webAuthnConfiguration: { userVerification: "preferred" } }), "a new pool has the defaults").to.equal(false);
        expect(createNeedsMfaStep({ webAuthnConfiguration: { userVerification: "required" } })).to.equal(true);
    });

    it("reads the factors as Get reports them: absent email is off, absent passkey settings are AWS's defaults", () => {
        expect(flattenMfaFactors({ MfaConfiguration: "OFF" })).to.deep.equal({
            softwareTokenMfaConfiguration: { enabled: false },
            webAuthnConfiguration: { userVerification: "preferred", factorConfiguration: "SINGLE_FACTOR" },
        });
        expect(flattenMfaFactors({ EmailMfaConfiguration: {}, WebAuthnConfiguration: { RelyingPartyId: "a.example.com", FactorConfiguration: MULTI } })).to.deep.equal({
            softwareTokenMfaConfiguration: { enabled: false },
            emailMfaConfiguration: {},
            webAuthnConfiguration: { relyingPartyId: "a.example.com", userVerification: "preferred", factorConfiguration: MULTI },
        });
    });
});

describe("MFA: the order of UpdateUserPool and SetUserPoolMfaConfig", () => {
    const totpOn = (mode: string): MfaSettings => ({ MfaConfiguration: mode as MfaSettings["MfaConfiguration"], SoftwareTokenMfaConfiguration: { Enabled: true } });
    const developer = { emailSendingAccount: "DEVELOPER", sourceArn: SES };

    it("turning authenticator apps on: SetUserPoolMfaConfig, then UpdateUserPool", () => {
        expect(order(pool(), { MfaConfiguration: "OFF" }, { mfaConfiguration: "ON", softwareTokenMfaConfiguration: { enabled: true } })).to.deep.equal(["Set", "Update"]);
    });

    it("email MFA on while email sending switches to DEVELOPER: UpdateUserPool first (AWS refuses email MFA with COGNITO_DEFAULT)", () => {
        const desired = { mfaConfiguration: "OPTIONAL", softwareTokenMfaConfiguration: { enabled: true }, emailConfiguration: developer, emailMfaConfiguration: {} };
        expect(order(pool({ MfaConfiguration: "OPTIONAL" }), totpOn("OPTIONAL"), desired)).to.deep.equal(["Update", "Set"]);
    });

    it("email MFA on while the tier goes from LITE to ESSENTIALS: UpdateUserPool first", () => {
        const live = pool({ MfaConfiguration: "OPTIONAL", UserPoolTier: "LITE", EmailConfiguration: { EmailSendingAccount: "DEVELOPER", SourceArn: SES } });
        const desired = { userPoolTier: "ESSENTIALS", mfaConfiguration: "OPTIONAL", softwareTokenMfaConfiguration: { enabled: true }, emailMfaConfiguration: {} };
        expect(order(live, totpOn("OPTIONAL"), desired)).to.deep.equal(["Update", "Set"]);
    });

    it("email MFA off while email sending goes back to COGNITO_DEFAULT, or the tier down to LITE: SetUserPoolMfaConfig first", () => {
        const live = pool({ MfaConfiguration: "OPTIONAL", EmailConfiguration: { EmailSendingAccount: "DEVELOPER", SourceArn: SES } });
        const liveMfa: MfaSettings = { ...totpOn("OPTIONAL"), EmailMfaConfiguration: {} };
        const base = { mfaConfiguration: "OPTIONAL", softwareTokenMfaConfiguration: { enabled: true } };
        expect(order(live, liveMfa, { ...base, emailConfiguration: { emailSendingAccount: "COGNITO_DEFAULT" } }, ["emailMfaConfiguration"])).to.deep.equal(["Set", "Update"]);
        expect(order(live, liveMfa, { ...base, emailConfiguration: developer, userPoolTier: "LITE" }, ["emailMfaConfiguration"])).to.deep.equal(["Set", "Update"]);
    });

    it("passkeys added as a first factor and as MFA while MFA is ON: SetUserPoolMfaConfig first; taken away: UpdateUserPool first", () => {
        const withPasskeys = {
            mfaConfiguration: "ON",
            softwareTokenMfaConfiguration: { enabled: true },
            policies: { signInPolicy: { allowedFirstAuthFactors: ["PASSWORD", "WEB_AUTHN"] } },
            webAuthnConfiguration: { factorConfiguration: MULTI },
        };
        expect(order(pool({ MfaConfiguration: "ON" }), totpOn("ON"), withPasskeys)).to.deep.equal(["Set", "Update"]);
        const live = pool({ MfaConfiguration: "ON", Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "WEB_AUTHN"] } } });
        const liveMfa: MfaSettings = { ...totpOn("ON"), WebAuthnConfiguration: { FactorConfiguration: MULTI } };
        const without = { mfaConfiguration: "ON", softwareTokenMfaConfiguration: { enabled: true }, policies: { signInPolicy: { allowedFirstAuthFactors: ["PASSWORD"] } }, webAuthnConfiguration: {} };
        expect(order(live, liveMfa, without)).to.deep.equal(["Update", "Set"]);
    });

    it("MFA ON while one-time-code first factors go: UpdateUserPool first; MFA OPTIONAL while they come: SetUserPoolMfaConfig first", () => {
        const codes = pool({ MfaConfiguration: "OPTIONAL", Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "EMAIL_OTP"] } } });
        const password = { policies: { signInPolicy: { allowedFirstAuthFactors: ["PASSWORD"] } }, softwareTokenMfaConfiguration: { enabled: true } };
        expect(order(codes, totpOn("OPTIONAL"), { ...password, mfaConfiguration: "ON" })).to.deep.equal(["Update", "Set"]);
        const back = { policies: { signInPolicy: { allowedFirstAuthFactors: ["PASSWORD", "EMAIL_OTP"] } }, softwareTokenMfaConfiguration: { enabled: true }, mfaConfiguration: "OPTIONAL" };
        expect(order(pool({ MfaConfiguration: "ON" }), totpOn("ON"), back)).to.deep.equal(["Set", "Update"]);
    });

    it("email MFA on with DEVELOPER sending while MFA goes ON to OPTIONAL and EMAIL_OTP comes: three calls, the first factors held back", () => {
        const desired = {
            mfaConfiguration: "OPTIONAL",
            softwareTokenMfaConfiguration: { enabled: true },
            emailConfiguration: developer,
            emailMfaConfiguration: {},
            policies: { signInPolicy: { allowedFirstAuthFactors: ["PASSWORD", "EMAIL_OTP"] } },
        };
        expect(order(pool({ MfaConfiguration: "ON" }), totpOn("ON"), desired)).to.deep.equal(["Update(holding firstFactors)", "Set", "Update"]);
    });

    it("SMS factor replaced by authenticator apps: UpdateUserPool first, so the SMS configuration is gone before the factor", () => {
        const live = pool({ MfaConfiguration: "OPTIONAL", SmsConfiguration: { SnsCallerArn: ROLE } });
        const liveMfa: MfaSettings = { MfaConfiguration: "OPTIONAL", SmsMfaConfiguration: { SmsConfiguration: { SnsCallerArn: ROLE } }, SoftwareTokenMfaConfiguration: { Enabled: false } };
        expect(order(live, liveMfa, { mfaConfiguration: "OPTIONAL", softwareTokenMfaConfiguration: { enabled: true } }, ["smsConfiguration"])).to.deep.equal(["Update", "Set"]);
    });
});
