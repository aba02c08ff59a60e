/**
 * Writes the upgrade fixtures of a released version (tests/upgrade/README.md): run once per
 * release, after its tarball is kept in tests/upgrade/, and commit what it writes.
 *
 *   npm run build && node dist/tests/upgrade/capture.js 0.1.0 <release commit>
 *
 * 1. The release runs every corpus scenario through the fidelity runner, on cognito-local (the
 *    scenarios that target it) and on the AWS-faithful fake. A scenario the release itself got
 *    wrong on a target is left out there (listed in index.json with the runner's problems): its
 *    states are not ones a user's stack could hold.
 * 2. On the fake, the release replays each remaining scenario the way the engine runs it
 *    (tests/upgrade/engine.ts); every state the engine stores is written with the pool as it was
 *    at that moment.
 *
 * Not a test (no .test in its name): npm test only reads what it wrote.
 */
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
// The module object itself (not an import copy), so that replacing randomUUID reaches the release too.
import crypto = require("crypto");
import * as fs from "fs";
import * as path from "path";
import { stableStringify } from "../../provider/shared/schema";
import type { UserPoolPlan } from "../../provider/userPool/diff";
import { describe, mfaConfig } from "../fidelity/awsState";
import { ProviderUnderTest, runScenario, formatProblems } from "../fidelity/runner";
import { LoadedScenario, loadCorpus, localFixtures, substitute } from "../fidelity/scenarioFile";
import { FidelityTarget, startFakeTarget, startServiceTarget } from "../fidelity/targets";
import { FakeCognito } from "../mock/fakeCognito";
import { TEST_CREDENTIALS } from "../support/target";
import { replay } from "./engine";
import { compactFile, Exclusion, FixtureFile, FixtureIndex, fixtureDirectory, formatJson, PoolSnapshot, ScenarioFixture, STANDARD_FILE, standardAttributesOf } from "./fixtures";
import { LoadedRelease, loadRelease, tarballOf } from "./release";

const REGION = "us-east-1";

function asProviderUnderTest(release: LoadedRelease): ProviderUnderTest {
    return {
        check: release.check,
        diff: release.diff,
        create: release.create,
        read: release.read,
        update: release.update,
        delete: release.delete,
        // The release's plan has every member the runner reads (changedFields, replaceReasons, removedFields).
        plan: (olds, news, stackRegion) => release.plan(olds, news, stackRegion) as UserPoolPlan,
    };
}

/**
 * check gives every new pool a random creation token; numbered ones instead make a second
 * capture of the same release write the same files.
 */
function numberedUuids(): { restart(): void; restore(): void } {
    const original = crypto.randomUUID;
    let n = 0;
    const numbered = () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}` as ReturnType<typeof crypto.randomUUID>;
    (crypto as { randomUUID: typeof crypto.randomUUID }).randomUUID = numbered;
    return {
        restart: () => {
            n = 0;
        },
        restore: () => {
            (crypto as { randomUUID: typeof crypto.randomUUID }).randomUUID = original;
        },
    };
}

async function findProblems(release: LoadedRelease, target: FidelityTarget, scenarios: LoadedScenario[]): Promise<Exclusion[]> {
    const excluded: Exclusion[] = [];
    for (const scenario of scenarios) {
        release.resetClients();
        const result = await runScenario(scenario, {
            target: target.name,
            client: target.client,
            stackRegion: target.region,
            fixtures: target.fixtures(`upgrade-${scenario.name}`),
            provider: asProviderUnderTest(release),
        });
        if (result.problems.length > 0) {
            console.log(`${release.version} on ${target.name}: ${scenario.name} left out:\n${formatProblems(result)}`);
            excluded.push({ scenario: scenario.name, target: target.name as Exclusion["target"], problems: result.problems.map((p) => `[${p.kind}] ${p.where}: ${p.message}`) });
        }
    }
    console.log(`${release.version} on ${target.name}: ${scenarios.length} scenarios run by the fidelity runner, ${excluded.length} with problems`);
    return excluded;
}

async function main(): Promise<void> {
    const [version, commit] = process.argv.slice(2);
    if (!version || !commit) throw new Error("usage: node dist/tests/upgrade/capture.js <version> <release commit>");
    // Pacing spaces calls to AWS's quotas; the emulator and the fake have none.
    process.env.COGNITO_PROVIDER_READ_RATE = "0";
    process.env.COGNITO_PROVIDER_WRITE_RATE = "0";
    const release = loadRelease(version);
    const uuids = numberedUuids();
    const corpus = loadCorpus();
    const excluded: Exclusion[] = [];
    try {
        release.configure(REGION);
        const emulator = await startServiceTarget();
        try {
            excluded.push(...(await findProblems(release, emulator, corpus.filter((s) => s.targets.includes("emulator")))));
        } finally {
            await emulator.stop();
        }

        const fake = await startFakeTarget();
        const files = new Map<string, FixtureFile>();
        let points = 0;
        try {
            const onFake = corpus.filter((s) => s.targets.includes("fake"));
            excluded.push(...(await findProblems(release, fake, onFake)));
            for (const scenario of onFake) {
                if (excluded.some((e) => e.scenario === scenario.name && e.target === "fake")) continue;
                // A fresh fake per scenario: pool ids count from 1, whatever ran before.
                fake.fake.stub.reset();
                const cognito = new FakeCognito(fake.fake.stub);
                release.resetClients();
                uuids.restart();
                const substituted = substitute(scenario, localFixtures(`upgrade-${scenario.name}`));
                const { file: _file, ...plainScenario } = substituted;
                const fixture: ScenarioFixture = { name: scenario.name, family: scenario.family, targets: scenario.targets, scenario: plainScenario, pools: [], points: [] };
                const seen = new Set<string>();
                const last = await replay(plainScenario, {
                    version: release,
                    client: fake.client,
                    stackRegion: REGION,
                    outOfBand: true,
                    async onPoint(point) {
                        const region = String(point.stored.outputs.region ?? REGION);
                        const client = new CognitoIdentityProviderClient({ region, credentials: TEST_CREDENTIALS });
                        const snapshot: PoolSnapshot = { region, pool: await describe(client, point.stored.id), mfa: await mfaConfig(client, point.stored.id) };
                        client.destroy();
                        const key = stableStringify({ snapshot, stored: point.stored, program: point.program });
                        if (seen.has(key)) return;
                        seen.add(key);
                        const poolKey = stableStringify(snapshot);
                        let pool = fixture.pools.findIndex((p) => stableStringify(p) === poolKey);
                        if (pool < 0) pool = fixture.pools.push(snapshot) - 1;
                        fixture.points.push({ ...structuredClone(point), pool });
                    },
                });
                if (cognito.pools.has(last.id)) await release.delete(last.id, last.outputs).catch(() => undefined);
                points += fixture.points.length;
                const corpusFile = scenario.file;
                const file = files.get(corpusFile) ?? { release: version, corpusFile, scenarios: [] };
                file.scenarios.push(fixture);
                files.set(corpusFile, file);
                console.log(`${scenario.name}: ${fixture.points.length} states, ${fixture.pools.length} pools`);
            }
        } finally {
            await fake.stop();
        }

        const directory = fixtureDirectory(version);
        fs.rmSync(directory, { recursive: true, force: true });
        fs.mkdirSync(directory, { recursive: true });
        const standard = standardAttributesOf([...files.values()]);
        fs.writeFileSync(path.join(directory, STANDARD_FILE), `${formatJson(standard)}\n`);
        for (const [corpusFile, file] of files) {
            compactFile(file, standard);
            fs.writeFileSync(path.join(directory, path.basename(corpusFile)), `${formatJson(file)}\n`);
        }
        const tarball = tarballOf(version);
        const index: FixtureIndex = {
            release: version,
            commit,
            tarball: path.basename(tarball),
            tarballSha256: crypto.createHash("sha256").update(fs.readFileSync(tarball)).digest("hex"),
            capturedWith: `node dist/tests/upgrade/capture.js ${version} ${commit}`,
            scenarios: [...files.values()].reduce((n, f) => n + f.scenarios.length, 0),
            points,
            excluded,
        };
        fs.writeFileSync(path.join(directory, "index.json"), `${JSON.stringify(index, null, 2)}\n`);
        console.log(`${index.scenarios} scenarios, ${points} states written to ${directory}; ${excluded.length} exclusion(s)`);
    } finally {
        uuids.restore();
        release.remove();
    }
}

main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack : String(error));
    process.exit(1);
});
