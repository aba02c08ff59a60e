/** Types shared by the resource classes (args and outputs derived from the generated input types). */
import * as pulumi from "@pulumi/pulumi";

/** Every member of an input shape, at any depth, may be a pulumi.Input. */
export type Inputify<T> = T extends string | number | boolean | null | undefined
    ? T
    : T extends ReadonlyArray<infer U>
      ? pulumi.Input<Inputify<U>>[]
      : T extends object
        ? { [K in keyof T]: pulumi.Input<Inputify<T[K]>> }
        : T;

/** Resource args: the schema's input shape with every property a pulumi.Input. */
export type ArgsOf<T> = { [K in keyof T]: pulumi.Input<Inputify<T[K]>> };

/** Resource output properties: the input shape as the resource now has it. */
export type OutputsOf<T> = { readonly [K in keyof T]-?: pulumi.Output<T[K]> };
