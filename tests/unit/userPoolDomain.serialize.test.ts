import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { userPoolDomainProvider } from "../../provider/providers";

/** Serializes a provider exactly as pulumi.dynamic.Resource does for `__provider`. */
async function serialize(provider: pulumi.dynamic.ResourceProvider): Promise<string> {
    const serialized = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
    return serialized.text;
}

describe("serialized UserPoolDomain provider (__provider)", () => {
    it("serializes small, loading the implementation by package name instead of capturing it", async () => {
        const text = await serialize(userPoolDomainProvider);
        expect(Buffer.byteLength(text)).to.be.below(20 * 1024);
        expect(text).to.include('("pulumi-cognito-userpool/runtime")');
        expect(text).to.include('resource: "userPoolDomain"');
        expect(text).to.include("loadRuntime()[resource].create(inputs)");
        expect(text).not.to.match(/CognitoIdentityProviderClient|@aws-sdk|waitFor|setTimeout/);
    });

    it("loads and runs check in a fresh module context from the project directory", async () => {
        const text = await serialize(userPoolDomainProvider);
        // The provider host evaluates the text with require-from-string, then calls handler().
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const requireFromString = require("require-from-string") as (code: string) => { handler(): pulumi.dynamic.ResourceProvider };
        const provider = requireFromString(text).handler();
        const result = await provider.check!({}, { domain: "auth.example.com", userPoolId: "us-east-1_AbCdEf123" });
        expect(result.failures?.map((f) => f.property)).to.deep.equal(["customDomainConfig"]);
    });
});
