/**
 * What the command-line tools (drift, generate-program) share: exit code 0 when all is well, 1
 * when they found something to report, 2 when they could not do their job, with the reason in one
 * sentence (a missing region or missing credentials say what to set).
 */
import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { cognitoClient } from "../provider/client";
import { describeError } from "../provider/shared/errors";

/** Runs `work` with a Cognito client for `region` (the default chain's when undefined), then closes it. */
export async function withCognitoClient(region: string | undefined, work: (client: CognitoIdentityProviderClient) => Promise<number>): Promise<number> {
    const client = cognitoClient(region);
    try {
        return await work(client);
    } catch (error) {
        process.stderr.write(`${describeError(error)}\n`);
        return 2;
    } finally {
        client.destroy();
    }
}

/** Runs `main` on the process's arguments and makes its result the exit code. */
export function runCommand(main: (argv: string[]) => Promise<number>): void {
    main(process.argv.slice(2)).then(
        (code) => {
            process.exitCode = code;
        },
        (error: unknown) => {
            process.stderr.write(`${describeError(error)}\n`);
            process.exitCode = 2;
        },
    );
}
