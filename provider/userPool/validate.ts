/**
 * validate: inputs -> check failures, before any AWS call. The JSON Schema gives shapes, enums,
 * ranges and patterns; the rules below are the cross-field ones AWS itself enforces, and only
 * those: rejecting a configuration AWS accepts is as much a bug as accepting one it rejects.
 *
 * The rules run on the parts the schema found well-formed (anything it refused reads as a
 * preview-time unknown), so one run reports every mistake, and each rule leaves alone what it
 * cannot judge: values unknown until `pulumi up`, and malformed ones the schema already named.
 */
import { isPlainObject } from "../shared/schema";
import { containsUnknown, isUnknown, UNKNOWN } from "../shared/unknowns";
import type { ValidateFunction } from "ajv";
import { CheckFailure, combineFailures, describeValue, validateAgainstSchema } from "../shared/validate";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const validateShape = require("./schemaValidator.generated") as ValidateFunction;
import type { UserPoolInputs } from "./expand";
import { aliasFields, fieldSchema, userPoolSchema } from "./model";
import { attributeKey, customAttributeCount, isCustom, requestName, standardAttributes } from "./schemaAttributes";

/** AWS limits the name it is sent (without the custom: prefix it adds) to 1..20 characters. */
const MAX_ATTRIBUTE_NAME = 20;
const MAX_CUSTOM_ATTRIBUTES = 50;
/** CreateUserPool's Schema takes 1 to 50 entries; a pool can have more, custom ones added later. */
const MAX_CREATE_SCHEMA = 50;

/** What check knows besides the inputs. */
export interface ValidationContext {
    /** The stack's `aws:region`: the pool's region when the inputs give none. */
    stackRegion?: string;
    /** The resource has no state yet: CreateUserPool will be called (unless it adopts a pool). */
    creating?: boolean;
}

type Rule = (inputs: UserPoolInputs, context: ValidationContext) => CheckFailure[];

/** The member at `path`, UNKNOWN when any step is unknown, undefined when a step is absent or not an object. */
function at(value: unknown, ...path: string[]): unknown {
    let current = value;
    for (const key of path) {
        if (isUnknown(current)) return UNKNOWN;
        current = isPlainObject(current) ? current[key] : undefined;
    }
    return current;
}

function objectAt(value: unknown, ...path: string[]): Record<string, unknown> | undefined {
    const found = at(value, ...path);
    return isPlainObject(found) ? found : undefined;
}

/** A list whose every item is known now, else undefined. */
function knownList(value: unknown): unknown[] | undefined {
    return Array.isArray(value) && !containsUnknown(value) ? value : undefined;
}

/** A string known now, else undefined. */
function knownString(value: unknown): string | undefined {
    return typeof value === "string" && !isUnknown(value) ? value : undefined;
}

/** Schema entries as objects with their index (the others are the schema's to report). */
function schemaEntries(inputs: UserPoolInputs): { attribute: Record<string, unknown>; index: number }[] {
    const schema = inputs.schema;
    if (!Array.isArray(schema)) return [];
    return schema.flatMap((attribute, index) => (isPlainObject(attribute) ? [{ attribute, index }] : []));
}

/** The schema entries whose name is known now (preview-time unknowns are checked at `pulumi up`). */
function knownAttributeNames(inputs: UserPoolInputs): { name: string; index: number }[] {
    return schemaEntries(inputs).flatMap(({ attribute, index }) => {
        const name = knownString(attribute.name);
        return name === undefined ? [] : [{ name, index }];
    });
}

/** A whole number given as a number or a string of digits (the schema checked the form), else undefined. */
function wholeNumber(value: unknown): bigint | undefined {
    if (typeof value === "number" && Number.isInteger(value)) return BigInt(value);
    if (typeof value === "string" && /^-?[0-9]+$/.test(value)) return BigInt(value);
    return undefined;
}

/** A number for a message: as written, unless it is too long to read. */
function shownNumber(value: bigint): string {
    const text = value.toString();
    return text.length <= 24 ? text : `a number of ${text.length} digits`;
}

const CODE = /\{####\}/;

/** The passkey setting under which a passkey with user verification satisfies MFA. */
const PASSKEYS_AS_MFA = "MULTI_FACTOR_WITH_USER_VERIFICATION";

/** First factors other than a password: the pool signs users in without one. */
const PASSWORDLESS_FACTORS = ["EMAIL_OTP", "SMS_OTP", "WEB_AUTHN"];

/** The first factors the program declares, or the default (password only) when it declares none; undefined while unknown. */
function firstFactors(inputs: UserPoolInputs): unknown[] | undefined {
    const factors = at(inputs, "policies", "signInPolicy", "allowedFirstAuthFactors");
    if (factors === undefined) return ["PASSWORD"];
    return knownList(factors);
}

const DEFAULT_ACR_NAMES: Record<string, string> = {
    level1: "urn:cognito:loa:1",
    level2: "urn:cognito:loa:2",
    level3: "urn:cognito:loa:3",
    level4: "urn:cognito:loa:4",
};

/** The tier when the program declares it; undefined otherwise (an existing pool keeps whatever it has). */
function declaredTier(inputs: UserPoolInputs): string | undefined {
    return knownString(inputs.userPoolTier);
}

function needsTier(property: string, feature: string, tiers: string, tier: string): CheckFailure {
    return { property, reason: `${property} ${feature} needs userPoolTier ${tiers} (got "${tier}")` };
}

const rules: Rule[] = [
    function usernameVersusAlias(inputs) {
        const username = knownList(inputs.usernameAttributes);
        const alias = knownList(inputs.aliasAttributes);
        if (!username || !alias || username.length === 0 || alias.length === 0) return [];
        return [{
            property: "aliasAttributes",
            reason: "aliasAttributes and usernameAttributes cannot both be set: usernameAttributes lets users sign in with email/phone instead of a username, aliasAttributes adds them as alternatives to a username",
        }];
    },
    function mfaNeedsAFactor(inputs) {
        const mode = inputs.mfaConfiguration;
        if (mode !== "ON" && mode !== "OPTIONAL") return [];
        const enabled = at(inputs, "softwareTokenMfaConfiguration", "enabled");
        if (inputs.smsConfiguration !== undefined || inputs.emailMfaConfiguration !== undefined || enabled === true || isUnknown(enabled)) return [];
        // A passkey alone is refused even when it counts as MFA: "SMS MFA, Email MFA, or Software
        // Token MFA must be enabled" (cdkd#1920).
        if (at(inputs, "webAuthnConfiguration", "factorConfiguration") === PASSKEYS_AS_MFA) {
            return [{
                property: "mfaConfiguration",
                reason: `mfaConfiguration ${mode} needs an MFA factor besides passkeys: webAuthnConfiguration.factorConfiguration ${PASSKEYS_AS_MFA} lets a passkey satisfy MFA, but AWS still requires smsConfiguration (SMS codes), softwareTokenMfaConfiguration: { enabled: true } (authenticator apps) or emailMfaConfiguration (email codes)`,
            }];
        }
        return [{
            property: "mfaConfiguration",
            reason: `mfaConfiguration ${mode} needs at least one MFA factor: declare smsConfiguration (SMS codes), softwareTokenMfaConfiguration: { enabled: true } (authenticator apps) or emailMfaConfiguration (email codes)`,
        }];
    },
    function emailMfaNeedsMfaOn(inputs) {
        // As for every factor: "can't turn off MFA and configure an MFA together" (an email block
        // with MFA OFF, cdkd#1923 and #1977); a pool without a declared mode is created OFF.
        const mode = inputs.mfaConfiguration;
        if (!isPlainObject(inputs.emailMfaConfiguration) || mode === "ON" || mode === "OPTIONAL" || isUnknown(mode)) return [];
        return [{
            property: "emailMfaConfiguration",
            reason: `emailMfaConfiguration needs mfaConfiguration "ON" or "OPTIONAL" (got ${mode === undefined ? "none" : `"${String(mode)}"`}): AWS refuses MFA factors while MFA is OFF; to turn email MFA off, remove emailMfaConfiguration`,
        }];
    },
    function emailMfaNeedsDeveloperEmail(inputs, context) {
        // Developer guide, email MFA: codes go out through your own Amazon SES identity; AWS
        // answers "Cannot set EmailMfaConfiguration when user pool EmailConfiguration contains an
        // EmailSendingAccount of COGNITO_DEFAULT" (cdkd).
        if (!isPlainObject(inputs.emailMfaConfiguration)) return [];
        const email = inputs.emailConfiguration;
        // Not declared: an existing pool keeps whatever it has, which only AWS can judge.
        if (email === undefined && (!context.creating || inputs.adoptUserPoolId !== undefined)) return [];
        const account = email === undefined ? undefined : at(email, "emailSendingAccount");
        if (account === "DEVELOPER" || isUnknown(account)) return [];
        const got = email === undefined ? 'none: a new pool sends with "COGNITO_DEFAULT"' : `"${String(account ?? "COGNITO_DEFAULT")}"`;
        return [{
            property: "emailMfaConfiguration",
            reason: `emailMfaConfiguration needs emailConfiguration.emailSendingAccount "DEVELOPER" (got ${got}): AWS sends MFA codes by email only through your own Amazon SES identity (emailConfiguration.sourceArn)`,
        }];
    },
    function emailMfaRecovery(inputs) {
        // AccountRecoverySetting doc: email MFA disqualifies recovery by email; AWS refuses email
        // MFA on a pool whose only recovery method is email (terraform-provider-aws #41049; email
        // and phone together are accepted, #41064).
        if (!isPlainObject(inputs.emailMfaConfiguration)) return [];
        const mechanisms = knownList(at(inputs, "accountRecoverySetting", "recoveryMechanisms"));
        if (!mechanisms || mechanisms.length !== 1 || at(mechanisms[0], "name") !== "verified_email") return [];
        return [{
            property: "accountRecoverySetting.recoveryMechanisms",
            reason: "accountRecoverySetting.recoveryMechanisms has verified_email alone, which AWS refuses with email MFA (emailMfaConfiguration): users who receive MFA codes by email cannot also recover their password by email. Add verified_phone_number with the other priority, or leave accountRecoverySetting out (AWS's default has both)",
        }];
    },
    function softwareTokenNeedsMfaOn(inputs) {
        // AWS rejects any MFA factor together with MFA OFF ("can't turn off MFA and configure an
        // MFA together"), and a pool without a declared mode is created OFF.
        const mode = inputs.mfaConfiguration;
        if (at(inputs, "softwareTokenMfaConfiguration", "enabled") !== true || mode === "ON" || mode === "OPTIONAL" || isUnknown(mode)) return [];
        return [{
            property: "softwareTokenMfaConfiguration.enabled",
            reason: `softwareTokenMfaConfiguration.enabled true needs mfaConfiguration "ON" or "OPTIONAL" (got ${mode === undefined ? "none" : `"${String(mode)}"`}): AWS refuses MFA factors while MFA is OFF`,
        }];
    },
    function verificationBeforeUpdateNeedsAutoVerify(inputs) {
        const required = knownList(at(inputs, "userAttributeUpdateSettings", "attributesRequireVerificationBeforeUpdate"));
        const declared = inputs.autoVerifiedAttributes;
        const autoVerified = declared === undefined ? [] : knownList(declared);
        if (!required || !autoVerified) return [];
        return required
            .filter((attribute) => !autoVerified.includes(attribute))
            .map((attribute) => ({
                property: "userAttributeUpdateSettings.attributesRequireVerificationBeforeUpdate",
                reason: `"${String(attribute)}" is in userAttributeUpdateSettings.attributesRequireVerificationBeforeUpdate but not in autoVerifiedAttributes; AWS requires every attribute listed there to be auto-verified`,
            }));
    },
    function developerEmailNeedsSource(inputs) {
        if (at(inputs, "emailConfiguration", "emailSendingAccount") !== "DEVELOPER" || at(inputs, "emailConfiguration", "sourceArn") !== undefined) return [];
        return [{
            property: "emailConfiguration.sourceArn",
            reason: 'emailConfiguration.sourceArn is required when emailSendingAccount is "DEVELOPER" (the ARN of a verified Amazon SES identity)',
        }];
    },
    function customSendersNeedKmsKey(inputs) {
        const lambda = objectAt(inputs, "lambdaConfig");
        if (!lambda || lambda.kmsKeyId !== undefined) return [];
        return ["customSmsSender", "customEmailSender"]
            .filter((sender) => lambda[sender] !== undefined)
            .map((sender) => ({
                property: "lambdaConfig.kmsKeyId",
                reason: `lambdaConfig.kmsKeyId is required when lambdaConfig.${sender} is set: Cognito encrypts the codes it passes to custom senders with this KMS key`,
            }));
    },
    function invitesCarryTheTemporaryPassword(inputs) {
        // The schema requires {username}; {####} only when invited users sign in with a password
        // (passwordless pools invite without one).
        const factors = firstFactors(inputs);
        if (!factors || factors.some((factor) => PASSWORDLESS_FACTORS.includes(String(factor)))) return [];
        return ["emailMessage", "smsMessage"].flatMap((member) => {
            const message = knownString(at(inputs, "adminCreateUserConfig", "inviteMessageTemplate", member));
            if (message === undefined || CODE.test(message)) return [];
            const property = `adminCreateUserConfig.inviteMessageTemplate.${member}`;
            return [{
                property,
                reason: `${property} must contain the temporary password placeholder {####}, as in "Your username is {username} and your temporary password is {####}": the users administrators create sign in with a password (only a pool whose policies.signInPolicy.allowedFirstAuthFactors has a passwordless factor may leave it out)`,
            }];
        });
    },
    function customAttributeLimit(inputs) {
        const count = customAttributeCount(inputs.schema);
        if (count <= MAX_CUSTOM_ATTRIBUTES) return [];
        return [{ property: "schema", reason: `schema declares ${count} custom attributes; AWS allows at most ${MAX_CUSTOM_ATTRIBUTES} per pool` }];
    },
    function createTakesFiftyAttributes(inputs, context) {
        const schema = inputs.schema;
        if (!context.creating || inputs.adoptUserPoolId !== undefined || !Array.isArray(schema) || schema.length <= MAX_CREATE_SCHEMA) return [];
        return [{
            property: "schema",
            reason: `schema declares ${schema.length} attributes, and CreateUserPool takes at most ${MAX_CREATE_SCHEMA}: create the pool with at most ${MAX_CREATE_SCHEMA} (settings of standard attributes can only be made then), and add the other custom attributes in a later update`,
        }];
    },
    function attributeNames(inputs) {
        return knownAttributeNames(inputs).flatMap(({ name, index }) => {
            const property = `schema[${index}].name`;
            const sent = requestName(name);
            if (isCustom(name) && standardAttributes.has(sent)) {
                return [{
                    property,
                    reason: `schema attribute "${name}" cannot be created: AWS adds the custom: prefix itself and takes the name ${sent} as the standard attribute ${sent}. Declare "${sent}" to set the standard attribute, or give the custom attribute another name`,
                }];
            }
            if (sent.length >= 1 && sent.length <= MAX_ATTRIBUTE_NAME) return [];
            const prefix = sent === name ? "" : ` without its ${name.slice(0, name.length - sent.length)} prefix`;
            return [{
                property,
                reason: `${property} is ${sent.length} characters long${prefix}; AWS allows attribute names of 1 to ${MAX_ATTRIBUTE_NAME} characters, not counting the custom: prefix`,
            }];
        });
    },
    function uniqueAttributeNames(inputs) {
        // `tenant` and `custom:tenant` are one attribute, so two entries would be two definitions
        // of it with nothing to say which one the program means.
        const first = new Map<string, { name: string; index: number }>();
        const failures: CheckFailure[] = [];
        for (const { name, index } of knownAttributeNames(inputs)) {
            const key = attributeKey(name);
            const earlier = first.get(key);
            if (earlier === undefined) {
                first.set(key, { name, index });
                continue;
            }
            const spelling = earlier.name === name
                ? `schema[${earlier.index}] has the same name`
                : `schema[${earlier.index}] "${earlier.name}" and schema[${index}] "${name}" name the same attribute, ${key} (the custom: prefix is optional)`;
            failures.push({ property: `schema[${index}].name`, reason: `schema attribute "${name}" is declared more than once: ${spelling}; keep one entry per attribute` });
        }
        return failures;
    },
    function customAttributesCannotBeRequired(inputs) {
        // "Required custom attributes are not supported currently." (InvalidParameterException)
        return schemaEntries(inputs).flatMap(({ attribute, index }) => {
            const name = knownString(attribute.name);
            // A custom: spelling of a standard attribute's name is refused by attributeNames already.
            if (attribute.required !== true || name === undefined || !isCustom(name) || standardAttributes.has(requestName(name))) return [];
            return [{
                property: `schema[${index}].required`,
                reason: `schema[${index}].required cannot be true for the custom attribute "${name}": AWS makes only standard attributes required. Leave it false, and refuse sign-ups without a value in a pre sign-up trigger (lambdaConfig.preSignUp) if you must`,
            }];
        });
    },
    function constraintRanges(inputs) {
        return schemaEntries(inputs).flatMap(({ attribute, index }) => {
            const ranges = [
                { member: "stringAttributeConstraints", min: "minLength", max: "maxLength" },
                { member: "numberAttributeConstraints", min: "minValue", max: "maxValue" },
            ];
            return ranges.flatMap(({ member, min, max }) => {
                const constraints = objectAt(attribute, member);
                const low = wholeNumber(constraints?.[min]);
                const high = wholeNumber(constraints?.[max]);
                if (low === undefined || high === undefined || low <= high) return [];
                const property = `schema[${index}].${member}.${min}`;
                return [{
                    property,
                    reason: `${property} (${shownNumber(low)}) is greater than ${max} (${shownNumber(high)}); AWS requires ${min} to be at most ${max}`,
                }];
            });
        });
    },
    function distinctRecoveryPriorities(inputs) {
        const mechanisms = at(inputs, "accountRecoverySetting", "recoveryMechanisms");
        if (!Array.isArray(mechanisms)) return [];
        const first = new Map<number, number>();
        const failures: CheckFailure[] = [];
        mechanisms.forEach((mechanism, index) => {
            const priority = at(mechanism, "priority");
            if (typeof priority !== "number") return;
            const earlier = first.get(priority);
            if (earlier === undefined) {
                first.set(priority, index);
                return;
            }
            const property = `accountRecoverySetting.recoveryMechanisms[${index}].priority`;
            failures.push({
                property,
                reason: `${property} is ${priority}, as is recoveryMechanisms[${earlier}].priority; AWS requires each recovery method to have its own priority (1 is tried first, 2 second)`,
            });
        });
        return failures;
    },
    function preTokenGenerationArnsAgree(inputs) {
        const legacy = knownString(at(inputs, "lambdaConfig", "preTokenGeneration"));
        const versioned = knownString(at(inputs, "lambdaConfig", "preTokenGenerationConfig", "lambdaArn"));
        if (legacy === undefined || versioned === undefined || legacy === versioned) return [];
        return [{
            property: "lambdaConfig.preTokenGeneration",
            reason: "lambdaConfig.preTokenGeneration and lambdaConfig.preTokenGenerationConfig.lambdaArn name different functions; AWS requires them to be identical when both are set: set only preTokenGenerationConfig",
        }];
    },
    function oneSmsSender(inputs) {
        const sns = at(inputs, "smsConfiguration", "snsCallerArn");
        const eums = at(inputs, "smsConfiguration", "eumsSms");
        // An empty snsCallerArn is the API's way of giving none.
        if (sns === undefined || sns === "" || isUnknown(sns) || eums === undefined || isUnknown(eums)) return [];
        return [{
            property: "smsConfiguration.eumsSms",
            reason: "smsConfiguration.snsCallerArn and smsConfiguration.eumsSms cannot both be set: send text messages through Amazon SNS (snsCallerArn) or through AWS End User Messaging SMS (eumsSms), not both",
        }];
    },
    function eumsInThePoolsRegion(inputs, context) {
        const region = knownString(at(inputs, "smsConfiguration", "eumsSms", "region"));
        const declared = inputs.region;
        const poolRegion = declared === undefined ? context.stackRegion : knownString(declared);
        if (region === undefined || poolRegion === undefined || region === poolRegion) return [];
        return [{
            property: "smsConfiguration.eumsSms.region",
            reason: `smsConfiguration.eumsSms.region must be the pool's own region, ${poolRegion} (got "${region}"): AWS refuses any other; leave it out to use the pool's region`,
        }];
    },
    function uniqueAcrNames(inputs) {
        const config = objectAt(inputs, "acrConfiguration");
        if (!config) return [];
        const levels = Object.keys(DEFAULT_ACR_NAMES);
        const declared = (level: string) => at(config, level, "acrValue") !== undefined;
        // A level left out is named by its default, which a declared level must not take either.
        const names = levels.map((level) => (declared(level) ? knownString(at(config, level, "acrValue")) : DEFAULT_ACR_NAMES[level]));
        return levels.flatMap((level, index) => {
            const name = names[index];
            if (!declared(level) || name === undefined) return [];
            // Two declared levels with one name are reported once, at the later one.
            const clash = levels.findIndex((other, j) => j !== index && names[j] === name && (!declared(other) || j < index));
            if (clash < 0) return [];
            const property = `acrConfiguration.${level}.acrValue`;
            const other = declared(levels[clash])
                ? `the same as acrConfiguration.${levels[clash]}.acrValue`
                : `the default name of ${levels[clash]}, ${DEFAULT_ACR_NAMES[levels[clash]]}`;
            return [{ property, reason: `${property} is ${other}; AWS requires the names of the four levels, including the default names of levels left out, to be different` }];
        });
    },
    function liteTier(inputs) {
        const tier = declaredTier(inputs);
        if (tier !== "LITE") return [];
        const failures: CheckFailure[] = [];
        const essentials = '"ESSENTIALS" or "PLUS"';
        const factors = knownList(at(inputs, "policies", "signInPolicy", "allowedFirstAuthFactors")) ?? [];
        const passwordless = factors.filter((factor) => PASSWORDLESS_FACTORS.includes(String(factor)));
        if (passwordless.length > 0) {
            failures.push(needsTier("policies.signInPolicy.allowedFirstAuthFactors", `${passwordless.map(String).join(", ")} (passwordless sign-in)`, essentials, tier));
        }
        const history = at(inputs, "policies", "passwordPolicy", "passwordHistorySize");
        if (typeof history === "number" && history > 0) {
            failures.push(needsTier("policies.passwordPolicy.passwordHistorySize", `${history} (password history)`, essentials, tier));
        }
        const version = at(inputs, "lambdaConfig", "preTokenGenerationConfig", "lambdaVersion");
        if (version === "V2_0" || version === "V3_0") {
            failures.push(needsTier("lambdaConfig.preTokenGenerationConfig.lambdaVersion", `${version} (access token customisation)`, essentials, tier));
        }
        const dcr = at(inputs, "dcrConfiguration");
        const dcrStatus = at(dcr, "enableStatus");
        if (isPlainObject(dcr) && dcrStatus !== "Disabled" && !isUnknown(dcrStatus)) {
            failures.push(needsTier("dcrConfiguration", "(dynamic client registration, on unless enableStatus is \"Disabled\")", essentials, tier));
        }
        const acr = objectAt(inputs, "acrConfiguration");
        if (acr && Object.keys(DEFAULT_ACR_NAMES).some((level) => acr[level] !== undefined)) {
            failures.push(needsTier("acrConfiguration", "(custom authentication level names)", essentials, tier));
        }
        // API_EmailMfaConfigType and WebAuthnConfigurationType.FactorConfiguration: Essentials tier or higher.
        if (isPlainObject(inputs.emailMfaConfiguration)) failures.push(needsTier("emailMfaConfiguration", "(email MFA)", essentials, tier));
        if (at(inputs, "webAuthnConfiguration", "factorConfiguration") === PASSKEYS_AS_MFA) {
            failures.push(needsTier("webAuthnConfiguration.factorConfiguration", `${PASSKEYS_AS_MFA} (passkeys as MFA)`, essentials, tier));
        }
        return failures;
    },
    function addOnsNeedPlus(inputs) {
        const mode = at(inputs, "userPoolAddOns", "advancedSecurityMode");
        const tier = declaredTier(inputs);
        if (mode === undefined || mode === "OFF" || isUnknown(mode) || tier === undefined || tier === "PLUS") return [];
        return [needsTier("userPoolAddOns.advancedSecurityMode", `${String(mode)} (threat protection)`, '"PLUS"', tier)];
    },
    function requiredMfaAllowsNoOneTimeCodes(inputs) {
        // "Only PASSWORD and WEB_AUTHN (if configured) can be enabled as an auth factor if MFA is enabled"
        if (inputs.mfaConfiguration !== "ON") return [];
        const codes = (firstFactors(inputs) ?? []).filter((factor) => factor === "EMAIL_OTP" || factor === "SMS_OTP");
        if (codes.length === 0) return [];
        return [{
            property: "policies.signInPolicy.allowedFirstAuthFactors",
            reason: `policies.signInPolicy.allowedFirstAuthFactors cannot include ${codes.map(String).join(" or ")} while mfaConfiguration is "ON": AWS allows only PASSWORD and WEB_AUTHN as first factors when every user must use MFA. Remove those factors, or set mfaConfiguration "OPTIONAL"`,
        }];
    },
    function requiredMfaPasskeysCountAsMfa(inputs, context) {
        // "Cannot set WebAuthn factor configuration to SINGLE_FACTOR..." (cdkd#2064) and, from
        // UpdateUserPool, "WEB_AUTHN cannot be used as an auth factor when MFA is enabled if not
        // configured for MFA" (terraform-provider-aws #50110).
        if (inputs.mfaConfiguration !== "ON" || !(firstFactors(inputs) ?? []).includes("WEB_AUTHN")) return [];
        const passkeys = inputs.webAuthnConfiguration;
        // Not declared: an existing pool keeps its passkey settings, which only AWS can judge.
        if (passkeys === undefined && (!context.creating || inputs.adoptUserPoolId !== undefined)) return [];
        const factor = passkeys === undefined ? undefined : at(passkeys, "factorConfiguration");
        if (factor === PASSKEYS_AS_MFA || isUnknown(factor)) return [];
        const got = passkeys === undefined ? '"SINGLE_FACTOR", a new pool\'s default' : `"${String(factor ?? "SINGLE_FACTOR")}"`;
        return [{
            property: "webAuthnConfiguration.factorConfiguration",
            reason: `policies.signInPolicy.allowedFirstAuthFactors includes WEB_AUTHN while mfaConfiguration is "ON", which needs webAuthnConfiguration.factorConfiguration "${PASSKEYS_AS_MFA}" (got ${got}): AWS accepts passkeys as a first factor under required MFA only when a passkey with user verification counts as MFA. Set it, or set mfaConfiguration "OPTIONAL"`,
        }];
    },
    function smsCodesNeedSmsConfiguration(inputs) {
        const factors = firstFactors(inputs) ?? [];
        if (!factors.includes("SMS_OTP") || inputs.smsConfiguration !== undefined) return [];
        return [{
            property: "policies.signInPolicy.allowedFirstAuthFactors",
            reason: "policies.signInPolicy.allowedFirstAuthFactors includes SMS_OTP, which needs smsConfiguration: declare how the pool sends text messages (snsCallerArn or eumsSms)",
        }];
    },
    function aliasesAgreeWithTemplate(inputs) {
        return aliasFields
            .filter((alias) => inputs[alias] !== undefined && !isUnknown(inputs[alias]))
            .flatMap((alias) => {
                const member = String(fieldSchema(alias)["x-deprecated"]).split(".").pop() as string;
                const current = at(inputs, "verificationMessageTemplate", member);
                if (current === undefined || isUnknown(current) || current === inputs[alias]) return [];
                return [{
                    property: alias,
                    reason: `${alias} (deprecated) and verificationMessageTemplate.${member} are both set and differ; set only verificationMessageTemplate.${member}`,
                }];
            });
    },
];

/** AdminCreateUserConfig.UnusedAccountValidityDays: AWS refuses it on every update. */
function unusedAccountValidityDays(inputs: UserPoolInputs): CheckFailure[] {
    if (at(inputs, "adminCreateUserConfig", "unusedAccountValidityDays") === undefined) return [];
    return [{
        property: "adminCreateUserConfig.unusedAccountValidityDays",
        reason: "adminCreateUserConfig.unusedAccountValidityDays is deprecated and AWS rejects it on every update; use policies.passwordPolicy.temporaryPasswordValidityDays instead",
    }];
}

/** Every failure of `inputs` at once: the schema's and the cross-field rules'. Never throws. */
export function validateUserPool(inputs: unknown, context: ValidationContext = {}): CheckFailure[] {
    if (!isPlainObject(inputs)) return [{ property: "", reason: `inputs must be an object (got ${describeValue(inputs)})` }];
    const special = unusedAccountValidityDays(inputs);
    const { failures, wellFormed } = validateAgainstSchema(userPoolSchema, validateShape, inputs);
    const schemaFailures = failures.filter((f) => !(special.length > 0 && f.property === "adminCreateUserConfig.unusedAccountValidityDays"));
    const ruleFailures = rules.flatMap((rule) => rule(wellFormed as UserPoolInputs, context));
    return combineFailures([...special, ...schemaFailures], ruleFailures);
}

/**
 * The inputs check hands on: deprecated verification-message members folded into
 * verificationMessageTemplate, so the rest of the provider sees one way of saying it.
 */
export function canonicalInputs(inputs: UserPoolInputs): UserPoolInputs {
    const out: UserPoolInputs = { ...inputs };
    for (const alias of aliasFields) {
        if (out[alias] === undefined) continue;
        const member = String(fieldSchema(alias)["x-deprecated"]).split(".").pop() as string;
        const template = isPlainObject(out.verificationMessageTemplate) ? { ...out.verificationMessageTemplate } : {};
        if (template[member] === undefined) template[member] = out[alias];
        out.verificationMessageTemplate = template;
        delete out[alias];
    }
    return out;
}
