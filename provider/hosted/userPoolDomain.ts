/**
 * The UserPoolDomain provider as a module of its own, for installed copies of this package: when
 * `pulumi.dynamic.Resource` serializes a provider object that is a module's exports under
 * node_modules, it writes `require("pulumi-cognito-userpool/hosted/userPoolDomain")` instead of the
 * functions' source. So the `__provider` stored with every domain is a few hundred bytes, and each
 * Check and Diff of a large preview has that much less to move. providers.ts makes the choice.
 */
import type * as pulumi from "@pulumi/pulumi";
import type * as Runtime from "../runtime";

/* eslint-disable @typescript-eslint/no-require-imports */
/** Loaded on first call, so a program that only declares resources never loads the implementation. */
let loaded: typeof Runtime | undefined;
const implementation = (): typeof Runtime => (loaded ??= require("../runtime") as typeof Runtime);

export async function configure(request: pulumi.dynamic.ConfigureRequest): Promise<void> {
    implementation().configure(request.config);
}

type Methods = (typeof Runtime)["userPoolDomain"];

export const check: Methods["check"] = (olds, news) => implementation().userPoolDomain.check(olds, news);
export const diff: Methods["diff"] = (id, olds, news) => implementation().userPoolDomain.diff(id, olds, news);
export const create: Methods["create"] = (inputs) => implementation().userPoolDomain.create(inputs);
export const read: Methods["read"] = (id, props) => implementation().userPoolDomain.read(id, props);
export const update: Methods["update"] = (id, olds, news) => implementation().userPoolDomain.update(id, olds, news);
const remove: Methods["delete"] = (id, props) => implementation().userPoolDomain.delete(id, props);
export { remove as delete };
