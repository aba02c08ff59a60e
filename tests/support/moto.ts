/**
 * Starts moto's server (a well-kept AWS emulator; `npm run setup:pulumi-cli` installs it into
 * .tools/moto) on a free loopback port, and stops it. The tests use it where cognito-local falls
 * short: Cognito's user pool domain API (CreateUserPoolDomain, DescribeUserPoolDomain,
 * UpdateUserPoolDomain, DeleteUserPoolDomain). A domain must belong to a pool of the same
 * emulator, so a stack with a domain keeps its pool in moto too.
 */
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import { motoServerPath } from "../../scripts/toolchain";
import { freePort, stopChild } from "./cognitoLocal";

export interface Moto {
    endpoint: string;
    stop(): Promise<void>;
}

export const motoInstalled = (): boolean => fs.existsSync(motoServerPath());

const running = new Set<ChildProcess>();
process.on("exit", () => {
    for (const child of running) child.kill("SIGKILL");
});

export async function startMoto(options: { startupTimeoutMs?: number } = {}): Promise<Moto> {
    const server = motoServerPath();
    if (!fs.existsSync(server)) throw new Error(`moto is not installed (${server} is missing): run npm run setup:pulumi-cli`);
    const port = await freePort();
    const endpoint = `http://127.0.0.1:${port}`;
    const child = spawn(server, ["-H", "127.0.0.1", "-p", String(port)], { stdio: ["ignore", "pipe", "pipe"] });
    running.add(child);
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + (options.startupTimeoutMs ?? 30000);
    // moto prints its banner before it accepts connections; ask it instead.
    for (;;) {
        if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}:\n${output}`);
        try {
            const response = await fetch(`${endpoint}/moto-api/data.json`);
            if (response.ok) break;
        } catch {
            // not listening yet
        }
        if (Date.now() > deadline) {
            child.kill("SIGKILL");
            throw new Error(`moto_server did not answer within ${options.startupTimeoutMs ?? 30000} ms:\n${output}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return {
        endpoint,
        async stop() {
            await stopChild(child);
            running.delete(child);
        },
    };
}
