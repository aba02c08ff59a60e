/**
 * The words of check failures: every rule said in words (with an example where one helps), never
 * a regular expression or a validator's phrase, never a value the program gave that may be a
 * secret. The schemas in schema/ carry the words next to the constraints (`x-rule`); these tests
 * walk the schemas so that a new pattern without words fails here.
 */
import { expect } from "chai";
import { SchemaNode } from "../../provider/shared/schema";
import { userPoolSchema } from "../../provider/userPool/model";
import { validateUserPool } from "../../provider/userPool/validate";
import { userPoolDomainSchema } from "../../provider/userPoolDomain/model";
import { validateUserPoolDomain } from "../../provider/userPoolDomain/validate";

/** Keywords provider/shared/validate.ts words itself; any other constraint keyword needs its words first. */
const WORDED = new Set([
    "type", "enum", "required", "additionalProperties", "propertyNames", "minLength", "maxLength", "minimum", "maximum",
    "exclusiveMinimum", "exclusiveMaximum", "minItems", "maxItems", "uniqueItems", "maxProperties", "pattern", "anyOf",
]);
/** Keywords that describe rather than constrain. */
const STRUCTURE = new Set(["$schema", "$id", "$ref", "title", "description", "default", "properties", "items", "definitions"]);

interface Visited {
    path: string;
    node: SchemaNode;
}

function walk(node: SchemaNode, path: string, out: Visited[] = []): Visited[] {
    out.push({ path, node });
    for (const [name, child] of Object.entries(node.properties ?? {})) walk(child, `${path}.${name}`, out);
    for (const [name, child] of Object.entries(node.definitions ?? {})) walk(child, `#${name}`, out);
    if (node.items) walk(node.items, `${path}[]`, out);
    if (typeof node.additionalProperties === "object") walk(node.additionalProperties, `${path}{}`, out);
    if (typeof node.propertyNames === "object" && node.propertyNames !== null) walk(node.propertyNames as SchemaNode, `${path} keys`, out);
    for (const branch of (node.anyOf as SchemaNode[] | undefined) ?? []) walk(branch, `${path}|`, out);
    return out;
}

const schemas: [string, SchemaNode][] = [["user-pool", userPoolSchema], ["user-pool-domain", userPoolDomainSchema]];

describe("check failure wording", () => {
    it("the schemas use only constraints whose failures are worded", () => {
        for (const [name, schema] of schemas) {
            for (const { path, node } of walk(schema, name)) {
                for (const keyword of Object.keys(node)) {
                    if (keyword.startsWith("x-") || STRUCTURE.has(keyword)) continue;
                    expect(WORDED.has(keyword), `${path} uses ${keyword}`).to.equal(true);
                }
            }
        }
    });

    it("every pattern and every either-or value says its rule in words (x-rule), with an example", () => {
        let patterns = 0;
        for (const [name, schema] of schemas) {
            for (const { path, node } of walk(schema, name)) {
                if (node.pattern === undefined && node.anyOf === undefined) continue;
                if (path.endsWith("|")) continue; // a branch: its anyOf owner carries the words
                patterns++;
                expect(node["x-rule"], path).to.be.a("string").and.match(/^must /);
                expect(node["x-rule"], `${path} gives an example`).to.match(/such as /);
            }
        }
        expect(patterns).to.be.greaterThan(25);
    });

    it("never shows a pattern or a validator's own phrase, for any input the schemas refuse", () => {
        // Values that break every kind of constraint somewhere: empty, huge, wrong type, no pattern match.
        const bad: unknown[] = ["", "\u0000", "x".repeat(30000), -1, 1e9, 3.5, true, [], {}, ["a", "a"]];
        const reasons: string[] = [];
        for (const value of bad) {
            const pool = Object.fromEntries(Object.keys(userPoolSchema.properties ?? {}).map((field) => [field, value]));
            reasons.push(...validateUserPool(pool).map((f) => f.reason));
            reasons.push(...validateUserPoolDomain({ domain: value, userPoolId: value, region: value, managedLoginVersion: value, timeouts: { create: value }, customDomainConfig: { certificateArn: value } }).map((f) => f.reason));
        }
        expect(reasons.length).to.be.greaterThan(100);
        for (const reason of reasons) {
            expect(reason).to.not.match(/must match pattern|must NOT|must be >=|must be <=|\^\[|\\[wsdS]|\{\d*,\d*\}|is not valid/);
        }
    });

    it("says what a region, a code placeholder and a pool id look like", () => {
        const one = (inputs: Record<string, unknown>) => validateUserPool({ poolName: "p", ...inputs }).map((f) => f.reason);
        expect(one({ region: "EU" })).to.deep.equal(["region must be an AWS region name, such as eu-west-1 (got a string of 2 characters)"]);
        expect(one({ verificationMessageTemplate: { emailMessage: "Your code" } })).to.deep.equal([
            'verificationMessageTemplate.emailMessage must be 6 to 20,000 characters long and contain the code placeholder {####}, such as "Your verification code is {####}" (got a string of 9 characters)',
        ]);
        expect(one({ smsAuthenticationMessage: "Code please" })[0]).to.include("must be 6 to 140 characters long and contain the code placeholder {####}");
        expect(one({ verificationMessageTemplate: { emailMessageByLink: "Click {####}" } })[0]).to.include("contain a link placeholder {##link text##}");
        expect(one({ adoptUserPoolId: "abc" })).to.deep.equal([
            "adoptUserPoolId must be a user pool id: its region, an underscore and letters or digits, such as eu-west-1_AbCdEf123 (got a string of 3 characters)",
        ]);
    });

    it("words types, ranges, lengths, lists, maps and enums", () => {
        const one = (inputs: Record<string, unknown>) => validateUserPool({ poolName: "p", ...inputs }).map((f) => f.reason);
        expect(one({ policies: { passwordPolicy: { minimumLength: "12" } } })).to.deep.equal(["policies.passwordPolicy.minimumLength must be a whole number from 6 to 99 (got a string of 2 characters)"]);
        expect(one({ policies: { passwordPolicy: { passwordHistorySize: 25 } } })).to.deep.equal(["policies.passwordPolicy.passwordHistorySize must be from 0 to 24 (got 25)"]);
        expect(one({ verificationMessageTemplate: { emailSubject: "" } })).to.deep.equal(["verificationMessageTemplate.emailSubject must be 1 to 140 characters long (got a string of 0 characters)"]);
        expect(one({ autoVerifiedAttributes: ["email", "email"] })).to.deep.equal(["autoVerifiedAttributes must not list the same value twice, but items 0 and 1 are the same"]);
        expect(one({ userPoolTags: { "": "x" } })).to.deep.equal(["userPoolTags keys must be 1 to 128 characters long (got a key of 0 characters)"]);
        expect(one({ deletionProtection: "ACTIV" })).to.deep.equal(['deletionProtection must be ACTIVE or INACTIVE (got "ACTIV"); did you mean "ACTIVE"?']);
        expect(one({ mfaConfiguration: "SOMETIMES" })).to.deep.equal(['mfaConfiguration must be one of OFF, ON, OPTIONAL (got "SOMETIMES")']);
        expect(one({ deviceConfiguration: { challengeRequiredOnNewDevice: "yes" } })).to.deep.equal(["deviceConfiguration.challengeRequiredOnNewDevice must be true or false (got a string of 3 characters)"]);
    });

    it("never quotes a string the program gave where a rule is in words: it may be a secret", () => {
        const secret = "sk-live-4f2e9a77c1-super-secret";
        const failures = [
            ...validateUserPool({ poolName: "p", smsConfiguration: { snsCallerArn: secret, externalId: 5, snsRegion: secret.repeat(3) } }),
            ...validateUserPool({ poolName: secret, lambdaConfig: { kmsKeyId: secret }, emailConfiguration: { replyToEmailAddress: secret } }),
            ...validateUserPoolDomain({ domain: "acme", userPoolId: secret, region: secret }),
        ];
        expect(failures.length).to.be.greaterThan(5);
        expect(JSON.stringify(failures)).to.not.include("super-secret");
    });
});
