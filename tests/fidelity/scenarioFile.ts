/**
 * The scenario corpus (tests/scenarios/*.json): its types, loading with validation against
 * tests/scenarios/scenario.schema.json (ajv, so a malformed scenario fails loudly instead of
 * silently testing nothing), a few rules the schema cannot say, and placeholder substitution.
 */
import Ajv, { ErrorObject } from "ajv";
import * as fs from "fs";
import * as path from "path";
import { projectRoot } from "../../scripts/toolchain";

export type Inputs = Record<string, unknown>;
export type TargetName = "emulator" | "fake";
export type ExpectKind = "none" | "update" | "replace" | "invalid";
export type OperationName = "UpdateUserPool" | "SetUserPoolMfaConfig" | "AddCustomAttributes";

export interface LivePartial {
    pool?: Record<string, unknown>;
    mfa?: Record<string, unknown>;
    attributeNames?: { present?: string[]; absent?: string[] };
}

export interface Operation {
    description?: string;
    operation?: OperationName;
    change: Record<string, unknown>;
}

export interface Step {
    description?: string;
    inputs: Inputs;
    expect: { kind: ExpectKind; fields?: string[]; blocked?: boolean };
    applyReplacement?: boolean;
    expectLive?: LivePartial;
}

export interface OutOfBand extends Operation {
    family: string;
    expectFields: string[];
}

export interface Scenario {
    name: string;
    family: string;
    description?: string;
    targets: TargetName[];
    initial: Inputs;
    initialLive?: LivePartial;
    setup?: Operation[];
    steps: Step[];
    outOfBand?: OutOfBand[];
}

export interface ScenarioFile {
    description?: string;
    scenarios: Scenario[];
}

export interface LoadedScenario extends Scenario {
    /** File the scenario came from, relative to the repository. */
    file: string;
}

/** The repository root: the nearest directory upwards holding package.json (works from dist/ too). */
export const repositoryRoot = (from = __dirname): string => projectRoot(from);

export const scenarioDirectory = path.join(repositoryRoot(), "tests", "scenarios");
export const scenarioSchemaFile = path.join(scenarioDirectory, "scenario.schema.json");

let validator: ReturnType<Ajv["compile"]> | undefined;

function validatorFor() {
    if (!validator) {
        const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
        validator = ajv.compile(JSON.parse(fs.readFileSync(scenarioSchemaFile, "utf8")) as object);
    }
    return validator;
}

function describeErrors(errors: ErrorObject[] | null | undefined): string[] {
    return (errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}${e.params && "additionalProperty" in e.params ? ` (${String(e.params.additionalProperty)})` : ""}`);
}

/** Rules the JSON Schema does not express. Returns one message per violation. */
export function semanticProblems(file: ScenarioFile): string[] {
    const problems: string[] = [];
    file.scenarios.forEach((scenario, s) => {
        scenario.steps.forEach((step, i) => {
            const where = `scenarios/${s} (${scenario.name}) steps/${i}`;
            const fields = step.expect.fields ?? [];
            if (step.expect.kind === "none" && fields.length > 0) problems.push(`${where}: kind none takes no fields`);
            if (step.expect.kind !== "none" && fields.length === 0) problems.push(`${where}: kind ${step.expect.kind} needs the exact fields`);
            if (step.expect.blocked && step.expect.kind !== "replace") problems.push(`${where}: blocked applies to replace only`);
            if (step.applyReplacement && step.expect.kind !== "replace") problems.push(`${where}: applyReplacement applies to replace only`);
            if (step.applyReplacement && step.expect.blocked) problems.push(`${where}: a blocked replacement cannot be applied`);
        });
    });
    return problems;
}

/** Validates one parsed file; throws with every problem, naming the file. */
export function validateScenarioFile(data: unknown, name: string): ScenarioFile {
    const validate = validatorFor();
    if (!validate(data)) {
        throw new Error(`scenario file ${name} does not match scenario.schema.json:\n  ${describeErrors(validate.errors).join("\n  ")}`);
    }
    const file = data as ScenarioFile;
    const problems = semanticProblems(file);
    if (problems.length > 0) throw new Error(`scenario file ${name} is inconsistent:\n  ${problems.join("\n  ")}`);
    return file;
}

/** Every scenario of every file, validated; scenario names must be unique across the corpus. */
export function loadCorpus(directory = scenarioDirectory): LoadedScenario[] {
    const files = fs.readdirSync(directory).filter((f) => f.endsWith(".json") && f !== path.basename(scenarioSchemaFile)).sort();
    if (files.length === 0) throw new Error(`no scenario files in ${directory}`);
    const corpus: LoadedScenario[] = [];
    const seen = new Map<string, string>();
    for (const name of files) {
        const relative = path.relative(repositoryRoot(), path.join(directory, name));
        let data: unknown;
        try {
            data = JSON.parse(fs.readFileSync(path.join(directory, name), "utf8"));
        } catch (error) {
            throw new Error(`scenario file ${relative} is not valid JSON: ${(error as Error).message}`);
        }
        for (const scenario of validateScenarioFile(data, relative).scenarios) {
            const previous = seen.get(scenario.name);
            if (previous) throw new Error(`scenario name ${scenario.name} is used in ${previous} and ${relative}`);
            seen.set(scenario.name, relative);
            corpus.push({ ...scenario, file: relative });
        }
    }
    return corpus;
}

/** Values for the placeholders; a missing one (on real AWS, a fixture not provided) skips the scenario. */
export interface Fixtures {
    pool: string;
    region: string;
    otherRegion: string;
    lambdaArnPrefix?: string;
    smsRole?: string;
    smsRole2?: string;
    sesIdentity?: string;
    kmsKey?: string;
}

/** Environment variable that provides each fixture on real AWS. */
export const fixtureEnvironment: Record<"lambdaArnPrefix" | "smsRole" | "smsRole2" | "sesIdentity" | "kmsKey", string> = {
    lambdaArnPrefix: "COGNITO_FIDELITY_LAMBDA_ARN_PREFIX",
    smsRole: "COGNITO_FIDELITY_SMS_ROLE_ARN",
    smsRole2: "COGNITO_FIDELITY_SMS_ROLE_ARN_2",
    sesIdentity: "COGNITO_FIDELITY_SES_IDENTITY_ARN",
    kmsKey: "COGNITO_FIDELITY_KMS_KEY_ARN",
};

/** Fixtures for the emulator and the fake: nothing is checked there, so any well-formed ARN works. */
export function localFixtures(pool: string): Fixtures {
    return {
        pool,
        region: "us-east-1",
        otherRegion: "eu-west-1",
        lambdaArnPrefix: "arn:aws:lambda:us-east-1:123456789012:function:",
        smsRole: "arn:aws:iam::123456789012:role/cognito-sms",
        smsRole2: "arn:aws:iam::123456789012:role/cognito-sms-2",
        sesIdentity: "arn:aws:ses:us-east-1:123456789012:identity/acme.example",
        kmsKey: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    };
}

export class MissingFixture extends Error {
    constructor(readonly fixture: string) {
        super(`needs fixture ${fixture}${fixture in fixtureEnvironment ? ` (set ${fixtureEnvironment[fixture as keyof typeof fixtureEnvironment]})` : ""}`);
    }
}

const PLACEHOLDER = /\{\{([^{}]+)\}\}/g;

function expand(token: string, fixtures: Fixtures): string {
    const repeat = /^repeat (\d+)\|([\s\S]*)$/.exec(token);
    if (repeat) return repeat[2].repeat(Number(repeat[1]));
    const [name, argument] = token.split(/:(.*)/s, 2) as [string, string | undefined];
    const value = name === "lambda" ? fixtures.lambdaArnPrefix : (fixtures as unknown as Record<string, string | undefined>)[name];
    if (!(name === "lambda" || name in fixtures || name in fixtureEnvironment)) throw new Error(`unknown placeholder {{${token}}}`);
    if (value === undefined) throw new MissingFixture(name === "lambda" ? "lambdaArnPrefix" : name);
    if (name === "lambda") {
        if (!argument) throw new Error("{{lambda:NAME}} needs a function name");
        return `${value}${argument}`;
    }
    return value;
}

/** Replaces the placeholders in every string of `value`, deeply. */
export function substitute<T>(value: T, fixtures: Fixtures): T {
    if (typeof value === "string") return value.replace(PLACEHOLDER, (_, token: string) => expand(token, fixtures)) as unknown as T;
    if (Array.isArray(value)) return value.map((v) => substitute(v, fixtures)) as unknown as T;
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, fixtures)])) as T;
    }
    return value;
}
