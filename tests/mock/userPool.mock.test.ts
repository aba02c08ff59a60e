/**
 * The UserPool provider methods against a mocked Cognito API (aws-sdk-client-mock), pinning the
 * behaviour of real AWS that the local emulator does not model. Every test cites the line of
 * /work/shared/reference/cognito-behaviour.md (written "doc L<n>") or the API reference it models.
 *
 * The methods are called the way the Pulumi dynamic provider host calls them: plain objects,
 * inputs carrying the engine's `__provider` key, olds being the outputs the last operation stored.
 */
import {
    AddCustomAttributesCommand,
    CognitoIdentityProviderClient,
    CreateUserPoolCommand,
    DeleteUserPoolCommand,
    DescribeUserPoolCommand,
    GetUserPoolMfaConfigCommand,
    SetUserPoolMfaConfigCommand,
    UpdateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { AwsClientStub } from "aws-sdk-client-mock";
import { expect } from "chai";
import { setStackRegion } from "../../provider/client";
import { planUserPool } from "../../provider/userPool/diff";
import type { UserPoolState } from "../../provider/userPool/flatten";
import { check, create, deleteUserPool, diff, read, update } from "../../provider/userPool/provider";
import {
    attributeAsOutput,
    CREATED,
    customStringAttribute,
    describedPool,
    errors,
    hasNoStackTrace,
    LEGACY_VERIFICATION_MEMBERS,
    MODIFIED,
    OUTPUT_ONLY_MEMBERS,
    POOL_ARN,
    POOL_ID,
    REGION,
    SERIALIZED_PROVIDER,
} from "./awsShapes";
import { commandNames, FakeCognito } from "./fakeCognito";
import { useMockedCognito } from "./mockedCognito";
import { rejection } from "../support/rejection";

type Props = Record<string, unknown>;

/**
 * The outputs the provider stored after its last operation on the pool described by
 * describedPool(): the declared inputs (as the pool has them), `declaredFields`, the computed
 * outputs, and `live` for modeled fields the program did not declare (outputs carry every
 * modeled field as the pool has it).
 */
function storedState(declared: Props, live: Props = {}): Props {
    return {
        __provider: SERIALIZED_PROVIDER,
        ...live,
        ...declared,
        declaredFields: Object.keys(declared).sort(),
        region: REGION,
        userPoolId: POOL_ID,
        arn: POOL_ARN,
        endpoint: `cognito-idp.${REGION}.amazonaws.com/${POOL_ID}`,
        creationDate: CREATED.toISOString(),
        lastModifiedDate: MODIFIED.toISOString(),
        estimatedNumberOfUsers: 1342,
        domain: "acme-auth",
        schemaAttributes: (describedPool().SchemaAttributes ?? []).map(attributeAsOutput),
    };
}

/** The program's inputs as the host passes them to diff/update/create (after check). */
function programInputs(inputs: Props): Props {
    return { __provider: SERIALIZED_PROVIDER, ...inputs };
}

const STRONG_PASSWORDS = {
    passwordPolicy: {
        minimumLength: 8,
        requireUppercase: true,
        requireLowercase: true,
        requireNumbers: true,
        requireSymbols: true,
        temporaryPasswordValidityDays: 7,
    },
    signInPolicy: { allowedFirstAuthFactors: ["PASSWORD"] },
};

function onlyInput<T>(calls: { args: [{ input: T }] }[]): T {
    expect(calls, "number of calls of this command").to.have.length(1);
    return calls[0].args[0].input;
}

describe("UserPool provider against mocked Cognito (AWS behaviour the emulator does not model)", function () {
    let cognito: AwsClientStub<CognitoIdentityProviderClient>;
    let fake: FakeCognito;

    const mocked = useMockedCognito(REGION);

    beforeEach(function () {
        cognito = mocked.cognito;
        fake = new FakeCognito(cognito);
    });

    describe("update: full-state UpdateUserPool", function () {
        // doc L9-12: UpdateUserPool resets every member it is not sent (tags, triggers wiped in
        // aws-cli #3302, #6698, terraform-provider-aws #46216); doc L13-14: send everything
        // explicitly; doc L15-18: Describe output is not valid Update input.
        it("reads the pool, then sends one UpdateUserPool carrying every undeclared live member unchanged", async function () {
            fake.seed(describedPool(), REGION);
            const olds = storedState({ poolName: "acme-users", policies: STRONG_PASSWORDS });
            const news = programInputs({ poolName: "acme-users", policies: { passwordPolicy: { minimumLength: 12 } } });

            const planned = await diff(POOL_ID, olds, news);
            expect(planned.changes).to.equal(true);
            expect(planned.replaces).to.deep.equal([]);

            await update(POOL_ID, olds, news);

            expect(commandNames(cognito)).to.deep.equal(["DescribeUserPool", "UpdateUserPool"]);
            const input = onlyInput(cognito.commandCalls(UpdateUserPoolCommand)) as unknown as Props;
            const live = describedPool() as Props;
            expect(input.UserPoolId).to.equal(POOL_ID);
            expect(input.PoolName, "Name goes back as PoolName (doc L16)").to.equal("acme-users");
            // Members the program never declared, passed back exactly as Describe reported them.
            for (const member of [
                "LambdaConfig",
                "UserPoolTags",
                "DeviceConfiguration",
                "DeletionProtection",
                "AutoVerifiedAttributes",
                "UserAttributeUpdateSettings",
                "MfaConfiguration",
                "EmailConfiguration",
                "AccountRecoverySetting",
                "VerificationMessageTemplate",
                "UserPoolTier",
            ]) {
                expect(input[member], `${member} carried unchanged`).to.deep.equal(live[member]);
            }
            // A member this SDK/provider version does not model: the provider hands it on.
            // (The SDK's serializer itself drops members unknown to its model; see userPool.wire.test.ts.)
            expect(input.FutureSetting, "unmodeled Describe member passed back").to.deep.equal({ Mode: "STRICT", Version: 3 });
            // The declared field, with the nested members it left out set to their defaults
            // (schema: a missing require* flag means false; doc L13-14: never rely on omission).
            expect((input.Policies as Props).PasswordPolicy).to.deep.equal({
                MinimumLength: 12,
                RequireUppercase: false,
                RequireLowercase: false,
                RequireNumbers: false,
                RequireSymbols: false,
                PasswordHistorySize: 0,
                TemporaryPasswordValidityDays: 7,
            });
            for (const member of OUTPUT_ONLY_MEMBERS) expect(input, `output-only member ${member}`).not.to.have.property(member);

            // Exactly: Describe's members minus output-only ones and the legacy copies, plus the ids.
            const expectedKeys = Object.keys(live)
                .filter((k) => !OUTPUT_ONLY_MEMBERS.includes(k) && !LEGACY_VERIFICATION_MEMBERS.includes(k))
                .concat(["UserPoolId", "PoolName"])
                .sort();
            expect(Object.keys(input).sort()).to.deep.equal(expectedKeys);

            // And AWS (the fake applies replace semantics) still has everything afterwards.
            const after = fake.current(POOL_ID) as Props;
            expect(after.LambdaConfig).to.deep.equal(live.LambdaConfig);
            expect(after.UserPoolTags).to.deep.equal(live.UserPoolTags);
            expect(after.DeviceConfiguration).to.deep.equal(live.DeviceConfiguration);
        });

        // doc L37-39: PoolName can be changed in place by UpdateUserPool; replacing on rename
        // (terraform-provider-aws #42627) would delete every user.
        it("renames in place: diff has no replaces and UpdateUserPool carries the new PoolName", async function () {
            fake.seed(describedPool(), REGION);
            const olds = storedState({ poolName: "acme-users" });
            const news = programInputs({ poolName: "acme-customers" });

            const planned = await diff(POOL_ID, olds, news);
            expect(planned.changes).to.equal(true);
            expect(planned.replaces).to.deep.equal([]);

            const result = await update(POOL_ID, olds, news);
            expect(commandNames(cognito)).to.deep.equal(["DescribeUserPool", "UpdateUserPool"]);
            expect(onlyInput(cognito.commandCalls(UpdateUserPoolCommand)).PoolName).to.equal("acme-customers");
            expect(cognito.commandCalls(CreateUserPoolCommand)).to.have.length(0);
            expect(cognito.commandCalls(DeleteUserPoolCommand)).to.have.length(0);
            expect(result.outs?.poolName).to.equal("acme-customers");
            expect(result.outs?.userPoolId).to.equal(POOL_ID);
            expect(fake.current(POOL_ID).Name).to.equal("acme-customers");
        });
    });

    describe("the UnusedAccountValidityDays trap", function () {
        // doc L19-21: Describe returns AdminCreateUserConfig.UnusedAccountValidityDays; sending it
        // back fails ("Please use TemporaryPasswordValidityDays in PasswordPolicy instead of
        // UnusedAccountValidityDays"), terraform-provider-aws #9286, #14294; pulumi-aws-native #1256.
        it("never sends UnusedAccountValidityDays back when adminCreateUserConfig is undeclared", async function () {
            fake.seed(describedPool(), REGION);
            const olds = storedState({ poolName: "acme-users", deletionProtection: "INACTIVE" });
            const news = programInputs({ poolName: "acme-users", deletionProtection: "ACTIVE" });

            await update(POOL_ID, olds, news);

            const input = onlyInput(cognito.commandCalls(UpdateUserPoolCommand));
            expect(input.DeletionProtection).to.equal("ACTIVE");
            expect(input.AdminCreateUserConfig).to.deep.equal({
                AllowAdminCreateUserOnly: false,
                InviteMessageTemplate: describedPool().AdminCreateUserConfig?.InviteMessageTemplate,
            });
            expect(input.AdminCreateUserConfig).not.to.have.property("UnusedAccountValidityDays");
        });

        it("never sends UnusedAccountValidityDays back when adminCreateUserConfig is declared", async function () {
            fake.seed(describedPool(), REGION);
            const olds = storedState({ poolName: "acme-users", adminCreateUserConfig: { allowAdminCreateUserOnly: false } });
            const news = programInputs({ poolName: "acme-users", adminCreateUserConfig: { allowAdminCreateUserOnly: true } });

            await update(POOL_ID, olds, news);

            const input = onlyInput(cognito.commandCalls(UpdateUserPoolCommand));
            expect(input.AdminCreateUserConfig?.AllowAdminCreateUserOnly).to.equal(true);
            expect(input.AdminCreateUserConfig).not.to.have.property("UnusedAccountValidityDays");
        });

        // doc L19-21 again: a program that declares it would fail at `pulumi up`; check must reject it
        // at preview, point to the replacement, and cost no AWS call.
        it("check rejects adminCreateUserConfig.unusedAccountValidityDays, naming temporaryPasswordValidityDays, with no AWS call", async function () {
            const result = await check({}, programInputs({ poolName: "acme-users", adminCreateUserConfig: { unusedAccountValidityDays: 14 } }));

            const failures = result.failures ?? [];
            expect(failures.map((f) => f.property)).to.include("adminCreateUserConfig.unusedAccountValidityDays");
            const failure = failures.find((f) => f.property === "adminCreateUserConfig.unusedAccountValidityDays");
            expect(failure?.reason).to.match(/temporaryPasswordValidityDays/);
            expect(cognito.calls(), "AWS calls made by check").to.have.length(0);
        });
    });

    describe("legacy verification messages", function () {
        // doc L22-24: EmailVerificationMessage / EmailVerificationSubject / SmsVerificationMessage are
        // legacy copies of VerificationMessageTemplate; Describe returns both; send them consistently
        // or not at all.
        it("sends the template and none of the legacy copies", async function () {
            fake.seed(describedPool(), REGION);
            const olds = storedState({ poolName: "acme-users" });
            const news = programInputs({ poolName: "acme-users", userPoolTags: { team: "identity", "cost-center": "4712" } });

            await update(POOL_ID, olds, news);

            const input = onlyInput(cognito.commandCalls(UpdateUserPoolCommand)) as unknown as Props;
            for (const legacy of LEGACY_VERIFICATION_MEMBERS) expect(input, legacy).not.to.have.property(legacy);
            expect(input.VerificationMessageTemplate).to.deep.equal(describedPool().VerificationMessageTemplate);
        });

        it("moves the legacy members into the template when Describe has only the legacy ones", async function () {
            fake.seed(describedPool({ VerificationMessageTemplate: undefined }), REGION);
            const olds = storedState({ poolName: "acme-users" });
            const news = programInputs({ poolName: "acme-users", deletionProtection: "ACTIVE" });

            await update(POOL_ID, olds, news);

            const input = onlyInput(cognito.commandCalls(UpdateUserPoolCommand)) as unknown as Props;
            for (const legacy of LEGACY_VERIFICATION_MEMBERS) expect(input, legacy).not.to.have.property(legacy);
            expect(input.VerificationMessageTemplate).to.deep.equal({
                EmailMessage: "Your verification code is {####}. ",
                EmailSubject: "Your verification code",
                SmsMessage: "Your verification code is {####}. ",
            });
            // The messages survive the replace-style update.
            expect(fake.current(POOL_ID).VerificationMessageTemplate?.EmailMessage).to.equal("Your verification code is {####}. ");
        });
    });

    describe("removing a declared field", function () {
        // doc L9-14: a field the program stops declaring must be reset explicitly (its reset value
        // sent), never by leaving it out; the schema says undeclared tags/triggers are removed.
        it("sends the reset value of each field no longer declared, and diff reports a change", async function () {
            fake.seed(describedPool(), REGION);
            const live = describedPool();
            const olds = storedState({
                poolName: "acme-users",
                userPoolTags: { team: "identity", "cost-center": "4711" },
                lambdaConfig: {
                    preSignUp: live.LambdaConfig?.PreSignUp,
                    postConfirmation: live.LambdaConfig?.PostConfirmation,
                    customEmailSender: { lambdaVersion: "V1_0", lambdaArn: live.LambdaConfig?.CustomEmailSender?.LambdaArn },
                    kmsKeyId: live.LambdaConfig?.KMSKeyID,
                },
            });
            const news = programInputs({ poolName: "acme-users" });

            const planned = await diff(POOL_ID, olds, news);
            expect(planned.changes).to.equal(true);
            expect(planned.replaces).to.deep.equal([]);

            const result = await update(POOL_ID, olds, news);

            const input = onlyInput(cognito.commandCalls(UpdateUserPoolCommand));
            expect(input.UserPoolTags).to.deep.equal({});
            expect(input.LambdaConfig).to.deep.equal({});
            // Still carried: fields that were never declared.
            expect(input.DeviceConfiguration).to.deep.equal(live.DeviceConfiguration);
            expect(result.outs?.declaredFields).to.deep.equal(["poolName"]);
        });
    });

    describe("MFA", function () {
        // doc L63-66: UpdateUserPool cannot turn MFA ON after creation ("Cannot turn MFA
        // functionality ON, once the user pool has been created"); SetUserPoolMfaConfig can and is the
        // only way to set TOTP; GetUserPoolMfaConfig reads it back. The fake rejects
        // UpdateUserPool{MfaConfiguration: ON} while the pool's MFA is still OFF.
        it("turns MFA ON with SetUserPoolMfaConfig before the full-state UpdateUserPool", async function () {
            fake.seed(describedPool({ MfaConfiguration: "OFF" }), REGION);
            const olds = storedState({ poolName: "acme-users", mfaConfiguration: "OFF" });
            const news = programInputs({ poolName: "acme-users", mfaConfiguration: "ON", softwareTokenMfaConfiguration: { enabled: true } });

            const planned = await diff(POOL_ID, olds, news);
            expect(planned.changes).to.equal(true);
            expect(planned.replaces).to.deep.equal([]);

            const result = await update(POOL_ID, olds, news);

            // MFA first (UpdateUserPool cannot turn it ON). The one Describe comes before it: the
            // order of the two calls is decided on the pool as it is (provider/userPool/mfa.ts), and
            // the full-state request is built from it, with the mode the Set left.
            expect(commandNames(cognito)).to.deep.equal(["GetUserPoolMfaConfig", "DescribeUserPool", "SetUserPoolMfaConfig", "UpdateUserPool"]);
            const set = onlyInput(cognito.commandCalls(SetUserPoolMfaConfigCommand));
            expect(set.UserPoolId).to.equal(POOL_ID);
            expect(set.MfaConfiguration).to.equal("ON");
            expect(set.SoftwareTokenMfaConfiguration).to.deep.equal({ Enabled: true });
            expect(onlyInput(cognito.commandCalls(UpdateUserPoolCommand)).MfaConfiguration).to.equal("ON");
            expect(result.outs?.mfaConfiguration).to.equal("ON");
            expect(result.outs?.softwareTokenMfaConfiguration).to.deep.equal({ enabled: true });
            expect(fake.current(POOL_ID).MfaConfiguration).to.equal("ON");
        });

        // The fake itself must refuse the wrong order, or the test above could not fail.
        it("(fake self-check) UpdateUserPool alone cannot turn MFA ON", async function () {
            fake.seed(describedPool({ MfaConfiguration: "OFF" }), REGION);
            const client = new CognitoIdentityProviderClient({ region: REGION });
            const error = await rejection(client.send(new UpdateUserPoolCommand({ UserPoolId: POOL_ID, MfaConfiguration: "ON" })));
            expect(error.message).to.equal("Cannot turn MFA functionality ON, once the user pool has been created.");
        });

        // doc L63-66: TOTP can only be set by SetUserPoolMfaConfig, so CreateUserPool gets MFA OFF and
        // SetUserPoolMfaConfig switches it ON right after (CreateUserPool with ON and no SMS factor
        // fails, doc L67-69; the fake rejects it).
        it("create with TOTP MFA ON: CreateUserPool with MFA OFF, then SetUserPoolMfaConfig ON; exactly 2 calls", async function () {
            const inputs = programInputs({ poolName: "acme-users", mfaConfiguration: "ON", softwareTokenMfaConfiguration: { enabled: true } });

            const result = await create(inputs);

            expect(commandNames(cognito)).to.deep.equal(["CreateUserPool", "SetUserPoolMfaConfig"]);
            expect(onlyInput(cognito.commandCalls(CreateUserPoolCommand)).MfaConfiguration).to.equal("OFF");
            const set = onlyInput(cognito.commandCalls(SetUserPoolMfaConfigCommand));
            expect(set.UserPoolId).to.equal(result.id);
            expect(set.MfaConfiguration).to.equal("ON");
            expect(set.SoftwareTokenMfaConfiguration).to.deep.equal({ Enabled: true });
            expect(result.outs?.mfaConfiguration).to.equal("ON");
            expect(result.outs?.softwareTokenMfaConfiguration).to.deep.equal({ enabled: true });
        });

        // API reference, CreateUserPool: the response is the new pool (UserPoolType); nothing more
        // needs reading (doc L100-101: Describe shares a small quota).
        it("create without MFA: exactly one call, CreateUserPool, and no Describe", async function () {
            const result = await create(programInputs({ poolName: "acme-users", deletionProtection: "ACTIVE" }));

            expect(commandNames(cognito)).to.deep.equal(["CreateUserPool"]);
            expect(cognito.commandCalls(DescribeUserPoolCommand)).to.have.length(0);
            expect(result.id).to.match(/^us-east-1_/);
            expect(result.outs?.userPoolId).to.equal(result.id);
            expect(result.outs?.deletionProtection).to.equal("ACTIVE");
            expect(result.outs?.creationDate).to.equal("2025-07-01T12:00:00.000Z");
        });
    });

    describe("partial failure", function () {
        // doc L120-122: a resource created before a later step failed is reported by throwing an
        // error carrying `id`, `properties` (which must include `__provider`) and `reasons`, so the
        // engine records the pool instead of leaking it.
        it("SetUserPoolMfaConfig failing after CreateUserPool reports the new pool with __provider and reasons", async function () {
            cognito.on(SetUserPoolMfaConfigCommand).rejects(errors.concurrentModification());
            const inputs = programInputs({ poolName: "acme-users", mfaConfiguration: "ON", softwareTokenMfaConfiguration: { enabled: true } });

            const error = await rejection(create(inputs));

            const [created] = [...fake.pools.keys()];
            expect(created, "the pool was created").to.be.a("string");
            expect(error.id).to.equal(created);
            const properties = error.properties as Props;
            expect(properties.__provider).to.equal(SERIALIZED_PROVIDER);
            expect(properties.userPoolId).to.equal(created);
            expect(properties.poolName).to.equal("acme-users");
            expect(properties.arn).to.equal(`arn:aws:cognito-idp:${REGION}:123456789012:userpool/${created}`);
            // What AWS really has, so the next `pulumi up` sees MFA still needs switching on.
            expect(properties.mfaConfiguration).to.equal("OFF");
            expect(properties.declaredFields).to.include("softwareTokenMfaConfiguration");
            expect(error.reasons).to.be.an("array").that.is.not.empty;
            expect(String((error.reasons as unknown[])[0])).to.include("SetUserPoolMfaConfig");
            expect(error.message).to.include("The user pool was modified by another request");
            expect(hasNoStackTrace(error.message)).to.equal(true);
        });
    });

    describe("delete", function () {
        // API reference, DeleteUserPool: ResourceNotFoundException when the pool is gone; deleting
        // what is already deleted is success.
        it("treats ResourceNotFoundException as success", async function () {
            await deleteUserPool(POOL_ID, storedState({ poolName: "acme-users" }));
            expect(commandNames(cognito)).to.deep.equal(["DeleteUserPool"]);
        });

        // doc L79-80: DeletionProtection ACTIVE makes DeleteUserPool fail with
        // InvalidParameterException; it must be set INACTIVE first.
        it("explains deletion protection: set deletionProtection INACTIVE first", async function () {
            fake.seed(describedPool({ DeletionProtection: "ACTIVE", Domain: undefined }), REGION);
            const error = await rejection(deleteUserPool(POOL_ID, storedState({ poolName: "acme-users", deletionProtection: "ACTIVE" })));
            expect(error.message).to.include(POOL_ID);
            expect(error.message).to.match(/deletionProtection/);
            expect(error.message).to.match(/"?INACTIVE"?/);
            expect(hasNoStackTrace(error.message)).to.equal(true);
            expect(fake.pools.has(POOL_ID), "pool still exists").to.equal(true);
        });

        // doc L81-82: "User pool cannot be deleted. It has a domain configured that should be
        // deleted first."
        it("explains a remaining domain: delete the domain first", async function () {
            fake.seed(describedPool({ DeletionProtection: "INACTIVE", Domain: "acme-auth" }), REGION);
            const error = await rejection(deleteUserPool(POOL_ID, storedState({ poolName: "acme-users" })));
            expect(error.message).to.include(POOL_ID);
            expect(error.message).to.match(/domain/i);
            expect(error.message).to.include("acme-auth");
            expect(error.message).to.match(/delete (its|the) (UserPoolDomain|domain) first/i);
            expect(error.message).not.to.match(/deletionProtection/);
            expect(hasNoStackTrace(error.message)).to.equal(true);
        });
    });

    describe("diff: replacements and schema", function () {
        // doc L42-46: UsernameConfiguration can never change; replacing deletes every user.
        // doc L79-80: with deletion protection the replacement's delete would fail after a second pool
        // was created, so diff must refuse and name the field.
        it("refuses a replacement while deletion protection is ACTIVE, naming the field that forces it", async function () {
            const olds = storedState({ poolName: "acme-users", usernameConfiguration: { caseSensitive: false } }, { deletionProtection: "ACTIVE" });
            const news = programInputs({ poolName: "acme-users", usernameConfiguration: { caseSensitive: true } });

            const error = await rejection(diff(POOL_ID, olds, news));

            expect(error.message).to.include("usernameConfiguration");
            expect(error.message).to.match(/deletionProtection/);
            expect(error.message).to.include("INACTIVE");
            expect(hasNoStackTrace(error.message)).to.equal(true);
            expect(cognito.calls()).to.have.length(0);
        });

        it("replaces on a usernameConfiguration change when deletion protection is INACTIVE", async function () {
            const olds = storedState({ poolName: "acme-users", usernameConfiguration: { caseSensitive: false } }, { deletionProtection: "INACTIVE" });
            const news = programInputs({ poolName: "acme-users", usernameConfiguration: { caseSensitive: true } });

            const planned = await diff(POOL_ID, olds, news);

            expect(planned.changes).to.equal(true);
            expect(planned.replaces).to.deep.equal(["usernameConfiguration"]);
        });

        // doc L44: custom attributes can be added (AddCustomAttributes) but never removed or modified;
        // doc L53-56: Describe reports them as custom:NAME with constraints filled.
        it("adds a custom attribute in place: changes without replaces, AddCustomAttributes with the new attribute only, then Describe and Update", async function () {
            fake.seed(describedPool(), REGION);
            const declaredSchema = [{ name: "tenant", attributeDataType: "String" }];
            const olds = storedState({ poolName: "acme-users", schema: declaredSchema });
            const news = programInputs({
                poolName: "acme-users",
                schema: [...declaredSchema, { name: "plan", attributeDataType: "String", mutable: true }],
            });

            const planned = await diff(POOL_ID, olds, news);
            expect(planned.changes).to.equal(true);
            expect(planned.replaces).to.deep.equal([]);

            const result = await update(POOL_ID, olds, news);

            // The Describe that feeds the full-state update comes after AddCustomAttributes, so it
            // also reads back AWS's definition of the new attribute: three calls, not four.
            expect(commandNames(cognito)).to.deep.equal(["AddCustomAttributes", "DescribeUserPool", "UpdateUserPool"]);
            const add = onlyInput(cognito.commandCalls(AddCustomAttributesCommand));
            expect(add.UserPoolId).to.equal(POOL_ID);
            expect(add.CustomAttributes).to.have.length(1);
            expect(add.CustomAttributes?.[0]).to.include({ Name: "plan", AttributeDataType: "String" });
            expect(cognito.commandCalls(CreateUserPoolCommand)).to.have.length(0);
            const names = (fake.current(POOL_ID).SchemaAttributes ?? []).map((a) => a.Name);
            expect(names).to.include.members(["custom:tenant", "custom:plan"]);
            expect((result.outs?.schemaAttributes as Props[]).map((a) => a.name)).to.include("custom:plan");
            // The outputs hold the attribute as AWS defined it, so a refresh finds nothing to change.
            const refreshed = await read(POOL_ID, result.outs as Props);
            expect(refreshed.props?.schemaAttributes).to.deep.equal(result.outs?.schemaAttributes);
        });

        // API reference, AddCustomAttributes: CustomAttributes holds 1 to 25 attributes per call,
        // while a pool may have 50 custom attributes (the fake refuses a longer list).
        it("adds more than 25 custom attributes in calls of at most 25", async function () {
            fake.seed(describedPool(), REGION);
            const declaredSchema = [{ name: "tenant", attributeDataType: "String" }];
            const more = Array.from({ length: 30 }, (_, i) => ({ name: `a${i + 1}`, attributeDataType: "String" }));
            const olds = storedState({ poolName: "acme-users", schema: declaredSchema });
            const news = programInputs({ poolName: "acme-users", schema: [...declaredSchema, ...more] });

            const result = await update(POOL_ID, olds, news);

            expect(commandNames(cognito)).to.deep.equal(["AddCustomAttributes", "AddCustomAttributes", "DescribeUserPool", "UpdateUserPool"]);
            const batches = cognito.commandCalls(AddCustomAttributesCommand).map((call) => call.args[0].input.CustomAttributes?.map((a) => a.Name));
            expect(batches).to.deep.equal([more.slice(0, 25).map((a) => a.name), more.slice(25).map((a) => a.name)]);
            expect(await diff(POOL_ID, result.outs as Props, news)).to.include({ changes: false });
        });

        it("records the attributes of the batches that got through when a later batch fails, so the next update adds only the rest", async function () {
            // a30 was added out of band since the last refresh: the second batch fails on it.
            fake.seed({ ...describedPool(), SchemaAttributes: [...(describedPool().SchemaAttributes ?? []), customStringAttribute("a30")] }, REGION);
            const declaredSchema = [{ name: "tenant", attributeDataType: "String" }];
            const more = Array.from({ length: 30 }, (_, i) => ({ name: `a${i + 1}`, attributeDataType: "String" }));
            const olds = storedState({ poolName: "acme-users", schema: declaredSchema });
            const news = programInputs({ poolName: "acme-users", schema: [...declaredSchema, ...more] });

            const failure = await update(POOL_ID, olds, news).then(
                () => undefined,
                (error: unknown) => error as Error & { id?: string; properties?: Props },
            );

            expect(failure?.message).to.match(/AddCustomAttributes for user pool .* failed: .*Existing attribute already has name custom:a30/);
            expect(failure?.id, "a partial failure: the engine records the state").to.equal(POOL_ID);
            const recorded = (failure?.properties?.schemaAttributes as Props[]).map((a) => a.name);
            expect(recorded).to.include.members(more.slice(0, 25).map((a) => `custom:${a.name}`));
            expect(recorded).not.to.include.members(["custom:a26", "custom:a30"]);
            expect(commandNames(cognito)).to.deep.equal(["AddCustomAttributes", "AddCustomAttributes"]);
            // The next plan adds only the attributes the pool does not have by the recorded state.
            const next = planUserPool(failure?.properties as UserPoolState, news);
            expect(next.schema.added.map((a) => a.name)).to.deep.equal(["a26", "a27", "a28", "a29", "a30"]);
        });

        // doc L53: AWS names custom attributes custom:NAME, adding the prefix to whatever name it
        // is sent; doc L44: an attribute created under a wrong name can never be removed.
        it("creates a custom attribute declared as custom:tenant by sending tenant, so the pool gets custom:tenant and no diff remains", async function () {
            const inputs = programInputs({ poolName: "acme-users", schema: [{ name: "custom:tenant", attributeDataType: "String" }] });

            const created = await create(inputs);

            const request = onlyInput(cognito.commandCalls(CreateUserPoolCommand));
            expect((request.Schema ?? []).map((a) => a.Name)).to.deep.equal(["tenant"]);
            const names = (fake.current(created.id).SchemaAttributes ?? []).map((a) => a.Name);
            expect(names).to.include("custom:tenant").and.not.include("custom:custom:tenant");
            expect(await diff(created.id, created.outs as Props, inputs)).to.deep.include({ changes: false, replaces: [] });
            const refreshed = await read(created.id, created.outs as Props);
            expect(await diff(created.id, refreshed.props as Props, inputs)).to.deep.include({ changes: false, replaces: [] });

            // The next attribute, also with the prefix, goes to AddCustomAttributes without it.
            const more = programInputs({
                poolName: "acme-users",
                schema: [{ name: "custom:tenant", attributeDataType: "String" }, { name: "custom:plan", attributeDataType: "String" }],
            });
            const updated = await update(created.id, refreshed.props as Props, more);
            expect(onlyInput(cognito.commandCalls(AddCustomAttributesCommand)).CustomAttributes?.map((a) => a.Name)).to.deep.equal(["plan"]);
            expect((fake.current(created.id).SchemaAttributes ?? []).map((a) => a.Name)).to.include("custom:plan").and.not.include("custom:custom:plan");
            expect(await diff(created.id, updated.outs as Props, more)).to.deep.include({ changes: false, replaces: [] });
        });

        it("(fake self-check) AddCustomAttributes with custom:tenant makes custom:custom:tenant, and refuses it a second time", async function () {
            fake.seed(describedPool(), REGION);
            const client = new CognitoIdentityProviderClient({ region: REGION });
            const add = () => client.send(new AddCustomAttributesCommand({ UserPoolId: POOL_ID, CustomAttributes: [{ Name: "custom:tenant", AttributeDataType: "String" }] }));
            await add();
            expect((fake.current(POOL_ID).SchemaAttributes ?? []).map((a) => a.Name)).to.include("custom:custom:tenant");
            expect((await rejection(add())).message).to.equal("custom:custom:tenant: Existing attribute already has name custom:custom:tenant.");
            client.destroy();
        });

        // doc L42-44: existing schema attributes can never change.
        it("replaces on a changed type of an existing attribute", async function () {
            const olds = storedState({ poolName: "acme-users", schema: [{ name: "tenant", attributeDataType: "String" }] });
            const news = programInputs({ poolName: "acme-users", schema: [{ name: "tenant", attributeDataType: "Number" }] });

            const planned = await diff(POOL_ID, olds, news);

            expect(planned.changes).to.equal(true);
            expect(planned.replaces).to.deep.equal(["schema"]);
        });

        // doc L49-56: all standard attributes and AWS-filled constraints come back from Describe;
        // comparing naively diffs forever.
        it("a declared custom attribute without constraints is not a change against Describe's filled-in version", async function () {
            const olds = storedState({ poolName: "acme-users", schema: [{ name: "tenant", attributeDataType: "String" }] });
            const news = programInputs({ poolName: "acme-users", schema: [{ name: "tenant", attributeDataType: "String" }] });

            const planned = await diff(POOL_ID, olds, news);

            expect(planned.changes).to.equal(false);
            expect(planned.replaces).to.deep.equal([]);
        });
    });

    describe("read", function () {
        // doc L123-124: read returning no id tells `pulumi refresh` the resource is gone.
        it("returns an empty result (no id) when the pool no longer exists", async function () {
            const result = await read(POOL_ID, storedState({ poolName: "acme-users" }));
            expect(result.id).to.equal(undefined);
            expect(result.props).to.equal(undefined);
            expect(commandNames(cognito)).to.deep.equal(["DescribeUserPool"]);
        });

        // doc L65-66: TOTP settings are only visible through GetUserPoolMfaConfig; doc L100-101: the
        // read quota is small, so only read them when the program manages them.
        it("calls GetUserPoolMfaConfig only when softwareTokenMfaConfiguration is declared", async function () {
            fake.seed(describedPool({ MfaConfiguration: "OPTIONAL" }), REGION, {
                MfaConfiguration: "OPTIONAL",
                SoftwareTokenMfaConfiguration: { Enabled: true },
            });

            const without = await read(POOL_ID, storedState({ poolName: "acme-users", mfaConfiguration: "OPTIONAL" }));
            expect(commandNames(cognito)).to.deep.equal(["DescribeUserPool"]);
            expect(without.id).to.equal(POOL_ID);
            expect(without.props).not.to.have.property("softwareTokenMfaConfiguration");

            cognito.resetHistory();
            const withTotp = await read(
                POOL_ID,
                storedState({ poolName: "acme-users", mfaConfiguration: "OPTIONAL", softwareTokenMfaConfiguration: { enabled: true } }),
            );
            expect(commandNames(cognito)).to.deep.equal(["DescribeUserPool", "GetUserPoolMfaConfig"]);
            expect(cognito.commandCalls(GetUserPoolMfaConfigCommand)[0].args[0].input.UserPoolId).to.equal(POOL_ID);
            expect(withTotp.props?.softwareTokenMfaConfiguration).to.deep.equal({ enabled: true });
            expect(withTotp.props?.mfaConfiguration).to.equal("OPTIONAL");
        });

        // doc L19-24, L49-53: outputs are the modeled fields in input shape; the AWS-only members
        // (UnusedAccountValidityDays, legacy copies, FutureSetting) never leak into them.
        it("flattens a real-looking Describe response into input-shaped outputs", async function () {
            fake.seed(describedPool(), REGION);
            const result = await read(POOL_ID, storedState({ poolName: "acme-users", adminCreateUserConfig: { allowAdminCreateUserOnly: false } }));
            const props = result.props as Props;
            expect(props.poolName).to.equal("acme-users");
            expect(props.creationDate).to.equal(CREATED.toISOString());
            expect(props.lastModifiedDate).to.equal(MODIFIED.toISOString());
            expect(props.adminCreateUserConfig).not.to.have.property("unusedAccountValidityDays");
            expect(props).not.to.have.property("FutureSetting");
            expect(props).not.to.have.property("emailVerificationMessage");
            expect(props.domain).to.equal("acme-auth");
            // Standard attributes exactly at Cognito's defaults are left out of the state (lean state).
            const names = (props.schemaAttributes as Props[]).map((a) => a.name);
            expect(names).to.include("custom:tenant");
            expect(names).not.to.include.members(["sub", "birthdate"]);
        });

        it("outputs no undeclared setting, and stores the declared fields as the pool has them as inputs", async function () {
            // Undeclared settings belong to whoever manages them: as outputs, a refresh would show
            // their changes. The stored inputs are what the CLI diffs an update against.
            fake.seed(describedPool({ Policies: { PasswordPolicy: { MinimumLength: 8 } } }), REGION);
            const result = await read(POOL_ID, storedState({ poolName: "acme-users", policies: { passwordPolicy: { minimumLength: 12 } } }));
            const props = result.props as Props;
            for (const undeclared of ["lambdaConfig", "deviceConfiguration", "emailConfiguration", "adminCreateUserConfig", "mfaConfiguration"]) {
                expect(props, undeclared).not.to.have.property(undeclared);
            }
            expect(props.deletionProtection, "kept: it guards every replacement").to.be.a("string");
            const inputs = result.inputs as Props;
            expect(Object.keys(inputs).sort()).to.deep.equal(["policies", "poolName"]);
            expect(((inputs.policies as Props).passwordPolicy as Props).minimumLength).to.equal(8);
        });
    });

    describe("errors reach the user as one sentence", function () {
        // Provider contract (provider/shared/errors.ts) and doc L120-122: the engine shows the
        // message; it must name the operation, the pool and AWS's own message, without a stack trace.
        it("UpdateUserPool failure: operation, pool id and AWS's message", async function () {
            fake.seed(describedPool(), REGION);
            cognito.on(UpdateUserPoolCommand).rejects(errors.notAuthorized("User: arn:aws:sts::123456789012:assumed-role/deployer/ci is not authorized to perform: cognito-idp:UpdateUserPool"));
            const error = await rejection(
                update(POOL_ID, storedState({ poolName: "acme-users" }), programInputs({ poolName: "acme-users", deletionProtection: "ACTIVE" })),
            );
            expect(error.message).to.include("UpdateUserPool");
            expect(error.message).to.include(POOL_ID);
            expect(error.message).to.include("is not authorized to perform: cognito-idp:UpdateUserPool");
            expect(error.message).not.to.include("\n");
            expect(hasNoStackTrace(error.message)).to.equal(true);
        });

        it("CreateUserPool failure: operation, pool name and AWS's message", async function () {
            cognito.on(CreateUserPoolCommand).rejects(errors.invalidParameter("1 validation error detected: Value 'x' at 'poolName' failed to satisfy constraint"));
            const error = await rejection(create(programInputs({ poolName: "acme-users" })));
            expect(error.message).to.include("CreateUserPool");
            expect(error.message).to.include("acme-users");
            expect(error.message).to.include("1 validation error detected");
            expect(error.message).not.to.include("\n");
            expect(hasNoStackTrace(error.message)).to.equal(true);
        });

        it("DescribeUserPool failure during update (not 'not found'): operation, pool id and AWS's message", async function () {
            cognito.on(DescribeUserPoolCommand).rejects(errors.throttled());
            const error = await rejection(
                update(POOL_ID, storedState({ poolName: "acme-users" }), programInputs({ poolName: "acme-users", deletionProtection: "ACTIVE" })),
            );
            expect(error.message).to.include("DescribeUserPool");
            expect(error.message).to.include(POOL_ID);
            expect(error.message).to.include("Rate exceeded");
            expect(error.message).not.to.include("\n");
            expect(cognito.commandCalls(UpdateUserPoolCommand)).to.have.length(0);
        });

        it("DeleteUserPool failure other than protection or domain: operation, pool id and AWS's message", async function () {
            fake.seed(describedPool({ Domain: undefined }), REGION);
            cognito.on(DeleteUserPoolCommand).rejects(errors.notAuthorized("Access to user pool is denied."));
            const error = await rejection(deleteUserPool(POOL_ID, storedState({ poolName: "acme-users" })));
            expect(error.message).to.include("DeleteUserPool");
            expect(error.message).to.include(POOL_ID);
            expect(error.message).to.include("Access to user pool is denied.");
            expect(error.message).not.to.include("\n");
        });
    });

    describe("findings: round trips and regions", function () {
        // doc L111-116 (diff is what the engine sees) with doc L65-66 (TOTP state only exists in
        // GetUserPoolMfaConfig): right after create, the same program must diff as unchanged.
        it("create then diff with the same inputs reports no changes (softwareTokenMfaConfiguration disabled)", async function () {
            const inputs = programInputs({ poolName: "acme-users", softwareTokenMfaConfiguration: { enabled: false } });
            const created = await create(inputs);
            const olds = { ...created.outs, __provider: SERIALIZED_PROVIDER };

            const planned = await diff(created.id, olds, inputs);

            expect(planned.changes, "spurious update right after create").to.equal(false);
        });

        it("create then diff with the same inputs reports no changes (typical program)", async function () {
            const inputs = programInputs({
                poolName: "acme-users",
                policies: { passwordPolicy: { minimumLength: 12 } },
                autoVerifiedAttributes: ["email"],
                usernameAttributes: ["email"],
                usernameConfiguration: { caseSensitive: false },
                schema: [{ name: "tenant", attributeDataType: "String" }, { name: "email", attributeDataType: "String", required: true }],
                userPoolTags: { team: "identity" },
                mfaConfiguration: "OPTIONAL",
                softwareTokenMfaConfiguration: { enabled: true },
            });
            const created = await create(inputs);
            const olds = { ...created.outs, __provider: SERIALIZED_PROVIDER };

            const planned = await diff(created.id, olds, inputs);

            expect(planned.changes).to.equal(false);
            expect(planned.replaces).to.deep.equal([]);
        });

        // Pools are regional (the id carries the region). read and delete address the region
        // recorded in the state; update must too: if the stack's aws:region changed (region not
        // declared) and update followed it, it would look for the pool in the wrong region and report
        // it gone, while refresh (which uses the recorded region) finds it again.
        it("update addresses the pool in the region recorded in its state, not the stack's current region", async function () {
            fake.seed(describedPool(), REGION);
            setStackRegion("eu-west-1");
            const olds = storedState({ poolName: "acme-users", deletionProtection: "INACTIVE" });
            const news = programInputs({ poolName: "acme-users", deletionProtection: "ACTIVE" });

            await update(POOL_ID, olds, news);

            expect(fake.callRegions, "regions of the clients used").to.deep.equal([REGION, REGION]);
        });

        // doc L111-116 (diff is all the engine sees) and doc L13-14. Describe reports
        // Policies.SignInPolicy {AllowedFirstAuthFactors: [PASSWORD]} for a pool that never set it
        // (API reference: SignInPolicy is a response member of DescribeUserPool; Terraform marks
        // sign_in_policy Optional+Computed for that reason). A program declaring only a password
        // policy must not diff forever against it.
        it("read then diff: policies declared without signInPolicy do not diff against Describe's password-only sign-in policy", async function () {
            fake.seed(describedPool(), REGION);
            const policies = { passwordPolicy: { minimumLength: 8, requireUppercase: true, requireLowercase: true, requireNumbers: true, requireSymbols: true } };
            const refreshed = await read(POOL_ID, storedState({ poolName: "acme-users", policies }));

            const planned = await diff(POOL_ID, { ...refreshed.props, __provider: SERIALIZED_PROVIDER }, programInputs({ poolName: "acme-users", policies }));

            expect(planned.changes, "perpetual diff on policies.signInPolicy").to.equal(false);
        });

        // doc L111-116: after an update the same program must diff as unchanged, and a refresh
        // (read against what AWS now has) must agree with the outputs update computed.
        it("update, then diff and read+diff with the same inputs report no changes", async function () {
            fake.seed(describedPool(), REGION);
            const olds = storedState({ poolName: "acme-users", policies: STRONG_PASSWORDS });
            const news = programInputs({
                poolName: "acme-users",
                policies: { ...STRONG_PASSWORDS, passwordPolicy: { ...STRONG_PASSWORDS.passwordPolicy, minimumLength: 12 } },
                userPoolTags: { team: "identity" },
                deletionProtection: "ACTIVE",
            });

            const updated = await update(POOL_ID, olds, news);
            const afterUpdate = await diff(POOL_ID, { ...updated.outs, __provider: SERIALIZED_PROVIDER }, news);
            expect(afterUpdate.changes, "diff against update's outputs").to.equal(false);

            const refreshed = await read(POOL_ID, { ...updated.outs, __provider: SERIALIZED_PROVIDER });
            const afterRefresh = await diff(POOL_ID, { ...refreshed.props, __provider: SERIALIZED_PROVIDER }, news);
            expect(afterRefresh.changes, "diff against refreshed outputs").to.equal(false);
        });

        // doc L13-14: never rely on leaving a member out to reset it ("some nested keys survive").
        // The schema's policies description currently says the sign-in policy "is not sent, so AWS
        // applies its own default": that is exactly relying on omission. If that choice is kept on
        // purpose (for example because LITE pools refuse SignInPolicy altogether), this test and
        // doc L13-14 disagree and one of them has to change.
        it("stopping declaring policies resets the sign-in policy explicitly to password-only", async function () {
            fake.seed(describedPool({
                Policies: {
                    PasswordPolicy: { MinimumLength: 10, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: false, TemporaryPasswordValidityDays: 3 },
                    SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "EMAIL_OTP"] },
                },
            }), REGION);
            const olds = storedState({
                poolName: "acme-users",
                policies: {
                    passwordPolicy: { minimumLength: 10, requireUppercase: true, requireLowercase: true, requireNumbers: true, requireSymbols: false, temporaryPasswordValidityDays: 3 },
                    signInPolicy: { allowedFirstAuthFactors: ["EMAIL_OTP", "PASSWORD"] },
                },
            });
            const news = programInputs({ poolName: "acme-users" });

            await update(POOL_ID, olds, news);

            const policies = onlyInput(cognito.commandCalls(UpdateUserPoolCommand)).Policies;
            expect(policies?.PasswordPolicy).to.deep.include({ MinimumLength: 8, RequireUppercase: true, RequireSymbols: true, TemporaryPasswordValidityDays: 7 });
            expect(policies?.SignInPolicy, "SignInPolicy sent explicitly").to.deep.equal({ AllowedFirstAuthFactors: ["PASSWORD"] });
        });
    });
});
