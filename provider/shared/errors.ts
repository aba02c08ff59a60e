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

/** `CreateUserPool for user pool "acme" failed: InvalidParameterException: <AWS's message>` */
export function describeFailure(operation: string, subject: string, error: unknown): ProviderError {
    if (error instanceof ProviderError) return error;
    const name = awsErrorName(error);
    const message = awsErrorMessage(error);
    const prefix = name && name !== "Error" && !message.startsWith(name) ? `${name}: ` : "";
    return new ProviderError(`${operation} for ${subject} failed: ${prefix}${message}`, name);
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
