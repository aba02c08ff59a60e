/**
 * The corpus itself: every file matches scenario.schema.json, malformed scenarios fail loudly,
 * every input family is covered (scenarios and out-of-band changes), every program is one the
 * provider's check accepts (or, for `invalid` steps, rejects), and placeholders expand.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { isPlainObject } from "../../provider/shared/schema";
import { fieldSchema, inputFields, aliasFields } from "../../provider/userPool/model";
import { check } from "../../provider/userPool/provider";
import { Inputs, loadCorpus, localFixtures, MissingFixture, substitute, validateScenarioFile } from "./scenarioFile";

const corpus = loadCorpus();

/** The input families the issue names; each needs scenarios, and (where AWS can change it in place) out-of-band drift. */
const FAMILIES = [
    "password-policy",
    "sign-in-policy",
    "lambda-triggers",
    "custom-senders",
    "pre-token-generation",
    "mfa",
    "email-mfa",
    "passkeys",
    "sms-configuration",
    "email-configuration",
    "verification-templates",
    "invite-templates",
    "device-configuration",
    "account-recovery",
    "admin-create-user",
    "user-attribute-update-settings",
    "auto-verified-attributes",
    "tags",
    "deletion-protection",
    "tier",
    "add-ons",
    "schema",
    "username-attributes",
    "pool-name",
    "region",
    "removal",
];
/** Fixed at creation (or not a setting), so there is no out-of-band change to make. */
const NO_OUT_OF_BAND = new Set(["username-attributes", "region", "removal"]);

function programs(): Array<{ where: string; inputs: Inputs; invalid: boolean }> {
    return corpus.flatMap((scenario) => {
        const fixtures = localFixtures("fidelity-check");
        return [
            { where: `${scenario.name} initial`, inputs: substitute(scenario.initial, fixtures), invalid: false },
            ...scenario.steps.map((step, i) => ({ where: `${scenario.name} step ${i + 1}`, inputs: substitute(step.inputs, fixtures), invalid: step.expect.kind === "invalid" })),
        ];
    });
}

describe("fidelity scenario corpus (tests/scenarios)", function () {
    it("has at least 40 scenarios, uniquely named, each with steps or out-of-band changes", function () {
        expect(corpus.length).to.be.at.least(40);
        for (const scenario of corpus) {
            expect(scenario.steps.length + (scenario.outOfBand?.length ?? 0), scenario.name).to.be.above(0);
        }
    });

    it("covers every input family with scenarios and with out-of-band drift", function () {
        const scenarioFamilies = new Set(corpus.map((s) => s.family));
        const driftFamilies = new Set(corpus.flatMap((s) => (s.outOfBand ?? []).map((o) => o.family)));
        expect(FAMILIES.filter((f) => !scenarioFamilies.has(f)), "families without a scenario").to.deep.equal([]);
        expect(FAMILIES.filter((f) => !NO_OUT_OF_BAND.has(f) && !driftFamilies.has(f)), "families without an out-of-band change").to.deep.equal([]);
    });

    it("declares every top-level input and every Lambda trigger somewhere", function () {
        const declared = new Set<string>();
        const triggers = new Set<string>();
        for (const { inputs } of programs()) {
            Object.keys(inputs).forEach((k) => declared.add(k));
            if (isPlainObject(inputs.lambdaConfig)) Object.keys(inputs.lambdaConfig).forEach((k) => triggers.add(k));
        }
        expect(inputFields.filter((f) => !declared.has(f)), "inputs no scenario declares").to.deep.equal([]);
        const allTriggers = Object.keys(fieldSchema("lambdaConfig").properties ?? {});
        expect(allTriggers.filter((t) => !triggers.has(t)), "Lambda triggers no scenario declares").to.deep.equal([]);
        expect(aliasFields.every((f) => declared.has(f)), "deprecated aliases are exercised").to.equal(true);
    });

    it("holds only programs the provider's check accepts, except the steps expected to be invalid", async function () {
        for (const { where, inputs, invalid } of programs()) {
            const result = await check({}, inputs);
            const failures = (result.failures ?? []).map((f) => `${f.property}: ${f.reason}`);
            if (invalid) expect(failures, `${where} should be rejected`).to.not.be.empty;
            else expect(failures, where).to.deep.equal([]);
        }
    });

    it("rejects malformed scenario files loudly, naming the file and the problem", function () {
        const good = { scenarios: [{ name: "ok", family: "tags", targets: ["fake"], initial: { poolName: "p" }, steps: [] }] };
        expect(() => validateScenarioFile(good, "good.json")).not.to.throw();
        const cases: Array<[unknown, RegExp]> = [
            [{ scenarios: [{ ...good.scenarios[0], family: "tagz" }] }, /bad\.json.*\n.*family.*allowed values/],
            [{ scenarios: [{ ...good.scenarios[0], targets: ["localstack"] }] }, /targets/],
            [{ scenarios: [{ ...good.scenarios[0], initial: {} }] }, /poolName/],
            [{ scenarios: [{ ...good.scenarios[0], stepz: [] }] }, /additional properties \(stepz\)|steps/],
            [{ scenarios: [{ ...good.scenarios[0], steps: [{ inputs: { poolName: "p" }, expect: { kind: "update" } }] }] }, /needs the exact fields/],
            [{ scenarios: [{ ...good.scenarios[0], steps: [{ inputs: { poolName: "p" }, expect: { kind: "none", fields: ["tags"] } }] }] }, /takes no fields/],
            [{ scenarios: [{ ...good.scenarios[0], steps: [{ inputs: { poolName: "p" }, expect: { kind: "sideways" } }] }] }, /kind/],
            [{ scenarios: [{ ...good.scenarios[0], outOfBand: [{ family: "tags", change: {}, expectFields: ["UserPoolTags"] }] }] }, /expectFields/],
        ];
        for (const [data, pattern] of cases) expect(() => validateScenarioFile(data, "bad.json"), pattern.source).to.throw(pattern);
    });

    it("fails loudly on a directory holding a malformed file", function () {
        const directory = fs.mkdtempSync(path.join(os.tmpdir(), "scenarios-"));
        try {
            fs.writeFileSync(path.join(directory, "broken.json"), "{ \"scenarios\": [ ");
            expect(() => loadCorpus(directory)).to.throw(/broken\.json is not valid JSON/);
        } finally {
            fs.rmSync(directory, { recursive: true, force: true });
        }
    });

    it("expands placeholders, and says which fixture a scenario is missing", function () {
        const fixtures = localFixtures("pool-1");
        expect(substitute({ a: "{{pool}}-x", b: ["{{lambda:fn}}"], c: "{{repeat 3|ab}}" }, fixtures)).to.deep.equal({
            a: "pool-1-x",
            b: ["arn:aws:lambda:us-east-1:123456789012:function:fn"],
            c: "ababab",
        });
        expect(() => substitute("{{nope}}", fixtures)).to.throw(/unknown placeholder/);
        const missing = () => substitute("{{smsRole}}", { ...fixtures, smsRole: undefined });
        expect(missing).to.throw(MissingFixture).with.property("message").that.includes("COGNITO_FIDELITY_SMS_ROLE_ARN");
    });
});
