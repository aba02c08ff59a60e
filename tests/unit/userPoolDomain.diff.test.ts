import { expect } from "chai";
import { UNKNOWN } from "../../provider/shared/unknowns";
import { diffResult, planUserPoolDomain } from "../../provider/userPoolDomain/diff";

const POOL = "us-east-1_AbCdEf123";
const CERT = "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555";
const NEW_CERT = "arn:aws:acm:us-east-1:123456789012:certificate/66666666-7777-8888-9999-000000000000";

/** Outputs as flatten stores them after a successful create. */
function prefixState(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        domain: "acme-login",
        userPoolId: POOL,
        managedLoginVersion: 1,
        region: "us-east-1",
        cloudFrontDistribution: "acme-login.auth.us-east-1.amazoncognito.com",
        hostedUiUrl: "https://acme-login.auth.us-east-1.amazoncognito.com",
        awsAccountId: "123456789012",
        s3Bucket: "aws-cognito-prod-iad-assets",
        version: "20250301120000",
        status: "ACTIVE",
        ...overrides,
    };
}

function customState(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return prefixState({
        domain: "auth.example.com",
        customDomainConfig: { certificateArn: CERT },
        cloudFrontDistribution: "d2i7auyy0uax3k.cloudfront.net",
        hostedUiUrl: "https://auth.example.com",
        ...overrides,
    });
}

function diff(olds: Record<string, unknown>, news: Record<string, unknown>, stackRegion = "us-east-1") {
    const plan = planUserPoolDomain(olds, news, stackRegion);
    return { plan, result: diffResult(plan) };
}

describe("UserPoolDomain diff", () => {
    it("reports no change when the inputs match the domain, with or without undeclared members", () => {
        expect(diff(prefixState(), { domain: "acme-login", userPoolId: POOL }).result)
            .to.deep.equal({ changes: false, replaces: [], deleteBeforeReplace: false });
        expect(diff(customState(), { domain: "auth.example.com", userPoolId: POOL, customDomainConfig: { certificateArn: CERT }, managedLoginVersion: 1 }).result)
            .to.deep.equal({ changes: false, replaces: [], deleteBeforeReplace: false });
    });

    it("updates a custom domain's certificate in place, with an UpdateUserPoolDomain call", () => {
        const { plan, result } = diff(customState(), { domain: "auth.example.com", userPoolId: POOL, customDomainConfig: { certificateArn: NEW_CERT } });
        expect(result).to.deep.equal({ changes: true, replaces: [], deleteBeforeReplace: false });
        expect(plan.changedFields).to.deep.equal(["customDomainConfig"]);
        expect(plan.awsUpdate).to.equal(true);
    });

    it("updates managedLoginVersion in place when declared, and ignores it when not", () => {
        const { plan, result } = diff(prefixState(), { domain: "acme-login", userPoolId: POOL, managedLoginVersion: 2 });
        expect(result).to.deep.equal({ changes: true, replaces: [], deleteBeforeReplace: false });
        expect(plan.changedFields).to.deep.equal(["managedLoginVersion"]);
        expect(plan.awsUpdate).to.equal(true);
        expect(diff(prefixState({ managedLoginVersion: 2 }), { domain: "acme-login", userPoolId: POOL }).result.changes).to.equal(false);
    });

    it("records a timeouts change without calling AWS", () => {
        const { plan, result } = diff(prefixState(), { domain: "acme-login", userPoolId: POOL, timeouts: { create: 10 } });
        expect(result).to.deep.equal({ changes: true, replaces: [], deleteBeforeReplace: false });
        expect(plan.awsUpdate).to.equal(false);
        expect(diff(prefixState({ timeouts: { create: 10 } }), { domain: "acme-login", userPoolId: POOL, timeouts: { create: 10 } }).result.changes).to.equal(false);
    });

    it("replaces, deleting first, when the domain changes", () => {
        const { plan, result } = diff(prefixState(), { domain: "acme-signin", userPoolId: POOL });
        expect(result).to.deep.equal({ changes: true, replaces: ["domain"], deleteBeforeReplace: true });
        expect(plan.replaceReasons.get("domain")).to.match(/from acme-login to acme-signin/);
    });

    it("replaces, deleting first, when the pool or the region changes", () => {
        expect(diff(prefixState(), { domain: "acme-login", userPoolId: "us-east-1_Other0001" }).result)
            .to.deep.equal({ changes: true, replaces: ["userPoolId"], deleteBeforeReplace: true });
        expect(diff(prefixState(), { domain: "acme-login", userPoolId: POOL, region: "eu-west-1" }).result)
            .to.deep.equal({ changes: true, replaces: ["region"], deleteBeforeReplace: true });
        // The stack's aws:region moving counts too, when the program does not declare region.
        expect(diff(prefixState(), { domain: "acme-login", userPoolId: POOL }, "eu-west-1").result.replaces).to.deep.equal(["region"]);
    });

    it("replaces on a switch between prefix and custom domain, in both directions, naming both properties", () => {
        const toCustom = diff(prefixState(), { domain: "auth.example.com", userPoolId: POOL, customDomainConfig: { certificateArn: CERT } });
        expect(toCustom.result).to.deep.equal({ changes: true, replaces: ["domain", "customDomainConfig"], deleteBeforeReplace: true });
        expect(toCustom.plan.replaceReasons.get("domain")).to.match(/prefix domain acme-login to the custom domain auth\.example\.com/);
        const toPrefix = diff(customState(), { domain: "acme-login", userPoolId: POOL });
        expect(toPrefix.result).to.deep.equal({ changes: true, replaces: ["domain", "customDomainConfig"], deleteBeforeReplace: true });
    });

    it("treats unknown domain, pool and region as replacements, and an unknown certificate or version as in-place", () => {
        expect(diff(prefixState(), { domain: UNKNOWN, userPoolId: POOL }).result.replaces).to.deep.equal(["domain"]);
        expect(diff(prefixState(), { domain: "acme-login", userPoolId: UNKNOWN }).result)
            .to.deep.equal({ changes: true, replaces: ["userPoolId"], deleteBeforeReplace: true });
        expect(diff(prefixState(), { domain: "acme-login", userPoolId: POOL, region: UNKNOWN }).result.replaces).to.deep.equal(["region"]);
        const certificate = diff(customState(), { domain: "auth.example.com", userPoolId: POOL, customDomainConfig: { certificateArn: UNKNOWN } });
        expect(certificate.result).to.deep.equal({ changes: true, replaces: [], deleteBeforeReplace: false });
        const wholeConfig = diff(customState(), { domain: "auth.example.com", userPoolId: POOL, customDomainConfig: UNKNOWN });
        expect(wholeConfig.result).to.deep.equal({ changes: true, replaces: [], deleteBeforeReplace: false });
        expect(diff(prefixState(), { domain: "acme-login", userPoolId: POOL, managedLoginVersion: UNKNOWN }).plan.awsUpdate).to.equal(true);
    });

    it("asks for an update when the last operation left the domain short of ACTIVE (recorded partial failure)", () => {
        const { plan, result } = diff(customState({ status: "CREATING" }), { domain: "auth.example.com", userPoolId: POOL, customDomainConfig: { certificateArn: CERT } });
        expect(result).to.deep.equal({ changes: true, replaces: [], deleteBeforeReplace: false });
        expect(plan.unsettled).to.equal(true);
        expect(plan.awsUpdate).to.equal(false);
    });
});
