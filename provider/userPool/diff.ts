/**
 * diff: what `pulumi up` would do to a pool, from the previous outputs (the pool as last seen)
 * and the new checked inputs. Pure: no AWS calls, so a no-change preview costs nothing.
 */
import { sameCanonical } from "../shared/schema";
import { containsUnknown } from "../shared/unknowns";
import type { UserPoolInputs } from "./expand";
import type { UserPoolState } from "./flatten";
import { aliasFields, fieldSchema, immutableFields, inputFields, mfaFactorFields, resetValue, userPoolSchema } from "./model";
import { schemaChanges, SchemaChanges } from "./schemaAttributes";

export interface UserPoolPlan {
    /** Fields `pulumi up` will change in place (or whose ownership changes). */
    changedFields: string[];
    /** Fields that force a new pool, each with the reason shown to the user. */
    replaceReasons: Map<string, string>;
    /** Fields the previous program declared and this one does not: reset to AWS defaults. */
    removedFields: string[];
    schema: SchemaChanges;
    /** MFA settings changed: SetUserPoolMfaConfig is needed. */
    mfaChanged: boolean;
}

/** MFA factor fields that a program stops declaring are reset (with SetUserPoolMfaConfig). */
const MFA_RESETS = ["emailMfaConfiguration", "webAuthnConfiguration"];

export function declaredFieldsOf(inputs: UserPoolInputs): string[] {
    return inputFields.filter((f) => inputs[f] !== undefined && !aliasFields.includes(f));
}

export function planUserPool(olds: UserPoolState, news: UserPoolInputs, stackRegion?: string): UserPoolPlan {
    const previouslyDeclared = new Set(olds.declaredFields);
    const declared = new Set(declaredFieldsOf(news));
    const plan: UserPoolPlan = {
        changedFields: [],
        replaceReasons: new Map(),
        removedFields: [],
        schema: { added: [], changed: [], removed: [], unknown: [] },
        mfaChanged: false,
    };
    const change = (field: string) => plan.changedFields.includes(field) || plan.changedFields.push(field);
    /** Fields whose value differs, as opposed to fields that only become declared. */
    const valueChanged = new Set<string>();

    for (const field of inputFields) {
        if (aliasFields.includes(field)) continue;
        if (field === "region") {
            // The region is compared whether or not it is declared: the stack's aws:region moving
            // also moves where the program wants the pool.
            const desired = news.region ?? stackRegion;
            if (desired === undefined || olds.region === undefined || desired === olds.region) continue;
            plan.replaceReasons.set("region", containsUnknown(desired)
                ? "region is not known until the update runs"
                : `region changes from ${String(olds.region)} to ${String(desired)}: a pool cannot move between regions`);
            continue;
        }
        const isDeclared = declared.has(field);
        const wasDeclared = previouslyDeclared.has(field);
        if (!isDeclared && !wasDeclared) continue;
        if (!isDeclared) {
            // No longer declared: reset to AWS's default where the API can; immutable fields
            // (and schema attributes) simply stop being managed. Either way the state changes.
            change(field);
            plan.removedFields.push(field);
            continue;
        }
        if (field === "schema") {
            plan.schema = schemaChanges(news.schema, wasDeclared ? olds.schema : undefined, olds.schemaAttributes);
            const { added, changed, removed, unknown } = plan.schema;
            if (changed.length > 0 || removed.length > 0) {
                const parts = [];
                if (changed.length > 0) parts.push(`attribute(s) ${changed.join(", ")} changed`);
                if (removed.length > 0) parts.push(`attribute(s) ${removed.join(", ")} removed`);
                plan.replaceReasons.set("schema", `${parts.join(" and ")}: AWS can add schema attributes but never modify or remove them`);
            }
            if (added.length > 0 || unknown.length > 0 || !wasDeclared) change(field);
            continue;
        }
        const differs = containsUnknown(news[field]) || !sameCanonical(userPoolSchema, fieldSchema(field), news[field], olds[field]);
        if (differs && immutableFields.includes(field)) {
            plan.replaceReasons.set(field, `${field} cannot be changed after a pool is created`);
        } else if (differs) {
            change(field);
            valueChanged.add(field);
        } else if (!wasDeclared) {
            change(field);
        }
    }
    // SetUserPoolMfaConfig only when an MFA setting changes: the mode or a factor field, or a
    // removed email MFA or passkey setting that is not already at its default (email MFA off,
    // passkeys as AWS sets them). A removed mfaConfiguration alone is reset to OFF by
    // UpdateUserPool itself; a removed softwareTokenMfaConfiguration stops being managed
    // (disabling it could lock MFA users out).
    plan.mfaChanged =
        ["mfaConfiguration", ...mfaFactorFields].some((field) => valueChanged.has(field)) ||
        plan.removedFields.some((field) => MFA_RESETS.includes(field) && !sameCanonical(userPoolSchema, fieldSchema(field), resetValue(field), olds[field]));
    return plan;
}

/**
 * A replacement deletes the old pool and every user in it. With deletion protection on, the
 * delete would fail after a second pool was already created, so refuse at preview instead.
 */
export function replacementBlocker(olds: UserPoolState, plan: UserPoolPlan): string | undefined {
    if (plan.replaceReasons.size === 0 || olds.deletionProtection !== "ACTIVE") return undefined;
    const reasons = [...plan.replaceReasons.entries()].map(([field, why]) => `${field} (${why})`).join("; ");
    return (
        `user pool ${String(olds.userPoolId)} would have to be replaced, which deletes all of its users, ` +
        `but its deletion protection is ACTIVE. Fields forcing replacement: ${reasons}. ` +
        `To keep the pool, revert these changes. To replace it deliberately, first set deletionProtection ` +
        `to "INACTIVE" and run pulumi up, then apply this change.`
    );
}
