/**
 * diff: what `pulumi up` would do to a domain, from the previous outputs (the domain as last
 * seen) and the new checked inputs. Pure: no AWS calls, so a no-change preview costs nothing.
 */
import { isPlainObject, stableStringify } from "../shared/schema";
import { containsUnknown, isUnknown } from "../shared/unknowns";
import type { UserPoolDomainInputs } from "./expand";
import type { UserPoolDomainState } from "./flatten";
import { isCustomDomain } from "./model";

export interface UserPoolDomainPlan {
    /** Fields `pulumi up` changes in place. */
    changedFields: string[];
    /** Fields that force a new domain, each with the reason shown to the user. */
    replaceReasons: Map<string, string>;
    /** An UpdateUserPoolDomain call is needed (as opposed to only recording provider-only inputs). */
    awsUpdate: boolean;
    /** The last operation left the domain short of ACTIVE (a recorded partial failure): finish it. */
    unsettled: boolean;
}

function certificateOf(config: unknown): unknown {
    if (isUnknown(config)) return config;
    return isPlainObject(config) ? config.certificateArn : undefined;
}

function kind(domain: string): string {
    return isCustomDomain(domain) ? "custom domain" : "prefix domain";
}

export function planUserPoolDomain(olds: UserPoolDomainState, news: UserPoolDomainInputs, stackRegion?: string): UserPoolDomainPlan {
    const plan: UserPoolDomainPlan = { changedFields: [], replaceReasons: new Map(), awsUpdate: false, unsettled: false };
    const change = (field: string, callsAws: boolean) => {
        if (!plan.changedFields.includes(field)) plan.changedFields.push(field);
        if (callsAws) plan.awsUpdate = true;
    };

    const oldDomain = typeof olds.domain === "string" ? olds.domain : undefined;
    const newDomain = news.domain;
    if (isUnknown(newDomain)) {
        plan.replaceReasons.set("domain", "domain is not known until the update runs");
    } else if (typeof newDomain === "string" && oldDomain !== undefined && newDomain !== oldDomain) {
        if (isCustomDomain(newDomain) !== isCustomDomain(oldDomain)) {
            const why = `switching from the ${kind(oldDomain)} ${oldDomain} to the ${kind(newDomain)} ${newDomain} means a new domain`;
            plan.replaceReasons.set("domain", why);
            plan.replaceReasons.set("customDomainConfig", why);
        } else {
            plan.replaceReasons.set("domain", `domain changes from ${oldDomain} to ${newDomain}: a domain cannot be renamed`);
        }
    }

    if (isUnknown(news.userPoolId)) {
        plan.replaceReasons.set("userPoolId", "userPoolId is not known until the update runs (the pool is being created or replaced)");
    } else if (news.userPoolId !== undefined && olds.userPoolId !== undefined && news.userPoolId !== olds.userPoolId) {
        plan.replaceReasons.set("userPoolId", `userPoolId changes from ${String(olds.userPoolId)} to ${String(news.userPoolId)}: a domain cannot move to another pool`);
    }

    // The region is compared whether or not it is declared: the stack's aws:region moving also
    // moves where the program wants the domain.
    const region = news.region ?? stackRegion;
    if (region !== undefined && olds.region !== undefined && region !== olds.region) {
        plan.replaceReasons.set("region", containsUnknown(region)
            ? "region is not known until the update runs"
            : `region changes from ${String(olds.region)} to ${String(region)}: a domain lives in its pool's region`);
    }

    if (!plan.replaceReasons.has("customDomainConfig")) {
        const desired = certificateOf(news.customDomainConfig);
        if (desired !== undefined && (isUnknown(desired) || desired !== certificateOf(olds.customDomainConfig))) change("customDomainConfig", true);
    }

    // Not declared: left as the domain has it (never compared, never reset).
    if (news.managedLoginVersion !== undefined && (isUnknown(news.managedLoginVersion) || news.managedLoginVersion !== olds.managedLoginVersion)) {
        change("managedLoginVersion", true);
    }

    // Provider-only: the state must record the new value, but AWS has nothing to change.
    if (stableStringify(news.timeouts ?? null) !== stableStringify(olds.timeouts ?? null)) change("timeouts", false);

    if (typeof olds.status === "string" && olds.status !== "ACTIVE") {
        plan.unsettled = true;
        change("status", false);
    }
    return plan;
}

/** The engine's DiffResult: replacements delete first, because domain names are global. */
export function diffResult(plan: UserPoolDomainPlan): { changes: boolean; replaces: string[]; deleteBeforeReplace: boolean } {
    const replaces = [...plan.replaceReasons.keys()];
    return {
        changes: plan.changedFields.length > 0 || replaces.length > 0,
        replaces,
        deleteBeforeReplace: replaces.length > 0,
    };
}
