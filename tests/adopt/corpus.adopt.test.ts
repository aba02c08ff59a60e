/**
 * Adoption of every pool in the fidelity corpus (tests/scenarios/*.json). For each scenario's
 * initial program (and its setup: changes another tool made), on each of its targets:
 *
 *  1. the pool is created out of band with the SDK, as a person or another tool would;
 *  2. the generator (scripts/generate-program.ts) writes the program that reproduces it, and the
 *     provider's check accepts that program;
 *  3. create with adoptUserPoolId takes the pool over without writing anything (it already
 *     matches), then diff reports no change, and read + diff report no change;
 *  4. create with the scenario's own program and adoptUserPoolId (fewer declared fields) adopts
 *     it too: diff and read + diff report no change, and no member of an undeclared field moved;
 *     then each later program of the scenario, in order: adoption either converges the pool to it
 *     (the same checks) or refuses (an immutable field or the region differs) changing nothing;
 *  5. deleting the adopted pool deletes it.
 *
 * Targets as in tests/fidelity/corpus.test.ts: cognito-local for "emulator" scenarios (real AWS
 * with COGNITO_TEST_TARGET=aws), the AWS-faithful fake for "fake" ones.
 */
import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { expect } from "chai";
import { isPlainObject, PlainObject } from "../../provider/shared/schema";
import { declaredFieldsOf, planUserPool } from "../../provider/userPool/diff";
import { driftedFields, driftReport } from "../../provider/userPool/drift";
import type { UserPoolState } from "../../provider/userPool/flatten";
import { check, create, deleteUserPool, diff, read } from "../../provider/userPool/provider";
import { generateProgram } from "../../scripts/generate-program";
import { applyOperation, describe as describePool, snapshot, touchedUndeclared } from "../fidelity/awsState";
import { differences } from "../fidelity/runner";
import { LoadedScenario, loadCorpus, MissingFixture, substitute } from "../fidelity/scenarioFile";
import { FidelityTarget, startFakeTarget, startServiceTarget } from "../fidelity/targets";
import { targetKind } from "../support/target";
import { createOutOfBand, deleteOutOfBand } from "./outOfBand";

const corpus = loadCorpus();
const runId = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
const PROVIDER = "serialized provider (not used in process)";

async function checked(inputs: PlainObject, where: string): Promise<PlainObject> {
    const result = await check({}, inputs);
    const failures = (result.failures ?? []).map((f) => `${f.property}: ${f.reason}`);
    expect(failures, `${where}: check failures`).to.deep.equal([]);
    return result.inputs as PlainObject;
}

/** The engine's view after create: diff, then read + diff, report no change; the drift report agrees. */
async function expectSettled(id: string, outs: PlainObject, inputs: PlainObject, where: string, stackRegion: string): Promise<void> {
    const engineDiff = await diff(id, outs, { ...inputs, __provider: PROVIDER });
    const plan = planUserPool(outs as UserPoolState, inputs, stackRegion);
    expect({ changes: engineDiff.changes, replaces: engineDiff.replaces, changedFields: plan.changedFields }, `${where}: diff on create's outputs`)
        .to.deep.equal({ changes: false, replaces: [], changedFields: [] });
    const refreshed = await read(id, outs);
    expect(refreshed.id, `${where}: read finds the pool`).to.equal(id);
    const state = refreshed.props as UserPoolState;
    const afterRead = await diff(id, state, { ...inputs, __provider: PROVIDER });
    const replanned = planUserPool(state, inputs, stackRegion);
    expect({ changes: afterRead.changes, replaces: afterRead.replaces, changedFields: replanned.changedFields }, `${where}: diff after read`)
        .to.deep.equal({ changes: false, replaces: [], changedFields: [] });
    expect(driftedFields(driftReport(inputs, state)), `${where}: drift report after read`).to.deep.equal([]);
}

/** Describe without the date AWS stamps on every write. */
async function livePool(client: CognitoIdentityProviderClient, id: string): Promise<PlainObject> {
    const { LastModifiedDate: _date, ...pool } = await describePool(client, id);
    return pool;
}

/** How the adoptions of the scenarios' later programs went, per target: printed after each suite. */
interface Tally {
    converged: number;
    unchanged: number;
    refused: number;
}

async function adoptScenario(scenario: LoadedScenario, target: FidelityTarget, poolName: string, tally: Tally): Promise<void> {
    const fixtures = target.fixtures(poolName);
    const program = await checked(substitute(scenario.initial, fixtures), "the scenario's initial program");

    // 1. Made by hand (or by another tool), then changed by another tool.
    const id = await createOutOfBand(target.client, program);
    try {
        for (const operation of scenario.setup ?? []) await applyOperation(target.client, id, substitute(operation, fixtures));
        const before = await snapshot(target.client, id);
        const untouched = await livePool(target.client, id);

        // 2. The generated program passes check.
        const generated = await generateProgram(target.client, id, { region: target.region });
        if (!generated) throw new Error(`the generator does not find pool ${id}`);
        expect(generated.warnings, "generator warnings").to.deep.equal([]);
        const adopting = await checked(generated.inputs, "the generated program");
        expect(adopting.adoptUserPoolId).to.equal(id);

        // 3. Adoption of an exact program: nothing written, nothing to change afterwards.
        const adopted = await create({ ...adopting, __provider: PROVIDER });
        expect(adopted.id, "adoption records the existing pool").to.equal(id);
        expect(differences(untouched, await livePool(target.client, id)), "adopting an exact program writes nothing").to.deep.equal([]);
        await expectSettled(id, adopted.outs as PlainObject, adopting, "generated program", target.region);
        const tags = (await describePool(target.client, id)).UserPoolTags;
        expect(Object.keys(isPlainObject(tags) ? tags : {}).filter((k) => k.startsWith("pulumi-cognito-userpool:")), "no creation-token tag").to.deep.equal([]);

        // 4. Adoption with the scenario's own program: its fields converge, undeclared ones stay.
        const own = { ...program, adoptUserPoolId: id };
        const adoptedOwn = await create({ ...own, __provider: PROVIDER });
        expect(adoptedOwn.id).to.equal(id);
        await expectSettled(id, adoptedOwn.outs as PlainObject, own, "the scenario's program", target.region);
        const after = await snapshot(target.client, id);
        const moved = touchedUndeclared(before, after, new Set(declaredFieldsOf(own)));
        expect(moved.map((v) => `${v.member}: ${differences(v.before, v.after, v.member).join("; ")}`), "undeclared members changed by adoption").to.deep.equal([]);

        // 4b. Adoption with each later program of the scenario, in order, from whatever the pool
        // now is: either it converges (no diff, no diff after a refresh, undeclared members
        // untouched) or it refuses and leaves the pool exactly as it was.
        let outs = adoptedOwn.outs as PlainObject;
        for (const [index, rawStep] of scenario.steps.entries()) {
            const where = `step ${index + 1}${rawStep.description ? ` (${rawStep.description})` : ""}`;
            const result = await check({}, substitute(rawStep.inputs, fixtures));
            if ((result.failures ?? []).length > 0) continue;
            const stepProgram = { ...(result.inputs as PlainObject), adoptUserPoolId: id };
            const beforeStep = await snapshot(target.client, id);
            const unchanged = await livePool(target.client, id);
            const outcome = await create({ ...stepProgram, __provider: PROVIDER }).then(
                (created) => created,
                (error: Error) => error,
            );
            if (outcome instanceof Error) {
                expect(outcome.message, `${where}: adoption refused`).to.match(/^cannot adopt user pool /);
                expect(differences(unchanged, await livePool(target.client, id)), `${where}: a refused adoption changes nothing`).to.deep.equal([]);
                tally.refused++;
                continue;
            }
            expect(outcome.id, where).to.equal(id);
            outs = outcome.outs as PlainObject;
            await expectSettled(id, outs, stepProgram, `${where}, adopted`, target.region);
            const afterStep = await snapshot(target.client, id);
            const touched = touchedUndeclared(beforeStep, afterStep, new Set(declaredFieldsOf(stepProgram)));
            expect(touched.map((v) => v.member), `${where}: undeclared members changed by adoption`).to.deep.equal([]);
            if (differences(unchanged, await livePool(target.client, id)).length > 0) tally.converged++;
            else tally.unchanged++;
        }

        // 5. An adopted pool is deleted like any other.
        if ((await describePool(target.client, id)).DeletionProtection === "ACTIVE") {
            await applyOperation(target.client, id, { change: { DeletionProtection: "INACTIVE" } });
        }
        await deleteUserPool(id, outs);
        const gone = await describePool(target.client, id).then(() => "still there", (e: Error) => e.name);
        expect(gone, "the adopted pool is deleted").to.equal("ResourceNotFoundException");
    } finally {
        await deleteOutOfBand(target.client, id);
    }
}

function suite(label: string, scenarios: LoadedScenario[], start: () => Promise<FidelityTarget>, timeoutMs: number): void {
    describe(`adoption of the fidelity corpus: ${label}`, function () {
        this.timeout(timeoutMs);
        let target: FidelityTarget | undefined;
        const tally: Tally = { converged: 0, unchanged: 0, refused: 0 };

        before(async function () {
            target = await start();
        });

        after(async function () {
            await target?.stop();
            console.log(
                `\n      adoption of the corpus's later programs [${target?.name ?? label}]: ${tally.converged} converged in place, ` +
                    `${tally.unchanged} already matching, ${tally.refused} refused (immutable field or region), pool untouched`,
            );
        });

        scenarios.forEach((scenario, index) => {
            it(`generate, adopt, no diff: ${scenario.name} [${scenario.family}]`, async function () {
                if (!target) throw new Error("target not started");
                const poolName = `cognito-provider-test-adopt-${runId}-${index}`;
                try {
                    substitute(scenario, target.fixtures(poolName));
                } catch (error) {
                    if (error instanceof MissingFixture) this.skip();
                    throw error;
                }
                await adoptScenario(scenario, target, poolName, tally);
            });
        });
    });
}

if (targetKind() === "aws") {
    suite("real AWS (COGNITO_TEST_TARGET=aws)", corpus, startServiceTarget, 30 * 60 * 1000);
} else {
    suite("cognito-local", corpus.filter((s) => s.targets.includes("emulator")), startServiceTarget, 120 * 1000);
}
suite("AWS-faithful fake (aws-sdk-client-mock)", corpus.filter((s) => s.targets.includes("fake")), startFakeTarget, 60 * 1000);
