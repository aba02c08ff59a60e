import { expect } from "chai";
import { FakeClock, formatElapsed, waitFor, WaitError } from "../../provider/shared/wait";
import { rejection } from "../support/rejection";

/** A resource whose successive reads return `states` (the last one repeats), with a read counter. */
function scripted<T>(states: T[]) {
    let reads = 0;
    return {
        get reads() {
            return reads;
        },
        describe: async () => states[Math.min(reads++, states.length - 1)],
    };
}

const MINUTE = 60_000;

describe("waitFor (polling with backoff, deadline and progress lines)", () => {
    it("returns at once, without sleeping or logging, when the first read is done", async () => {
        const clock = new FakeClock();
        const lines: string[] = [];
        const resource = scripted(["ACTIVE"]);
        const result = await waitFor({ ...resource, isDone: (s) => s === "ACTIVE", deadlineMs: MINUTE, describeStatus: (s) => s, subject: "domain a", clock, log: (l) => lines.push(l) });
        expect(result).to.equal("ACTIVE");
        expect(clock.sleeps).to.deep.equal([]);
        expect(lines).to.deep.equal([]);
    });

    it("backs off exponentially from 2 s, capped at 30 s", async () => {
        const clock = new FakeClock();
        const resource = scripted([...Array(9).fill("CREATING"), "ACTIVE"]);
        await waitFor({ ...resource, isDone: (s) => s === "ACTIVE", deadlineMs: 60 * MINUTE, describeStatus: (s) => s, subject: "domain a", clock, log: () => undefined });
        expect(clock.sleeps).to.deep.equal([2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000, 30000]);
        expect(resource.reads).to.equal(10);
    });

    it("fails at the deadline with the last status, never sleeping past it, after one last read at the deadline", async () => {
        const clock = new FakeClock();
        const resource = scripted(["CREATING"]);
        const error = await rejection<WaitError<unknown>>(
            waitFor({ ...resource, isDone: (s) => s === "ACTIVE", deadlineMs: 45_000, describeStatus: (s) => s, subject: "domain auth.example.com", clock, log: () => undefined }),
        );
        expect(error).to.be.instanceOf(WaitError);
        expect(error.reason).to.equal("deadline");
        expect(error.lastStatus).to.equal("CREATING");
        expect(error.last).to.equal("CREATING");
        expect(error.message).to.equal("domain auth.example.com is still CREATING after 45s (deadline 45s)");
        // 2 + 4 + 8 + 16 = 30 s, then only the 15 s left, not 30 s.
        expect(clock.sleeps).to.deep.equal([2000, 4000, 8000, 16000, 15000]);
        expect(clock.now()).to.equal(45_000);
    });

    it("succeeds when the read at the deadline finds the resource done", async () => {
        const clock = new FakeClock();
        const resource = scripted(["CREATING", "CREATING", "ACTIVE"]);
        const result = await waitFor({ ...resource, isDone: (s) => s === "ACTIVE", deadlineMs: 5000, describeStatus: (s) => s, subject: "d", clock, log: () => undefined });
        expect(result).to.equal("ACTIVE");
        // Reads at 0 s and 2 s, then a pause cut to the 3 s left, and the last read at 5 s.
        expect(clock.sleeps).to.deep.equal([2000, 3000]);
    });

    it("stops at once on a failed state, without waiting for the deadline", async () => {
        const clock = new FakeClock();
        const resource = scripted(["CREATING", "CREATING", "FAILED"]);
        const error = await rejection<WaitError<unknown>>(
            waitFor({
                ...resource,
                isDone: (s) => s === "ACTIVE",
                isFailed: (s) => s === "FAILED",
                deadlineMs: 60 * MINUTE,
                describeStatus: (s) => s,
                subject: "domain auth.example.com",
                clock,
                log: () => undefined,
            }),
        );
        expect(error.reason).to.equal("failed");
        expect(error.lastStatus).to.equal("FAILED");
        expect(error.message).to.equal("domain auth.example.com is FAILED after 6s");
        expect(resource.reads).to.equal(3);
    });

    it("passes on an error of the read itself unchanged", async () => {
        const clock = new FakeClock();
        const boom = new Error("AccessDeniedException: not allowed");
        const error = await rejection<WaitError<unknown>>(
            waitFor({ describe: async () => Promise.reject(boom), isDone: () => true, deadlineMs: MINUTE, describeStatus: String, subject: "d", clock }),
        );
        expect(error).to.equal(boom);
    });

    it("logs progress at the start, on every status change, and otherwise at most every 30 s", async () => {
        const clock = new FakeClock();
        const lines: string[] = [];
        // Reads at 0, 2, 6, 14, 30, 60, 90, 120, 150, ... s: CREATING up to 60 s, UPDATING from 90 s, ACTIVE at 420 s.
        const states = [...Array(6).fill("CREATING"), "UPDATING", ...Array(10).fill("UPDATING"), "ACTIVE"];
        const resource = scripted(states);
        await waitFor({ ...resource, isDone: (s) => s === "ACTIVE", deadlineMs: 60 * MINUTE, describeStatus: (s) => s, subject: "domain auth.example.com", clock, log: (l) => lines.push(l) });
        expect(lines).to.deep.equal([
            "domain auth.example.com: CREATING, 0s elapsed",
            "domain auth.example.com: CREATING, 30s elapsed",
            "domain auth.example.com: CREATING, 1m00s elapsed",
            "domain auth.example.com: UPDATING, 1m30s elapsed",
            "domain auth.example.com: UPDATING, 2m00s elapsed",
            "domain auth.example.com: UPDATING, 2m30s elapsed",
            "domain auth.example.com: UPDATING, 3m00s elapsed",
            "domain auth.example.com: UPDATING, 3m30s elapsed",
            "domain auth.example.com: UPDATING, 4m00s elapsed",
            "domain auth.example.com: UPDATING, 4m30s elapsed",
            "domain auth.example.com: UPDATING, 5m00s elapsed",
            "domain auth.example.com: UPDATING, 5m30s elapsed",
            "domain auth.example.com: UPDATING, 6m00s elapsed",
            "domain auth.example.com: UPDATING, 6m30s elapsed",
            "domain auth.example.com: ACTIVE after 7m00s",
        ]);
    });

    it("rate-limits lines when polls are faster than the log interval", async () => {
        const clock = new FakeClock();
        const lines: string[] = [];
        const resource = scripted([...Array(40).fill("CREATING"), "ACTIVE"]);
        await waitFor({
            ...resource,
            isDone: (s) => s === "ACTIVE",
            deadlineMs: 60 * MINUTE,
            describeStatus: (s) => s,
            subject: "domain a",
            clock,
            log: (l) => lines.push(l),
            initialDelayMs: 5000,
            maxDelayMs: 5000,
        });
        // 40 reads over 200 s, a line every 30 s: 0, 30, 60, ... 180 s, then the closing line.
        expect(lines).to.have.length(8);
        expect(lines[1]).to.equal("domain a: CREATING, 30s elapsed");
        expect(lines[7]).to.equal("domain a: ACTIVE after 3m20s");
    });

    it("formats elapsed times for progress lines", () => {
        expect(formatElapsed(0)).to.equal("0s");
        expect(formatElapsed(59_999)).to.equal("59s");
        expect(formatElapsed(250_000)).to.equal("4m10s");
        expect(formatElapsed(3_723_000)).to.equal("1h02m03s");
    });
});
