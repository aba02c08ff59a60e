import type { CustomDomainConfigType, DomainDescriptionType, RoutingType } from "@aws-sdk/client-cognito-identity-provider";
import { expect } from "chai";
import { expandCreate, expandDelete, expandUpdate } from "../../provider/userPoolDomain/expand";
import { flattenUserPoolDomain, stateFromInputs } from "../../provider/userPoolDomain/flatten";

const POOL = "eu-west-1_AbCdEf123";
const CERT = "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555";
/** What Describe reports as CustomDomainConfig for a prefix domain, though the SDK type requires CertificateArn. */
const EMPTY_CONFIG = {} as CustomDomainConfigType;
const NEW_CERT = "arn:aws:acm:us-east-1:123456789012:certificate/66666666-7777-8888-9999-000000000000";

function customLive(overrides: Partial<DomainDescriptionType> = {}): DomainDescriptionType {
    return {
        UserPoolId: POOL,
        AWSAccountId: "123456789012",
        Domain: "auth.example.com",
        S3Bucket: "aws-cognito-prod-dub-assets",
        CloudFrontDistribution: "d2i7auyy0uax3k.cloudfront.net",
        Version: "20250301120000",
        Status: "ACTIVE",
        CustomDomainConfig: { CertificateArn: CERT },
        ManagedLoginVersion: 1,
        ...overrides,
    };
}

describe("UserPoolDomain expand (inputs -> AWS requests)", () => {
    it("sends the declared request members with AWS names and never the provider-only ones", () => {
        expect(expandCreate({ domain: "acme-login", userPoolId: POOL, region: "eu-west-1", timeouts: { create: 2 } }))
            .to.deep.equal({ Domain: "acme-login", UserPoolId: POOL });
        expect(expandCreate({ domain: "auth.example.com", userPoolId: POOL, customDomainConfig: { certificateArn: CERT }, managedLoginVersion: 2 }))
            .to.deep.equal({ Domain: "auth.example.com", UserPoolId: POOL, CustomDomainConfig: { CertificateArn: CERT }, ManagedLoginVersion: 2 });
    });

    it("always carries a custom domain's certificate in UpdateUserPoolDomain, the desired one when declared", () => {
        const live = customLive();
        const newCertificate = expandUpdate({ domain: "auth.example.com", userPoolId: POOL, customDomainConfig: { certificateArn: NEW_CERT } }, live);
        expect(newCertificate.CustomDomainConfig).to.deep.equal({ CertificateArn: NEW_CERT });
        // Only the version changes: the live certificate goes along, or AWS answers
        // "Cannot convert custom domain to prefix domain".
        const versionOnly = expandUpdate({ domain: "auth.example.com", userPoolId: POOL, managedLoginVersion: 2 }, live);
        expect(versionOnly).to.deep.include({ ManagedLoginVersion: 2, CustomDomainConfig: { CertificateArn: CERT } });
    });

    it("keeps what the program does not declare: the live managedLoginVersion and routing", () => {
        const routing: RoutingType = { Failover: { SecondaryRegion: "eu-central-1", PrimaryRoute53HealthCheckId: "0f1e2d3c-aaaa-bbbb-cccc-123456789abc" } };
        const request = expandUpdate(
            { domain: "auth.example.com", userPoolId: POOL, customDomainConfig: { certificateArn: NEW_CERT } },
            customLive({ ManagedLoginVersion: 2, Routing: routing }),
        );
        expect(request.ManagedLoginVersion).to.equal(2);
        expect(request.Routing).to.deep.equal(routing);
    });

    it("never sends a certificate for a prefix domain, even when Describe reports an empty CustomDomainConfig", () => {
        const request = expandUpdate(
            { domain: "acme-login", userPoolId: POOL, managedLoginVersion: 2 },
            { Domain: "acme-login", UserPoolId: POOL, Status: "ACTIVE", CustomDomainConfig: EMPTY_CONFIG, ManagedLoginVersion: 1 },
        );
        expect(request).to.deep.equal({ Domain: "acme-login", UserPoolId: POOL, ManagedLoginVersion: 2 });
    });

    it("deletes by domain and pool id", () => {
        expect(expandDelete("acme-login", POOL)).to.deep.equal({ Domain: "acme-login", UserPoolId: POOL });
    });
});

describe("UserPoolDomain flatten (DescribeUserPoolDomain -> outputs)", () => {
    it("reports a custom domain with its CloudFront distribution as the DNS target", () => {
        expect(flattenUserPoolDomain(customLive(), { region: "eu-west-1", timeouts: { create: 90 } })).to.deep.equal({
            domain: "auth.example.com",
            userPoolId: POOL,
            customDomainConfig: { certificateArn: CERT },
            managedLoginVersion: 1,
            region: "eu-west-1",
            timeouts: { create: 90 },
            cloudFrontDistribution: "d2i7auyy0uax3k.cloudfront.net",
            hostedUiUrl: "https://auth.example.com",
            awsAccountId: "123456789012",
            s3Bucket: "aws-cognito-prod-dub-assets",
            version: "20250301120000",
            status: "ACTIVE",
        });
    });

    it("reports a prefix domain's amazoncognito.com host, not the shared CloudFront host, and no empty certificate", () => {
        // Shape of the AWS CLI reference example for describe-user-pool-domain on a prefix domain.
        const outs = flattenUserPoolDomain(
            {
                UserPoolId: POOL,
                AWSAccountId: "123456789012",
                Domain: "acme-login",
                S3Bucket: "aws-cognito-prod-dub-assets",
                CloudFrontDistribution: "d3oia8etllorh5.cloudfront.net",
                Version: "20190128175402",
                Status: "ACTIVE",
                CustomDomainConfig: EMPTY_CONFIG,
            },
            { region: "eu-west-1" },
        );
        expect(outs.cloudFrontDistribution).to.equal("acme-login.auth.eu-west-1.amazoncognito.com");
        expect(outs.hostedUiUrl).to.equal("https://acme-login.auth.eu-west-1.amazoncognito.com");
        expect(outs).not.to.have.property("customDomainConfig");
        expect(outs).not.to.have.property("timeouts");
        expect(outs).not.to.have.property("managedLoginVersion");
    });

    it("records a created-but-never-described domain from its inputs", () => {
        expect(stateFromInputs({ domain: "acme-login", userPoolId: POOL }, "eu-west-1", "CREATING")).to.deep.equal({
            domain: "acme-login",
            userPoolId: POOL,
            region: "eu-west-1",
            cloudFrontDistribution: "acme-login.auth.eu-west-1.amazoncognito.com",
            hostedUiUrl: "https://acme-login.auth.eu-west-1.amazoncognito.com",
            status: "CREATING",
        });
    });
});
