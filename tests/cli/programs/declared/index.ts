/**
 * The real-CLI tests' program: it declares the pools and domains described in the JSON file named
 * by CLI_TEST_PROGRAM (see ProgramSpec), so a test can change the program between two `pulumi`
 * commands by rewriting that file, the way a user edits index.ts.
 */
import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import { UserPool, UserPoolArgs, UserPoolDomain, UserPoolDomainArgs } from "pulumi-cognito-userpool";
import type { ProgramSpec } from "./spec";

const specFile = process.env.CLI_TEST_PROGRAM;
if (!specFile) throw new Error("CLI_TEST_PROGRAM must name the program's JSON file");
const spec = JSON.parse(fs.readFileSync(specFile, "utf8")) as ProgramSpec;

function withSecrets(args: Record<string, unknown>, paths: string[] = []): Record<string, unknown> {
    const copy = JSON.parse(JSON.stringify(args)) as Record<string, unknown>;
    for (const dotted of paths) {
        const keys = dotted.split(".");
        let holder: Record<string, unknown> = copy;
        for (const key of keys.slice(0, -1)) holder = holder[key] as Record<string, unknown>;
        const last = keys[keys.length - 1];
        holder[last] = pulumi.secret(holder[last]);
    }
    return copy;
}

const declared = new Map<string, UserPool | UserPoolDomain>();
for (const resource of spec.resources) {
    const o = resource.options ?? {};
    const options: pulumi.CustomResourceOptions = {
        protect: o.protect,
        retainOnDelete: o.retainOnDelete,
        ignoreChanges: o.ignoreChanges,
        replaceOnChanges: o.replaceOnChanges,
        deleteBeforeReplace: o.deleteBeforeReplace,
        aliases: o.aliases?.map((name) => ({ name })),
        dependsOn: o.dependsOn?.map((name) => {
            const target = declared.get(name);
            if (!target) throw new Error(`dependsOn: ${name} is not declared before ${resource.name}`);
            return target;
        }),
    };
    const args = withSecrets(resource.args, resource.secretPaths);
    if (resource.type === "UserPool") {
        declared.set(resource.name, new UserPool(resource.name, args as unknown as UserPoolArgs, options));
    } else {
        const poolRef = args.userPoolId as { poolOf?: string } | string;
        if (typeof poolRef === "object" && poolRef?.poolOf) {
            const pool = declared.get(poolRef.poolOf) as UserPool | undefined;
            if (!pool) throw new Error(`userPoolId: ${poolRef.poolOf} is not declared before ${resource.name}`);
            args.userPoolId = pool.id;
        }
        declared.set(resource.name, new UserPoolDomain(resource.name, args as unknown as UserPoolDomainArgs, options));
    }
}

const outputs: Record<string, pulumi.Output<unknown>> = {};
for (const [output, reference] of Object.entries(spec.outputs ?? {})) {
    const [name, property] = reference.split(".");
    const resource = declared.get(name) as unknown as Record<string, pulumi.Output<unknown>> | undefined;
    if (!resource) throw new Error(`output ${output}: ${name} is not declared`);
    outputs[output] = resource[property];
}
export = outputs;
