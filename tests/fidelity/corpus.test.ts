/**
 * The fidelity corpus (tests/scenarios/*.json, plus the scenarios tests/fidelity/declaredAlone.ts
 * generates from the schema: each object input and nested object declared on its own) run by
 * tests/fidelity/runner.ts:
 *  - against cognito-local, the scenarios whose targets include "emulator";
 *  - against the AWS-faithful fake (aws-sdk-client-mock), those whose targets include "fake";
 *  - with COGNITO_TEST_TARGET=aws (AWS_REGION, standard credentials), every scenario against real
 *    AWS instead of cognito-local. Scenarios that need real resources (Lambda functions, SMS role,
 *    SES identity, KMS key) run when COGNITO_FIDELITY_* provide them and are skipped otherwise.
 *
 * Each scenario is one test; its failure lists every problem found. After each target, one line
 * sums up: scenarios, steps, out-of-band changes, spurious diffs, missed drifts, wrong
 * classifications (the goal is zero of each).
 */
import { formatProblems, runScenario, ScenarioResult, summaryLine, totals } from "./runner";
import { LoadedScenario, loadCorpus, MissingFixture, substitute } from "./scenarioFile";
import { FidelityTarget, startFakeTarget, startServiceTarget } from "./targets";
import { targetKind } from "../support/target";
import { declaredAloneScenarios } from "./declaredAlone";

// The hand-written scenarios, then one per object the schema lets a program declare on its own.
const corpus = [...loadCorpus(), ...declaredAloneScenarios()];
const runId = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;

function suite(label: string, scenarios: LoadedScenario[], start: () => Promise<FidelityTarget>, timeoutMs: number): void {
    describe(`fidelity corpus: ${label}`, function () {
        this.timeout(timeoutMs);
        let target: FidelityTarget | undefined;
        const results: ScenarioResult[] = [];

        before(async function () {
            target = await start();
        });

        after(async function () {
            await target?.stop();
            if (target && results.length > 0) console.log(`\n      ${summaryLine(target.name, totals(results))}`);
        });

        scenarios.forEach((scenario, index) => {
            it(`${scenario.name} [${scenario.family}] (${scenario.file})`, async function () {
                if (!target) throw new Error("target not started");
                const fixtures = target.fixtures(`cognito-provider-test-fid-${runId}-${index}`);
                try {
                    substitute(scenario, fixtures);
                } catch (error) {
                    if (error instanceof MissingFixture) this.skip();
                    throw error;
                }
                const result = await runScenario(scenario, { target: target.name, client: target.client, stackRegion: target.region, fixtures });
                results.push(result);
                if (result.problems.length > 0) {
                    throw new Error(`${result.problems.length} problem(s) on ${target.name}:\n${formatProblems(result)}`);
                }
            });
        });
    });
}

if (targetKind() === "aws") {
    suite("real AWS (COGNITO_TEST_TARGET=aws)", corpus, startServiceTarget, 30 * 60 * 1000);
} else {
    suite("cognito-local", corpus.filter((s) => s.targets.includes("emulator")), startServiceTarget, 120 * 1000);
    describe("fidelity corpus: real AWS", function () {
        it(`all ${corpus.length} scenarios against real AWS: opt in with COGNITO_TEST_TARGET=aws AWS_REGION=<region> (see tests/scenarios/README.md)`);
    });
}
suite("AWS-faithful fake (aws-sdk-client-mock)", corpus.filter((s) => s.targets.includes("fake")), startFakeTarget, 60 * 1000);
