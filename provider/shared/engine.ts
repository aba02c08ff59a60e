/**
 * What the Pulumi engine hands every provider method besides the program's inputs: the
 * serialized provider under `__provider`, and (through configure) the stack's configuration.
 * Kept free of AWS SDK imports so that a preview, which only checks and diffs, never loads the SDK.
 */

export const PROVIDER_KEY = "__provider";

/** The program's inputs (or stored outputs) without the engine's bookkeeping key. */
export function programInputs(props: Record<string, unknown>): Record<string, unknown> {
    const { [PROVIDER_KEY]: _provider, ...inputs } = props;
    return inputs;
}

/** Region from the stack's `aws:region` config, set by the provider's configure call. */
let stackRegion: string | undefined;

export function setStackRegion(region: string | undefined): void {
    stackRegion = region === "" ? undefined : region;
}

export function getStackRegion(): string | undefined {
    return stackRegion;
}
