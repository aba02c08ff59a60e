/**
 * What the serialized providers load inside the provider process. Keeping the implementation
 * here (loaded by package name) rather than captured in the closure keeps `__provider` a few KB
 * and keeps AWS clients and credentials out of the stack state.
 */
import type * as pulumi from "@pulumi/pulumi";
import { setStackRegion } from "./shared/engine";
import * as userPoolPreview from "./userPool/preview";
import type * as UserPoolMethods from "./userPool/provider";
import * as userPoolDomainPreview from "./userPoolDomain/preview";
import type * as UserPoolDomainMethods from "./userPoolDomain/provider";

/*
 * check and diff are loaded at once; the methods that call AWS (and so load the AWS SDK, about
 * 60 ms) only when first used, which a preview never does.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const userPoolMethods = () => require("./userPool/provider") as typeof UserPoolMethods;
const userPoolDomainMethods = () => require("./userPoolDomain/provider") as typeof UserPoolDomainMethods;

/** The engine sends the whole stack configuration; the provider needs only the region. */
export function configure(config: { get(key: string): string | undefined }): void {
    setStackRegion(config.get("aws:region"));
}

export const userPool: Required<Omit<pulumi.dynamic.ResourceProvider, "configure">> = {
    check: userPoolPreview.check,
    diff: userPoolPreview.diff,
    create: (inputs) => userPoolMethods().create(inputs),
    read: (id, props) => userPoolMethods().read(id, props),
    update: (id, olds, news) => userPoolMethods().update(id, olds, news),
    delete: (id, props) => userPoolMethods().deleteUserPool(id, props),
};

export const userPoolDomain: Required<Omit<pulumi.dynamic.ResourceProvider, "configure">> = {
    check: userPoolDomainPreview.check,
    diff: userPoolDomainPreview.diff,
    create: (inputs) => userPoolDomainMethods().create(inputs),
    read: (id, props) => userPoolDomainMethods().read(id, props),
    update: (id, olds, news) => userPoolDomainMethods().update(id, olds, news),
    delete: (id, props) => userPoolDomainMethods().deleteUserPoolDomain(id, props),
};
