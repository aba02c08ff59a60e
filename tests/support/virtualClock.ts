/**
 * Virtual time for code that sleeps concurrently (pacing, waits): `sleep` registers a timer and
 * `run` lets every pending promise settle, then moves time to the earliest timer and fires it,
 * until the work is done. Tests then assert at which virtual millisecond something happened,
 * exactly, without depending on how fast the machine is.
 */
import type { Clock } from "../../provider/shared/wait";

interface Timer {
    at: number;
    order: number;
    fire: () => void;
}

/** Lets the microtask queue drain, and I/O callbacks already due run. */
function settle(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve));
}

export class VirtualClock implements Clock {
    private time = 0;
    private timers: Timer[] = [];
    private created = 0;

    now(): number {
        return this.time;
    }

    sleep(ms: number): Promise<void> {
        return new Promise((resolve) => {
            this.timers.push({ at: this.time + Math.max(0, ms), order: this.created++, fire: resolve });
        });
    }

    /**
     * Runs `work` to completion in virtual time. Time only moves when nothing else can: the
     * earliest timer fires once every promise that could still take a slot before it has run.
     * Work that waits on real I/O gets real time to finish (up to `realWaitMs` per step) before
     * the clock moves on.
     */
    async run<T>(work: Promise<T>, realWaitMs = 2000): Promise<T> {
        let settled = false;
        work.then(
            () => (settled = true),
            () => (settled = true),
        );
        for (;;) {
            await settle();
            if (settled) return work;
            if (this.timers.length === 0) {
                // Nothing to fire: the work waits on real I/O. Give it real time.
                const started = Date.now();
                while (!settled && this.timers.length === 0 && Date.now() - started < realWaitMs) await new Promise((resolve) => setTimeout(resolve, 1));
                if (!settled && this.timers.length === 0) throw new Error("VirtualClock.run: the work neither finished nor set a timer");
                continue;
            }
            this.timers.sort((a, b) => a.at - b.at || a.order - b.order);
            const next = this.timers.shift() as Timer;
            this.time = Math.max(this.time, next.at);
            next.fire();
        }
    }
}
