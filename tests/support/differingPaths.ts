/**
 * Where two values differ, as the Pulumi CLI walks old and new inputs to show an update: object
 * members by name (`policies.passwordPolicy.minimumLength`), anything else as a whole.
 */
export function differingPaths(a: unknown, b: unknown, path = ""): string[] {
    if (JSON.stringify(a) === JSON.stringify(b)) return [];
    const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
    if (isObject(a) && isObject(b)) {
        return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort().flatMap((k) => differingPaths(a[k], b[k], path ? `${path}.${k}` : k));
    }
    return [path];
}
