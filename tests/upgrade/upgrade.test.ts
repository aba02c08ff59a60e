/**
 * Stacks survive upgrades (tests/upgrade/README.md): every state a release stored while running
 * the fidelity corpus is handed to this version, with the pool as the release left it, and must
 * preview as the release did (no change, unless the state recorded drift; the same updates,
 * replacements and refusals for the scenario's other programs), refresh to a state that previews
 * the same, update in place to a converged pool, and delete (tests/upgrade/handover.ts).
 *
 * For each release with fixtures (tests/upgrade/fixtures/<release>/):
 *  - cognito-local: each scenario that targets it is replayed at test time by the release's
 *    package (the tarball kept here) through its last step but one, and that state is handed
 *    over: one state per scenario, made by the release's own code against a running service.
 *  - the AWS-faithful fake: every state of every scenario, from the fixtures (the pool seeded as
 *    DescribeUserPool reported it when the release stored the state), so this part does not
 *    depend on how the release or the fake behave today.
 */
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import type * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import * as crypto from "crypto";
import * as fs from "fs";
import { createRequire } from "module";
import * as path from "path";
import { resetClients } from "../../provider/client";
import * as runtime from "../../provider/runtime";
import { planUserPool } from "../../provider/userPool/diff";
import { projectRoot } from "../../scripts/toolchain";
import { FidelityTarget, startFakeTarget, startServiceTarget } from "../fidelity/targets";
import { TEST_CREDENTIALS } from "../support/target";
import { Point, replay, verdictOf } from "./engine";
import { asDescribed, fixtureDirectory, FixturePoint, readFixtures, readIndex, ScenarioFixture } from "./fixtures";
import { handOver, OUTPUT_CHANGES } from "./handover";
import { LoadedRelease, loadRelease, tarballOf, upgradeDirectory, UserPoolVersion, versionThrough } from "./release";

/** This checkout, through the entry point every stored `__provider` loads (provider/runtime.ts). */
const current: UserPoolVersion = versionThrough("this version", runtime, planUserPool, resetClients);

/** Every release with fixtures: each is a version whose stacks this one must keep working. */
const releases = fs.existsSync(path.join(upgradeDirectory, "fixtures")) ? fs.readdirSync(path.join(upgradeDirectory, "fixtures")).sort() : [];

/** The scenario's programs in the order of Point.everyProgram: the initial one, then each step's. */
function programsOf(fixture: ScenarioFixture): Record<string, unknown>[] {
    return [fixture.scenario.initial, ...fixture.scenario.steps.map((s) => s.inputs)];
}

function report(problems: string[], where: string): void {
    if (problems.length > 0) throw new Error(`${problems.length} problem(s) ${where}:\n  ${problems.join("\n  ")}`);
}

function withRatesOff(): () => void {
    // Pacing spaces calls to AWS's quotas; the emulator has none, and every version paces.
    const saved = { COGNITO_PROVIDER_READ_RATE: process.env.COGNITO_PROVIDER_READ_RATE, COGNITO_PROVIDER_WRITE_RATE: process.env.COGNITO_PROVIDER_WRITE_RATE };
    process.env.COGNITO_PROVIDER_READ_RATE = "0";
    process.env.COGNITO_PROVIDER_WRITE_RATE = "0";
    return () => {
        for (const [name, value] of Object.entries(saved)) {
            if (value === undefined) delete process.env[name];
            else process.env[name] = value;
        }
    };
}

describe("upgrade: releases under test", function () {
    it("there is at least one (tests/upgrade/fixtures/<release>/), each with its kept package and an OUTPUT_CHANGES entry", function () {
        expect(releases, "no release fixtures: the upgrade test would test nothing").to.not.be.empty;
        for (const release of releases) {
            expect(fs.existsSync(tarballOf(release)), tarballOf(release)).to.equal(true);
            expect(OUTPUT_CHANGES, `OUTPUT_CHANGES (tests/upgrade/handover.ts) has no entry for ${release}`).to.have.property(release);
        }
    });
});

for (const release of releases) suitesFor(release);

function suitesFor(release: string): void {
    const index = readIndex(release);
    const fixtures: ScenarioFixture[] = readFixtures(release).flatMap((file) => file.scenarios);
    const excludedOn = (target: "emulator" | "fake", name: string) => index.excluded.some((e) => e.target === target && e.scenario === name);

    /** One line per target of what was handed over, as the corpus prints its own. */
    const summaryLine = (target: string, points: Point[]): string => {
        const count = (values: string[]) => [...new Set(values)].sort().map((v) => `${values.filter((x) => x === v).length} ${v}`).join(", ");
        return (
            `upgrade from ${release} [${target}]: ${points.length} stored states handed over; previews expected: ${count(points.map((p) => p.verdict.kind))}; ` +
            `verdicts on the scenario's programs compared: ${count(points.flatMap((p) => p.everyProgram.map((v) => v.kind)))}; ` +
            `updates from the old state: ${count(points.map((p) => p.update?.why ?? "none possible"))}; each then deleted`
        );
    };

    describe(`upgrade from ${release}: the fixtures`, function () {
        it(`were made by the ${release} package kept in tests/upgrade/ and hold every state index.json counts`, function () {
            const sha = crypto.createHash("sha256").update(fs.readFileSync(tarballOf(release))).digest("hex");
            expect(sha, `${path.basename(tarballOf(release))} is not the tarball the fixtures in ${fixtureDirectory(release)} were captured with`).to.equal(index.tarballSha256);
            expect(fixtures.length).to.equal(index.scenarios);
            expect(fixtures.reduce((n, f) => n + f.points.length, 0)).to.equal(index.points);
            for (const fixture of fixtures) {
                expect(fixture.points[0]?.label, fixture.name).to.equal("after create");
                for (const point of fixture.points) {
                    expect(fixture.pools[point.pool], `${fixture.name}: ${point.label}`).to.not.equal(undefined);
                    expect(point.everyProgram, `${fixture.name}: ${point.label}`).to.have.length(programsOf(fixture).length);
                }
            }
        });

        it(`hold no output ${release} did not write (those OUTPUT_CHANGES lists as added), so the handover checks that a refresh adds them`, function () {
            const added = OUTPUT_CHANGES[release]?.added ?? [];
            const outputs = fixtures.flatMap((f) => f.points.map((p) => p.stored.outputs));
            for (const key of added) expect(outputs.filter((o) => key in o), key).to.have.length(0);
        });
    });

    describe(`upgrade from ${release}: the entry points a ${release} stack's __provider loads`, function () {
        // A stack stores either `require("pulumi-cognito-userpool/hosted/userPool")` (the package
        // installed from npm) or a delegating function that loads "pulumi-cognito-userpool/runtime"
        // from the project's directory (provider/providers.ts); both must still lead to a working provider.
        const fromProject = createRequire(path.join(projectRoot(__dirname), "package.json"));

        it("pulumi-cognito-userpool/runtime and /hosted/userPool still resolve to this version's UserPool methods", async function () {
            const loaded = fromProject("pulumi-cognito-userpool/runtime") as typeof runtime;
            expect(loaded.configure).to.be.a("function");
            const hosted = fromProject("pulumi-cognito-userpool/hosted/userPool") as Required<pulumi.dynamic.ResourceProvider>;
            for (const provider of [loaded.userPool, hosted]) {
                for (const method of ["check", "diff", "create", "read", "update", "delete"] as const) expect(provider[method], method).to.be.a("function");
            }
            // A preview through the hosted object, with the engine's __provider key in both states.
            const point = fixtures[0].points[0];
            const withProvider = (value: Record<string, unknown>) => ({ ...value, __provider: `serialized ${release} provider` });
            const checked = await hosted.check(withProvider(point.stored.inputs), withProvider(point.program));
            expect(checked.failures ?? []).to.deep.equal([]);
            const answer = await hosted.diff(point.stored.id, withProvider(point.stored.outputs), checked.inputs);
            expect(answer.changes).to.equal(false);
        });
    });

    describe(`upgrade from ${release} on cognito-local: each scenario replayed by the ${release} package up to its last step, that state handed to this version`, function () {
        this.timeout(120 * 1000);
        let target: FidelityTarget | undefined;
        let loaded: LoadedRelease | undefined;
        let restoreRates: (() => void) | undefined;
        const handed: Point[] = [];

        before(async function () {
            restoreRates = withRatesOff();
            target = await startServiceTarget();
            loaded = loadRelease(release);
            loaded.configure(target.region);
            current.configure(target.region);
        });

        after(async function () {
            if (handed.length > 0) console.log(`\n      ${summaryLine("cognito-local", handed)}`);
            await target?.stop();
            loaded?.remove();
            restoreRates?.();
        });

        for (const fixture of fixtures.filter((f) => f.targets.includes("emulator") && !excludedOn("emulator", f.name))) {
            it(`${fixture.name} [${fixture.family}]`, async function () {
                if (!target || !loaded) throw new Error(`cognito-local or the ${release} package not started`);
                const emulator = target;
                const points: Point[] = [];
                // Through the last step but one, so that the update this version applies is the
                // scenario's own last step wherever that is an update in place.
                const throughStep = Math.max(0, fixture.scenario.steps.length - 1);
                await replay(fixture.scenario, { version: loaded, client: emulator.client, stackRegion: emulator.region, outOfBand: false, throughStep, onPoint: async (p) => void points.push(p) });
                const last = points[points.length - 1];
                handed.push(last);
                const problems = await handOver(last, { release, version: current, stackRegion: emulator.region, client: () => emulator.client }, programsOf(fixture));
                report(problems.map((p) => `${last.label}: ${p}`), `handing ${fixture.name}'s ${release} state to this version on cognito-local`);
            });
        }
    });

    describe(`upgrade from ${release} on the AWS-faithful fake: every state ${release} stored in the corpus, handed to this version`, function () {
        let target: Awaited<ReturnType<typeof startFakeTarget>> | undefined;
        const handed: Point[] = [];
        const clients = new Map<string, CognitoIdentityProviderClient>();
        const clientIn = (region: string) => {
            let client = clients.get(region);
            if (!client) clients.set(region, (client = new CognitoIdentityProviderClient({ region, credentials: TEST_CREDENTIALS })));
            return client;
        };
        /** The pool back as the release left it when it stored `point`, alone in the fake. */
        const seed = (fixture: ScenarioFixture, point: FixturePoint) => {
            if (!target) throw new Error("fake not started");
            const snapshot = fixture.pools[point.pool];
            const { pool, mfa } = asDescribed(snapshot);
            target.fake.pools.clear();
            target.fake.seed(pool, snapshot.region, mfa);
            return snapshot.region;
        };

        before(async function () {
            target = await startFakeTarget();
        });

        after(async function () {
            if (handed.length > 0) console.log(`\n      ${summaryLine("fake", handed)}`);
            for (const client of clients.values()) client.destroy();
            await target?.stop();
        });

        if (OUTPUT_CHANGES[release]?.added.includes("issuerUrl")) {
            it(`a ${release} state has no issuerUrl: it previews no change, and a refresh adds the https issuer (on the issuer-cognito-idp host once the issuer configuration is UPDATED)`, async function () {
                if (!target) throw new Error("fake not started");
                const issuerType = (f: ScenarioFixture, p: FixturePoint) => (f.pools[p.pool].pool.IssuerConfiguration as { Type?: string } | undefined)?.Type;
                const pick = (updated: boolean) => {
                    for (const f of fixtures) for (const p of f.points) if (p.verdict.kind === "none" && (issuerType(f, p) === "UPDATED") === updated) return { f, p };
                    throw new Error(`no ${release} state with ${updated ? "an UPDATED" : "the original"} issuer in the fixtures`);
                };
                const none = { kind: "none", fields: [] };
                for (const [updated, host] of [[false, "cognito-idp"], [true, "issuer-cognito-idp"]] as const) {
                    const { f, p } = pick(updated);
                    const where = `${f.name}: ${p.label}`;
                    const region = seed(f, p);
                    expect(p.stored.outputs, where).to.not.have.property("issuerUrl");
                    expect(await verdictOf(current, p.stored, p.program, target.region), where).to.deep.equal(none);
                    const read = await current.read(p.stored.id, p.stored.outputs);
                    expect(read.props?.issuerUrl, where).to.equal(`https://${host}.${region}.amazonaws.com/${p.stored.id}`);
                    const refreshed = { id: p.stored.id, inputs: read.inputs as Record<string, unknown>, outputs: read.props as Record<string, unknown> };
                    expect(await verdictOf(current, refreshed, p.program, target.region), where).to.deep.equal(none);
                    await current.delete(p.stored.id, p.stored.outputs);
                }
            });
        }

        for (const fixture of fixtures.filter((f) => !excludedOn("fake", f.name))) {
            it(`${fixture.name} [${fixture.family}]: ${fixture.points.length} states`, async function () {
                if (!target) throw new Error("fake not started");
                const problems: string[] = [];
                for (const point of fixture.points) {
                    seed(fixture, point);
                    for (const problem of await handOver(point, { release, version: current, stackRegion: target.region, client: clientIn }, programsOf(fixture))) problems.push(`${point.label}: ${problem}`);
                    handed.push(point);
                }
                report(problems, `handing ${fixture.name}'s ${release} states to this version`);
            });
        }
    });
}
