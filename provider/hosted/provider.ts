/**
 * The provider objects of installed copies of this package. When `pulumi.dynamic.Resource`
 * serializes a provider that is a module's exports under node_modules, it writes
 * `require("pulumi-cognito-userpool/hosted/<resource>")` instead of the functions' source, so the
 * `__provider` stored with every resource is a few hundred bytes and each Check and Diff of a large
 * preview has that much less to move. userPool.ts and userPoolDomain.ts export these objects as
 * their whole module; providers.ts decides when they are used.
 */
import type * as pulumi from "@pulumi/pulumi";
import type * as Runtime from "../runtime";

/* eslint-disable @typescript-eslint/no-require-imports */
let loaded: typeof Runtime | undefined;
/** Loaded on first call, so a program that only declares resources never loads the implementation. */
const implementation = (): typeof Runtime => (loaded ??= require("../runtime") as typeof Runtime);

export function hostedProvider(resource: "userPool" | "userPoolDomain"): Required<pulumi.dynamic.ResourceProvider> {
    return {
        async configure(request) {
            implementation().configure(request.config);
        },
        check: (olds, news) => implementation()[resource].check(olds, news),
        diff: (id, olds, news) => implementation()[resource].diff(id, olds, news),
        create: (inputs) => implementation()[resource].create(inputs),
        read: (id, props) => implementation()[resource].read(id, props),
        update: (id, olds, news) => implementation()[resource].update(id, olds, news),
        delete: (id, props) => implementation()[resource].delete(id, props),
    };
}
