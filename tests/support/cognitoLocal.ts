/**
 * Starts cognito-local (an emulator for the user pool API) on a free loopback port, in a
 * temporary data directory, and stops it. Tests and the demo start their own; nothing is assumed
 * to be running.
 */
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";

export interface CognitoLocal {
    endpoint: string;
    port: number;
    dataDirectory: string;
    stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
    return await new Promise((resolve, reject) => {
        const server = net.createServer();
        server.unref();
        server.on("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const address = server.address();
            server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
        });
    });
}

/** SIGTERM, and wait for the exit (at once when it has already exited). */
export async function stopChild(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
    });
}

const running = new Set<ChildProcess>();
process.on("exit", () => {
    for (const child of running) child.kill("SIGKILL");
});

export async function startCognitoLocal(options: { startupTimeoutMs?: number } = {}): Promise<CognitoLocal> {
    const port = await freePort();
    const dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), "cognito-local-"));
    const entry = require.resolve("cognito-local/lib/bin/start.js");
    const child = spawn(process.execPath, [entry], {
        cwd: dataDirectory,
        env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DEBUG: "" },
        stdio: ["ignore", "pipe", "pipe"],
    });
    running.add(child);
    let output = "";
    await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`cognito-local did not start within ${options.startupTimeoutMs ?? 20000} ms:\n${output}`)), options.startupTimeoutMs ?? 20000);
        const onData = (chunk: Buffer) => {
            output += chunk.toString();
            if (output.includes("Cognito Local running")) {
                clearTimeout(timer);
                resolve();
            }
        };
        child.stdout?.on("data", onData);
        child.stderr?.on("data", onData);
        child.on("exit", (code) => {
            clearTimeout(timer);
            reject(new Error(`cognito-local exited with ${code}:\n${output}`));
        });
    });
    // Keep draining output so the child never blocks on a full pipe.
    child.stdout?.resume();
    child.stderr?.resume();
    return {
        endpoint: `http://127.0.0.1:${port}`,
        port,
        dataDirectory,
        async stop() {
            await stopChild(child);
            running.delete(child);
            fs.rmSync(dataDirectory, { recursive: true, force: true });
        },
    };
}
