/**
 * The provider objects that `pulumi.dynamic.Resource` serializes into the stack state as
 * `__provider`. Either form only loads the implementation (provider/runtime.ts) by package name
 * inside the provider process and delegates to it. So the serialized text stays small, holds no
 * AWS client or credentials, and a newer installed version of this package is picked up without
 * replacing anything.
 *
 * Everything a delegating method references must be defined in this file: the closure serializer
 * captures imported helpers together with their whole module.
 */
import type * as pulumi from "@pulumi/pulumi";
import type * as Runtime from "./runtime";

/**
 * Loads the implementation from the Pulumi project's directory (the provider process's working
 * directory), once per process: every Check and Diff of a large preview goes through here.
 * `createRequire` on the project's package.json also resolves this package when the project is
 * this repository itself (Node's self-reference through package.json `exports`). No comments
 * inside the function: its source text is serialized into every resource's state.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
function loadRuntime(): typeof Runtime {
    const cache = globalThis as { __cognitoUserPoolRuntime?: typeof Runtime };
    if (cache.__cognitoUserPoolRuntime) return cache.__cognitoUserPoolRuntime;
    const { createRequire } = require("module") as typeof import("module");
    const path = require("path") as typeof import("path");
    try {
        cache.__cognitoUserPoolRuntime = createRequire(path.join(process.cwd(), "package.json"))("pulumi-cognito-userpool/runtime") as typeof Runtime;
        return cache.__cognitoUserPoolRuntime;
    } catch (error) {
        throw new Error(`cannot load pulumi-cognito-userpool from ${process.cwd()}: install it in this Pulumi project. ${(error as Error).message}`);
    }
}

/**
 * A provider object delegating to one resource's implementation. `resource` is captured by value
 * when the object is serialized, so each resource's `__provider` names its own implementation.
 */
function delegatingProvider(resource: "userPool" | "userPoolDomain"): pulumi.dynamic.ResourceProvider {
    return {
        async configure(request) {
            loadRuntime().configure(request.config);
        },
        async check(olds, news) {
            return loadRuntime()[resource].check(olds, news);
        },
        async diff(id, olds, news) {
            return loadRuntime()[resource].diff(id, olds, news);
        },
        async create(inputs) {
            return loadRuntime()[resource].create(inputs);
        },
        async read(id, props) {
            return loadRuntime()[resource].read(id, props);
        },
        async update(id, olds, news) {
            return loadRuntime()[resource].update(id, olds, news);
        },
        async delete(id, props) {
            return loadRuntime()[resource].delete(id, props);
        },
    };
}

/**
 * Installed from npm (this file under node_modules), the provider object is the resource's
 * module in provider/hosted/, which the closure serializer stores as a one-line `require` of this
 * package: about 280 bytes of `__provider` per resource instead of 3.5 KB. Anywhere else (this
 * repository, a linked checkout) the serializer would copy a local module's code by value, so the
 * small self-contained delegating object above is used instead.
 */
function providerFor(resource: "userPool" | "userPoolDomain"): pulumi.dynamic.ResourceProvider {
    const installed = __dirname.split(/[\\/]/).includes("node_modules");
    if (!installed) return delegatingProvider(resource);
    return resource === "userPool"
        ? (require("./hosted/userPool") as pulumi.dynamic.ResourceProvider)
        : (require("./hosted/userPoolDomain") as pulumi.dynamic.ResourceProvider);
}

export const userPoolProvider = providerFor("userPool");
export const userPoolDomainProvider = providerFor("userPoolDomain");
