/** The machine a benchmark ran on, for the header of the results. */
import * as fs from "fs";
import * as os from "os";

export interface MachineInfo {
    cpuModel: string;
    /** Logical CPUs this process may use. */
    cores: number;
    memoryGiB: number;
    node: string;
    platform: string;
    date: string;
}

function cpuModel(): string {
    try {
        const match = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync("/proc/cpuinfo", "utf8"));
        if (match) return match[1].trim();
    } catch {
        // not Linux: fall through
    }
    return os.cpus()[0]?.model ?? "unknown";
}

export function machineInfo(): MachineInfo {
    return {
        cpuModel: cpuModel(),
        cores: typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length,
        memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
        node: process.version,
        platform: `${os.type()} ${os.release()} ${os.arch()}`,
        date: new Date().toISOString(),
    };
}

export function describeMachine(m: MachineInfo): string {
    return `${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB RAM, Node ${m.node}, ${m.platform}, ${m.date}`;
}
