/**
 * CPU time and memory of another process, from /proc (Linux). CPU comes from /proc/<pid>/stat
 * (utime + stime: every thread, including ones that have exited, in clock ticks) and, where the
 * kernel provides it, from /proc/<pid>/task/<tid>/schedstat (nanoseconds, live threads only) as a
 * precise cross-check.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";

let clockTicks: number | undefined;

/** Clock ticks per second (`getconf CLK_TCK`), 100 on practically every Linux. */
export function clkTck(): number {
    if (clockTicks === undefined) {
        try {
            const value = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());
            clockTicks = Number.isInteger(value) && value > 0 ? value : 100;
        } catch {
            clockTicks = 100;
        }
    }
    return clockTicks;
}

export function procAvailable(): boolean {
    return fs.existsSync(`/proc/${process.pid}/stat`);
}

export interface CpuSample {
    /** utime + stime from /proc/<pid>/stat, in milliseconds (tick resolution). */
    statMs: number;
    /** Sum of the threads' schedstat run time, in milliseconds (ns resolution); undefined when unavailable. */
    schedMs?: number;
}

export function cpuOf(pid: number): CpuSample {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may contain spaces and parentheses: split after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // fields[0] is field 3 (state); utime is field 14, stime field 15.
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    const statMs = ((utime + stime) * 1000) / clkTck();
    let schedMs: number | undefined;
    try {
        let ns = 0;
        for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
            ns += Number(fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]);
        }
        schedMs = ns / 1e6;
    } catch {
        schedMs = undefined;
    }
    return { statMs, schedMs };
}

export function cpuDelta(before: CpuSample, after: CpuSample): CpuSample {
    return {
        statMs: after.statMs - before.statMs,
        schedMs: before.schedMs !== undefined && after.schedMs !== undefined ? after.schedMs - before.schedMs : undefined,
    };
}

export interface MemorySample {
    /** Resident set size now, in MiB. */
    rssMiB: number;
    /** Peak resident set size ("high water mark"), in MiB. */
    hwmMiB: number;
}

export function memoryOf(pid: number): MemorySample {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (key: string): number => {
        const match = new RegExp(`^${key}:\\s+(\\d+)\\s+kB`, "m").exec(status);
        return match ? Number(match[1]) : Number.NaN;
    };
    return { rssMiB: kb("VmRSS") / 1024, hwmMiB: kb("VmHWM") / 1024 };
}
