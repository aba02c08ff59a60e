/**
 * The UserPoolDomain provider methods against a mocked Cognito API (aws-sdk-client-mock), pinning
 * the domain behaviour of real AWS that the local emulator does not model. Every test cites the
 * line of /work/shared/reference/cognito-behaviour.md (written "doc L<n>") or the API reference
 * it models. Waits run on a fake clock, so an hour-long custom-domain wait takes milliseconds.
 *
 * The methods are called the way the Pulumi dynamic provider host calls them: plain objects,
 * inputs carrying the engine's `__provider` key, olds being the outputs the last operation stored.
 */
import {
    CognitoIdentityProviderClient,
    CreateUserPoolDomainCommand,
    CreateUserPoolDomainRequest,
    CustomDomainConfigType,
    DeleteUserPoolCommand,
    DeleteUserPoolDomainCommand,
    DeleteUserPoolDomainRequest,
    DescribeUserPoolDomainCommand,
    DomainDescriptionType,
    DomainStatusType,
    ResourceNotFoundException,
    UpdateUserPoolDomainCommand,
    UpdateUserPoolDomainRequest,
} from "@aws-sdk/client-cognito-identity-provider";
import { AwsClientStub } from "aws-sdk-client-mock";
import { expect } from "chai";
import { FakeClock, setWaitDefaults } from "../../provider/shared/wait";
import { create as createPool, deleteUserPool } from "../../provider/userPool/provider";
import { check, create, deleteUserPoolDomain, diff, read, update } from "../../provider/userPoolDomain/provider";
import { ACCOUNT, errors, hasNoStackTrace, REGION, SERIALIZED_PROVIDER } from "./awsShapes";
import { commandNames, FakeCognito } from "./fakeCognito";
import { useMockedCognito } from "./mockedCognito";
import { rejection } from "../support/rejection";

type Props = Record<string, unknown>;

const POOL_ID = "us-east-1_AbCdEf123";
const CERT = `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/11111111-2222-3333-4444-555555555555`;
const NEW_CERT = `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/66666666-7777-8888-9999-000000000000`;
/** Prefix domains all report one regional CloudFront host (AWS CLI reference example for describe-user-pool-domain). */
const SHARED_PREFIX_CLOUDFRONT = "d3oia8etllorh5.cloudfront.net";
const CUSTOM_CLOUDFRONT = "d2i7auyy0uax3k.cloudfront.net";

/**
 * What AWS says when an UpdateUserPoolDomain on a custom domain comes without its certificate
 * (doc L94-95, terraform-provider-aws #43248).
 */
const CANNOT_CONVERT = "Cannot convert custom domain to prefix domain";

interface StoredDomain {
    region: string;
    description: DomainDescriptionType;
    /** Statuses the next Describe calls report, one per call; when empty the domain stays as it is. */
    upcoming: (DomainStatusType | "GONE")[];
}

/**
 * A stateful stand-in for the domain operations of Cognito, with the rules of real AWS that the
 * emulator does not model:
 *  - Describe of a missing domain answers `{ DomainDescription: {} }`, not an error (doc L85-86);
 *  - status moves through CREATING / UPDATING / DELETING over several Describe calls (doc L87-88),
 *    scripted per test;
 *  - names are global and may linger after deletion: "Domain already exists" (doc L89-91);
 *  - UpdateUserPoolDomain on a custom domain needs its certificate (doc L92-95);
 *  - Describe reports `CustomDomainConfig: {}` and a shared CloudFront host for prefix domains
 *    (AWS CLI reference example);
 *  - the attached pool cannot be deleted until the domain is gone (doc L81-82), through the
 *    pool fake's Domain / CustomDomain members.
 */
class FakeDomains {
    readonly domains = new Map<string, StoredDomain>();
    /** Names still held by a deleted domain's lingering CloudFront distribution. */
    readonly lingering = new Set<string>();
    afterCreate: (DomainStatusType | "GONE")[] = ["CREATING", "ACTIVE"];
    afterUpdate: (DomainStatusType | "GONE")[] = ["UPDATING", "ACTIVE"];
    afterDelete: (DomainStatusType | "GONE")[] = ["DELETING", "DELETING", "GONE"];
    /** Every DescribeUserPoolDomain answer, in order, for asserting what the provider saw. */
    readonly answers: DomainDescriptionType[] = [];

    constructor(stub: AwsClientStub<CognitoIdentityProviderClient>, private readonly pools?: FakeCognito) {
        const regionOf = async (getClient: () => unknown) => (getClient() as CognitoIdentityProviderClient).config.region();
        stub.on(DescribeUserPoolDomainCommand).callsFake(async (input, getClient) => this.describe(String(input.Domain), await regionOf(getClient)));
        stub.on(CreateUserPoolDomainCommand).callsFake(async (input, getClient) => this.create(input, await regionOf(getClient)));
        stub.on(UpdateUserPoolDomainCommand).callsFake(async (input, getClient) => this.update(input, await regionOf(getClient)));
        stub.on(DeleteUserPoolDomainCommand).callsFake(async (input, getClient) => this.delete(input, await regionOf(getClient)));
    }

    seed(description: DomainDescriptionType, region = REGION): void {
        this.domains.set(String(description.Domain), { region, description: structuredClone(description), upcoming: [] });
        this.attach(description, true);
    }

    private describe(domain: string, region: string) {
        const stored = this.domains.get(domain);
        if (stored && stored.region === region) {
            const next = stored.upcoming.shift();
            if (next === "GONE") {
                this.domains.delete(domain);
                this.attach(stored.description, false);
            } else if (next !== undefined) {
                stored.description.Status = next;
            }
        }
        const current = this.domains.get(domain);
        const description = current && current.region === region ? structuredClone(current.description) : {};
        this.answers.push(description);
        return { $metadata: {}, DomainDescription: description };
    }

    private create(input: CreateUserPoolDomainRequest, region: string) {
        const domain = String(input.Domain);
        if (this.domains.has(domain) || this.lingering.has(domain)) throw errors.invalidParameter("Domain already exists.");
        const custom = input.CustomDomainConfig?.CertificateArn !== undefined;
        const [first, ...rest] = this.afterCreate;
        const description: DomainDescriptionType = {
            UserPoolId: input.UserPoolId,
            AWSAccountId: ACCOUNT,
            Domain: domain,
            S3Bucket: "aws-cognito-prod-iad-assets",
            CloudFrontDistribution: custom ? CUSTOM_CLOUDFRONT : SHARED_PREFIX_CLOUDFRONT,
            Version: "20250701120000",
            Status: "CREATING",
            CustomDomainConfig: custom ? { CertificateArn: input.CustomDomainConfig?.CertificateArn } : ({} as CustomDomainConfigType),
            ManagedLoginVersion: input.ManagedLoginVersion ?? 1,
        };
        this.domains.set(domain, { region, description, upcoming: first === undefined ? [] : [first, ...rest] });
        this.attach(description, true);
        return { $metadata: {}, ManagedLoginVersion: description.ManagedLoginVersion, CloudFrontDomain: custom ? CUSTOM_CLOUDFRONT : undefined };
    }

    private update(input: UpdateUserPoolDomainRequest, region: string) {
        const stored = this.domains.get(String(input.Domain));
        if (!stored || stored.region !== region || stored.description.UserPoolId !== input.UserPoolId) {
            throw errors.invalidParameter("No such domain or user pool exists.");
        }
        const custom = stored.description.CustomDomainConfig?.CertificateArn !== undefined;
        if (custom && !input.CustomDomainConfig?.CertificateArn) throw errors.invalidParameter(CANNOT_CONVERT);
        // Assumed by symmetry; the provider never sends a certificate for a prefix domain.
        if (!custom && input.CustomDomainConfig?.CertificateArn) throw errors.invalidParameter("Cannot convert prefix domain to custom domain");
        if (custom) stored.description.CustomDomainConfig = { CertificateArn: input.CustomDomainConfig?.CertificateArn };
        if (input.ManagedLoginVersion !== undefined) stored.description.ManagedLoginVersion = input.ManagedLoginVersion;
        stored.description.Status = "UPDATING";
        stored.upcoming = [...this.afterUpdate];
        return { $metadata: {}, ManagedLoginVersion: stored.description.ManagedLoginVersion };
    }

    private delete(input: DeleteUserPoolDomainRequest, region: string) {
        const stored = this.domains.get(String(input.Domain));
        if (!stored || stored.region !== region || stored.description.UserPoolId !== input.UserPoolId) {
            throw errors.invalidParameter("No such domain or user pool exists.");
        }
        stored.description.Status = "DELETING";
        stored.upcoming = [...this.afterDelete];
        return { $metadata: {} };
    }

    /** The pool reports its domain until the domain is gone, and refuses deletion meanwhile (doc L81-82). */
    private attach(description: DomainDescriptionType, attached: boolean): void {
        const stored = this.pools?.pools.get(String(description.UserPoolId));
        if (!stored) return;
        const member = description.CustomDomainConfig?.CertificateArn ? "CustomDomain" : "Domain";
        if (attached) stored.pool[member] = description.Domain;
        else delete stored.pool[member];
    }
}

function inputs(props: Props): Props {
    return { __provider: SERIALIZED_PROVIDER, ...props };
}

/** What the host passes as olds: the outputs of the last operation, with `__provider`. */
function stored(outs: Props | undefined): Props {
    return { ...(outs ?? {}), __provider: SERIALIZED_PROVIDER };
}

function requestsOf<T>(calls: { args: [{ input: T }] }[]): T[] {
    return calls.map((call) => call.args[0].input);
}

const PREFIX_INPUTS = { domain: "acme-login", userPoolId: POOL_ID };
const CUSTOM_INPUTS = { domain: "auth.example.com", userPoolId: POOL_ID, customDomainConfig: { certificateArn: CERT } };

describe("UserPoolDomain provider against mocked Cognito (AWS domain behaviour the emulator does not model)", function () {
    let cognito: AwsClientStub<CognitoIdentityProviderClient>;
    let fake: FakeDomains;
    let clock: FakeClock;
    let progress: string[];
    let restoreWaits: () => void;

    const mocked = useMockedCognito(REGION);

    beforeEach(function () {
        cognito = mocked.cognito;
        fake = new FakeDomains(cognito);
        clock = new FakeClock(Date.UTC(2025, 6, 1, 12));
        progress = [];
        restoreWaits = setWaitDefaults({ clock, log: (line) => progress.push(line) });
    });

    afterEach(function () {
        restoreWaits();
    });

    describe("lifecycle of a prefix domain", function () {
        // doc L87-88: status moves CREATING -> ACTIVE; doc L96: ManagedLoginVersion updates in place;
        // doc L89-91: replacing a domain deletes first, and the old one must be gone before the new
        // create; doc L85-86: gone means an empty DomainDescription.
        it("create -> no-change diff -> managedLoginVersion in place -> replace (delete first, wait until gone) -> delete", async function () {
            const checked = await check({}, inputs(PREFIX_INPUTS));
            expect(checked.failures).to.deep.equal([]);

            fake.afterCreate = ["CREATING", "CREATING", "ACTIVE"];
            const created = await create(inputs(PREFIX_INPUTS));
            expect(created.id).to.equal("acme-login");
            expect(commandNames(cognito)).to.deep.equal(["CreateUserPoolDomain", "DescribeUserPoolDomain", "DescribeUserPoolDomain", "DescribeUserPoolDomain"]);
            expect(requestsOf(cognito.commandCalls(CreateUserPoolDomainCommand))).to.deep.equal([{ Domain: "acme-login", UserPoolId: POOL_ID }]);
            expect(created.outs).to.deep.equal({
                domain: "acme-login",
                userPoolId: POOL_ID,
                managedLoginVersion: 1,
                region: REGION,
                cloudFrontDistribution: `acme-login.auth.${REGION}.amazoncognito.com`,
                hostedUiUrl: `https://acme-login.auth.${REGION}.amazoncognito.com`,
                awsAccountId: ACCOUNT,
                s3Bucket: "aws-cognito-prod-iad-assets",
                version: "20250701120000",
                status: "ACTIVE",
            });
            expect(progress[0]).to.equal("domain acme-login: CREATING, 0s elapsed");
            expect(progress[progress.length - 1]).to.match(/^domain acme-login: ACTIVE after \d+s$/);

            // Right after create, and after a refresh, the diff is empty.
            expect(await diff("acme-login", stored(created.outs), inputs(PREFIX_INPUTS))).to.deep.equal({ changes: false, replaces: [], deleteBeforeReplace: false });
            const refreshed = await read("acme-login", stored(created.outs));
            expect(refreshed.props).to.deep.equal(created.outs);
            expect(await diff("acme-login", stored(refreshed.props), inputs(PREFIX_INPUTS))).to.deep.include({ changes: false });

            // managedLoginVersion: in place, and waits for ACTIVE again.
            const v2 = { ...PREFIX_INPUTS, managedLoginVersion: 2 };
            expect(await diff("acme-login", stored(created.outs), inputs(v2))).to.deep.equal({ changes: true, replaces: [], deleteBeforeReplace: false });
            cognito.resetHistory();
            const updated = await update("acme-login", stored(created.outs), inputs(v2));
            expect(commandNames(cognito)).to.deep.equal(["DescribeUserPoolDomain", "UpdateUserPoolDomain", "DescribeUserPoolDomain", "DescribeUserPoolDomain"]);
            expect(requestsOf(cognito.commandCalls(UpdateUserPoolDomainCommand))).to.deep.equal([{ Domain: "acme-login", UserPoolId: POOL_ID, ManagedLoginVersion: 2 }]);
            expect(updated.outs).to.deep.include({ managedLoginVersion: 2, status: "ACTIVE" });

            // Another prefix: a new domain, and the diff asks for the old one to be deleted first.
            const renamed = { ...v2, domain: "acme-signin" };
            expect(await diff("acme-login", stored(updated.outs), inputs(renamed))).to.deep.equal({ changes: true, replaces: ["domain"], deleteBeforeReplace: true });
            // The engine then deletes the old domain and creates the new one, in that order.
            cognito.resetHistory();
            fake.answers.length = 0;
            await deleteUserPoolDomain("acme-login", stored(updated.outs));
            expect(commandNames(cognito)).to.deep.equal(["DeleteUserPoolDomain", "DescribeUserPoolDomain", "DescribeUserPoolDomain", "DescribeUserPoolDomain"]);
            expect(fake.answers.map((a) => a.Status ?? "{}")).to.deep.equal(["DELETING", "DELETING", "{}"]);
            expect(requestsOf(cognito.commandCalls(DeleteUserPoolDomainCommand))).to.deep.equal([{ Domain: "acme-login", UserPoolId: POOL_ID }]);
            const replacement = await create(inputs(renamed));
            expect(replacement.id).to.equal("acme-signin");
            expect(replacement.outs).to.deep.include({ domain: "acme-signin", managedLoginVersion: 2, status: "ACTIVE" });

            await deleteUserPoolDomain("acme-signin", stored(replacement.outs));
            expect(fake.domains.size).to.equal(0);
            expect(await read("acme-signin", stored(replacement.outs))).to.deep.equal({});
        });
    });

    describe("lifecycle of a custom domain", function () {
        // doc L87-88: custom domains take long (CloudFront); doc L92-95: the certificate changes in
        // place and every UpdateUserPoolDomain carries it; doc L97: switching to a prefix is a new
        // domain, deleted first (doc L89-91).
        it("create (long wait) -> certificate in place -> managedLoginVersion in place -> switch to prefix (replace)", async function () {
            fake.afterCreate = [...Array(40).fill("CREATING"), "ACTIVE"];
            const started = clock.now();
            const created = await create(inputs(CUSTOM_INPUTS));
            expect(created.id).to.equal("auth.example.com");
            expect(created.outs).to.deep.include({
                customDomainConfig: { certificateArn: CERT },
                cloudFrontDistribution: CUSTOM_CLOUDFRONT,
                hostedUiUrl: "https://auth.example.com",
                status: "ACTIVE",
            });
            expect(requestsOf(cognito.commandCalls(CreateUserPoolDomainCommand))).to.deep.equal([
                { Domain: "auth.example.com", UserPoolId: POOL_ID, CustomDomainConfig: { CertificateArn: CERT } },
            ]);
            // About 18 minutes of fake time, polled with backoff, reported every 30 s or so.
            expect(clock.now() - started).to.be.above(15 * 60_000);
            expect(progress).to.include("domain auth.example.com: CREATING, 4m30s elapsed");
            expect(progress.length).to.be.within(30, 45);

            const newCert = { ...CUSTOM_INPUTS, customDomainConfig: { certificateArn: NEW_CERT } };
            expect(await diff(created.id, stored(created.outs), inputs(newCert))).to.deep.equal({ changes: true, replaces: [], deleteBeforeReplace: false });
            const recertified = await update(created.id, stored(created.outs), inputs(newCert));
            const certificateUpdate = requestsOf(cognito.commandCalls(UpdateUserPoolDomainCommand));
            expect(certificateUpdate).to.have.length(1);
            expect(certificateUpdate[0].CustomDomainConfig).to.deep.equal({ CertificateArn: NEW_CERT });
            expect(recertified.outs).to.deep.include({ customDomainConfig: { certificateArn: NEW_CERT }, status: "ACTIVE" });

            // Only the version changes, but the request still carries the certificate (or AWS
            // answers "Cannot convert custom domain to prefix domain").
            cognito.resetHistory();
            const v2 = { ...newCert, managedLoginVersion: 2 };
            const versioned = await update(created.id, stored(recertified.outs), inputs(v2));
            expect(requestsOf(cognito.commandCalls(UpdateUserPoolDomainCommand))).to.deep.equal([
                { Domain: "auth.example.com", UserPoolId: POOL_ID, ManagedLoginVersion: 2, CustomDomainConfig: { CertificateArn: NEW_CERT } },
            ]);
            expect(versioned.outs).to.deep.include({ managedLoginVersion: 2 });

            fake.afterCreate = ["CREATING", "ACTIVE"];
            const toPrefix = { domain: "acme-login", userPoolId: POOL_ID };
            expect(await diff(created.id, stored(versioned.outs), inputs(toPrefix))).to.deep.equal({
                changes: true,
                replaces: ["domain", "customDomainConfig"],
                deleteBeforeReplace: true,
            });
            await deleteUserPoolDomain(created.id, stored(versioned.outs));
            expect(fake.domains.has("auth.example.com")).to.equal(false);
            const prefix = await create(inputs(toPrefix));
            expect(prefix.outs).to.not.have.property("customDomainConfig");
            expect(prefix.outs.cloudFrontDistribution).to.equal(`acme-login.auth.${REGION}.amazoncognito.com`);
        });

        // doc L94-95: the fake refuses an update without the certificate, as AWS does; this is
        // what the lifecycle above would hit if the provider dropped it.
        it("(the fake enforces the certificate rule, so the lifecycle test can fail)", async function () {
            fake.seed({ Domain: "auth.example.com", UserPoolId: POOL_ID, Status: "ACTIVE", CustomDomainConfig: { CertificateArn: CERT } });
            const client = new CognitoIdentityProviderClient({ region: REGION });
            const error = await rejection(client.send(new UpdateUserPoolDomainCommand({ Domain: "auth.example.com", UserPoolId: POOL_ID, ManagedLoginVersion: 2 })));
            expect(error.message).to.equal(CANNOT_CONVERT);
        });
    });

    describe("partial failure", function () {
        // doc L87-88 (FAILED status) and doc L120-122: once CreateUserPoolDomain succeeded, a wait
        // that ends short of ACTIVE is reported with id + properties (including __provider).
        it("a custom domain that turns FAILED is recorded, and the message names the domain, the status and what to check", async function () {
            fake.afterCreate = ["CREATING", "CREATING", "FAILED"];
            const error = await rejection(create(inputs(CUSTOM_INPUTS)));
            expect(error.id).to.equal("auth.example.com");
            const properties = error.properties as Props;
            expect(properties.__provider).to.equal(SERIALIZED_PROVIDER);
            expect(properties).to.deep.include({ domain: "auth.example.com", userPoolId: POOL_ID, status: "FAILED", customDomainConfig: { certificateArn: CERT } });
            expect(error.reasons).to.be.an("array").with.length(1);
            expect(error.message).to.include("domain auth.example.com is FAILED");
            expect(error.message).to.include("us-east-1").and.include("A record").and.include("example.com");
            expect(hasNoStackTrace(error.message)).to.equal(true);
        });

        // doc L87-88: custom domains can take up to an hour; the deadline (timeouts.create) ends the
        // wait, and the domain, still CREATING, is recorded.
        it("a wait that passes its deadline is recorded with the last status, and the wait ran on the fake clock", async function () {
            fake.afterCreate = ["CREATING"];
            const started = clock.now();
            const error = await rejection(create(inputs({ ...CUSTOM_INPUTS, timeouts: { create: 20 } })));
            expect(clock.now() - started).to.equal(20 * 60_000);
            expect(error.id).to.equal("auth.example.com");
            expect((error.properties as Props).__provider).to.equal(SERIALIZED_PROVIDER);
            expect(error.properties).to.deep.include({ status: "CREATING", timeouts: { create: 20 } });
            expect(error.message).to.match(/domain auth\.example\.com is still CREATING after 20m00s, the deadline for create \(timeouts\.create raises it\)/);
        });

        // The default deadline of a prefix domain is a few minutes, not an hour.
        it("a prefix domain's default deadline is 5 minutes", async function () {
            fake.afterCreate = ["CREATING"];
            const started = clock.now();
            const error = await rejection(create(inputs(PREFIX_INPUTS)));
            expect(clock.now() - started).to.equal(5 * 60_000);
            expect(error.id).to.equal("acme-login");
        });

        // doc L120-122: the engine records the partial failure and calls update on the next
        // `pulumi up`, which finishes the job: a CREATING domain is waited for, a FAILED one is
        // deleted and created again (doc L89-91: after it is gone).
        it("the next pulumi up finishes a recorded domain: waits for a CREATING one, re-creates a FAILED one", async function () {
            fake.afterCreate = ["CREATING"];
            const timedOut = await rejection(create(inputs({ ...CUSTOM_INPUTS, timeouts: { create: 1 } })));
            const recorded = timedOut.properties as Props;
            const sameProgram = inputs({ ...CUSTOM_INPUTS, timeouts: { create: 1 } });
            // Nothing in the program changed, but the recorded status is not ACTIVE.
            expect(await diff("auth.example.com", recorded, sameProgram)).to.deep.equal({ changes: true, replaces: [], deleteBeforeReplace: false });
            fake.domains.get("auth.example.com")!.upcoming = ["CREATING", "ACTIVE"];
            cognito.resetHistory();
            const finished = await update("auth.example.com", recorded, sameProgram);
            expect(finished.outs).to.deep.include({ status: "ACTIVE" });
            expect(commandNames(cognito)).to.not.include("UpdateUserPoolDomain");

            fake.domains.get("auth.example.com")!.description.Status = "FAILED";
            fake.afterCreate = ["CREATING", "ACTIVE"];
            fake.answers.length = 0;
            cognito.resetHistory();
            const recreated = await update("auth.example.com", stored({ ...finished.outs, status: "FAILED" }), inputs(CUSTOM_INPUTS));
            expect(recreated.outs).to.deep.include({ status: "ACTIVE" });
            expect(progress).to.include("domain auth.example.com is FAILED; deleting it and creating it again");
            const calls = commandNames(cognito);
            expect(calls[0]).to.equal("DescribeUserPoolDomain");
            expect(calls.filter((c) => c !== "DescribeUserPoolDomain")).to.deep.equal(["DeleteUserPoolDomain", "CreateUserPoolDomain"]);
            // Created only after Describe found the old one gone (doc L89-91).
            const goneAt = fake.answers.findIndex((a) => a.Status === undefined);
            expect(goneAt, "a Describe answered {} before the create").to.be.at.least(0);
            expect(calls.filter((c) => c === "DescribeUserPoolDomain").length).to.be.above(goneAt + 1);
            expect(fake.answers.slice(goneAt + 1).map((a) => a.Status)).to.deep.equal(["CREATING", "ACTIVE"]);
        });

        // A Describe that fails after the create succeeded: the domain exists, so it is still
        // recorded, from the inputs.
        it("a Describe error after CreateUserPoolDomain still records the domain", async function () {
            cognito.on(DescribeUserPoolDomainCommand).rejects(errors.notAuthorized("User is not authorized to perform: cognito-idp:DescribeUserPoolDomain"));
            const error = await rejection(create(inputs(PREFIX_INPUTS)));
            expect(error.id).to.equal("acme-login");
            expect(error.properties).to.deep.include({ domain: "acme-login", userPoolId: POOL_ID, status: "CREATING", __provider: SERIALIZED_PROVIDER });
            expect(error.message).to.include("DescribeUserPoolDomain").and.include("not authorized");
        });
    });

    describe("create errors", function () {
        // doc L89-91: names are global; a deleted domain's CloudFront distribution can hold the
        // name for a while, and AWS answers InvalidParameterException "Domain already exists.".
        it('"Domain already exists" fails without recording anything and explains that names are global', async function () {
            fake.lingering.add("acme-login");
            const error = await rejection(create(inputs(PREFIX_INPUTS)));
            expect(error).to.not.have.property("id");
            expect(error.message).to.include("CreateUserPoolDomain for domain acme-login failed: InvalidParameterException: Domain already exists.");
            expect(error.message).to.include("global").and.include("run pulumi up again");
            expect(commandNames(cognito)).to.deep.equal(["CreateUserPoolDomain"]);
        });
    });

    describe("update errors", function () {
        // doc L94-95: had the provider sent an update without the certificate, AWS's refusal would
        // reach the user as one sentence naming the operation and the domain.
        it("an AWS refusal of UpdateUserPoolDomain reaches the user as one sentence", async function () {
            fake.seed({ Domain: "auth.example.com", UserPoolId: POOL_ID, Status: "ACTIVE", CustomDomainConfig: { CertificateArn: CERT } });
            cognito.on(UpdateUserPoolDomainCommand).rejects(errors.invalidParameter(CANNOT_CONVERT));
            const olds = stored({ ...CUSTOM_INPUTS, region: REGION, status: "ACTIVE", managedLoginVersion: 1 });
            const error = await rejection(update("auth.example.com", olds, inputs({ ...CUSTOM_INPUTS, managedLoginVersion: 2 })));
            expect(error.message).to.equal(`UpdateUserPoolDomain for domain auth.example.com failed: InvalidParameterException: ${CANNOT_CONVERT}`);
        });

        it("a domain deleted outside the stack is reported with what to do", async function () {
            const olds = stored({ ...PREFIX_INPUTS, region: REGION, status: "ACTIVE" });
            const error = await rejection(update("acme-login", olds, inputs({ ...PREFIX_INPUTS, managedLoginVersion: 2 })));
            expect(error.message).to.equal("domain acme-login no longer exists; run pulumi refresh so that pulumi up creates it again");
        });

        it("a timeouts-only change calls no write operation", async function () {
            fake.seed({ Domain: "acme-login", UserPoolId: POOL_ID, Status: "ACTIVE", ManagedLoginVersion: 1 });
            const olds = stored({ ...PREFIX_INPUTS, region: REGION, status: "ACTIVE", managedLoginVersion: 1 });
            const result = await update("acme-login", olds, inputs({ ...PREFIX_INPUTS, timeouts: { delete: 15 } }));
            expect(commandNames(cognito)).to.deep.equal(["DescribeUserPoolDomain"]);
            expect(result.outs).to.deep.include({ timeouts: { delete: 15 } });
        });
    });

    describe("read", function () {
        // doc L85-86: a missing domain is an empty DomainDescription, not an error.
        it("an empty DomainDescription means gone: read returns {}", async function () {
            const result = await read("acme-login", stored({ ...PREFIX_INPUTS, region: REGION, status: "ACTIVE" }));
            expect(result).to.deep.equal({});
            expect(fake.answers).to.deep.equal([{}]);
        });

        // doc L85-86: a description without Status is gone too.
        it("a description without Status means gone", async function () {
            cognito.on(DescribeUserPoolDomainCommand).resolves({ DomainDescription: { Domain: "acme-login" } });
            expect(await read("acme-login", stored({ ...PREFIX_INPUTS, region: REGION }))).to.deep.equal({});
        });

        // API reference lists ResourceNotFoundException for DescribeUserPoolDomain.
        it("ResourceNotFoundException means gone", async function () {
            cognito.on(DescribeUserPoolDomainCommand).rejects(new ResourceNotFoundException({ message: "Domain not found", $metadata: {} }));
            expect(await read("acme-login", stored({ ...PREFIX_INPUTS, region: REGION }))).to.deep.equal({});
        });

        it("reads the domain in the region recorded in the state, not the stack's current one", async function () {
            fake.seed({ Domain: "acme-login", UserPoolId: "eu-west-1_AbCdEf123", Status: "ACTIVE" }, "eu-west-1");
            const result = await read("acme-login", stored({ domain: "acme-login", userPoolId: "eu-west-1_AbCdEf123", region: "eu-west-1" }));
            expect(result.props).to.deep.include({ status: "ACTIVE", cloudFrontDistribution: "acme-login.auth.eu-west-1.amazoncognito.com" });
        });
    });

    describe("delete", function () {
        // doc L85-86 with the API's errors: deleting a domain that is already gone is success,
        // whatever error DeleteUserPoolDomain answers, once Describe confirms it is gone.
        it("a domain that is already gone is success (InvalidParameterException)", async function () {
            await deleteUserPoolDomain("acme-login", stored({ ...PREFIX_INPUTS, region: REGION }));
            expect(commandNames(cognito)).to.deep.equal(["DeleteUserPoolDomain", "DescribeUserPoolDomain"]);
        });

        it("a domain that is already gone is success (ResourceNotFoundException)", async function () {
            cognito.on(DeleteUserPoolDomainCommand).rejects(new ResourceNotFoundException({ message: "Domain not found", $metadata: {} }));
            await deleteUserPoolDomain("acme-login", stored({ ...PREFIX_INPUTS, region: REGION }));
        });

        it("a refusal while the domain exists fails with the operation, the domain and its status", async function () {
            fake.seed({ Domain: "acme-login", UserPoolId: POOL_ID, Status: "ACTIVE" });
            cognito.on(DeleteUserPoolDomainCommand).rejects(errors.notAuthorized("User is not authorized to perform: cognito-idp:DeleteUserPoolDomain"));
            const error = await rejection(deleteUserPoolDomain("acme-login", stored({ ...PREFIX_INPUTS, region: REGION })));
            expect(error.message).to.match(/^DeleteUserPoolDomain for domain acme-login \(status ACTIVE\) failed: NotAuthorizedException: User is not authorized/);
        });

        // doc L87-88: deletion takes time; a deadline that passes fails the delete (the state keeps it).
        it("a deletion that outlasts its deadline fails and says how to continue", async function () {
            fake.seed({ Domain: "acme-login", UserPoolId: POOL_ID, Status: "ACTIVE" });
            fake.afterDelete = ["DELETING"];
            const error = await rejection(deleteUserPoolDomain("acme-login", stored({ ...PREFIX_INPUTS, region: REGION, timeouts: { delete: 2 } })));
            expect(error.message).to.match(/domain acme-login is still DELETING 2m00s after DeleteUserPoolDomain/);
            expect(error).to.not.have.property("id");
        });
    });

    describe("pulumi destroy of a pool and its domain", function () {
        // doc L81-82: a pool with a domain cannot be deleted until the domain is deleted; doc
        // L87-88: deletion takes time. The engine deletes the domain first (it depends on the pool
        // through userPoolId); the wait in delete makes the pool delete right after it succeed.
        it("deletes the domain, waits until it is gone, and then the pool delete succeeds", async function () {
            const pools = new FakeCognito(cognito);
            fake = new FakeDomains(cognito, pools);
            const pool = await createPool(inputs({ poolName: "acme-users" }));
            const domain = await create(inputs({ domain: "acme-login", userPoolId: pool.id }));
            expect(pools.current(pool.id).Domain).to.equal("acme-login");

            cognito.resetHistory();
            await deleteUserPoolDomain(domain.id, stored(domain.outs));
            await deleteUserPool(pool.id, stored(pool.outs));
            expect(commandNames(cognito)).to.deep.equal([
                "DeleteUserPoolDomain",
                "DescribeUserPoolDomain",
                "DescribeUserPoolDomain",
                "DescribeUserPoolDomain",
                "DeleteUserPool",
            ]);
            expect(pools.pools.size).to.equal(0);
        });

        // The same fakes without the wait: the pool delete fails while the domain is DELETING,
        // which is what the wait above prevents.
        it("(without waiting, the pool delete would fail while the domain is DELETING)", async function () {
            const pools = new FakeCognito(cognito);
            fake = new FakeDomains(cognito, pools);
            const pool = await createPool(inputs({ poolName: "acme-users" }));
            await create(inputs({ domain: "acme-login", userPoolId: pool.id }));
            const client = new CognitoIdentityProviderClient({ region: REGION });
            await client.send(new DeleteUserPoolDomainCommand({ Domain: "acme-login", UserPoolId: pool.id }));
            const error = await rejection(client.send(new DeleteUserPoolCommand({ UserPoolId: pool.id })));
            expect(error.message).to.include("It has a domain configured that should be deleted first");
        });
    });

    describe("check through the provider", function () {
        it("returns the inputs without __provider and every failure with its property path", async function () {
            const result = await check({}, inputs({ domain: "aws-login", userPoolId: POOL_ID, customDomainConfig: { certificateArn: CERT } }));
            expect(result.inputs).to.not.have.property("__provider");
            expect(result.failures?.map((f) => f.property)).to.have.members(["domain", "customDomainConfig"]);
        });
    });
});
