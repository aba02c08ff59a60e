/**
 * The runner must notice what it exists to notice. Each case runs one small scenario on the fake
 * with the real provider wrapped so that it commits one kind of fault, and checks the runner
 * counts exactly that kind: a runner that passes a broken provider would make the corpus worthless.
 */
import { expect } from "chai";
import { applyOperation } from "./awsState";
import { ProblemKind, ProviderUnderTest, realProvider, runScenario, ScenarioResult, summaryLine, totals } from "./runner";
import { localFixtures, Scenario } from "./scenarioFile";
import { startFakeTarget } from "./targets";

const scenario: Scenario = {
    name: "runner-self-test",
    family: "tags",
    targets: ["fake"],
    initial: { poolName: "{{pool}}", userPoolTags: { team: "identity" }, policies: { passwordPolicy: { minimumLength: 10 } } },
    setup: [{ change: { AccountRecoverySetting: { RecoveryMechanisms: [{ Name: "admin_only", Priority: 1 }] } } }],
    steps: [
        {
            inputs: { poolName: "{{pool}}", userPoolTags: { team: "platform" }, policies: { passwordPolicy: { minimumLength: 10 } } },
            expect: { kind: "update", fields: ["userPoolTags"] },
            expectLive: { pool: { UserPoolTags: { team: "platform" } } },
        },
        {
            inputs: { poolName: "{{pool}}", userPoolTags: { team: "platform" }, policies: { passwordPolicy: { minimumLength: 10 } }, autoVerifiedAttributes: ["email"] },
            expect: { kind: "update", fields: ["autoVerifiedAttributes"] },
        },
    ],
    outOfBand: [{ family: "tags", change: { UserPoolTags: { team: "console" } }, expectFields: ["userPoolTags"] }],
};

function kinds(result: ScenarioResult): ProblemKind[] {
    return [...new Set(result.problems.map((p) => p.kind))].sort();
}

describe("fidelity runner (self-test on the fake)", function () {
    let target: Awaited<ReturnType<typeof startFakeTarget>>;
    let runs = 0;

    before(async function () {
        target = await startFakeTarget();
    });
    after(async function () {
        await target.stop();
    });

    async function run(provider: ProviderUnderTest, subject: Scenario = scenario): Promise<ScenarioResult> {
        return runScenario(subject, {
            target: "fake",
            client: target.client,
            stackRegion: target.region,
            fixtures: localFixtures(`runner-self-test-${++runs}`),
            provider,
        });
    }

    it("finds nothing wrong with the real provider on this scenario", async function () {
        const result = await run(realProvider);
        expect(result.problems).to.deep.equal([]);
        expect(result).to.include({ steps: 2, outOfBand: 1 });
    });

    it("counts a missed drift when read does not look at AWS", async function () {
        const result = await run({ ...realProvider, read: async (id, props) => ({ id, props, inputs: props }) });
        expect(kinds(result)).to.include("missed drift");
    });

    it("counts a problem when refresh stores no inputs, so the CLI could not show what drifted", async function () {
        const result = await run({ ...realProvider, read: async (id, props) => ({ ...(await realProvider.read(id, props)), inputs: undefined }) });
        expect(kinds(result)).to.include("stale outputs");
    });

    it("counts a spurious diff when refresh stores inputs the CLI would show as changing although they did not drift", async function () {
        // The outputs as inputs: every kept undeclared field (region, deletionProtection, ...) would show.
        const result = await run({ ...realProvider, read: async (id, props) => {
            const read = await realProvider.read(id, props);
            return { ...read, inputs: read.props };
        } });
        expect(kinds(result)).to.include("spurious diff");
    });

    it("counts spurious diffs when diff reports a field that did not change", async function () {
        const result = await run({
            ...realProvider,
            plan: (olds, news, region) => {
                const plan = realProvider.plan(olds, news, region);
                if (!plan.changedFields.includes("policies")) plan.changedFields.push("policies");
                return plan;
            },
        });
        expect(kinds(result)).to.include("spurious diff");
        expect(kinds(result)).to.include("wrong classification");
    });

    it("counts a wrong classification when an in-place change is planned as a replacement", async function () {
        const result = await run({
            ...realProvider,
            plan: (olds, news, region) => {
                const plan = realProvider.plan(olds, news, region);
                if (plan.changedFields.includes("autoVerifiedAttributes")) plan.replaceReasons.set("autoVerifiedAttributes", "sabotage");
                return plan;
            },
        });
        expect([...new Set(result.problems.map((p) => `${p.kind} ${p.where}`))]).to.deep.equal(["wrong classification step 2"]);
    });

    it("notices an update that does not reach AWS (live pool does not match, diff never converges)", async function () {
        const result = await run({ ...realProvider, update: async (_id, _olds, news) => ({ outs: { ...news, declaredFields: Object.keys(news) } }) });
        expect(kinds(result)).to.include.members(["live mismatch", "spurious diff"]);
    });

    it("notices an update that touches a field the program never declared", async function () {
        const result = await run({
            ...realProvider,
            update: async (id, olds, news) => {
                const out = await realProvider.update(id, olds, news);
                await applyOperation(target.client, id, { change: { AccountRecoverySetting: null } });
                return out;
            },
        });
        expect(kinds(result)).to.include("undeclared touched");
        expect(kinds(result).filter((k) => ["spurious diff", "missed drift", "wrong classification"].includes(k))).to.deep.equal([]);
    });

    it("notices outputs of update that a refresh would change", async function () {
        const result = await run({
            ...realProvider,
            update: async (id, olds, news) => {
                const out = await realProvider.update(id, olds, news);
                return { outs: { ...out.outs, estimatedNumberOfUsers: 99 } };
            },
        });
        expect(kinds(result)).to.deep.equal(["stale outputs"]);
    });

    it("expects check to reject what the scenario calls invalid, and to accept the rest", async function () {
        const invalid: Scenario = {
            ...scenario,
            steps: [
                { inputs: { poolName: "{{pool}}", policies: { passwordPolicy: { minimumLength: 3 } } }, expect: { kind: "invalid", fields: ["policies.passwordPolicy.minimumLength"] } },
                { inputs: { poolName: "{{pool}}", userPoolTags: { team: "x" } }, expect: { kind: "invalid", fields: ["userPoolTags"] } },
            ],
            outOfBand: [],
        };
        const result = await run(realProvider, invalid);
        expect(result.problems.map((p) => `${p.kind} ${p.where}`)).to.deep.equal(["wrong classification step 2"]);
    });

    it("checks attribute names as AWS reports them, present and absent", async function () {
        const named: Scenario = {
            ...scenario,
            family: "schema",
            initial: { poolName: "{{pool}}", schema: [{ name: "tenant", attributeDataType: "String" }] },
            initialLive: { attributeNames: { present: ["custom:tenant"], absent: ["custom:custom:tenant"] } },
            setup: [],
            steps: [],
            outOfBand: [],
        };
        expect((await run(realProvider, named)).problems).to.deep.equal([]);
        // Another tool sends the prefix itself: AWS makes custom:custom:tenant, which must not exist.
        const doubled = await run({
            ...realProvider,
            create: async (inputs) => {
                const created = await realProvider.create(inputs);
                await applyOperation(target.client, created.id, { operation: "AddCustomAttributes", change: { CustomAttributes: [{ Name: "custom:tenant", AttributeDataType: "String" }] } });
                return created;
            },
        }, named);
        expect(doubled.problems.map((p) => `${p.kind}: ${p.message}`)).to.deep.equal([
            "live mismatch: DescribeUserPool SchemaAttributes has an attribute named custom:custom:tenant, which must not exist",
        ]);
        const missing = await run(realProvider, { ...named, initialLive: { attributeNames: { present: ["custom:plan"] } } });
        expect(missing.problems.map((p) => p.kind)).to.deep.equal(["live mismatch"]);
        expect(missing.problems[0].message).to.include("no attribute named custom:plan").and.include("custom:tenant");
    });

    it("records an error instead of throwing, and still deletes the pool", async function () {
        const before = target.fake.pools.size;
        const result = await run({ ...realProvider, update: async () => Promise.reject(new Error("boom")) });
        expect(result.problems.map((p) => p.kind)).to.deep.equal(["error"]);
        expect(result.problems[0].message).to.equal("boom");
        expect(target.fake.pools.size).to.equal(before);
    });

    it("sums up results in one line", function () {
        const results: ScenarioResult[] = [
            { scenario: "a", target: "fake", steps: 3, outOfBand: 2, problems: [{ kind: "spurious diff", where: "x", message: "" }] },
            { scenario: "b", target: "fake", steps: 1, outOfBand: 1, problems: [{ kind: "missed drift", where: "y", message: "" }, { kind: "stale outputs", where: "z", message: "" }] },
        ];
        expect(summaryLine("fake", totals(results))).to.equal(
            "fidelity [fake]: 2 scenarios, 4 steps, 3 out-of-band changes; spurious diffs 1, missed drifts 1, wrong classifications 0, other problems 1",
        );
    });
});

