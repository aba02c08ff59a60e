/**
 * Schema attribute names: AWS puts custom: before every custom attribute name it is sent, so a
 * program's `tenant` and `custom:tenant` must be one attribute, sent as `tenant`, and a pool's
 * `custom:custom:tenant` (made by a tool that sent the prefix) a different one.
 */
import { expect } from "chai";
import { schemaDeclarations } from "../../provider/userPool/adopt";
import { driftReport } from "../../provider/userPool/drift";
import { expandCreate, expandSchemaAttributes } from "../../provider/userPool/expand";
import { attributeKey, declarableName, isCustom, isStandardDefault, leanSchemaAttributes, liveAttributesByKey, requestName, schemaChanges } from "../../provider/userPool/schemaAttributes";
import { flattenSchemaAttributes } from "../../provider/userPool/flatten";
import { customStringAttribute, standardSchemaAttributes } from "../mock/awsShapes";

/** A custom String attribute as flatten reports it, with the constraints AWS fills in. */
function liveString(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return { name, attributeDataType: "String", developerOnlyAttribute: false, mutable: true, required: false, stringAttributeConstraints: { minLength: "0", maxLength: "2048" }, ...extra };
}

const standardEmail = liveString("email");

describe("schema attribute names", () => {
    it("gives both spellings of a custom attribute the name AWS reports, and keeps standard names", () => {
        expect(attributeKey("tenant")).to.equal("custom:tenant");
        expect(attributeKey("custom:tenant")).to.equal("custom:tenant");
        expect(attributeKey("dev:custom:tenant")).to.equal("custom:tenant");
        expect(attributeKey("email")).to.equal("email");
        expect(isCustom("email")).to.equal(false);
        expect(isCustom("tenant")).to.equal(true);
    });

    it("takes a name that already starts with custom: as written, so a doubled name is its own attribute", () => {
        expect(attributeKey("custom:custom:tenant")).to.equal("custom:custom:tenant");
        expect(attributeKey("custom:custom:tenant")).to.not.equal(attributeKey("custom:tenant"));
        // A custom attribute spelled like a standard one is not the standard one.
        expect(attributeKey("custom:email")).to.not.equal(attributeKey("email"));
    });

    it("sends custom attribute names without the custom: prefix AWS adds itself", () => {
        expect(requestName("tenant")).to.equal("tenant");
        expect(requestName("custom:tenant")).to.equal("tenant");
        expect(requestName("dev:custom:secret")).to.equal("secret");
        expect(requestName("email")).to.equal("email");
        // Sent as custom:tenant, AWS makes custom:custom:tenant again: the attribute declared.
        expect(requestName("custom:custom:tenant")).to.equal("custom:tenant");
    });

    it("names a live attribute the shortest way a program can declare it, without naming another", () => {
        expect(declarableName("custom:tenant")).to.equal("tenant");
        expect(declarableName("dev:custom:secret")).to.equal("secret");
        expect(declarableName("email")).to.equal("email");
        expect(declarableName("custom:custom:tenant")).to.equal("custom:custom:tenant");
        expect(declarableName("custom:email")).to.equal("custom:email");
        for (const live of ["custom:tenant", "dev:custom:secret", "email", "custom:custom:tenant", "custom:email"]) {
            expect(attributeKey(declarableName(live)), live).to.equal(attributeKey(live));
        }
    });

    it("expands CreateUserPool and AddCustomAttributes entries with the name as AWS must be sent it", () => {
        const schema = [
            { name: "custom:tenant", attributeDataType: "String" },
            { name: "plan", attributeDataType: "String" },
            { name: "email", attributeDataType: "String", required: true },
            { name: "custom:custom:legacy", attributeDataType: "String" },
        ];
        expect(expandSchemaAttributes(schema).map((a) => a.Name)).to.deep.equal(["tenant", "plan", "email", "custom:legacy"]);
        expect((expandCreate({ poolName: "p", schema }).Schema ?? []).map((a) => a.Name)).to.deep.equal(["tenant", "plan", "email", "custom:legacy"]);
    });
});

describe("schema changes across spellings", () => {
    const live = [standardEmail, liveString("custom:tenant")];

    it("matches custom:tenant and tenant against the live custom:tenant, in either direction", () => {
        for (const name of ["tenant", "custom:tenant"]) {
            expect(schemaChanges([{ name, attributeDataType: "String" }], undefined, live), name).to.deep.equal({ added: [], changed: [], removed: [], unknown: [] });
        }
    });

    it("does not count a respelled attribute as removed", () => {
        const changes = schemaChanges([{ name: "custom:tenant", attributeDataType: "String" }], [{ name: "tenant", attributeDataType: "String" }], live);
        expect(changes.removed).to.deep.equal([]);
    });

    it("names a changed attribute as the program wrote it", () => {
        expect(schemaChanges([{ name: "custom:tenant", attributeDataType: "Number" }], undefined, live).changed).to.deep.equal(["custom:tenant"]);
    });

    it("never matches custom:tenant against a live custom:custom:tenant; custom:custom:tenant matches it", () => {
        const doubled = [standardEmail, liveString("custom:custom:tenant")];
        const prefixed = schemaChanges([{ name: "custom:tenant", attributeDataType: "String" }], undefined, doubled);
        expect(prefixed.added.map((a) => a.name)).to.deep.equal(["custom:tenant"]);
        expect(schemaChanges([{ name: "custom:custom:tenant", attributeDataType: "String" }], undefined, doubled)).to.deep.equal({ added: [], changed: [], removed: [], unknown: [] });
        expect(schemaChanges([{ name: "custom:custom:tenant", attributeDataType: "Number" }], undefined, doubled).changed).to.deep.equal(["custom:custom:tenant"]);
    });

    it("reports a doubled live attribute under its real name in the drift report", () => {
        const rows = driftReport({ poolName: "p", schema: [{ name: "custom:tenant", attributeDataType: "String" }] }, {
            poolName: "p",
            schemaAttributes: [standardEmail, liveString("custom:custom:tenant")],
        });
        const schemaRows = rows.filter((r) => r.field.startsWith("schema["));
        expect(schemaRows.map((r) => `${r.field} ${r.status}${r.replaces ? " (replaces)" : ""}`)).to.deep.equal([
            "schema[custom:tenant] differs",
            "schema[custom:custom:tenant] not declared",
        ]);
    });

    it("declares a doubled attribute verbatim when generating a program for a pool", () => {
        const declarations = schemaDeclarations([standardEmail, liveString("custom:tenant"), liveString("custom:custom:tenant"), liveString("dev:custom:secret", { developerOnlyAttribute: true })]);
        expect(declarations.map((d) => d.name)).to.deep.equal(["tenant", "custom:custom:tenant", "secret"]);
    });
});

describe("lean schemaAttributes output", () => {
    const described = [...standardSchemaAttributes(), customStringAttribute("tenant")];

    it("keeps custom attributes and drops standard ones exactly at Cognito's defaults", () => {
        const names = (flattenSchemaAttributes({ SchemaAttributes: described }) as Array<{ name: string }>).map((a) => a.name);
        expect(names).to.deep.equal(["custom:tenant"]);
    });

    it("keeps a standard attribute the pool has differently, and identities", () => {
        const emailRequired = standardSchemaAttributes().map((a) => (a.Name === "email" ? { ...a, Required: true } : a));
        const identities = { Name: "identities", AttributeDataType: "String" as const, DeveloperOnlyAttribute: false, Mutable: true, Required: false, StringAttributeConstraints: {} };
        const names = (flattenSchemaAttributes({ SchemaAttributes: [...emailRequired, identities] }) as Array<{ name: string }>).map((a) => a.name);
        expect(names).to.deep.equal(["email", "identities"]);
    });

    it("each default in the table is what AWS lists for a pool that never declared the attribute", () => {
        const full = (flattenSchemaAttributes({ SchemaAttributes: [] }) as unknown[]).length;
        expect(full).to.equal(0);
        for (const attribute of standardSchemaAttributes()) {
            const flattened = flattenSchemaAttributes({ SchemaAttributes: [{ ...attribute, Name: "x" }] })[0] as Record<string, unknown>;
            expect(isStandardDefault({ ...flattened, name: attribute.Name }), String(attribute.Name)).to.equal(true);
        }
    });

    it("comparisons see the defaults again: a declared standard attribute at its default is no change, a different one replaces", () => {
        const lean = flattenSchemaAttributes({ SchemaAttributes: described });
        expect(liveAttributesByKey(lean).get("email")).to.include({ required: false, mutable: true });
        const atDefault = schemaChanges([{ name: "email", attributeDataType: "String", mutable: true }], undefined, lean);
        expect(atDefault).to.deep.equal({ added: [], changed: [], removed: [], unknown: [] });
        const different = schemaChanges([{ name: "email", attributeDataType: "String", required: true }], undefined, lean);
        expect(different.changed).to.deep.equal(["email"]);
        expect(different.added).to.deep.equal([]);
    });

    it("a state written with every attribute (before the output was lean) compares the same", () => {
        const full = (described.map((a) => flattenSchemaAttributes({ SchemaAttributes: [{ ...a, Name: "x" }] })[0]) as Array<Record<string, unknown>>).map(
            (a, i) => ({ ...a, name: attributeKey(String(described[i].Name)) }),
        );
        const declared = [{ name: "email", attributeDataType: "String", required: true }, { name: "tenant", attributeDataType: "String" }];
        expect(schemaChanges(declared, undefined, full)).to.deep.equal(schemaChanges(declared, undefined, leanSchemaAttributes(full)));
    });
});
