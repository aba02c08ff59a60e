/**
 * MFA: the SetUserPoolMfaConfig request (a full-state call, like UpdateUserPool for the pool),
 * the factor inputs as GetUserPoolMfaConfig reports them, and the order of UpdateUserPool and
 * SetUserPoolMfaConfig that AWS accepts for a change. Pure: no AWS calls here.
 *
 * The rules that tie the two calls together are AWS's (/work/shared/reference/cognito-behaviour.md,
 * "MFA" and "Passwordless, email MFA, passkeys and feature plans"): each call is judged against
 * the pool as the other call left it, so a change touching both can be refused half way if the
 * calls come in the wrong order (cdkd#1975 refused Set after Update succeeded; tf#41049 refused
 * Update after Set). `orderCalls` simulates every candidate order on the live state and picks
 * one in which every call is accepted.
 */
import type {
    GetUserPoolMfaConfigResponse,
    SetUserPoolMfaConfigRequest,
    UpdateUserPoolRequest,
    UserPoolType,
} from "@aws-sdk/client-cognito-identity-provider";
import { isPlainObject, sameCanonical, toAws, withNestedDefaults } from "../shared/schema";
import { fieldSchema, mfaFactorFields, resetValue, userPoolSchema } from "./model";

type Inputs = Record<string, unknown>;
/** GetUserPoolMfaConfig's answer (or SetUserPoolMfaConfig's, which has the same members). */
export type MfaSettings = Omit<GetUserPoolMfaConfigResponse, "$metadata">;

const MULTI_FACTOR = "MULTI_FACTOR_WITH_USER_VERIFICATION";

/** One MFA field in AWS shape, with the nested members it leaves out set to their defaults. */
function expandMfaField(field: string, value: unknown): unknown {
    const node = fieldSchema(field);
    return toAws(userPoolSchema, node, withNestedDefaults(userPoolSchema, node, value));
}

/** Whether the program declares a field only GetUserPoolMfaConfig reports: only then is it read. */
export function declaresMfaFactor(inputs: Inputs | { declaredFields: string[] }): boolean {
    const declared = Array.isArray(inputs.declaredFields) ? (inputs.declaredFields as string[]) : undefined;
    return mfaFactorFields.some((field) => (declared ? declared.includes(field) : (inputs as Inputs)[field] !== undefined));
}

/**
 * What GetUserPoolMfaConfig reports for a pool just created: MFA as CreateUserPool set it, and no
 * factor configured (Get omits factors never configured; passkeys at their defaults).
 */
export function newPoolMfa(pool: UserPoolType): MfaSettings {
    return { MfaConfiguration: pool.MfaConfiguration ?? "OFF", SoftwareTokenMfaConfiguration: { Enabled: false } };
}

/**
 * A new pool has authenticator apps off, no email MFA and passkeys at AWS's defaults: CreateUserPool
 * can set none of these, so a program that wants otherwise needs SetUserPoolMfaConfig right after.
 */
export function createNeedsMfaStep(inputs: Inputs): boolean {
    const totp = inputs.softwareTokenMfaConfiguration;
    if (isPlainObject(totp) && totp.enabled === true) return true;
    if (inputs.emailMfaConfiguration !== undefined) return true;
    const webAuthn = inputs.webAuthnConfiguration;
    return webAuthn !== undefined && !sameCanonical(userPoolSchema, fieldSchema("webAuthnConfiguration"), webAuthn, resetValue("webAuthnConfiguration"));
}

/**
 * The factor inputs (input shape) as GetUserPoolMfaConfig reports them. A factor Get leaves out is
 * off (authenticator apps, email), and passkeys it leaves out are at AWS's defaults (Get omits
 * factors never configured, per floci PR#2831), so that declaring the defaults shows no diff.
 */
export function flattenMfaFactors(mfa: MfaSettings): Record<string, unknown> {
    const out: Record<string, unknown> = {
        softwareTokenMfaConfiguration: { enabled: mfa.SoftwareTokenMfaConfiguration?.Enabled ?? false },
    };
    const email = mfa.EmailMfaConfiguration;
    if (isPlainObject(email)) {
        const value: Record<string, unknown> = {};
        if (typeof email.Message === "string") value.message = email.Message;
        if (typeof email.Subject === "string") value.subject = email.Subject;
        out.emailMfaConfiguration = value;
    }
    const webAuthn = mfa.WebAuthnConfiguration;
    const passkeys: Record<string, unknown> = { ...(resetValue("webAuthnConfiguration") as Record<string, unknown>) };
    if (isPlainObject(webAuthn)) {
        if (typeof webAuthn.RelyingPartyId === "string") passkeys.relyingPartyId = webAuthn.RelyingPartyId;
        if (typeof webAuthn.UserVerification === "string") passkeys.userVerification = webAuthn.UserVerification;
        if (typeof webAuthn.FactorConfiguration === "string") passkeys.factorConfiguration = webAuthn.FactorConfiguration;
    }
    out.webAuthnConfiguration = passkeys;
    return out;
}

/**
 * The MFA settings a state records, in GetUserPoolMfaConfig's shape: for outputs of an update
 * that neither read nor set them (no MFA setting changed, so the recorded ones are current).
 */
export function mfaFromState(state: Inputs): MfaSettings {
    const mfa: MfaSettings = { MfaConfiguration: typeof state.mfaConfiguration === "string" ? (state.mfaConfiguration as MfaSettings["MfaConfiguration"]) : undefined };
    const totp = state.softwareTokenMfaConfiguration;
    mfa.SoftwareTokenMfaConfiguration = { Enabled: isPlainObject(totp) && totp.enabled === true };
    if (isPlainObject(state.emailMfaConfiguration)) mfa.EmailMfaConfiguration = expandMfaField("emailMfaConfiguration", state.emailMfaConfiguration) as MfaSettings["EmailMfaConfiguration"];
    if (isPlainObject(state.webAuthnConfiguration)) mfa.WebAuthnConfiguration = expandMfaField("webAuthnConfiguration", state.webAuthnConfiguration) as MfaSettings["WebAuthnConfiguration"];
    return mfa;
}

function copy<T>(value: T): T {
    return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/**
 * The full-state SetUserPoolMfaConfig request. AWS replaces the whole MFA setup with each call
 * (an omitted MfaConfiguration is OFF, an omitted factor is switched off: cdkd#1968), so every
 * member is sent: the mode and factors the program declares, the ones it stopped declaring at
 * their defaults, and every other factor as GetUserPoolMfaConfig (`live`) reports it, members
 * this provider does not model included.
 *
 * - MFA OFF: AWS refuses any SMS, authenticator-app or email block with it, even one that is
 *   disabled ("can't turn off MFA and configure an MFA together"), so only the mode and the
 *   passkey settings go (OFF with WebAuthn alone is accepted: cdkd#1923, #1977).
 * - Passkey settings always go: what AWS does when they are omitted is not known.
 * - SMS: with MFA on, AWS refuses to drop the SMS factor while the pool has an SMS configuration
 *   ("Can't turn off SMS_MFA when SMS configuration is set", amplify-backend#1481), so an SMS
 *   configuration the program does not declare is carried from the pool (`livePool`) when Get
 *   does not report it as a factor.
 */
export function expandMfaConfig(
    userPoolId: string,
    desired: Inputs,
    live: MfaSettings | undefined,
    removedFields: string[],
    livePool?: UserPoolType,
): SetUserPoolMfaConfigRequest {
    // A mode the program stopped declaring goes back to OFF, as it would through UpdateUserPool.
    const current = removedFields.includes("mfaConfiguration") ? "OFF" : live?.MfaConfiguration ?? livePool?.MfaConfiguration;
    const mode = (desired.mfaConfiguration ?? current ?? "OFF") as SetUserPoolMfaConfigRequest["MfaConfiguration"];
    const request: SetUserPoolMfaConfigRequest = { UserPoolId: userPoolId, MfaConfiguration: mode };

    if (desired.webAuthnConfiguration !== undefined) {
        request.WebAuthnConfiguration = expandMfaField("webAuthnConfiguration", desired.webAuthnConfiguration) as SetUserPoolMfaConfigRequest["WebAuthnConfiguration"];
    } else if (removedFields.includes("webAuthnConfiguration")) {
        request.WebAuthnConfiguration = expandMfaField("webAuthnConfiguration", resetValue("webAuthnConfiguration")) as SetUserPoolMfaConfigRequest["WebAuthnConfiguration"];
    } else if (isPlainObject(live?.WebAuthnConfiguration)) {
        request.WebAuthnConfiguration = copy(live?.WebAuthnConfiguration);
    }
    if (mode === "OFF") return request;

    const totp = desired.softwareTokenMfaConfiguration;
    if (isPlainObject(totp)) request.SoftwareTokenMfaConfiguration = { Enabled: totp.enabled === true };
    else if (live?.SoftwareTokenMfaConfiguration) request.SoftwareTokenMfaConfiguration = copy(live.SoftwareTokenMfaConfiguration);

    const message = desired.smsAuthenticationMessage !== undefined
        ? desired.smsAuthenticationMessage
        : removedFields.includes("smsAuthenticationMessage") ? undefined : live?.SmsMfaConfiguration?.SmsAuthenticationMessage ?? livePool?.SmsAuthenticationMessage;
    const withMessage = (sms: Record<string, unknown>) => (typeof message === "string" ? { ...sms, SmsAuthenticationMessage: message } : sms);
    if (isPlainObject(desired.smsConfiguration)) {
        request.SmsMfaConfiguration = withMessage({ SmsConfiguration: expandMfaField("smsConfiguration", desired.smsConfiguration) }) as SetUserPoolMfaConfigRequest["SmsMfaConfiguration"];
    } else if (!removedFields.includes("smsConfiguration")) {
        const liveSms = live?.SmsMfaConfiguration?.SmsConfiguration ?? livePool?.SmsConfiguration;
        if (isPlainObject(liveSms)) request.SmsMfaConfiguration = withMessage({ SmsConfiguration: copy(liveSms) }) as SetUserPoolMfaConfigRequest["SmsMfaConfiguration"];
    }

    if (desired.emailMfaConfiguration !== undefined) {
        request.EmailMfaConfiguration = expandMfaField("emailMfaConfiguration", desired.emailMfaConfiguration) as SetUserPoolMfaConfigRequest["EmailMfaConfiguration"];
    } else if (!removedFields.includes("emailMfaConfiguration") && isPlainObject(live?.EmailMfaConfiguration)) {
        request.EmailMfaConfiguration = copy(live?.EmailMfaConfiguration);
    }
    return request;
}

// ---------------------------------------------------------------------------------------------
// The order of the calls.

/** The settings of the pool (DescribeUserPool, UpdateUserPool) that AWS checks MFA settings against. */
interface PoolSide {
    emailSendingAccount: string;
    tier: string | undefined;
    recovery: string[] | undefined;
    firstFactors: string[];
    sms: boolean;
}

/** The MFA settings (GetUserPoolMfaConfig, SetUserPoolMfaConfig) that AWS checks against the pool. */
interface MfaSide {
    mode: string;
    sms: boolean;
    totp: boolean;
    email: boolean;
    passkeyFactor: string;
}

/** Members of the pool whose change the planner may hold back to a later UpdateUserPool. */
export type PoolMember = "firstFactors" | "emailSending" | "tier" | "recovery" | "sms";
/** Members of the MFA setup whose change the planner may hold back to a later SetUserPoolMfaConfig. */
export type MfaMember = "mode" | "email" | "passkeys" | "sms" | "totp";

const POOL_MEMBERS: PoolMember[] = ["firstFactors", "emailSending", "tier", "recovery", "sms"];
const MFA_MEMBERS: MfaMember[] = ["email", "passkeys", "sms", "mode", "totp"];

type PoolLike = Partial<UserPoolType> & Partial<UpdateUserPoolRequest>;

/** `after` is the request sent; members UpdateUserPool keeps when left out come from `before`. */
function poolSide(pool: PoolLike, before?: PoolSide): PoolSide {
    const factors = pool.Policies?.SignInPolicy?.AllowedFirstAuthFactors;
    return {
        emailSendingAccount: pool.EmailConfiguration?.EmailSendingAccount ?? "COGNITO_DEFAULT",
        // UserPoolTier and a SignInPolicy left out of UpdateUserPool keep what the pool had.
        tier: pool.UserPoolTier ?? before?.tier,
        firstFactors: factors ? factors.map(String) : before?.firstFactors ?? ["PASSWORD"],
        recovery: pool.AccountRecoverySetting?.RecoveryMechanisms?.map((m) => String(m.Name)),
        sms: isPlainObject(pool.SmsConfiguration) && Object.keys(pool.SmsConfiguration).length > 0,
    };
}

/**
 * The MFA side of a Set request, or of the live settings (`pool` given): a live pool with MFA on
 * and an SMS configuration has the SMS factor whether or not Get reports it (AWS refuses to drop
 * it, amplify-backend#1481).
 */
function mfaSide(mfa: MfaSettings | SetUserPoolMfaConfigRequest | undefined, pool?: PoolSide): MfaSide {
    const mode = mfa?.MfaConfiguration ?? "OFF";
    const on = mode !== "OFF";
    return {
        mode,
        sms: on && (isPlainObject(mfa?.SmsMfaConfiguration?.SmsConfiguration) || (pool?.sms ?? false)),
        totp: on && mfa?.SoftwareTokenMfaConfiguration?.Enabled === true,
        email: on && isPlainObject(mfa?.EmailMfaConfiguration),
        passkeyFactor: mfa?.WebAuthnConfiguration?.FactorConfiguration ?? "SINGLE_FACTOR",
    };
}

/**
 * The combinations of pool and MFA settings AWS refuses, whichever call makes them: a call that
 * would leave the pool in one of these is refused. Each names its source.
 */
export function mfaConflicts(pool: PoolSide, mfa: MfaSide): string[] {
    const conflicts: string[] = [];
    // "Invalid MFA configuration given, can't disable all MFAs with a required or optional
    // configuration"; with passkeys alone: "SMS MFA, Email MFA, or Software Token MFA must be enabled" (cdkd#1920).
    if (mfa.mode !== "OFF" && !mfa.sms && !mfa.totp && !mfa.email) conflicts.push("MFA on without an SMS, authenticator-app or email factor");
    // "Cannot set EmailMfaConfiguration when user pool EmailConfiguration contains an EmailSendingAccount of COGNITO_DEFAULT" (cdkd).
    if (mfa.email && pool.emailSendingAccount !== "DEVELOPER") conflicts.push("email MFA without DEVELOPER email sending");
    // API_EmailMfaConfigType: Essentials tier or higher.
    if (mfa.email && pool.tier === "LITE") conflicts.push("email MFA on the LITE tier");
    // tf#41049: account recovery can't be email only with email MFA.
    if (mfa.email && pool.recovery?.length === 1 && pool.recovery[0] === "verified_email") conflicts.push("email MFA with recovery by email alone");
    // "Only PASSWORD and WEB_AUTHN (if configured) can be enabled as an auth factor if MFA is enabled" (cdkd#1975).
    if (mfa.mode === "ON" && pool.firstFactors.some((f) => f === "EMAIL_OTP" || f === "SMS_OTP")) conflicts.push("one-time-code first factors with MFA ON");
    // "Cannot set WebAuthn factor configuration to SINGLE_FACTOR..." (cdkd#2064); from UpdateUserPool:
    // "WEB_AUTHN cannot be used as an auth factor when MFA is enabled if not configured for MFA" (tf#50110).
    if (mfa.mode === "ON" && pool.firstFactors.includes("WEB_AUTHN") && mfa.passkeyFactor !== MULTI_FACTOR) conflicts.push("passkey first factor with MFA ON, passkeys not MFA");
    // API WebAuthnConfigurationType.FactorConfiguration: Essentials tier or higher.
    if (mfa.passkeyFactor === MULTI_FACTOR && pool.tier === "LITE") conflicts.push("passkeys as MFA on the LITE tier");
    // "Can't turn off SMS_MFA when SMS configuration is set" (amplify-backend#1481).
    if (mfa.mode !== "OFF" && !mfa.sms && pool.sms) conflicts.push("MFA on without the SMS factor while the pool has an SMS configuration");
    return conflicts;
}

export type Call = { call: "UpdateUserPool"; hold?: PoolMember } | { call: "SetUserPoolMfaConfig"; hold?: MfaMember };

/** `request` with the pool member `member` as the pool (`base`) has it now. */
export function holdPoolMember(request: UpdateUserPoolRequest, base: PoolLike, member: PoolMember | undefined): UpdateUserPoolRequest {
    if (member === undefined) return request;
    const held: UpdateUserPoolRequest = { ...request };
    switch (member) {
        case "firstFactors":
            // A SignInPolicy left out keeps the pool's list, which is what holding it means.
            held.Policies = { ...held.Policies, SignInPolicy: copy(base.Policies?.SignInPolicy) };
            break;
        case "emailSending":
            held.EmailConfiguration = copy(base.EmailConfiguration);
            break;
        case "tier":
            held.UserPoolTier = base.UserPoolTier;
            break;
        case "recovery":
            held.AccountRecoverySetting = copy(base.AccountRecoverySetting);
            break;
        case "sms":
            held.SmsConfiguration = copy(base.SmsConfiguration);
            break;
    }
    return held;
}

/** `request` with the MFA member `member` as the pool has it now (`live`); MFA held OFF drops the factor blocks AWS refuses with it. */
export function holdMfaMember(request: SetUserPoolMfaConfigRequest, live: MfaSettings | undefined, member: MfaMember | undefined): SetUserPoolMfaConfigRequest {
    if (member === undefined) return request;
    const held: SetUserPoolMfaConfigRequest = { ...request };
    const keep = <K extends keyof SetUserPoolMfaConfigRequest>(key: K, value: SetUserPoolMfaConfigRequest[K] | undefined) => {
        if (value === undefined) delete held[key];
        else held[key] = copy(value);
    };
    switch (member) {
        case "mode":
            held.MfaConfiguration = live?.MfaConfiguration ?? "OFF";
            if (held.MfaConfiguration === "OFF") {
                delete held.SmsMfaConfiguration;
                delete held.SoftwareTokenMfaConfiguration;
                delete held.EmailMfaConfiguration;
            }
            break;
        case "email":
            keep("EmailMfaConfiguration", held.MfaConfiguration === "OFF" ? undefined : live?.EmailMfaConfiguration);
            break;
        case "passkeys":
            keep("WebAuthnConfiguration", live?.WebAuthnConfiguration);
            break;
        case "sms":
            keep("SmsMfaConfiguration", held.MfaConfiguration === "OFF" ? undefined : live?.SmsMfaConfiguration);
            break;
        case "totp":
            keep("SoftwareTokenMfaConfiguration", held.MfaConfiguration === "OFF" ? undefined : live?.SoftwareTokenMfaConfiguration);
            break;
    }
    return held;
}

/** The candidate orders, the simplest first: Set then Update (the order for most changes), Update then Set, then three calls holding one member back. */
function candidates(): Call[][] {
    const orders: Call[][] = [
        [{ call: "SetUserPoolMfaConfig" }, { call: "UpdateUserPool" }],
        [{ call: "UpdateUserPool" }, { call: "SetUserPoolMfaConfig" }],
    ];
    for (const hold of POOL_MEMBERS) orders.push([{ call: "UpdateUserPool", hold }, { call: "SetUserPoolMfaConfig" }, { call: "UpdateUserPool" }]);
    for (const hold of MFA_MEMBERS) orders.push([{ call: "SetUserPoolMfaConfig", hold }, { call: "UpdateUserPool" }, { call: "SetUserPoolMfaConfig" }]);
    return orders;
}

export interface CallOrder {
    calls: Call[];
    /** False when no order is accepted by the rules modeled here (check should have refused): AWS will say why. */
    accepted: boolean;
}

/**
 * The order of UpdateUserPool (`poolRequest`, full state) and SetUserPoolMfaConfig (`mfaRequest`,
 * full state) in which AWS accepts every call, starting from the pool as it is (`livePool`,
 * `liveMfa`). Each candidate is played through the rules of mfaConflicts: after each call, the
 * pool and its MFA setup must be a combination AWS accepts. An UpdateUserPool that comes before
 * a SetUserPoolMfaConfig keeps the pool's current MFA mode (UpdateUserPool cannot turn MFA ON).
 */
export function orderCalls(livePool: UserPoolType, liveMfa: MfaSettings | undefined, poolRequest: UpdateUserPoolRequest, mfaRequest: SetUserPoolMfaConfigRequest): CallOrder {
    const startPool = poolSide(livePool);
    const startMfa = mfaSide(liveMfa ?? { MfaConfiguration: livePool.MfaConfiguration }, startPool);
    const all = candidates();
    for (const calls of all) {
        let pool = startPool;
        let mfa = startMfa;
        const accepted = calls.every((step) => {
            if (step.call === "UpdateUserPool") pool = poolSide(holdPoolMember(poolRequest, livePool, step.hold), pool);
            else mfa = mfaSide(holdMfaMember(mfaRequest, liveMfa, step.hold));
            return mfaConflicts(pool, mfa).length === 0;
        });
        if (accepted) return { calls, accepted };
    }
    return { calls: all[0], accepted: false };
}
