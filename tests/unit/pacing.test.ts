/**
 * Pacing to Cognito's request-rate quotas (provider/shared/pacing.ts, wired in provider/client.ts).
 * Everything runs in virtual time (tests/support/virtualClock.ts): the tests assert at which
 * virtual millisecond each call left the pacer, never how long anything took. How fast a large
 * refresh or update really converges is the benchmark's job (bench/sections/quotaPacing.ts).
 */
import {
    DescribeUserPoolCommand,
    ServiceInputTypes,
    ServiceOutputTypes,
    UpdateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import type { FinalizeRequestMiddleware } from "@smithy/types";
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { cognitoClient, PACING_MIDDLEWARE, resetClients, setStackRegion } from "../../provider/client";
import { categoryOf, DEFAULT_RATE, Pacer, QuotaCategory, readRate, setPacingClock, writeRate } from "../../provider/shared/pacing";
import { setWaitDefaults } from "../../provider/shared/wait";
import { create as createDomain } from "../../provider/userPoolDomain/provider";
import { TEST_CREDENTIALS } from "../support/target";
import { VirtualClock } from "../support/virtualClock";

const REGION = "us-east-1";

/** Runs `count` acquires of each category at once; returns when each got through, per category. */
async function acquireTimes(pacer: Pacer, clock: VirtualClock, calls: Array<[string, QuotaCategory]>): Promise<Record<string, number[]>> {
    const times: Record<string, number[]> = {};
    await clock.run(
        Promise.all(
            calls.map(async ([scope, category]) => {
                await pacer.acquire(scope, category);
                (times[`${scope} ${category}`] ??= []).push(clock.now());
            }),
        ),
    );
    return times;
}

const fixedRates = (rates: Partial<Record<QuotaCategory, number>>) => (category: QuotaCategory) => rates[category] ?? 0;
const reads = (n: number, scope = REGION): Array<[string, QuotaCategory]> => Array.from({ length: n }, () => [scope, "UserPoolRead"]);
const writes = (n: number, scope = REGION): Array<[string, QuotaCategory]> => Array.from({ length: n }, () => [scope, "UserPoolUpdate"]);

/** Sets environment variables for one test; the returned function puts the previous values back. */
function withEnvironment(values: Record<string, string | undefined>): () => void {
    const previous = Object.fromEntries(Object.keys(values).map((key) => [key, process.env[key]]));
    const apply = (next: Record<string, string | undefined>) => {
        for (const [key, value] of Object.entries(next)) {
            if (value === undefined) delete process.env[key];
            else process.env[key] = value;
        }
    };
    apply(values);
    return () => apply(previous);
}

describe("pacing to Cognito's request-rate quotas", () => {
    describe("the pacer", () => {
        it("with a rate of N, lets the k-th of many simultaneous calls through at slot k (k x 1000/N ms), not before", async () => {
            const clock = new VirtualClock();
            const pacer = new Pacer(fixedRates({ UserPoolRead: 10 }), clock);
            const times = await acquireTimes(pacer, clock, reads(6));
            expect(times[`${REGION} UserPoolRead`]).to.deep.equal([0, 100, 200, 300, 400, 500]);
        });

        it("never delays a call that comes a full interval after the previous one, and spaces one that comes sooner", async () => {
            const clock = new VirtualClock();
            const pacer = new Pacer(fixedRates({ UserPoolRead: 10 }), clock);
            const passed: number[] = [];
            await clock.run(
                (async () => {
                    await pacer.acquire(REGION, "UserPoolRead");
                    passed.push(clock.now());
                    await clock.sleep(250);
                    await pacer.acquire(REGION, "UserPoolRead");
                    passed.push(clock.now());
                    await clock.sleep(30);
                    await pacer.acquire(REGION, "UserPoolRead");
                    passed.push(clock.now());
                })(),
            );
            expect(passed).to.deep.equal([0, 250, 350]);
        });

        it("a call woken late (a busy event loop) delays the ones behind it rather than letting them catch up in a burst", async () => {
            const clock = new VirtualClock();
            // The first pause the pacer asks for ends 50 ms late, as a timer does when the event loop is busy.
            let late = 50;
            const sleepy = { now: () => clock.now(), sleep: (ms: number) => clock.sleep(ms + late).finally(() => (late = 0)) };
            const pacer = new Pacer(fixedRates({ UserPoolRead: 10 }), sleepy);
            const times = await acquireTimes(pacer, clock, reads(4));
            expect(times[`${REGION} UserPoolRead`]).to.deep.equal([0, 150, 250, 350]);
        });

        it("paces reads and writes independently: a queue of one never delays the other", async () => {
            const clock = new VirtualClock();
            const pacer = new Pacer(fixedRates({ UserPoolRead: 10, UserPoolUpdate: 5 }), clock);
            const interleaved = reads(3).flatMap((read, i) => [read, writes(3)[i]]);
            const times = await acquireTimes(pacer, clock, interleaved);
            expect(times[`${REGION} UserPoolRead`]).to.deep.equal([0, 100, 200]);
            expect(times[`${REGION} UserPoolUpdate`]).to.deep.equal([0, 200, 400]);
        });

        it("paces each region on its own: quotas are per account and region", async () => {
            const clock = new VirtualClock();
            const pacer = new Pacer(fixedRates({ UserPoolRead: 10 }), clock);
            const times = await acquireTimes(pacer, clock, [...reads(2, "us-east-1"), ...reads(2, "eu-west-1")]);
            expect(times["us-east-1 UserPoolRead"]).to.deep.equal([0, 100]);
            expect(times["eu-west-1 UserPoolRead"]).to.deep.equal([0, 100]);
        });

        it("a rate of 0 turns pacing off: every call goes at once", async () => {
            const clock = new VirtualClock();
            const pacer = new Pacer(fixedRates({ UserPoolRead: 0, UserPoolUpdate: 0 }), clock);
            const times = await acquireTimes(pacer, clock, [...reads(20), ...writes(20)]);
            expect(times[`${REGION} UserPoolRead`]).to.deep.equal(new Array(20).fill(0));
            expect(times[`${REGION} UserPoolUpdate`]).to.deep.equal(new Array(20).fill(0));
        });

        it("reads COGNITO_PROVIDER_READ_RATE and COGNITO_PROVIDER_WRITE_RATE at every call, each on its own; anything but a number >= 0 means the default", () => {
            const cases: Array<[string | undefined, number]> = [[undefined, DEFAULT_RATE], ["5", 5], ["0", 0], ["2.5", 2.5], ["", DEFAULT_RATE], [" ", DEFAULT_RATE], ["fast", DEFAULT_RATE], ["-1", DEFAULT_RATE]];
            for (const [value, expected] of cases) {
                const restore = withEnvironment({ COGNITO_PROVIDER_READ_RATE: value, COGNITO_PROVIDER_WRITE_RATE: "7" });
                try {
                    expect(readRate(), `COGNITO_PROVIDER_READ_RATE=${String(value)}`).to.equal(expected);
                    expect(writeRate(), "the write rate is its own setting").to.equal(7);
                } finally {
                    restore();
                }
            }
            expect(DEFAULT_RATE, "under Cognito's 15 requests/s").to.be.lessThan(15);
        });
    });

    describe("every call the provider makes", () => {
        it("has a quota category: each command the provider's sources send is paced", () => {
            // Compiled tests live in dist/tests/unit; the sources in provider/.
            const root = path.resolve(__dirname, "..", "..", "..", "provider");
            const sources: string[] = [];
            const walk = (dir: string) => {
                for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
                    const full = path.join(dir, entry.name);
                    if (entry.isDirectory()) walk(full);
                    else if (entry.name.endsWith(".ts")) sources.push(fs.readFileSync(full, "utf8"));
                }
            };
            walk(root);
            const sent = new Set(sources.flatMap((text) => [...text.matchAll(/new (\w+)Command\(/g)].map((m) => m[1])));
            expect(sent.size, "the scan finds the provider's calls").to.be.greaterThan(8);
            expect([...sent].filter((operation) => categoryOf(operation) === undefined)).to.deep.equal([]);
            expect(categoryOf("DescribeUserPoolDomainCommand"), "the SDK's command name works too").to.equal("UserPoolRead");
        });
    });

    describe("through the provider's client", () => {
        let clock: VirtualClock;
        let restoreClock: () => void;
        let restoreEnvironment: () => void;
        let sent: Array<{ operation: string; at: number }>;

        /**
         * Answers every call as soon as it leaves the pacer (nothing is sent), recording the
         * operation and the virtual time, for both of the clients the provider uses.
         */
        function answerAfterPacing(answer: (operation: string, input: Record<string, unknown>) => Record<string, unknown>): void {
            for (const client of [cognitoClient(REGION), cognitoClient(REGION, "create")]) {
                const respond: FinalizeRequestMiddleware<ServiceInputTypes, ServiceOutputTypes> = (_next, context) => async (args) => {
                    const operation = String(context.commandName).replace(/Command$/, "");
                    sent.push({ operation, at: clock.now() });
                    const output = { $metadata: {}, ...answer(operation, args.input as Record<string, unknown>) } as ServiceOutputTypes;
                    return { output, response: {} };
                };
                client.middlewareStack.addRelativeTo(respond, { relation: "after", toMiddleware: PACING_MIDDLEWARE, name: "testAnswerAfterPacing" });
            }
        }

        const pool = (id: string) => ({ UserPool: { Id: id, Name: id } });
        const times = (operation: string) => sent.filter((s) => s.operation === operation).map((s) => s.at);

        /** One call through each client with pacing off, so that config and credentials are resolved before the measured calls. */
        async function warmUp(): Promise<void> {
            const restore = withEnvironment({ COGNITO_PROVIDER_READ_RATE: "0", COGNITO_PROVIDER_WRITE_RATE: "0" });
            try {
                await clock.run(Promise.all([cognitoClient(REGION).send(new DescribeUserPoolCommand({ UserPoolId: "warm" })), cognitoClient(REGION, "create").send(new DescribeUserPoolCommand({ UserPoolId: "warm" }))]));
            } finally {
                restore();
            }
            sent.splice(0);
            restoreClock();
            restoreClock = setPacingClock(clock);
        }

        beforeEach(() => {
            restoreEnvironment = withEnvironment({
                AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
                AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
                AWS_SESSION_TOKEN: undefined,
                AWS_PROFILE: undefined,
                COGNITO_PROVIDER_CALL_LOG: undefined,
            });
            resetClients();
            setStackRegion(REGION);
            clock = new VirtualClock();
            restoreClock = setPacingClock(clock);
            sent = [];
        });

        afterEach(() => {
            restoreClock();
            resetClients();
            restoreEnvironment();
        });

        it("sits between the retry middleware and signing: every attempt is paced, and signed only when it leaves", () => {
            const order = cognitoClient(REGION).middlewareStack.identify().map((entry) => entry.split(" ")[0]);
            const retry = order.indexOf("retryMiddleware");
            const pacing = order.indexOf(PACING_MIDDLEWARE);
            const signing = order.indexOf("httpSigningMiddleware");
            expect(retry).to.be.greaterThan(-1);
            expect(pacing, "pacing after retry").to.equal(retry + 1);
            expect(signing, "signing right after pacing").to.equal(pacing + 1);
        });

        it("honours COGNITO_PROVIDER_READ_RATE: simultaneous DescribeUserPool calls leave 1000/rate ms apart", async () => {
            answerAfterPacing((_operation, input) => pool(String(input.UserPoolId)));
            await warmUp();
            const restore = withEnvironment({ COGNITO_PROVIDER_READ_RATE: "5" });
            try {
                const client = cognitoClient(REGION);
                await clock.run(Promise.all(["a", "b", "c", "d"].map((id) => client.send(new DescribeUserPoolCommand({ UserPoolId: id })))));
            } finally {
                restore();
            }
            expect(times("DescribeUserPool")).to.deep.equal([0, 200, 400, 600]);
        });

        it("paces reads and writes of the same client independently, each at its own rate", async () => {
            answerAfterPacing((operation, input) => (operation === "DescribeUserPool" ? pool(String(input.UserPoolId)) : {}));
            await warmUp();
            const restore = withEnvironment({ COGNITO_PROVIDER_READ_RATE: "10", COGNITO_PROVIDER_WRITE_RATE: "4" });
            try {
                const client = cognitoClient(REGION);
                const ids = ["a", "b", "c"];
                await clock.run(
                    Promise.all(ids.flatMap((id) => [client.send(new DescribeUserPoolCommand({ UserPoolId: id })), client.send(new UpdateUserPoolCommand({ UserPoolId: id }))])),
                );
            } finally {
                restore();
            }
            expect(times("DescribeUserPool")).to.deep.equal([0, 100, 200]);
            expect(times("UpdateUserPool")).to.deep.equal([0, 250, 500]);
        });

        it("shares one pacer between the default and the create client of a region", async () => {
            answerAfterPacing(() => ({ UserPool: { Id: "x" } }));
            await warmUp();
            const restore = withEnvironment({ COGNITO_PROVIDER_WRITE_RATE: "10" });
            try {
                await clock.run(
                    Promise.all([
                        cognitoClient(REGION, "create").send(new UpdateUserPoolCommand({ UserPoolId: "a" })),
                        cognitoClient(REGION).send(new UpdateUserPoolCommand({ UserPoolId: "b" })),
                        cognitoClient(REGION, "create").send(new UpdateUserPoolCommand({ UserPoolId: "c" })),
                    ]),
                );
            } finally {
                restore();
            }
            expect(times("UpdateUserPool")).to.deep.equal([0, 100, 200]);
        });

        it("makes domain waits poll through the read pacing: waits of many domains together stay within the read rate", async () => {
            // Each domain is CREATING on its first poll and ACTIVE on its second.
            const polls = new Map<string, number>();
            answerAfterPacing((operation, input) => {
                if (operation !== "DescribeUserPoolDomain") return {};
                const domain = String(input.Domain);
                polls.set(domain, (polls.get(domain) ?? 0) + 1);
                return { DomainDescription: { Domain: domain, UserPoolId: "us-east-1_pool", Status: polls.get(domain) === 1 ? "CREATING" : "ACTIVE" } };
            });
            await warmUp();
            // The wait's own pauses run on the same virtual clock.
            const restoreWaits = setWaitDefaults({ clock, log: () => undefined });
            const restore = withEnvironment({ COGNITO_PROVIDER_READ_RATE: "10", COGNITO_PROVIDER_WRITE_RATE: "0" });
            try {
                const domains = ["login-a", "login-b", "login-c", "login-d"];
                await clock.run(Promise.all(domains.map((domain) => createDomain({ domain, userPoolId: "us-east-1_pool", region: REGION }))));
            } finally {
                restore();
                restoreWaits();
            }
            expect(times("CreateUserPoolDomain"), "writes unpaced at rate 0").to.deep.equal([0, 0, 0, 0]);
            const describes = times("DescribeUserPoolDomain");
            expect(describes).to.have.length(8);
            // The first polls queue behind one another; the second ones, after the wait's 2 s pause,
            // take the next free slots.
            expect(describes.slice(0, 4)).to.deep.equal([0, 100, 200, 300]);
            for (let i = 1; i < describes.length; i++) expect(describes[i] - describes[i - 1], `poll ${i + 1}`).to.be.at.least(100);
        });
    });
});
