/**
 * Email MFA, passkeys and feature plans against the AWS-shaped fake (tests/mock/fakeCognito.ts),
 * which refuses what AWS refuses (cognito-behaviour.md, "Passwordless, email MFA, passkeys and
 * feature plans", written "doc: <quote>" below): the calls each operation makes and in what order,
 * a failure half way through an update recorded as a partial failure that the next update
 * finishes, and AWS's feature-plan refusal turned into words.
 */
import {
    CognitoIdentityProviderClient,
    CreateUserPoolCommand,
    SetUserPoolMfaConfigCommand,
    UpdateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { AwsClientStub } from "aws-sdk-client-mock";
import { expect } from "chai";
import type { UserPoolState } from "../../provider/userPool/flatten";
import { create, diff, read, update } from "../../provider/userPool/provider";
import { describedPool, errors, POOL_ID, REGION, SERIALIZED_PROVIDER } from "./awsShapes";
import { commandNames, FakeCognito } from "./fakeCognito";
import { useMockedCognito } from "./mockedCognito";
import { rejection } from "../support/rejection";

type Props = Record<string, unknown>;

const SES = "arn:aws:ses:us-east-1:123456789012:identity/acme.example";
const MULTI = "MULTI_FACTOR_WITH_USER_VERIFICATION";

function inputs(props: Props): Props {
    return { __provider: SERIALIZED_PROVIDER, ...props };
}

/** A pool made by create with `program`, and its outputs: the olds of the next update. */
async function created(program: Props): Promise<{ id: string; outs: UserPoolState }> {
    const result = await create(inputs(program));
    return { id: result.id, outs: result.outs as UserPoolState };
}

describe("email MFA, passkeys and feature plans against the AWS-shaped fake", function () {
    let cognito: AwsClientStub<CognitoIdentityProviderClient>;
    let fake: FakeCognito;
    const mocked = useMockedCognito(REGION);

    beforeEach(function () {
        cognito = mocked.cognito;
        fake = new FakeCognito(cognito);
    });

    const totp = { mfaConfiguration: "OPTIONAL", softwareTokenMfaConfiguration: { enabled: true } };
    const developer = { emailSendingAccount: "DEVELOPER", sourceArn: SES };

    describe("create", function () {
        // doc: SetUserPoolMfaConfig alone carries EmailMfaConfiguration; it needs DEVELOPER email sending.
        it("with email MFA: CreateUserPool (MFA OFF, DEVELOPER sending), then SetUserPoolMfaConfig with every factor; no diff after", async function () {
            const program = { poolName: "acme", ...totp, emailConfiguration: developer, emailMfaConfiguration: { message: "Code {####}" } };
            const { id, outs } = await created(program);
            expect(commandNames(cognito)).to.deep.equal(["CreateUserPool", "SetUserPoolMfaConfig"]);
            expect(cognito.commandCalls(CreateUserPoolCommand)[0].args[0].input.MfaConfiguration).to.equal("OFF");
            const set = cognito.commandCalls(SetUserPoolMfaConfigCommand)[0].args[0].input;
            expect(set).to.deep.include({ MfaConfiguration: "OPTIONAL", EmailMfaConfiguration: { Message: "Code {####}" }, SoftwareTokenMfaConfiguration: { Enabled: true } });
            expect(outs.emailMfaConfiguration).to.deep.equal({ message: "Code {####}" });
            expect(await diff(id, outs, inputs(program))).to.include({ changes: false });
            const refreshed = await read(id, outs);
            expect(await diff(id, refreshed.props as Props, inputs(program))).to.include({ changes: false });
        });

        it("with passkey settings at AWS's defaults: CreateUserPool alone, and the defaults recorded", async function () {
            const program = { poolName: "acme", webAuthnConfiguration: { userVerification: "preferred" } };
            const { id, outs } = await created(program);
            expect(commandNames(cognito)).to.deep.equal(["CreateUserPool"]);
            expect(outs.webAuthnConfiguration).to.deep.equal({ userVerification: "preferred", factorConfiguration: "SINGLE_FACTOR" });
            const refreshed = await read(id, outs);
            expect(commandNames(cognito)).to.deep.equal(["CreateUserPool", "DescribeUserPool", "GetUserPoolMfaConfig"]);
            expect(await diff(id, refreshed.props as Props, inputs(program))).to.include({ changes: false });
        });
    });

    describe("refresh", function () {
        // Refresh reads GetUserPoolMfaConfig only for programs that declare a factor only it reports.
        it("calls GetUserPoolMfaConfig only when emailMfaConfiguration, webAuthnConfiguration or softwareTokenMfaConfiguration is declared", async function () {
            const { id, outs } = await created({ poolName: "acme", mfaConfiguration: "OPTIONAL", emailConfiguration: developer, emailMfaConfiguration: {} });
            const cases: Array<[string | undefined, string[]]> = [
                [undefined, ["DescribeUserPool"]],
                ["emailMfaConfiguration", ["DescribeUserPool", "GetUserPoolMfaConfig"]],
                ["webAuthnConfiguration", ["DescribeUserPool", "GetUserPoolMfaConfig"]],
            ];
            for (const [declared, expected] of cases) {
                cognito.resetHistory();
                const refreshed = await read(id, { ...outs, declaredFields: ["poolName", "mfaConfiguration", ...(declared ? [declared] : [])] });
                expect(commandNames(cognito), declared ?? "no factor field").to.deep.equal(expected);
                if (declared === "emailMfaConfiguration") expect(refreshed.props?.emailMfaConfiguration).to.deep.equal({});
                else expect(refreshed.props).not.to.have.property("emailMfaConfiguration");
            }
        });
    });

    describe("update", function () {
        it("sends SetUserPoolMfaConfig only when an MFA setting changes", async function () {
            const program = { poolName: "acme", ...totp, emailConfiguration: developer, emailMfaConfiguration: {} };
            const { id, outs } = await created(program);
            cognito.resetHistory();
            const result = await update(id, outs, inputs({ ...program, userPoolTags: { team: "identity" } }));
            expect(commandNames(cognito)).to.deep.equal(["DescribeUserPool", "UpdateUserPool"]);
            expect((result.outs as Props).emailMfaConfiguration, "recorded settings kept in the outputs").to.deep.equal({});
        });

        // doc: "Email block on COGNITO_DEFAULT: Cannot set EmailMfaConfiguration when user pool
        // EmailConfiguration contains an EmailSendingAccount of COGNITO_DEFAULT".
        it("email MFA on while email sending switches to DEVELOPER: Get, Describe, UpdateUserPool, then SetUserPoolMfaConfig", async function () {
            const { id, outs } = await created({ poolName: "acme", ...totp });
            cognito.resetHistory();
            const desired = { poolName: "acme", ...totp, emailConfiguration: developer, emailMfaConfiguration: { subject: "Your code" } };
            const result = await update(id, outs, inputs(desired));
            expect(commandNames(cognito)).to.deep.equal(["GetUserPoolMfaConfig", "DescribeUserPool", "UpdateUserPool", "SetUserPoolMfaConfig"]);
            // UpdateUserPool before the Set keeps the mode the pool has.
            expect(cognito.commandCalls(UpdateUserPoolCommand)[0].args[0].input.MfaConfiguration).to.equal("OPTIONAL");
            expect(await diff(id, result.outs as Props, inputs(desired))).to.include({ changes: false });
        });

        // doc: "Ordering bites both ways: Update-then-Set leaves a partial apply when Set is refused
        // (cdkd#1975)"; the next pulumi up must finish.
        it("a SetUserPoolMfaConfig failing after UpdateUserPool went through is a partial failure; the next update finishes with the Set alone left to do", async function () {
            const { id, outs } = await created({ poolName: "acme", ...totp });
            fake.failNext("SetUserPoolMfaConfig", errors.concurrentModification());
            cognito.resetHistory();
            const desired = { poolName: "acme", ...totp, emailConfiguration: developer, emailMfaConfiguration: {} };
            const failure = await rejection(update(id, outs, inputs(desired)));
            expect(failure.message).to.match(/^SetUserPoolMfaConfig for user pool .+ failed: ConcurrentModificationException/);
            expect(failure.id, "a partial failure: the engine records the state").to.equal(id);
            const recorded = failure.properties as UserPoolState;
            expect(recorded.__provider).to.equal(SERIALIZED_PROVIDER);
            expect(recorded.emailConfiguration, "UpdateUserPool went through").to.deep.include({ emailSendingAccount: "DEVELOPER" });
            expect(recorded).not.to.have.property("emailMfaConfiguration");
            expect(fake.current(id).EmailConfiguration?.EmailSendingAccount).to.equal("DEVELOPER");

            cognito.resetHistory();
            const finished = await update(id, recorded, inputs(desired));
            expect(commandNames(cognito)).to.deep.equal(["GetUserPoolMfaConfig", "DescribeUserPool", "SetUserPoolMfaConfig", "UpdateUserPool"]);
            expect(await diff(id, finished.outs as Props, inputs(desired))).to.include({ changes: false });
        });

        it("an UpdateUserPool failing after SetUserPoolMfaConfig went through is a partial failure recording the MFA setup as set", async function () {
            const program = { poolName: "acme", mfaConfiguration: "ON", softwareTokenMfaConfiguration: { enabled: true } };
            const { id, outs } = await created(program);
            fake.failNext("UpdateUserPool", errors.invalidParameter("Invalid lambda function configuration"));
            const desired = {
                ...program,
                policies: { signInPolicy: { allowedFirstAuthFactors: ["PASSWORD", "WEB_AUTHN"] } },
                webAuthnConfiguration: { relyingPartyId: "auth.example.com", factorConfiguration: MULTI },
            };
            cognito.resetHistory();
            const failure = await rejection(update(id, outs, inputs(desired)));
            // doc: ON with WEB_AUTHN needs MULTI_FACTOR_WITH_USER_VERIFICATION first: the Set went first.
            expect(commandNames(cognito)).to.deep.equal(["GetUserPoolMfaConfig", "DescribeUserPool", "SetUserPoolMfaConfig", "UpdateUserPool"]);
            expect(failure.id).to.equal(id);
            const recorded = failure.properties as UserPoolState;
            expect(recorded.webAuthnConfiguration).to.deep.equal({ relyingPartyId: "auth.example.com", userVerification: "preferred", factorConfiguration: MULTI });
            expect(recorded.declaredFields).to.include.members(["policies", "webAuthnConfiguration"]);
            expect(await diff(id, recorded, inputs(desired)), "the first factors are still to do").to.include({ changes: true });

            cognito.resetHistory();
            const finished = await update(id, recorded, inputs(desired));
            expect(commandNames(cognito), "no MFA setting left to change").to.deep.equal(["DescribeUserPool", "UpdateUserPool"]);
            expect(fake.current(id).Policies?.SignInPolicy?.AllowedFirstAuthFactors).to.deep.equal(["PASSWORD", "WEB_AUTHN"]);
            expect(await diff(id, finished.outs as Props, inputs(desired))).to.include({ changes: false });
        });

        it("a failure before any change is a plain error: the state stays as recorded", async function () {
            const { id, outs } = await created({ poolName: "acme", ...totp });
            fake.failNext("UpdateUserPool", errors.invalidParameter("Invalid lambda function configuration"));
            const failure = await rejection(update(id, outs, inputs({ poolName: "acme", ...totp, emailConfiguration: developer, emailMfaConfiguration: {} })));
            expect(failure.id, "nothing applied: not a partial failure").to.equal(undefined);
        });
    });

    describe("feature plans", function () {
        // doc: "FeatureUnavailableInTierException 'The following features need to be disabled for the
        // ESSENTIALS pricing tier configured: Threat Protection' (tf PR#40734)". The program does not
        // declare the tier, so check cannot know; the error names the features, the plan and the fix.
        it("turns FeatureUnavailableInTierException into the features, the pool's plan and what to do, when the tier is not declared", async function () {
            fake.seed(describedPool({ UserPoolTier: "LITE", MfaConfiguration: "OFF" }), REGION);
            const state = { poolName: "acme-users", declaredFields: ["poolName"], region: REGION, userPoolId: POOL_ID };
            const error = await rejection(update(POOL_ID, state, inputs({ poolName: "acme-users", policies: { signInPolicy: { allowedFirstAuthFactors: ["PASSWORD", "EMAIL_OTP"] } } })));
            expect(error.message).to.equal(
                `UpdateUserPool for user pool ${POOL_ID} failed: FeatureUnavailableInTierException: the pool's feature plan, LITE, does not include Passwordless Sign-In: declare userPoolTier "ESSENTIALS" or "PLUS", or turn that feature off`,
            );
        });

        it("names the PLUS plan for threat protection", async function () {
            fake.seed(describedPool({ UserPoolTier: "ESSENTIALS" }), REGION);
            const state = { poolName: "acme-users", declaredFields: ["poolName"], region: REGION, userPoolId: POOL_ID };
            const error = await rejection(update(POOL_ID, state, inputs({ poolName: "acme-users", userPoolAddOns: { advancedSecurityMode: "AUDIT" } })));
            expect(error.message).to.match(/does not include Threat Protection: declare userPoolTier "PLUS", or turn that feature off$/);
        });

        // doc: "To downgrade, first switch ... email MFA off (guide, feature-plans-deactivate)".
        it("downgrading to LITE with email MFA removed in the same update: SetUserPoolMfaConfig first", async function () {
            const program = { poolName: "acme", userPoolTier: "ESSENTIALS", ...totp, emailConfiguration: developer, emailMfaConfiguration: {} };
            const { id, outs } = await created(program);
            const { emailMfaConfiguration: _email, ...desired } = { ...program, userPoolTier: "LITE" };
            cognito.resetHistory();
            const result = await update(id, outs, inputs(desired));
            expect(commandNames(cognito)).to.deep.equal(["GetUserPoolMfaConfig", "DescribeUserPool", "SetUserPoolMfaConfig", "UpdateUserPool"]);
            expect(fake.current(id).UserPoolTier).to.equal("LITE");
            expect(await diff(id, result.outs as Props, inputs(desired))).to.include({ changes: false });
        });
    });
});
