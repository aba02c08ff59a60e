import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { userPoolProvider } from "../../provider/providers";
import { TEST_CREDENTIALS } from "../support/target";

/** Serializes a provider exactly as pulumi.dynamic.Resource does for `__provider`. */
export async function serializeProvider(provider: pulumi.dynamic.ResourceProvider): Promise<string> {
    const serialized = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
    return serialized.text;
}

describe("serialized provider (__provider)", () => {
    it("serializes small, loading the implementation by package name instead of capturing it", async () => {
        process.env.AWS_ACCESS_KEY_ID = TEST_CREDENTIALS.accessKeyId;
        process.env.AWS_SECRET_ACCESS_KEY = TEST_CREDENTIALS.secretAccessKey;
        const text = await serializeProvider(userPoolProvider);
        console.log(`      __provider for UserPool: ${Buffer.byteLength(text)} bytes`);
        expect(Buffer.byteLength(text)).to.be.below(20 * 1024);
        expect(text).to.include('("pulumi-cognito-userpool/runtime")');
        expect(text).to.include('resource: "userPool"');
        // No SDK client, no AWS module, no credentials captured.
        expect(text).not.to.match(/CognitoIdentityProviderClient|@aws-sdk/);
        expect(text).not.to.include(TEST_CREDENTIALS.accessKeyId);
        expect(text).not.to.include(TEST_CREDENTIALS.secretAccessKey);
    });

    it("loads and runs in a fresh module context from the project directory", async () => {
        const text = await serializeProvider(userPoolProvider);
        // The provider host evaluates the text with require-from-string, then calls handler().
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const requireFromString = require("require-from-string") as (code: string) => { handler(): pulumi.dynamic.ResourceProvider };
        const provider = requireFromString(text).handler();
        const result = await provider.check!({}, { poolName: "p", policies: { passwordPolicy: { minimumLength: 3 } } });
        expect(result.failures?.map((f) => f.property)).to.deep.equal(["policies.passwordPolicy.minimumLength"]);
    });
});
