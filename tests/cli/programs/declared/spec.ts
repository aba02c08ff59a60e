/** The shape of the JSON file the real-CLI tests' program reads (index.ts). */
export interface DeclaredResource {
    type: "UserPool" | "UserPoolDomain";
    name: string;
    /** The resource's inputs. A domain's `userPoolId` may be `{ "poolOf": "<name>" }`: that pool's id. */
    args: Record<string, unknown>;
    /** Dotted paths into args (`smsConfiguration.externalId`, or a top-level key) wrapped in pulumi.secret(). */
    secretPaths?: string[];
    options?: {
        protect?: boolean;
        retainOnDelete?: boolean;
        ignoreChanges?: string[];
        replaceOnChanges?: string[];
        deleteBeforeReplace?: boolean;
        /** Earlier names of this resource (`pulumi.CustomResourceOptions.aliases` by name). */
        aliases?: string[];
        /** Names of resources declared before this one. */
        dependsOn?: string[];
    };
}

export interface ProgramSpec {
    resources: DeclaredResource[];
    /** Stack outputs: output name -> "<resource name>.<output property>". */
    outputs?: Record<string, string>;
}
