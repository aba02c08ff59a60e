/**
 * Property-based test of check: thousands of malformed inputs (wrong types, out-of-range numbers,
 * unknown keys, huge strings, deep nesting, preview-time unknowns in odd places). check never
 * throws, always explains failures with a property path, and never calls AWS.
 */
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { mockClient } from "aws-sdk-client-mock";
import { expect } from "chai";
import fc from "fast-check";
import { resetClients, setStackRegion } from "../../provider/client";
import { UNKNOWN } from "../../provider/shared/unknowns";
import { inputFields } from "../../provider/userPool/model";
import * as provider from "../../provider/userPool/provider";
import * as domainProvider from "../../provider/userPoolDomain/provider";

const validPool = {
    poolName: "fuzz",
    policies: { passwordPolicy: { minimumLength: 12, requireSymbols: true } },
    mfaConfiguration: "OPTIONAL",
    softwareTokenMfaConfiguration: { enabled: true },
    autoVerifiedAttributes: ["email"],
    schema: [{ name: "tenant", attributeDataType: "String", stringAttributeConstraints: { maxLength: "64" } }],
    userPoolTags: { team: "identity" },
    adminCreateUserConfig: { allowAdminCreateUserOnly: true, inviteMessageTemplate: { emailMessage: "Hi {username} {####}", emailSubject: "Hi" } },
};

/** Any JSON-ish value, including the unknown sentinel, huge strings and odd numbers. */
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
    fc.anything({ maxDepth: 3 }),
    fc.constant(UNKNOWN),
    fc.constantFrom(-1, 0, 5, 6, 99, 100, 1e308, -0, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53 + 1, 3.5),
    fc.string({ minLength: 0, maxLength: 8 }),
    fc.integer({ min: 1000, max: 200_000 }).map((n) => "x".repeat(n)),
    fc.constantFrom(null, true, [], {}, [UNKNOWN], { [UNKNOWN]: UNKNOWN }),
);

/** Nested objects deeper than any real input (a tree, as the engine's protobuf Structs always are). */
const deepNesting = fc.integer({ min: 10, max: 500 }).map((depth) => {
    let value: unknown = UNKNOWN;
    for (let i = 0; i < depth; i++) value = i % 2 === 0 ? { passwordPolicy: value, [`k${i}`]: [UNKNOWN] } : [value];
    return value;
});

/** A valid pool with one path replaced by an odd value. */
const mutatedPool = fc
    .tuple(
        fc.constantFrom(...inputFields, "policies.passwordPolicy.minimumLength", "schema.0.name", "schema.0", "userPoolTags.team", "adminCreateUserConfig.inviteMessageTemplate", "bogusKey", "policies.bogus"),
        fc.oneof(oddValue, deepNesting),
    )
    .map(([path, value]) => {
        const pool = structuredClone(validPool) as Record<string, unknown>;
        const keys = path.split(".");
        let target: Record<string, unknown> = pool;
        for (const key of keys.slice(0, -1)) {
            if (typeof target[key] !== "object" || target[key] === null) target[key] = {};
            target = target[key] as Record<string, unknown>;
        }
        target[keys[keys.length - 1]] = value;
        return pool;
    });

const anyInputs = fc.oneof(
    mutatedPool,
    fc.dictionary(fc.oneof(fc.constantFrom(...inputFields), fc.string()), oddValue, { maxKeys: 12 }),
    fc.record({ poolName: oddValue, policies: fc.oneof(oddValue, deepNesting), schema: fc.array(oddValue, { maxLength: 60 }) }, { requiredKeys: [] }),
);

describe("check under malformed input (fast-check)", () => {
    // Created in before(), not at load time: mocha loads every file first, and a mock made in a
    // describe body would capture the clients of every other suite.
    let cognito: ReturnType<typeof mockClient>;

    before(() => {
        cognito = mockClient(CognitoIdentityProviderClient);
        resetClients();
        setStackRegion("us-east-1");
    });
    after(() => {
        cognito.restore();
        resetClients();
    });

    it("never throws, explains every failure with a property path, and never calls AWS", async function () {
        this.timeout(120_000);
        let failing = 0;
        let runs = 0;
        await fc.assert(
            fc.asyncProperty(anyInputs, async (inputs) => {
                runs++;
                const result = await provider.check({}, inputs as Record<string, unknown>);
                expect(result).to.have.property("inputs");
                const failures = result.failures ?? [];
                for (const failure of failures) {
                    expect(failure.property).to.be.a("string");
                    expect(failure.reason).to.be.a("string").and.not.equal("");
                    // One sentence, not a dump: bounded whatever the size of the input.
                    expect(failure.reason.length).to.be.below(600);
                }
                if (failures.length > 0) failing++;
            }),
            { numRuns: 3000, seed: 20261123 },
        );
        expect(cognito.calls(), "check made an AWS call").to.have.length(0);
        expect(runs).to.equal(3000);
        // The generators mostly produce invalid input; if nearly nothing fails, they are broken.
        expect(failing).to.be.greaterThan(2000);
        console.log(`      ${runs} generated inputs, ${failing} rejected with property paths, 0 AWS calls`);
    });

    it("never throws for olds and news that are not objects (null, undefined, lists, strings, numbers), for both resources", async function () {
        this.timeout(120_000);
        const notAnObject = fc.oneof(
            fc.constantFrom(null, undefined, [], [validPool], "", "poolName", 0, -1, Number.NaN, true, false, UNKNOWN),
            fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 4 }),
            fc.string(),
            fc.double(),
        );
        const olds = fc.oneof(notAnObject, fc.constant({}), fc.constant(validPool), mutatedPool);
        let runs = 0;
        await fc.assert(
            fc.asyncProperty(olds, notAnObject, olds, async (old, news, goodNewsOld) => {
                runs++;
                for (const check of [provider.check, domainProvider.check]) {
                    const refused = await check(old, news);
                    expect(refused.inputs).to.deep.equal({});
                    expect(refused.failures).to.have.length(1);
                    expect(refused.failures?.[0]).to.deep.include({ property: "" });
                    expect(refused.failures?.[0].reason).to.match(/^inputs must be an object \(got .+\)$/);
                }
                // Malformed olds beside well-formed news: news are still checked, and a valid pool passes.
                const checked = await provider.check(goodNewsOld, validPool);
                expect(checked.failures).to.deep.equal([]);
            }),
            { numRuns: 500, seed: 20261201 },
        );
        expect(runs).to.equal(500);
        expect(cognito.calls(), "check made an AWS call").to.have.length(0);
    });

    it("reports malformed input through the rules, never as a crash of check", async () => {
        await fc.assert(
            fc.asyncProperty(anyInputs, async (inputs) => {
                const failures = (await provider.check({}, inputs as Record<string, unknown>)).failures ?? [];
                for (const failure of failures) expect(failure.reason).to.not.match(/^inputs could not be checked/);
            }),
            { numRuns: 1000, seed: 20261202 },
        );
    });

    it("accepts the unmutated pool (the generator's base is valid)", async () => {
        expect((await provider.check({}, validPool)).failures).to.deep.equal([]);
    });
});
