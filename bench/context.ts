/** What every benchmark section needs: where the project is, the emulator, and the provider texts. */
import * as fs from "fs";
import * as path from "path";
import { TEST_CREDENTIALS } from "../tests/support/target";
import type { ProviderHostOptions } from "../tests/harness/providerHost";

export interface BenchContext {
    /** The scratch Pulumi project this package is installed in: the provider host's working directory (it loads the package from here). */
    projectDir: string;
    region: string;
    /** cognito-local, started by the benchmark. */
    emulatorEndpoint: string;
    /** Serialized `__provider` texts, exactly as pulumi.dynamic.Resource stores them. */
    userPoolProvider: string;
    userPoolDomainProvider: string;
    /** A dynamic provider that does nothing (check returns its inputs, diff finds no change): the SDK host's floor. */
    noopProvider: string;
    /** Scratch directory for call logs; removed at the end. */
    tmpDir: string;
    log(message: string): void;
}

export const credentials = TEST_CREDENTIALS;

/**
 * Options for a provider host that talks to `endpoint`. Only the variables the benchmark means to
 * set reach the provider: a COGNITO_PROVIDER_CALL_LOG or endpoint in the caller's environment is
 * overridden.
 */
export function hostOptions(ctx: BenchContext, stack: string, endpoint: string, extraEnv: NodeJS.ProcessEnv = {}): ProviderHostOptions {
    return {
        cwd: ctx.projectDir,
        stack,
        stackConfig: { "aws:region": ctx.region },
        env: {
            AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: endpoint,
            AWS_ACCESS_KEY_ID: credentials.accessKeyId,
            AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
            AWS_REGION: "",
            NODE_NO_WARNINGS: "1",
            COGNITO_PROVIDER_CALL_LOG: "",
            ...extraEnv,
        },
    };
}

/** A file the provider host appends one operation name per API call to (COGNITO_PROVIDER_CALL_LOG). */
export class CallLog {
    readonly file: string;

    constructor(dir: string, name: string) {
        this.file = path.join(dir, `${name}.calls.log`);
        fs.writeFileSync(this.file, "");
    }

    /** The calls logged since the last take, in order; empties the log. */
    take(): string[] {
        const text = fs.readFileSync(this.file, "utf8");
        fs.writeFileSync(this.file, "");
        return text.split("\n").filter((line) => line.length > 0);
    }
}

export function errorText(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}
