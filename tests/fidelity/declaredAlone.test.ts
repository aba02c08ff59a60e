/**
 * The scenarios generated from the schema (tests/fidelity/declaredAlone.ts; corpus.test.ts runs
 * them on cognito-local and the fake): every object a program can declare on its own has one,
 * every nested object has the example it needs, every program is one check accepts, and the
 * requests built from them send every member that has a default (docs/promises.md, promise 1:
 * a member left out means its default, sent explicitly, never AWS's guess).
 */
import type { UserPoolType } from "@aws-sdk/client-cognito-identity-provider";
import { expect } from "chai";
import { awsNameOf, canonical, isPlainObject, resolve, SchemaNode, stableStringify } from "../../provider/shared/schema";
import { expandCreate, expandUpdate } from "../../provider/userPool/expand";
import { fieldSchema, userPoolSchema } from "../../provider/userPool/model";
import { check } from "../../provider/userPool/provider";
import { asFixturePlaceholders, declaredAloneCases, declaredAloneScenarios } from "./declaredAlone";
import { Inputs, localFixtures, substitute } from "./scenarioFile";

/** Paths of the members with a schema default that `sent` (AWS-shaped) leaves out, at every depth it has. */
function unsentDefaults(root: SchemaNode, node: SchemaNode, sent: unknown, path: string): string[] {
    const schema = resolve(root, node);
    if (!isPlainObject(sent) || !schema.properties) return [];
    return Object.entries(schema.properties).flatMap(([property, child]) => {
        const member = sent[awsNameOf(property, child)];
        const here = `${path}.${property}`;
        if (member === undefined) return resolve(root, child).default !== undefined ? [here] : [];
        return unsentDefaults(root, child, member, here);
    });
}

async function checkedProgram(program: Inputs): Promise<Inputs> {
    const result = await check({}, substitute(program, localFixtures("declared-alone")));
    const failures = (result.failures ?? []).map((f) => `${f.property}: ${f.reason}`);
    if (failures.length > 0) throw new Error(failures.join("; "));
    return result.inputs as Inputs;
}

describe("scenarios generated from the schema: each object declared on its own", function () {
    const walk = declaredAloneCases();

    it("gives every nested object an example, so that a scenario declares it on its own", function () {
        expect(walk.problems).to.deep.equal([]);
    });

    it("covers every object-typed input and every object nested in one, including the ones issue 14 names", function () {
        const paths = walk.cases.map((c) => c.path);
        const objectInputs = Object.entries(userPoolSchema.properties ?? {})
            .filter(([, node]) => resolve(userPoolSchema, node).type === "object" && resolve(userPoolSchema, node).properties !== undefined)
            .filter(([, node]) => node["x-create-only"] !== true)
            .map(([field]) => field);
        expect(objectInputs.filter((field) => !paths.includes(field)), "object inputs without a scenario").to.deep.equal([]);
        expect(paths).to.include.members([
            "policies.passwordPolicy",
            "policies.signInPolicy",
            "lambdaConfig.customSmsSender",
            "adminCreateUserConfig.inviteMessageTemplate",
            "userPoolAddOns.advancedSecurityAdditionalFlows",
            "acrConfiguration.level4",
        ]);
        expect(new Set(declaredAloneScenarios().map((s) => s.name)).size, "scenario names are unique").to.equal(walk.cases.length);
    });

    it("reports a nested object without an example, naming its path", function () {
        const root: SchemaNode = {
            type: "object",
            properties: {
                outer: {
                    type: "object",
                    properties: {
                        given: { type: "object", "x-example": { a: 1 }, properties: { a: { type: "integer" } } },
                        missing: { type: "object", properties: { b: { type: "integer" } } },
                    },
                },
            },
        };
        const { cases, problems } = declaredAloneCases(root);
        expect(cases.map((c) => c.path)).to.deep.equal(["outer", "outer.given"]);
        expect(problems).to.have.length(1);
        expect(problems[0]).to.match(/^outer\.missing: .*x-example/);
    });

    it("declares a nested object inside its parent's required members and with the context AWS needs", function () {
        const flows = walk.cases.find((c) => c.path === "userPoolAddOns.advancedSecurityAdditionalFlows");
        expect(flows?.program).to.deep.equal({
            poolName: "{{pool}}",
            userPoolTier: "PLUS",
            userPoolAddOns: { advancedSecurityMode: "AUDIT", advancedSecurityAdditionalFlows: { customAuthMode: "AUDIT" } },
        });
        const sender = declaredAloneScenarios().find((s) => s.name === "declared-alone lambdaConfig.customSmsSender");
        expect(sender?.initial.lambdaConfig).to.deep.equal({ customSmsSender: { lambdaVersion: "V1_0", lambdaArn: "{{lambda:custom-sms-sender}}" }, kmsKeyId: "{{kmsKey}}" });
        expect(asFixturePlaceholders("arn:aws:ses:us-east-1:123456789012:identity/acme.example")).to.equal("{{sesIdentity}}");
    });

    it("resets each object input to what declaring it empty means, so removal and `{}` agree with AWS's defaults", function () {
        // A top-level default (the reset of promise 3) and its members' defaults (promise 1) are
        // two statements of what AWS makes of a left-out member; they must say the same. Skipped:
        // objects with required members (no `{}`), objects without a reset value, and objects whose
        // presence is itself the setting (x-presence: `{}` is on, removal is off).
        const disagreeing = Object.entries(userPoolSchema.properties ?? {}).flatMap(([field, node]) => {
            const resolved = resolve(userPoolSchema, node);
            if (resolved.type !== "object" || !resolved.properties || !isPlainObject(resolved.default)) return [];
            if ((resolved.required ?? []).length > 0 || resolved["x-presence"] === true) return [];
            const reset = canonical(userPoolSchema, node, resolved.default);
            const empty = canonical(userPoolSchema, node, {});
            return stableStringify(reset) === stableStringify(empty) ? [] : [`${field}: reset ${stableStringify(reset)}, declared as {} ${stableStringify(empty)}`];
        });
        expect(disagreeing).to.deep.equal([]);
    });

    it("holds only programs the provider's check accepts", async function () {
        const rejected: string[] = [];
        for (const { path, program } of walk.cases) {
            try {
                await checkedProgram(program);
            } catch (error) {
                rejected.push(`${path}: ${(error as Error).message}`);
            }
        }
        expect(rejected).to.deep.equal([]);
    });

    it("sends every member that has a default, on create and on update, for every program", async function () {
        const unsent: string[] = [];
        for (const { path, field, program } of walk.cases) {
            const inputs = await checkedProgram(program);
            const aws = awsNameOf(field, fieldSchema(field));
            const create = expandCreate(inputs) as unknown as Record<string, unknown>;
            const update = expandUpdate({ Id: "us-east-1_Declared1", Name: "declared-alone" } as UserPoolType, inputs, []) as unknown as Record<string, unknown>;
            // softwareTokenMfaConfiguration goes to SetUserPoolMfaConfig, not to these requests.
            if (create[aws] === undefined && update[aws] === undefined) continue;
            for (const [call, request] of [["CreateUserPool", create], ["UpdateUserPool", update]] as const) {
                for (const member of unsentDefaults(userPoolSchema, fieldSchema(field), request[aws], field)) unsent.push(`${path}: ${call} leaves out ${member}`);
            }
        }
        expect(unsent).to.deep.equal([]);
    });
});
