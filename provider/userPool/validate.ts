/**
 * validate: inputs -> check failures, before any AWS call. The JSON Schema gives shapes, enums and
 * ranges; the rules below are the cross-field ones AWS itself enforces, and only those: rejecting
 * a configuration AWS accepts is as much a bug as accepting one it rejects.
 */
import { isPlainObject } from "../shared/schema";
import { containsUnknown, isUnknown } from "../shared/unknowns";
import type { ValidateFunction } from "ajv";
import { CheckFailure, validateAgainstSchema } from "../shared/validate";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const validateShape = require("./schemaValidator.generated") as ValidateFunction;
import type { UserPoolInputs } from "./expand";
import { aliasFields, fieldSchema, userPoolSchema } from "./model";
import { attributeKey, customAttributeCount, isCustom, requestName, standardAttributes } from "./schemaAttributes";

const MAX_CUSTOM_ATTRIBUTES = 50;
/** AWS limits the name it is sent (without the custom: prefix it adds) to 1..20 characters. */
const MAX_ATTRIBUTE_NAME = 20;

type Rule = (inputs: UserPoolInputs) => CheckFailure[];

/** The schema entries whose name is known now (preview-time unknowns are checked at `pulumi up`). */
function knownAttributeNames(inputs: UserPoolInputs): { name: string; index: number }[] {
    if (!Array.isArray(inputs.schema)) return [];
    return inputs.schema.flatMap((attribute, index) => {
        const name = isPlainObject(attribute) ? attribute.name : undefined;
        return typeof name === "string" && !isUnknown(name) ? [{ name, index }] : [];
    });
}

function known(value: unknown): boolean {
    return value !== undefined && !containsUnknown(value);
}

function objectAt(inputs: UserPoolInputs, ...path: string[]): Record<string, unknown> | undefined {
    let current: unknown = inputs;
    for (const key of path) current = isPlainObject(current) ? current[key] : undefined;
    return isPlainObject(current) ? current : undefined;
}

function placeholderRule(path: string, value: unknown, pattern: RegExp, placeholder: string): CheckFailure[] {
    if (typeof value !== "string" || isUnknown(value) || pattern.test(value)) return [];
    return [{ property: path, reason: `${path} must contain the placeholder ${placeholder}` }];
}

const CODE = /\{####\}/;
const LINK = /\{##[\s\S]+?##\}/;
const USERNAME = /\{username\}/;

const rules: Rule[] = [
    function usernameVersusAlias(inputs) {
        if (!known(inputs.usernameAttributes) || !known(inputs.aliasAttributes)) return [];
        const username = inputs.usernameAttributes as unknown[];
        const alias = inputs.aliasAttributes as unknown[];
        if (username.length === 0 || alias.length === 0) return [];
        return [{
            property: "aliasAttributes",
            reason: "aliasAttributes and usernameAttributes cannot both be set: usernameAttributes lets users sign in with email/phone instead of a username, aliasAttributes adds them as alternatives to a username",
        }];
    },
    function mfaNeedsAFactor(inputs) {
        const mode = inputs.mfaConfiguration;
        if (mode !== "ON" && mode !== "OPTIONAL") return [];
        const softwareToken = objectAt(inputs, "softwareTokenMfaConfiguration");
        if (inputs.smsConfiguration !== undefined || softwareToken?.enabled === true || isUnknown(softwareToken?.enabled)) return [];
        return [{
            property: "mfaConfiguration",
            reason: `mfaConfiguration ${mode} needs at least one MFA factor: declare smsConfiguration (SMS codes) or softwareTokenMfaConfiguration: { enabled: true } (authenticator apps)`,
        }];
    },
    function softwareTokenNeedsMfaOn(inputs) {
        // AWS rejects any MFA factor together with MFA OFF ("can't turn off MFA and configure an
        // MFA together"), and a pool without a declared mode is created OFF.
        const softwareToken = objectAt(inputs, "softwareTokenMfaConfiguration");
        const mode = inputs.mfaConfiguration;
        if (softwareToken?.enabled !== true || mode === "ON" || mode === "OPTIONAL" || isUnknown(mode)) return [];
        return [{
            property: "softwareTokenMfaConfiguration.enabled",
            reason: `softwareTokenMfaConfiguration.enabled true needs mfaConfiguration "ON" or "OPTIONAL" (got ${mode === undefined ? "none" : `"${String(mode)}"`}): AWS refuses MFA factors while MFA is OFF`,
        }];
    },
    function verificationBeforeUpdateNeedsAutoVerify(inputs) {
        const required = objectAt(inputs, "userAttributeUpdateSettings")?.attributesRequireVerificationBeforeUpdate;
        if (!Array.isArray(required) || !known(required) || !known(inputs.autoVerifiedAttributes)) return [];
        const autoVerified = inputs.autoVerifiedAttributes as unknown[];
        return required
            .filter((attribute) => !autoVerified.includes(attribute))
            .map((attribute) => ({
                property: "userAttributeUpdateSettings.attributesRequireVerificationBeforeUpdate",
                reason: `"${String(attribute)}" is in userAttributeUpdateSettings.attributesRequireVerificationBeforeUpdate but not in autoVerifiedAttributes; AWS requires every attribute listed there to be auto-verified`,
            }));
    },
    function developerEmailNeedsSource(inputs) {
        const email = objectAt(inputs, "emailConfiguration");
        if (email?.emailSendingAccount !== "DEVELOPER" || email.sourceArn !== undefined) return [];
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
    function messagePlaceholders(inputs) {
        const template = objectAt(inputs, "verificationMessageTemplate") ?? {};
        const invite = objectAt(inputs, "adminCreateUserConfig", "inviteMessageTemplate") ?? {};
        const factors = objectAt(inputs, "policies", "signInPolicy")?.allowedFirstAuthFactors;
        // Passwordless pools invite users without a temporary password, so without {####}.
        const invitesCarryPassword = !Array.isArray(factors) || containsUnknown(factors) || factors.every((f) => f === "PASSWORD");
        return [
            ...placeholderRule("verificationMessageTemplate.emailMessage", template.emailMessage, CODE, "{####}"),
            ...placeholderRule("verificationMessageTemplate.smsMessage", template.smsMessage, CODE, "{####}"),
            ...placeholderRule("verificationMessageTemplate.emailMessageByLink", template.emailMessageByLink, LINK, "{##link text##}"),
            ...placeholderRule("smsAuthenticationMessage", inputs.smsAuthenticationMessage, CODE, "{####}"),
            ...placeholderRule("adminCreateUserConfig.inviteMessageTemplate.emailMessage", invite.emailMessage, USERNAME, "{username}"),
            ...placeholderRule("adminCreateUserConfig.inviteMessageTemplate.smsMessage", invite.smsMessage, USERNAME, "{username}"),
            ...(invitesCarryPassword
                ? [
                      ...placeholderRule("adminCreateUserConfig.inviteMessageTemplate.emailMessage", invite.emailMessage, CODE, "{####}"),
                      ...placeholderRule("adminCreateUserConfig.inviteMessageTemplate.smsMessage", invite.smsMessage, CODE, "{####}"),
                  ]
                : []),
        ];
    },
    function customAttributeLimit(inputs) {
        const count = customAttributeCount(inputs.schema);
        if (count <= MAX_CUSTOM_ATTRIBUTES) return [];
        return [{ property: "schema", reason: `schema declares ${count} custom attributes; AWS allows at most ${MAX_CUSTOM_ATTRIBUTES} per pool` }];
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
    function addOnsNeedPlus(inputs) {
        const mode = objectAt(inputs, "userPoolAddOns")?.advancedSecurityMode;
        const tier = inputs.userPoolTier;
        if (mode === undefined || mode === "OFF" || isUnknown(mode) || tier === undefined || tier === "PLUS" || isUnknown(tier)) return [];
        return [{
            property: "userPoolAddOns.advancedSecurityMode",
            reason: `userPoolAddOns.advancedSecurityMode ${String(mode)} (threat protection) needs userPoolTier "PLUS" (got "${String(tier)}")`,
        }];
    },
    function aliasesAgreeWithTemplate(inputs) {
        const template = objectAt(inputs, "verificationMessageTemplate") ?? {};
        return aliasFields
            .filter((alias) => inputs[alias] !== undefined)
            .flatMap((alias) => {
                const member = String(fieldSchema(alias)["x-deprecated"]).split(".").pop() as string;
                if (template[member] === undefined || template[member] === inputs[alias]) return [];
                return [{
                    property: alias,
                    reason: `${alias} (deprecated) and verificationMessageTemplate.${member} are both set and differ; set only verificationMessageTemplate.${member}`,
                }];
            });
    },
];

/** AdminCreateUserConfig.UnusedAccountValidityDays: AWS refuses it on every update. */
function unusedAccountValidityDays(inputs: UserPoolInputs): CheckFailure[] {
    const config = objectAt(inputs, "adminCreateUserConfig");
    if (config?.unusedAccountValidityDays === undefined) return [];
    return [{
        property: "adminCreateUserConfig.unusedAccountValidityDays",
        reason: "adminCreateUserConfig.unusedAccountValidityDays is deprecated and AWS rejects it on every update; use policies.passwordPolicy.temporaryPasswordValidityDays instead",
    }];
}

export function validateUserPool(inputs: unknown): CheckFailure[] {
    if (!isPlainObject(inputs)) return [{ property: "", reason: "inputs must be an object" }];
    const special = unusedAccountValidityDays(inputs);
    const schemaFailures = validateAgainstSchema(userPoolSchema, validateShape, inputs).filter(
        (f) => !(special.length > 0 && f.property === "adminCreateUserConfig.unusedAccountValidityDays"),
    );
    if (schemaFailures.length > 0 || special.length > 0) return [...special, ...schemaFailures];
    return rules.flatMap((rule) => rule(inputs));
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
