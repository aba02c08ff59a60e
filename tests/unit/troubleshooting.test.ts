/**
 * docs/troubleshooting.md and the code cannot drift apart: every row of its message tables (the
 * tables headed `Message | What it means | What to do`) is produced here through the code path a
 * user meets it on (check with bad input, diff, the provider methods with AWS's answers mocked,
 * and the AWS SDK's real errors in an environment without AWS settings), and must equal the
 * produced message exactly. A message produced here and missing from the page fails too.
 */
import {
    CognitoIdentityProviderClient,
    CreateUserPoolCommand,
    CreateUserPoolDomainCommand,
    DeleteUserPoolCommand,
    DescribeUserPoolCommand,
    InvalidParameterException,
    LimitExceededException,
    UpdateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { AwsClientStub, mockClient } from "aws-sdk-client-mock";
import { expect } from "chai";
import { readFileSync } from "fs";
import * as path from "path";
import { resetClients, setStackRegion } from "../../provider/client";
import * as userPool from "../../provider/userPool/provider";
import * as userPoolDomain from "../../provider/userPoolDomain/provider";
import { describedPool, errors, POOL_ID } from "../mock/awsShapes";
import { closedPort, DUMMY_CREDENTIALS, withAwsEnvironment } from "../support/awsEnvironment";

const PAGE = path.resolve(__dirname, "..", "..", "..", "docs", "troubleshooting.md");
const HEADER = "| Message | What it means | What to do |";

/** The Message cell of every row of every message table on the page. */
export function tableMessages(markdown: string): string[] {
    const messages: string[] = [];
    let inTable = false;
    for (const line of markdown.split("\n")) {
        if (line.trim() === HEADER) {
            inTable = true;
            continue;
        }
        if (!inTable) continue;
        if (!line.startsWith("|")) {
            inTable = false;
            continue;
        }
        if (/^\|\s*-/.test(line)) continue;
        // Cells are split on unescaped pipes; the message is one code span.
        const cell = line.slice(1).split(/(?<!\\)\|/)[0].trim();
        const code = /^`(.*)`$/.exec(cell);
        messages.push((code ? code[1] : cell).replace(/\\\|/g, "|"));
    }
    return messages;
}

type Producer = () => Promise<string>;

const DOMAIN_POOL = "eu-west-1_AbCdEf123";
const CERT = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789";
const LAMBDA = "arn:aws:lambda:eu-west-1:123456789012:function:acme-tokens";
const ROLE = "arn:aws:iam::123456789012:role/acme-sms";
const SES = "arn:aws:ses:us-east-1:123456789012:identity/acme.example";

/** The reason of check's one failure for `inputs` (a UserPool, or a UserPoolDomain when it has `domain`). */
function refusal(inputs: unknown): Producer {
    return async () => {
        const isDomain = typeof inputs === "object" && inputs !== null && "domain" in inputs;
        const result = await (isDomain ? userPoolDomain.check({}, inputs) : userPool.check({}, inputs));
        const failures = result.failures ?? [];
        if (failures.length !== 1) throw new Error(`expected one failure for ${JSON.stringify(inputs)}, got ${JSON.stringify(failures)}`);
        return failures[0].reason;
    };
}

const pool = (inputs: Record<string, unknown>) => refusal({ poolName: "acme", ...inputs });
const domain = (inputs: Record<string, unknown>) => refusal({ userPoolId: DOMAIN_POOL, ...inputs });

async function failureOf(operation: Promise<unknown>): Promise<string> {
    const error = await operation.then(() => undefined, (e: Error) => e);
    if (!(error instanceof Error)) throw new Error("expected the operation to fail");
    return error.message;
}

/** Messages of check: the program's inputs refused before any AWS call. */
const checkFailures: Producer[] = [
    pool({ poolName: undefined }),
    pool({ polices: {} }),
    () => userPool.check({}, null).then((result) => result.failures?.[0].reason ?? ""),
    pool({ policies: { passwordPolicy: { minimumLength: 5 } } }),
    pool({ policies: { passwordPolicy: { minimumLength: "12" } } }),
    pool({ deletionProtection: "ACTIV" }),
    pool({ autoVerifiedAttributes: ["email", "email"] }),
    pool({ poolName: "acme/users" }),
    pool({ region: "EU" }),
    pool({ adoptUserPoolId: "AbCdEf123" }),
    pool({ lambdaConfig: { preSignUp: "acme-pre-signup" } }),
    pool({ verificationMessageTemplate: { emailMessage: "Your code" } }),
    pool({ verificationMessageTemplate: { emailMessageByLink: "Click {####}", defaultEmailOption: "CONFIRM_WITH_LINK" } }),
    pool({ adminCreateUserConfig: { inviteMessageTemplate: { smsMessage: "Welcome {####}" } } }),
    pool({ adminCreateUserConfig: { inviteMessageTemplate: { emailMessage: "Welcome {username}" } } }),
    pool({ userPoolTags: { "": "identity" } }),
    pool({ usernameAttributes: ["email"], aliasAttributes: ["preferred_username"] }),
    pool({ mfaConfiguration: "ON" }),
    pool({ mfaConfiguration: "OPTIONAL", webAuthnConfiguration: { factorConfiguration: "MULTI_FACTOR_WITH_USER_VERIFICATION" } }),
    pool({ emailConfiguration: { emailSendingAccount: "DEVELOPER", sourceArn: SES }, emailMfaConfiguration: {} }),
    pool({ mfaConfiguration: "OPTIONAL", emailConfiguration: { emailSendingAccount: "COGNITO_DEFAULT" }, emailMfaConfiguration: {} }),
    pool({ mfaConfiguration: "OPTIONAL", emailConfiguration: { emailSendingAccount: "DEVELOPER", sourceArn: SES }, emailMfaConfiguration: {}, accountRecoverySetting: { recoveryMechanisms: [{ name: "verified_email", priority: 1 }] } }),
    pool({ mfaConfiguration: "OPTIONAL", emailConfiguration: { emailSendingAccount: "DEVELOPER", sourceArn: SES }, emailMfaConfiguration: { message: "Your code" } }),
    pool({ webAuthnConfiguration: { relyingPartyId: "" } }),
    pool({ mfaConfiguration: "ON", softwareTokenMfaConfiguration: { enabled: true }, policies: { signInPolicy: { allowedFirstAuthFactors: ["PASSWORD", "WEB_AUTHN"] } } }),
    pool({ softwareTokenMfaConfiguration: { enabled: true } }),
    pool({ autoVerifiedAttributes: ["phone_number"], userAttributeUpdateSettings: { attributesRequireVerificationBeforeUpdate: ["email"] } }),
    pool({ emailConfiguration: { emailSendingAccount: "DEVELOPER" } }),
    pool({ lambdaConfig: { customEmailSender: { lambdaVersion: "V1_0", lambdaArn: LAMBDA } } }),
    pool({ lambdaConfig: { preTokenGeneration: LAMBDA, preTokenGenerationConfig: { lambdaVersion: "V2_0", lambdaArn: `${LAMBDA}-v2` } } }),
    pool({ smsConfiguration: { snsCallerArn: ROLE, eumsSms: { callerArn: ROLE } } }),
    pool({ region: "eu-west-1", smsConfiguration: { eumsSms: { callerArn: ROLE, region: "us-east-1" } } }),
    pool({ schema: [{ name: "email", attributeDataType: "String", required: true }, ...Array.from({ length: 50 }, (_, i) => ({ name: `attribute${i}`, attributeDataType: "String" }))] }),
    async () => {
        // An existing pool (it has a state), so the limit is the pool's, not CreateUserPool's.
        const schema = Array.from({ length: 51 }, (_, i) => ({ name: `attribute${i}`, attributeDataType: "String" }));
        const result = await userPool.check({ poolName: "acme" }, { poolName: "acme", schema });
        return (result.failures ?? []).map((f) => f.reason).join("\n");
    },
    pool({ schema: [{ name: "tenant", attributeDataType: "String", stringAttributeConstraints: { maxLength: "4096" } }] }),
    pool({ schema: [{ name: "tenant", attributeDataType: "String", stringAttributeConstraints: { minLength: "10", maxLength: "5" } }] }),
    pool({ schema: [{ name: "tenant", attributeDataType: "String", required: true }] }),
    pool({ schema: [{ name: "tenant", attributeDataType: "String" }, { name: "custom:tenant", attributeDataType: "String" }] }),
    pool({ schema: [{ name: "custom:email", attributeDataType: "String" }] }),
    pool({ schema: [{ name: "subscription_renewal_at", attributeDataType: "DateTime" }] }),
    pool({ accountRecoverySetting: { recoveryMechanisms: [{ name: "verified_email", priority: 1 }, { name: "verified_phone_number", priority: 1 }] } }),
    pool({ acrConfiguration: { level1: { acrValue: "urn:cognito:loa:2" } } }),
    pool({ userPoolTier: "LITE", policies: { signInPolicy: { allowedFirstAuthFactors: ["PASSWORD", "EMAIL_OTP"] } } }),
    pool({ userPoolTier: "ESSENTIALS", userPoolAddOns: { advancedSecurityMode: "ENFORCED" } }),
    pool({ mfaConfiguration: "ON", softwareTokenMfaConfiguration: { enabled: true }, policies: { signInPolicy: { allowedFirstAuthFactors: ["PASSWORD", "EMAIL_OTP"] } } }),
    pool({ policies: { signInPolicy: { allowedFirstAuthFactors: ["PASSWORD", "SMS_OTP"] } } }),
    pool({ emailVerificationMessage: "Code {####}", verificationMessageTemplate: { emailMessage: "Your code is {####}" } }),
    pool({ adminCreateUserConfig: { unusedAccountValidityDays: 7 } }),
    domain({ domain: "my-aws-login" }),
    domain({ domain: "https://auth.example.com", customDomainConfig: { certificateArn: CERT } }),
    domain({ domain: "auth.example.com" }),
    domain({ domain: "acme-login", customDomainConfig: { certificateArn: CERT } }),
    domain({ domain: "auth.example.com", customDomainConfig: { certificateArn: CERT.replace("us-east-1", "eu-west-1") } }),
    domain({ domain: "acme-login", userPoolId: "AbCdEf123" }),
    domain({ domain: "auth.example.com", customDomainConfig: { certificateArn: CERT }, timeouts: { create: 0 } }),
];

/** Messages of pulumi preview beyond check. */
const previewFailures: Producer[] = [
    () => {
        setStackRegion("eu-west-1");
        const olds = {
            userPoolId: DOMAIN_POOL,
            poolName: "acme",
            usernameAttributes: ["email"],
            deletionProtection: "ACTIVE",
            declaredFields: ["poolName", "usernameAttributes", "deletionProtection"],
        };
        return failureOf(userPool.diff(DOMAIN_POOL, olds, { poolName: "acme", usernameAttributes: ["phone_number"], deletionProtection: "ACTIVE" }));
    },
];

/** The AWS SDK's own errors, raised by a real client in an environment without AWS settings. */
const setupFailures: Producer[] = [
    () => withAwsEnvironment({}, () => failureOf(userPool.read(POOL_ID, {}))),
    () => withAwsEnvironment({ AWS_REGION: "us-east-1" }, () => failureOf(userPool.read(POOL_ID, {}))),
    async () => {
        const port = await closedPort();
        const message = await withAwsEnvironment(
            { ...DUMMY_CREDENTIALS, AWS_REGION: "us-east-1", AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: `http://127.0.0.1:${port}` },
            () => failureOf(userPool.read(POOL_ID, {})),
        );
        // The port is whichever was free: the page shows 4566, a common emulator port.
        return message.replace(`127.0.0.1:${port}`, "127.0.0.1:4566");
    },
    () => withAwsEnvironment({ ...DUMMY_CREDENTIALS, AWS_REGION: "Europe West" }, () => failureOf(userPool.read(POOL_ID, {}))),
];

/** Messages of pulumi up, refresh and destroy, with AWS's answers mocked. */
function operationFailures(cognito: () => AwsClientStub<CognitoIdentityProviderClient>): Producer[] {
    const state = { userPoolId: POOL_ID, poolName: "acme", region: "us-east-1", declaredFields: ["poolName"] };
    return [
        () => {
            cognito().on(CreateUserPoolCommand).rejects(new LimitExceededException({ message: "The limit of user pools per account has been reached.", $metadata: {} }));
            return failureOf(userPool.create({ poolName: "acme" }));
        },
        () => {
            cognito().on(DescribeUserPoolCommand).rejects(errors.notFound(POOL_ID));
            return failureOf(userPool.create({ poolName: "acme", adoptUserPoolId: POOL_ID }));
        },
        () => {
            cognito().on(DescribeUserPoolCommand).rejects(errors.notFound(POOL_ID));
            return failureOf(userPool.update(POOL_ID, state, { poolName: "acme-users" }));
        },
        () => {
            cognito().on(DescribeUserPoolCommand).resolves({ UserPool: describedPool() });
            cognito().on(UpdateUserPoolCommand).rejects(errors.invalidParameter("Invalid SMS configuration given."));
            return failureOf(userPool.update(POOL_ID, state, { poolName: "acme-users" }));
        },
        () => {
            // The tier is not declared, so check let the program through; AWS's refusal in words.
            cognito().on(DescribeUserPoolCommand).resolves({ UserPool: describedPool({ UserPoolTier: "LITE" }) });
            cognito().on(UpdateUserPoolCommand).rejects(errors.featureUnavailable("LITE", ["Passwordless Sign-In"]));
            return failureOf(userPool.update(POOL_ID, state, { poolName: "acme-users", policies: { signInPolicy: { allowedFirstAuthFactors: ["PASSWORD", "EMAIL_OTP"] } } }));
        },
        () => {
            cognito().on(DescribeUserPoolCommand).rejects(Object.assign(new Error("The security token included in the request is expired"), { name: "ExpiredTokenException" }));
            return failureOf(userPool.read(POOL_ID, state));
        },
        () => {
            cognito().on(DeleteUserPoolCommand).rejects(errors.deletionProtection());
            return failureOf(userPool.deleteUserPool(POOL_ID, state));
        },
        () => {
            cognito().on(DeleteUserPoolCommand).rejects(errors.hasDomain());
            return failureOf(userPool.deleteUserPool(POOL_ID, { ...state, domain: "acme-login" }));
        },
        () => {
            cognito().on(CreateUserPoolDomainCommand).rejects(new InvalidParameterException({ message: "Domain already associated with another user pool.", $metadata: {} }));
            return failureOf(userPoolDomain.create({ domain: "acme-login", userPoolId: POOL_ID }));
        },
    ];
}

describe("docs/troubleshooting.md", function () {
    this.timeout(60_000);
    const produced: string[] = [];

    before(async () => {
        for (const produce of [...checkFailures, ...previewFailures, ...setupFailures]) produced.push(await produce());
        const stub = mockClient(CognitoIdentityProviderClient);
        try {
            for (const produce of operationFailures(() => stub)) {
                stub.reset();
                resetClients();
                setStackRegion("us-east-1");
                produced.push(await produce());
            }
        } finally {
            stub.restore();
            resetClients();
            setStackRegion(undefined);
        }
    });

    it("has message tables", () => {
        expect(tableMessages(readFileSync(PAGE, "utf8")).length).to.be.greaterThan(50);
    });

    it("every row's message is exactly what the code produces", () => {
        const rows = tableMessages(readFileSync(PAGE, "utf8"));
        const unproduced = rows.filter((row) => !produced.includes(row));
        expect(unproduced, `rows no code path produces; the code produces:\n${produced.filter((m) => !rows.includes(m)).join("\n")}`).to.deep.equal([]);
    });

    it("every message produced here has its row", () => {
        const rows = tableMessages(readFileSync(PAGE, "utf8"));
        expect(produced.filter((message) => !rows.includes(message))).to.deep.equal([]);
        expect(new Set(produced).size, "two producers give one message").to.equal(produced.length);
    });
});
