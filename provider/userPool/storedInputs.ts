/**
 * The inputs the engine stores and shows. A dynamic provider's diff cannot tell the Pulumi CLI
 * which property changed (the SDK's provider host drops detailed diffs), so the CLI shows an
 * update as the difference between the stored inputs and the new checked inputs. To make that
 * difference name exactly what `pulumi up` will change:
 *
 * - read (refresh) stores, for each declared field, the live value in its canonical form
 *   (`liveAsInputs`), so after an out-of-band change the stored inputs say what the pool has;
 * - check gives a field with nothing stored yet (a new resource, a newly declared field) in that
 *   same canonical form, so the first refresh after `pulumi up` finds nothing to change; keeps
 *   the stored representation of every declared field whose meaning did not change; and gives a
 *   changed field in the kind of representation stored (`checkedInputs`): canonical, or as
 *   written for states stored by versions that kept the program's own form.
 *
 * A drifted field then shows as `live => declared`, down to the nested member that differs, and
 * nothing else shows. Fields the program does not declare are never part of the stored inputs.
 */
import { canonical, sameCanonical, stableStringify } from "../shared/schema";
import { containsUnknown } from "../shared/unknowns";
import type { UserPoolInputs } from "./expand";
import type { UserPoolState } from "./flatten";
import { createOnlyFields, fieldSchema, userPoolSchema } from "./model";

/**
 * A field's value in canonical form with its empty lists and objects kept (so it can still be
 * sent to AWS as it is), or an empty value of the field's type when there is none (a declared
 * `[]` stays declared after a refresh finds nothing).
 */
function canonicalView(field: string, value: unknown): unknown {
    const form = canonical(userPoolSchema, fieldSchema(field), value, true);
    if (form !== undefined) return form;
    // Where presence is the setting (x-presence: email MFA), nothing live is "off", not an empty "on".
    if (fieldSchema(field)["x-presence"] === true) return undefined;
    return fieldSchema(field).type === "array" ? [] : fieldSchema(field).type === "object" ? {} : undefined;
}

function isCanonicalView(field: string, value: unknown): boolean {
    return stableStringify(value) === stableStringify(canonicalView(field, value));
}

/** The stored inputs after a refresh: each declared field as the pool has it. */
export function liveAsInputs(state: UserPoolState): Record<string, unknown> {
    const inputs: Record<string, unknown> = {};
    for (const field of state.declaredFields) {
        // Schema attributes cannot change out of band (AWS never modifies or removes one): the
        // schema output is the declared list as the program wrote it, stored back as it is.
        const stored = field === "schema" ? state.schema : canonicalView(field, state[field]);
        if (stored !== undefined) inputs[field] = stored;
    }
    for (const field of createOnlyFields) if (state[field] !== undefined) inputs[field] = state[field];
    return inputs;
}

/**
 * The checked inputs: the program's inputs, with each declared field in the representation the
 * stored inputs (`olds`) have for it, so that only real changes differ from what is stored.
 */
export function checkedInputs(olds: Record<string, unknown>, news: UserPoolInputs): UserPoolInputs {
    const out: UserPoolInputs = { ...news };
    for (const [field, value] of Object.entries(news)) {
        const stored = olds[field];
        if (value === undefined || containsUnknown(value) || createOnlyFields.includes(field)) continue;
        // The schema is stored as written (see liveAsInputs); every other field as a refresh would store it.
        if (stored === undefined) {
            if (field !== "schema") out[field] = canonicalView(field, value);
            continue;
        }
        if (sameCanonical(userPoolSchema, fieldSchema(field), value, stored)) out[field] = stored;
        else if (isCanonicalView(field, stored)) out[field] = canonicalView(field, value);
    }
    return out;
}
