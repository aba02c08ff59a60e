/**
 * Errors reach the user as one sentence: the operation, the resource and AWS's own message.
 * No stack traces of the provider and no request dumps (requests can carry secrets).
 */

export function awsErrorName(error: unknown): string | undefined {
    return typeof error === "object" && error !== null && "name" in error ? String((error as { name: unknown }).name) : undefined;
}

export function awsErrorMessage(error: unknown): string {
    if (typeof error === "object" && error !== null && "message" in error) return String((error as { message: unknown }).message);
    return String(error);
}

export class ProviderError extends Error {
    constructor(message: string, readonly awsName?: string) {
        super(message);
        this.name = "ProviderError";
        // The engine shows the message; a provider stack trace only adds noise.
        this.stack = message;
    }
}

const REGION_SETTINGS =
    "the resource's region input or the stack's aws:region (pulumi config set aws:region eu-west-1), or the AWS_REGION environment variable (the commands also take --region)";

const CREDENTIAL_SETTINGS =
    "make credentials available as for the AWS CLI: AWS_PROFILE (after aws sso login, for an SSO profile), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (with AWS_SESSION_TOKEN for temporary keys)";

const ENDPOINT_SETTINGS = "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER or AWS_ENDPOINT_URL";

function property(error: unknown, name: string): string | undefined {
    if (typeof error !== "object" || error === null) return undefined;
    const value = (error as Record<string, unknown>)[name];
    return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
}

/**
 * The SDK raises some errors itself, before or instead of an answer from AWS, with messages that
 * say what is wrong but not what to set ("Region is missing", "Could not load credentials from
 * any providers", "connect ECONNREFUSED 127.0.0.1:4566"). This says it in one sentence; other
 * errors, AWS's answers among them, are left as they are (undefined).
 */
export function setupProblem(error: unknown): string | undefined {
    const name = awsErrorName(error);
    const message = awsErrorMessage(error);
    const code = property(error, "code");
    if (message === "Region is missing") return `no AWS region is set: set ${REGION_SETTINGS}`;
    const badRegion = /^Region not accepted: region="(.*)" is not a valid hostname component/.exec(message);
    if (badRegion) return `"${badRegion[1]}" is not an AWS region name: set a region such as eu-west-1 in ${REGION_SETTINGS}`;
    if (name === "CredentialsProviderError" || name === "TokenProviderError") {
        if (message === "Could not load credentials from any providers") return `no AWS credentials were found: ${CREDENTIAL_SETTINGS}`;
        return `the AWS credentials could not be loaded (${message.replace(/\.$/, "")}): ${CREDENTIAL_SETTINGS}`;
    }
    if (name === "ExpiredTokenException" || name === "ExpiredToken") {
        return `the AWS credentials have expired (${name}): renew them (aws sso login for an SSO profile, or new temporary keys) and run again`;
    }
    if (name === "UnrecognizedClientException" || name === "InvalidSignatureException") {
        return `AWS does not accept the credentials (${name}: ${message.replace(/\.$/, "")}): check AWS_PROFILE, or AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN`;
    }
    if (code === "ECONNREFUSED") {
        const where = property(error, "address") !== undefined ? `${property(error, "address")}:${property(error, "port") ?? ""}` : "the endpoint";
        return `nothing accepts connections at ${where} (ECONNREFUSED): if ${ENDPOINT_SETTINGS} names an emulator, start it there, otherwise unset the variable to reach AWS`;
    }
    if (code === "ENOTFOUND" || code === "EAI_AGAIN") {
        const host = property(error, "hostname") ?? "the endpoint";
        return `the host ${host} could not be found (${code}): check the network connection, the region, and ${ENDPOINT_SETTINGS} if one is set`;
    }
    if (code === "ECONNRESET" || code === "ETIMEDOUT" || code === "EPIPE" || name === "TimeoutError") {
        return `the connection to AWS failed (${code ?? name}): check the network connection (and any proxy), then run again`;
    }
    return undefined;
}

/**
 * FeatureUnavailableInTierException ("The following features need to be disabled for the LITE
 * pricing tier configured: Passwordless Sign-In", amplify-backend#2805; "... ESSENTIALS ...:
 * Threat Protection", terraform-provider-aws PR#40734) in words: which features, which feature
 * plan, and the two ways out. check refuses these before any call when the program declares
 * userPoolTier; this is what a program that leaves the tier to the pool meets.
 */
export function featurePlanProblem(error: unknown): string | undefined {
    if (awsErrorName(error) !== "FeatureUnavailableInTierException") return undefined;
    const found = /features? needs? to be disabled for the (\w+) pricing tier configured:\s*(.+?)\.?$/i.exec(awsErrorMessage(error));
    const tier = found?.[1].toUpperCase();
    const features = found?.[2] ?? "a feature this program turns on";
    const needed = /threat protection|advanced security|log export/i.test(features) ? '"PLUS"' : '"ESSENTIALS" or "PLUS"';
    return (
        `FeatureUnavailableInTierException: the pool's feature plan${tier ? `, ${tier},` : ""} does not include ${features}: ` +
        `declare userPoolTier ${needed}, or turn ${features.includes(",") ? "those features" : "that feature"} off`
    );
}

/** An error as one sentence: a setup problem in words, else AWS's name and message. */
export function describeError(error: unknown): string {
    const problem = setupProblem(error);
    if (problem !== undefined) return problem;
    const tier = featurePlanProblem(error);
    if (tier !== undefined) return tier;
    const name = awsErrorName(error);
    const message = awsErrorMessage(error);
    return name && name !== "Error" && !message.startsWith(name) ? `${name}: ${message}` : message;
}

/** `CreateUserPool for user pool "acme" failed: InvalidParameterException: <AWS's message>` */
export function describeFailure(operation: string, subject: string, error: unknown): ProviderError {
    if (error instanceof ProviderError) return error;
    return new ProviderError(`${operation} for ${subject} failed: ${describeError(error)}`, awsErrorName(error));
}

/** Wraps an AWS call so its failure reads as one clear sentence. */
export async function attempt<T>(operation: string, subject: string, call: () => Promise<T>): Promise<T> {
    try {
        return await call();
    } catch (error) {
        throw describeFailure(operation, subject, error);
    }
}

/**
 * A failure after the resource exists: the engine records `id` and `properties` (which must carry
 * `__provider`) instead of leaking the resource, so the next `pulumi up` can finish the job.
 */
export function partialFailure(cause: unknown, id: string, properties: Record<string, unknown>, provider: unknown): Error {
    const error = cause instanceof Error ? cause : new ProviderError(String(cause));
    return Object.assign(error, {
        id,
        properties: { ...properties, __provider: provider },
        reasons: [error.message],
    });
}

export function log(message: string): void {
    process.stderr.write(`[cognito-provider] ${message}\n`);
}
