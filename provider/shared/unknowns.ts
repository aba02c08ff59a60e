/**
 * During `pulumi preview`, inputs that depend on resources not yet created arrive as this
 * sentinel string (the engine's "unknown" value, as the SDK's dynamic provider host passes it).
 * check and diff must accept it wherever a value can stand.
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isUnknown(value: unknown): boolean {
    return value === UNKNOWN;
}

export function containsUnknown(value: unknown): boolean {
    if (value === UNKNOWN) return true;
    if (Array.isArray(value)) return value.some(containsUnknown);
    if (typeof value === "object" && value !== null) return Object.values(value).some(containsUnknown);
    return false;
}

/** JSON-pointer paths (as ajv reports instance paths) of every unknown inside `value`. */
export function unknownPointers(value: unknown, pointer = ""): string[] {
    if (value === UNKNOWN) return [pointer];
    if (Array.isArray(value)) return value.flatMap((v, i) => unknownPointers(v, `${pointer}/${i}`));
    if (typeof value === "object" && value !== null) {
        return Object.entries(value).flatMap(([k, v]) =>
            unknownPointers(v, `${pointer}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`),
        );
    }
    return [];
}
