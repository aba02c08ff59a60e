/**
 * Runs one of the project's command-line tools (drift, generate-program) as a user would, against
 * an emulator endpoint, and collects its exit code and output.
 */
import { spawn } from "child_process";
import { repositoryRoot } from "../fidelity/scenarioFile";
import { TEST_CREDENTIALS } from "./target";

export interface CliResult {
    code: number | null;
    stdout: string;
    stderr: string;
}

export function runCli(command: string, args: string[], endpoint: string): Promise<CliResult> {
    return new Promise((resolve, reject) => {
        const child = spawn(command, args, {
            cwd: repositoryRoot(),
            env: {
                ...process.env,
                AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: endpoint,
                AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
                AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
                AWS_REGION: "us-east-1",
                // A failure should show at once, not after the SDK's retries.
                COGNITO_PROVIDER_MAX_ATTEMPTS: "1",
            },
            stdio: ["ignore", "pipe", "pipe"],
        });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
}
