/**
 * Adoption (adoptUserPoolId) against the AWS-faithful fake (tests/mock/fakeCognito.ts): the
 * exact calls, the refusals that must leave the pool untouched, convergence through the normal
 * full-state update, and what happens to adoptUserPoolId after creation.
 */
import { AddCustomAttributesCommand, CognitoIdentityProviderClient, UpdateUserPoolCommand, UpdateUserPoolRequest } from "@aws-sdk/client-cognito-identity-provider";
import { AwsClientStub } from "aws-sdk-client-mock";
import { expect } from "chai";
import { liveForAdoption, planAdoption, programInputsFor } from "../../provider/userPool/adopt";
import { driftReport } from "../../provider/userPool/drift";
import { CREATION_TOKEN_TAG } from "../../provider/userPool/model";
import { check, create, deleteUserPool, diff, read } from "../../provider/userPool/provider";
import { customStringAttribute, describedPool, hasNoStackTrace, POOL_ID, REGION, SERIALIZED_PROVIDER, standardSchemaAttributes } from "../mock/awsShapes";
import { commandNames, FakeCognito } from "../mock/fakeCognito";
import { useMockedCognito } from "../mock/mockedCognito";
import { rejection } from "../support/rejection";

type Props = Record<string, unknown>;

function engineInputs(inputs: Props): Props {
    return { __provider: SERIALIZED_PROVIDER, ...inputs };
}

async function checked(inputs: Props): Promise<Props> {
    const result = await check({}, inputs);
    expect(result.failures ?? []).to.deep.equal([]);
    return result.inputs as Props;
}

/** describedPool() without its prefix domain, so that it can be deleted. */
function deletablePool(overrides: Props = {}) {
    return describedPool({ Domain: undefined, ...overrides });
}

describe("adoptUserPoolId against the AWS-faithful fake", function () {
    let cognito: AwsClientStub<CognitoIdentityProviderClient>;
    let fake: FakeCognito;

    const mocked = useMockedCognito(REGION);

    beforeEach(function () {
        cognito = mocked.cognito;
        fake = new FakeCognito(cognito);
    });

    it("fails clearly for a pool that does not exist, naming the id and the region, and creates nothing", async function () {
        const error = await rejection(create(engineInputs({ poolName: "acme-users", adoptUserPoolId: "us-east-1_Missing1" })));
        expect(error.message).to.include("cannot adopt user pool us-east-1_Missing1").and.include("no such pool in us-east-1");
        expect(hasNoStackTrace(error.message)).to.equal(true);
        expect(commandNames(cognito)).to.deep.equal(["DescribeUserPool"]);
        expect(fake.pools.size).to.equal(0);
    });

    it("says so when the id belongs to another region than the one the resource uses", async function () {
        const error = await rejection(create(engineInputs({ poolName: "acme-users", adoptUserPoolId: "eu-west-1_AbCdEf123" })));
        expect(error.message).to.include("no such pool in us-east-1").and.include("looks like a pool in eu-west-1");
    });

    it("refuses an immutable mismatch, listing each field live vs declared, with only a Describe: the pool is untouched", async function () {
        fake.seed(describedPool(), REGION);
        const before = fake.current(POOL_ID);
        const inputs = await checked({
            adoptUserPoolId: POOL_ID,
            poolName: "acme-renamed",
            usernameAttributes: ["phone_number"],
            usernameConfiguration: { caseSensitive: true },
            schema: [{ name: "tenant", attributeDataType: "Number" }, { name: "plan", attributeDataType: "String" }],
            policies: { passwordPolicy: { minimumLength: 12 } },
        });
        const error = await rejection(create(engineInputs(inputs)));
        const message = error.message;
        expect(message).to.include(`cannot adopt user pool ${POOL_ID} in ${REGION}`).and.include("Adoption never replaces a pool");
        expect(message).to.include('usernameAttributes: the pool has ["email"], the program declares ["phone_number"]');
        expect(message).to.include('usernameConfiguration: the pool has {"caseSensitive":false}, the program declares {"caseSensitive":true}');
        expect(message).to.match(/schema\[tenant\]: the pool has \{.*"attributeDataType":"String".*\}, the program declares \{.*"attributeDataType":"Number".*\}/);
        expect(message, "an attribute that can be added is not a mismatch").to.not.include("schema[plan]");
        expect(message, "fields that can change in place are not listed").to.not.include("policies");
        expect(message).to.include(`cognito-userpool-generate ${POOL_ID}`).and.include("remove adoptUserPoolId");
        expect(hasNoStackTrace(message)).to.equal(true);
        expect(commandNames(cognito)).to.deep.equal(["DescribeUserPool"]);
        expect(cognito.commandCalls(UpdateUserPoolCommand)).to.have.length(0);
        expect(fake.current(POOL_ID)).to.deep.equal(before);
    });

    it("refuses different alias attributes the same way", async function () {
        fake.seed(describedPool({ UsernameAttributes: undefined, AliasAttributes: ["email", "preferred_username"] }), REGION);
        const error = await rejection(create(engineInputs({ adoptUserPoolId: POOL_ID, poolName: "acme-users", aliasAttributes: ["phone_number"] })));
        expect(error.message).to.include('aliasAttributes: the pool has ["email","preferred_username"], the program declares ["phone_number"]');
        expect(commandNames(cognito)).to.deep.equal(["DescribeUserPool"]);
    });

    it("accepts a program that declares the immutable fields as they are, in any order and with AWS's filled-in constraints left out", async function () {
        fake.seed(deletablePool({ UsernameAttributes: ["email", "phone_number"] }), REGION);
        const inputs = await checked({
            adoptUserPoolId: POOL_ID,
            poolName: "acme-users",
            usernameAttributes: ["phone_number", "email"],
            usernameConfiguration: { caseSensitive: false },
            schema: [{ name: "tenant", attributeDataType: "String" }],
        });
        const adopted = await create(engineInputs(inputs));
        expect(adopted.id).to.equal(POOL_ID);
    });

    it("converges the declared fields with the normal update: MFA, new custom attributes, one full-state UpdateUserPool; undeclared fields and tags kept, no creation token", async function () {
        fake.seed(describedPool(), REGION);
        const live = describedPool() as Props;
        const inputs = await checked({
            adoptUserPoolId: POOL_ID,
            poolName: "acme-renamed",
            policies: { passwordPolicy: { minimumLength: 12 } },
            schema: [{ name: "tenant", attributeDataType: "String" }, { name: "plan", attributeDataType: "String", mutable: true }],
            mfaConfiguration: "OPTIONAL",
            softwareTokenMfaConfiguration: { enabled: true },
        });
        const adopted = await create(engineInputs(inputs));
        expect(adopted.id).to.equal(POOL_ID);
        expect(commandNames(cognito)).to.deep.equal([
            "DescribeUserPool", // adoption: the pool as it is
            "GetUserPoolMfaConfig", // the declared TOTP factor, as it is
            "GetUserPoolMfaConfig", // update: factors to carry over
            "AddCustomAttributes",
            "DescribeUserPool", // update: the full state, freshly read, with AWS's definition of the new attribute; the order of the calls is decided on it
            "SetUserPoolMfaConfig",
            "UpdateUserPool",
        ]);
        const request = cognito.commandCalls(UpdateUserPoolCommand)[0].args[0].input as UpdateUserPoolRequest & Props;
        for (const member of ["LambdaConfig", "UserPoolTags", "DeviceConfiguration", "AutoVerifiedAttributes", "UserAttributeUpdateSettings", "AccountRecoverySetting"]) {
            expect(request[member], `${member}, never declared, passed back unchanged`).to.deep.equal(live[member]);
        }
        expect(request.UserPoolTags ?? {}).to.not.have.property(CREATION_TOKEN_TAG);
        expect(request.PoolName).to.equal("acme-renamed");
        expect(request.Policies?.PasswordPolicy?.MinimumLength).to.equal(12);

        const pool = fake.current(POOL_ID);
        expect(pool.Name).to.equal("acme-renamed");
        expect((pool.SchemaAttributes ?? []).map((a) => a.Name)).to.include("custom:plan");
        expect(pool.UserPoolTags).to.deep.equal(live.UserPoolTags);
        expect(pool.MfaConfiguration).to.equal("OPTIONAL");

        const outs = adopted.outs as Props;
        expect(outs.declaredFields).to.deep.equal(["mfaConfiguration", "policies", "poolName", "schema", "softwareTokenMfaConfiguration"]);
        // Kept in the outputs only so that a refresh stores it back as an input; never compared.
        expect(outs.adoptUserPoolId).to.equal(POOL_ID);
        expect(await diff(POOL_ID, outs, engineInputs(inputs))).to.deep.include({ changes: false, replaces: [] });
        const refreshed = await read(POOL_ID, outs);
        expect(refreshed.inputs).to.have.property("adoptUserPoolId", POOL_ID);
        expect(await diff(POOL_ID, refreshed.props as Props, engineInputs(inputs))).to.deep.include({ changes: false, replaces: [] });
    });

    it("records a pool that already matches with no write at all", async function () {
        fake.seed(describedPool(), REGION);
        const before = fake.current(POOL_ID);
        const inputs = await checked({
            adoptUserPoolId: POOL_ID,
            poolName: "acme-users",
            userPoolTags: { "cost-center": "4711", team: "identity" },
            autoVerifiedAttributes: ["email"],
        });
        const adopted = await create(engineInputs(inputs));
        expect(commandNames(cognito)).to.deep.equal(["DescribeUserPool"]);
        expect(fake.current(POOL_ID)).to.deep.equal(before);
        expect((adopted.outs as Props).declaredFields).to.deep.equal(["autoVerifiedAttributes", "poolName", "userPoolTags"]);
        expect(await diff(POOL_ID, adopted.outs as Props, engineInputs(inputs))).to.deep.include({ changes: false });
    });

    it("a pool adopted and then deleted is deleted like any other", async function () {
        fake.seed(deletablePool(), REGION);
        const adopted = await create(engineInputs({ adoptUserPoolId: POOL_ID, poolName: "acme-users" }));
        await deleteUserPool(POOL_ID, adopted.outs as Props);
        expect(fake.pools.has(POOL_ID)).to.equal(false);
    });

    it("changing or removing adoptUserPoolId after creation changes nothing: no diff, not declared, not in the drift report", async function () {
        fake.seed(deletablePool(), REGION);
        const inputs = await checked({ adoptUserPoolId: POOL_ID, poolName: "acme-users" });
        const adopted = await create(engineInputs(inputs));
        const outs = adopted.outs as Props;
        expect(outs.declaredFields).to.deep.equal(["poolName"]);
        expect(await diff(POOL_ID, outs, engineInputs({ ...inputs, adoptUserPoolId: "us-east-1_Other99" }))).to.deep.include({ changes: false, replaces: [] });
        const { adoptUserPoolId: _removed, ...without } = inputs;
        expect(await diff(POOL_ID, outs, engineInputs(without))).to.deep.include({ changes: false, replaces: [] });
        expect(driftReport(inputs, outs).map((r) => r.field)).to.not.include("adoptUserPoolId");
    });

    it("a replacement whose create would adopt the old pool again fails instead of deleting it afterwards", async function () {
        fake.seed(deletablePool(), REGION);
        const inputs = await checked({ adoptUserPoolId: POOL_ID, poolName: "acme-users", usernameAttributes: ["email"] });
        const adopted = await create(engineInputs(inputs));
        const replacing = { ...inputs, usernameAttributes: ["phone_number"] };
        expect((await diff(POOL_ID, adopted.outs as Props, engineInputs(replacing))).replaces).to.deep.equal(["usernameAttributes"]);
        const error = await rejection(create(engineInputs(replacing)));
        expect(error.message).to.include("Adoption never replaces").and.include("remove adoptUserPoolId");
        expect(fake.pools.has(POOL_ID)).to.equal(true);
    });

    it("check rejects an adoptUserPoolId that is not a pool id, before any AWS call", async function () {
        const result = await check({}, { poolName: "acme-users", adoptUserPoolId: "acme-users" });
        expect((result.failures ?? []).map((f) => f.property)).to.deep.equal(["adoptUserPoolId"]);
        expect(commandNames(cognito)).to.deep.equal([]);
    });

    it("the generated inputs of a pool configured outside any program reproduce it: check passes, adoption changes nothing", async function () {
        const pool = describedPool({
            SchemaAttributes: [
                ...standardSchemaAttributes().map((a) => (a.Name === "email" ? { ...a, Required: true } : a)),
                customStringAttribute("tenant", { StringAttributeConstraints: { MinLength: "1", MaxLength: "64" } }),
                { Name: "dev:custom:legacy_id", AttributeDataType: "Number", DeveloperOnlyAttribute: true, Mutable: false, Required: false, NumberAttributeConstraints: { MinValue: "0" } },
            ],
            UserPoolTags: { team: "identity", "aws:cloudformation:stack-name": "legacy", [CREATION_TOKEN_TAG]: "left-by-another-stack" },
        });
        const inputs = programInputsFor(pool, REGION, { SoftwareTokenMfaConfiguration: { Enabled: false }, MfaConfiguration: "OFF" });
        expect(inputs.adoptUserPoolId).to.equal(POOL_ID);
        expect(inputs.region).to.equal(REGION);
        expect(inputs.schema).to.deep.equal([
            { name: "email", attributeDataType: "String", mutable: true, required: true },
            { name: "tenant", attributeDataType: "String", mutable: true, stringAttributeConstraints: { minLength: 1, maxLength: 64 } },
            { name: "legacy_id", attributeDataType: "Number", developerOnlyAttribute: true, mutable: false, numberAttributeConstraints: { minValue: 0 } },
        ]);
        expect(inputs.userPoolTags, "the creation token is the provider's, not a setting").to.deep.equal({ team: "identity", "aws:cloudformation:stack-name": "legacy" });
        expect(inputs).to.not.have.property("softwareTokenMfaConfiguration");
        const declared = await checked(inputs);
        const adoption = planAdoption(POOL_ID, liveForAdoption(pool, REGION), declared, REGION);
        expect(adoption.blocker).to.equal(undefined);
        expect(adoption.differingFields).to.deep.equal([]);
    });

    describe("a pool that already has a doubled custom:custom:tenant (made by a tool that sent the prefix)", function () {
        const doubledPool = () =>
            deletablePool({ SchemaAttributes: [...standardSchemaAttributes(), customStringAttribute("custom:tenant", { StringAttributeConstraints: { MinLength: "0", MaxLength: "64" } })] });

        it("the generated program declares it under its real name, and adopting that program changes nothing", async function () {
            fake.seed(doubledPool(), REGION);
            const inputs = programInputsFor(fake.current(POOL_ID), REGION);
            expect(inputs.schema).to.deep.equal([
                { name: "custom:custom:tenant", attributeDataType: "String", mutable: true, stringAttributeConstraints: { minLength: 0, maxLength: 64 } },
            ]);
            const before = fake.current(POOL_ID);
            const adopted = await create(engineInputs(await checked(inputs)));
            expect(adopted.id).to.equal(POOL_ID);
            expect(commandNames(cognito)).to.deep.equal(["DescribeUserPool"]);
            expect(fake.current(POOL_ID)).to.deep.equal(before);
            expect(await diff(POOL_ID, adopted.outs as Props, engineInputs(inputs))).to.deep.include({ changes: false, replaces: [] });
        });

        it("a program declaring custom:tenant is not matched against it: adoption adds custom:tenant beside it, sent as tenant", async function () {
            fake.seed(doubledPool(), REGION);
            const inputs = await checked({ adoptUserPoolId: POOL_ID, poolName: "acme-users", schema: [{ name: "custom:tenant", attributeDataType: "String" }] });
            const rows = driftReport(inputs, liveForAdoption(fake.current(POOL_ID), REGION)).filter((r) => r.field.startsWith("schema["));
            expect(rows.map((r) => `${r.field} ${r.status}`)).to.deep.equal(["schema[custom:tenant] differs", "schema[custom:custom:tenant] not declared"]);

            const adopted = await create(engineInputs(inputs));

            const add = cognito.commandCalls(AddCustomAttributesCommand);
            expect(add.map((call) => call.args[0].input.CustomAttributes?.map((a) => a.Name))).to.deep.equal([["tenant"]]);
            const names = (fake.current(POOL_ID).SchemaAttributes ?? []).map((a) => a.Name);
            expect(names).to.include.members(["custom:tenant", "custom:custom:tenant"]).and.not.include("custom:custom:custom:tenant");
            expect(await diff(POOL_ID, adopted.outs as Props, engineInputs(inputs))).to.deep.include({ changes: false, replaces: [] });
            const refreshed = await read(POOL_ID, adopted.outs as Props);
            expect(await diff(POOL_ID, refreshed.props as Props, engineInputs(inputs))).to.deep.include({ changes: false, replaces: [] });
        });

        it("declared verbatim with another definition, adoption refuses, naming custom:custom:tenant", async function () {
            fake.seed(doubledPool(), REGION);
            const inputs = await checked({ adoptUserPoolId: POOL_ID, poolName: "acme-users", schema: [{ name: "custom:custom:tenant", attributeDataType: "Number" }] });
            const error = await rejection(create(engineInputs(inputs)));
            expect(error.message).to.match(/schema\[custom:custom:tenant\]: the pool has \{.*"attributeDataType":"String".*\}, the program declares \{.*"attributeDataType":"Number".*\}/);
            expect(commandNames(cognito)).to.deep.equal(["DescribeUserPool"]);
        });
    });
});
