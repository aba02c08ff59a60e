import { expect } from "chai";
import { UNKNOWN } from "../../provider/shared/unknowns";
import { validateUserPoolDomain } from "../../provider/userPoolDomain/validate";

const POOL = "us-east-1_AbCdEf123";
const CERT = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789";

function failures(inputs: Record<string, unknown>): { property: string; reason: string }[] {
    return validateUserPoolDomain(inputs);
}

function properties(inputs: Record<string, unknown>): string[] {
    return failures(inputs).map((f) => f.property);
}

function reasons(inputs: Record<string, unknown>): string {
    return failures(inputs).map((f) => `${f.property}: ${f.reason}`).join("\n");
}

describe("UserPoolDomain validation (check)", () => {
    it("accepts a prefix domain and a custom domain with every input", () => {
        expect(failures({ domain: "acme-login", userPoolId: POOL })).to.deep.equal([]);
        expect(failures({
            domain: "auth.example.com",
            userPoolId: POOL,
            customDomainConfig: { certificateArn: CERT },
            managedLoginVersion: 2,
            region: "eu-west-1",
            timeouts: { create: 90, update: 30, delete: 20 },
        })).to.deep.equal([]);
    });

    it("requires domain and userPoolId", () => {
        expect(properties({})).to.have.members(["domain", "userPoolId"]);
        expect(reasons({ domain: "acme" })).to.match(/userPoolId: userPoolId is required/);
    });

    it("rejects unknown properties with a did-you-mean, at the top and inside customDomainConfig", () => {
        const top = failures({ domain: "acme", userPoolId: POOL, managedLoginVerison: 2 });
        expect(top.map((f) => f.property)).to.deep.equal(["managedLoginVerison"]);
        expect(top[0].reason).to.include('did you mean "managedLoginVersion"');
        const nested = failures({ domain: "auth.example.com", userPoolId: POOL, customDomainConfig: { certificateARN: CERT } });
        expect(nested.map((f) => f.property)).to.include("customDomainConfig.certificateARN");
    });

    describe("prefix domains", () => {
        it("accepts lowercase letters, digits and inner hyphens, 1 to 63 characters", () => {
            for (const prefix of ["a", "0", "acme-login", "a1-b2-c3", "x".repeat(63)]) {
                expect(failures({ domain: prefix, userPoolId: POOL }), prefix).to.deep.equal([]);
            }
        });

        it("rejects uppercase, other characters, edge hyphens and more than 63 characters, naming the rule", () => {
            expect(reasons({ domain: "Acme", userPoolId: POOL })).to.match(/^domain: .*prefix domain.*must be lowercase/);
            expect(reasons({ domain: "acme_login", userPoolId: POOL })).to.match(/^domain: .*only lowercase letters, digits and hyphens/);
            expect(reasons({ domain: "-acme", userPoolId: POOL })).to.match(/^domain: .*must not start or end with a hyphen/);
            expect(reasons({ domain: "acme-", userPoolId: POOL })).to.match(/^domain: .*must not start or end with a hyphen/);
            expect(reasons({ domain: "x".repeat(64), userPoolId: POOL })).to.match(/^domain: .*at most 63 characters \(got 64\)/);
        });

        it("rejects the reserved words aws, amazon and cognito anywhere in the prefix", () => {
            for (const [prefix, word] of [["aws", "aws"], ["my-aws-login", "aws"], ["amazonlogin", "amazon"], ["login-cognito", "cognito"]]) {
                expect(reasons({ domain: prefix, userPoolId: POOL }), prefix).to.match(new RegExp(`^domain: .*reserved word ${word}`));
            }
            // Substrings that only look similar are fine.
            expect(failures({ domain: "awesome-login", userPoolId: POOL })).to.deep.equal([]);
        });

        it("does not allow customDomainConfig", () => {
            const found = failures({ domain: "acme-login", userPoolId: POOL, customDomainConfig: { certificateArn: CERT } });
            expect(found.map((f) => f.property)).to.deep.equal(["customDomainConfig"]);
            expect(found[0].reason).to.match(/only for custom domains; "acme-login" has no dot, so it is a prefix domain/);
        });
    });

    describe("custom domains", () => {
        it("treats a domain with a dot as a custom domain, which needs customDomainConfig", () => {
            const found = failures({ domain: "auth.example.com", userPoolId: POOL });
            expect(found.map((f) => f.property)).to.deep.equal(["customDomainConfig"]);
            expect(found[0].reason).to.match(/required for the custom domain auth\.example\.com/).and.match(/us-east-1/);
        });

        it("accepts host names with many labels and reserved words (they only apply to prefixes)", () => {
            for (const host of ["auth.example.com", "login.eu.aws-customer.co.uk", `${"a".repeat(63)}.example.com`]) {
                expect(failures({ domain: host, userPoolId: POOL, customDomainConfig: { certificateArn: CERT } }), host).to.deep.equal([]);
            }
        });

        it("rejects URLs, uppercase, empty and invalid labels, IP addresses and over-long names", () => {
            const cases: [string, RegExp][] = [
                ["https://auth.example.com", /host name only, without https:\/\//],
                ["auth.example.com/login", /host name only/],
                ["Auth.Example.com", /must be lowercase/],
                ["auth..example.com", /empty labels/],
                [".example.com", /empty labels/],
                ["auth.example.com.", /must not end with a dot/],
                ["-auth.example.com", /invalid label "-auth"/],
                ["auth_1.example.com", /invalid label "auth_1"/],
                [`${"a".repeat(64)}.example.com`, /invalid label/],
                ["10.0.0.1", /not an IP address/],
                [`${"a.".repeat(130)}com`, /^domain must be 1 to 253 characters long \(got a string of 263 characters\)$/],
            ];
            for (const [host, rule] of cases) {
                const found = failures({ domain: host, userPoolId: POOL, customDomainConfig: { certificateArn: CERT } });
                expect(found.map((f) => f.property), host).to.include("domain");
                expect(found.map((f) => f.reason).join("\n"), host).to.match(rule);
            }
        });

        it("requires an ACM certificate ARN in us-east-1 for the commercial partition", () => {
            const inRegion = (arn: string) => failures({ domain: "auth.example.com", userPoolId: POOL, customDomainConfig: { certificateArn: arn } });
            expect(inRegion(CERT)).to.deep.equal([]);
            const wrongRegion = inRegion(CERT.replace("us-east-1", "eu-west-1"));
            expect(wrongRegion.map((f) => f.property)).to.deep.equal(["customDomainConfig.certificateArn"]);
            expect(wrongRegion[0].reason).to.match(/us-east-1/).and.match(/got a certificate in eu-west-1/);
            const notAcm = inRegion("arn:aws:iam::123456789012:server-certificate/auth");
            expect(notAcm.map((f) => f.property)).to.deep.equal(["customDomainConfig.certificateArn"]);
            expect(notAcm[0].reason).to.match(/ARN of an ACM certificate/);
        });

        it("accepts the China and GovCloud partitions without insisting on us-east-1", () => {
            for (const arn of [
                "arn:aws-cn:acm:cn-north-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789",
                "arn:aws-us-gov:acm:us-gov-west-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789",
            ]) {
                expect(failures({ domain: "auth.example.com", userPoolId: POOL, customDomainConfig: { certificateArn: arn } }), arn).to.deep.equal([]);
            }
        });

        it("requires certificateArn inside customDomainConfig", () => {
            expect(properties({ domain: "auth.example.com", userPoolId: POOL, customDomainConfig: {} })).to.deep.equal(["customDomainConfig.certificateArn"]);
        });
    });

    it("allows managedLoginVersion 1 and 2 only", () => {
        expect(failures({ domain: "acme", userPoolId: POOL, managedLoginVersion: 1 })).to.deep.equal([]);
        const found = failures({ domain: "acme", userPoolId: POOL, managedLoginVersion: 3 });
        expect(found.map((f) => f.property)).to.deep.equal(["managedLoginVersion"]);
        expect(found[0].reason).to.equal("managedLoginVersion must be 1 or 2 (got 3)");
    });

    it("says the rule in words with an example, not a pattern", () => {
        expect(reasons({ domain: "acme", userPoolId: "not a pool id" })).to.equal(
            "userPoolId: userPoolId must be a user pool id: its region, an underscore and letters or digits, such as us-east-1_AbCdEf123 (got a string of 13 characters)",
        );
        expect(reasons({ domain: "acme", userPoolId: POOL, region: "Europe" })).to.equal(
            "region: region must be an AWS region name, such as eu-west-1 (got a string of 6 characters)",
        );
        expect(reasons({ domain: "acme", userPoolId: POOL, timeouts: { create: 0 } })).to.equal("timeouts.create: timeouts.create must be more than 0 and at most 1440 (got 0)");
        expect(reasons({ domain: "acme", userPoolId: POOL, timeouts: { update: "5" } })).to.equal(
            "timeouts.update: timeouts.update must be a number more than 0 and at most 1440 (got a string of 1 character)",
        );
    });

    it("refuses inputs that are not an object, whatever they are", () => {
        for (const inputs of [null, undefined, [], "acme", 5, true]) {
            const found = validateUserPoolDomain(inputs);
            expect(found, String(inputs)).to.have.length(1);
            expect(found[0].property).to.equal("");
            expect(found[0].reason).to.match(/^inputs must be an object \(got .+\)$/);
        }
    });

    it("checks the user pool id, region and timeouts", () => {
        expect(properties({ domain: "acme", userPoolId: "not a pool id" })).to.deep.equal(["userPoolId"]);
        expect(properties({ domain: "acme", userPoolId: POOL, region: "Europe" })).to.deep.equal(["region"]);
        expect(properties({ domain: "acme", userPoolId: POOL, timeouts: { create: 0 } })).to.deep.equal(["timeouts.create"]);
        expect(properties({ domain: "acme", userPoolId: POOL, timeouts: { delete: 2000 } })).to.deep.equal(["timeouts.delete"]);
        expect(properties({ domain: "acme", userPoolId: POOL, timeouts: { read: 5 } })).to.deep.equal(["timeouts.read"]);
    });

    it("reports schema and domain-rule failures together, each property once", () => {
        const found = failures({ domain: "aws-login", userPoolId: POOL, timeouts: { create: -1 } });
        expect(found.map((f) => f.property)).to.have.members(["timeouts.create", "domain"]);
        expect(failures({ domain: "", userPoolId: POOL }).map((f) => f.property)).to.deep.equal(["domain"]);
    });

    it("accepts preview-time unknowns everywhere, including domain and userPoolId", () => {
        expect(failures({ domain: UNKNOWN, userPoolId: UNKNOWN })).to.deep.equal([]);
        // Unknown domain: whether it is custom is not known, so customDomainConfig may be there or not.
        expect(failures({ domain: UNKNOWN, userPoolId: POOL, customDomainConfig: { certificateArn: CERT } })).to.deep.equal([]);
        expect(failures({ domain: "auth.example.com", userPoolId: UNKNOWN, customDomainConfig: { certificateArn: UNKNOWN } })).to.deep.equal([]);
        expect(failures({ domain: "auth.example.com", userPoolId: POOL, customDomainConfig: UNKNOWN })).to.deep.equal([]);
        expect(failures({ domain: "acme", userPoolId: POOL, managedLoginVersion: UNKNOWN, region: UNKNOWN, timeouts: { create: UNKNOWN } })).to.deep.equal([]);
    });

    it("still reports real errors beside unknowns", () => {
        expect(properties({ domain: "amazon-login", userPoolId: UNKNOWN })).to.deep.equal(["domain"]);
        expect(properties({ domain: UNKNOWN, userPoolId: POOL, customDomainConfig: { certificateArn: CERT.replace("us-east-1", "eu-west-1") } }))
            .to.deep.equal(["customDomainConfig.certificateArn"]);
    });
});
