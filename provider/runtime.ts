/**
 * What the serialized providers load inside the provider process. Keeping the implementation
 * here (loaded by package name) rather than captured in the closure keeps `__provider` a few KB
 * and keeps AWS clients and credentials out of the stack state.
 */
import type * as pulumi from "@pulumi/pulumi";
import { setStackRegion } from "./client";
import * as userPoolMethods from "./userPool/provider";
import * as userPoolDomainMethods from "./userPoolDomain/provider";

/** The engine sends the whole stack configuration; the provider needs only the region. */
export function configure(config: { get(key: string): string | undefined }): void {
    setStackRegion(config.get("aws:region"));
}

export const userPool: Required<Omit<pulumi.dynamic.ResourceProvider, "configure">> = {
    check: userPoolMethods.check,
    diff: userPoolMethods.diff,
    create: userPoolMethods.create,
    read: userPoolMethods.read,
    update: userPoolMethods.update,
    delete: userPoolMethods.deleteUserPool,
};

export const userPoolDomain: Required<Omit<pulumi.dynamic.ResourceProvider, "configure">> = {
    check: userPoolDomainMethods.check,
    diff: userPoolDomainMethods.diff,
    create: userPoolDomainMethods.create,
    read: userPoolDomainMethods.read,
    update: userPoolDomainMethods.update,
    delete: userPoolDomainMethods.deleteUserPoolDomain,
};
