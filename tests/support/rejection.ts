/** The error a promise is expected to reject with; fails the test if it resolves instead. */
export async function rejection<E extends Error = Error & Record<string, unknown>>(promise: Promise<unknown>): Promise<E> {
    try {
        await promise;
    } catch (error) {
        return error as E;
    }
    throw new Error("expected the call to fail, but it succeeded");
}
