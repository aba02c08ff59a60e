/**
 * A released version of this package, as users have it installed: the tarball `npm pack` made at
 * the release's commit, kept in tests/upgrade/, unpacked into a temporary directory and loaded
 * through the same entry point the `__provider` of every stack it wrote loads
 * (`pulumi-cognito-userpool/runtime`: configure, then userPool.check/diff/create/...).
 *
 * The unpacked package resolves its dependencies through a `node_modules` link to this
 * repository's, so it shares the very @aws-sdk modules the new version uses: aws-sdk-client-mock's
 * fake (which replaces CognitoIdentityProviderClient.prototype.send) answers both, and node loads
 * each dependency once (it resolves the link to the real path).
 */
import type * as pulumi from "@pulumi/pulumi";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { projectRoot } from "../../scripts/toolchain";
import type { UserPoolState } from "../../provider/userPool/flatten";

export type Inputs = Record<string, unknown>;

/** What diff plans, as every version so far reports it (provider/userPool/diff.ts). */
export interface PlanShape {
    changedFields: string[];
    replaceReasons: Map<string, string>;
}

/** The UserPool methods of one version, as the engine calls them, and its pure planner. */
export interface UserPoolVersion {
    version: string;
    check(olds: Inputs, news: Inputs): Promise<pulumi.dynamic.CheckResult>;
    diff(id: string, olds: Inputs, news: Inputs): Promise<pulumi.dynamic.DiffResult>;
    create(inputs: Inputs): Promise<pulumi.dynamic.CreateResult>;
    read(id: string, props: Inputs): Promise<pulumi.dynamic.ReadResult>;
    update(id: string, olds: Inputs, news: Inputs): Promise<pulumi.dynamic.UpdateResult>;
    delete(id: string, props: Inputs): Promise<void>;
    plan(olds: UserPoolState, news: Inputs, stackRegion?: string): PlanShape;
    /** What the engine's configure call does with the stack's aws:region. */
    configure(region: string | undefined): void;
    /** Drops the version's cached AWS clients, so a changed endpoint or credentials apply. */
    resetClients(): void;
}

/** The shapes of the released modules this file loads (typed here: the old .d.ts files are not compiled against). */
export interface RuntimeModule {
    configure(config: { get(key: string): string | undefined }): void;
    userPool: Required<Omit<pulumi.dynamic.ResourceProvider, "configure">>;
}
interface DiffModule {
    planUserPool(olds: UserPoolState, news: Inputs, stackRegion?: string): PlanShape;
}
interface ClientModule {
    resetClients(): void;
}

/**
 * A version's UserPool methods as the engine reaches them: through the entry point every stored
 * `__provider` loads (`runtime`), with the stack's aws:region given by its configure call.
 */
export function versionThrough(
    version: string,
    runtime: RuntimeModule,
    plan: UserPoolVersion["plan"],
    resetClients: () => void,
): UserPoolVersion {
    return {
        version,
        check: (olds, news) => runtime.userPool.check(olds, news),
        diff: (id, olds, news) => runtime.userPool.diff(id, olds, news),
        create: (inputs) => runtime.userPool.create(inputs),
        read: (id, props) => runtime.userPool.read(id, props),
        update: (id, olds, news) => runtime.userPool.update(id, olds, news),
        delete: (id, props) => runtime.userPool.delete(id, props),
        plan,
        configure: (region) => runtime.configure({ get: (key) => (key === "aws:region" ? region : undefined) }),
        resetClients,
    };
}

export const upgradeDirectory = path.join(projectRoot(__dirname), "tests", "upgrade");

export function tarballOf(version: string): string {
    return path.join(upgradeDirectory, `pulumi-cognito-userpool-${version}.tgz`);
}

export interface LoadedRelease extends UserPoolVersion {
    /** Where the package was unpacked; remove() deletes it. */
    directory: string;
    remove(): void;
}

/** Unpacks the kept tarball of `version` and loads its UserPool provider. */
export function loadRelease(version: string): LoadedRelease {
    const tarball = tarballOf(version);
    if (!fs.existsSync(tarball)) throw new Error(`no tarball of ${version} at ${tarball} (tests/upgrade/README.md says how it is made)`);
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), `cognito-userpool-${version}-`));
    execFileSync("tar", ["-xzf", tarball, "-C", directory]);
    fs.symlinkSync(path.join(projectRoot(__dirname), "node_modules"), path.join(directory, "node_modules"), "dir");
    const packageDirectory = path.join(directory, "package");
    const manifest = JSON.parse(fs.readFileSync(path.join(packageDirectory, "package.json"), "utf8")) as { version?: string };
    if (manifest.version !== version) throw new Error(`${tarball} holds version ${String(manifest.version)}, not ${version}`);
    /* eslint-disable @typescript-eslint/no-require-imports */
    const load = <T>(relative: string): T => require(path.join(packageDirectory, relative)) as T;
    const runtime = load<RuntimeModule>("dist/provider/runtime.js");
    const diffModule = load<DiffModule>("dist/provider/userPool/diff.js");
    const client = load<ClientModule>("dist/provider/client.js");
    return {
        ...versionThrough(version, runtime, (olds, news, stackRegion) => diffModule.planUserPool(olds, news, stackRegion), () => client.resetClients()),
        directory,
        remove: () => fs.rmSync(directory, { recursive: true, force: true }),
    };
}
