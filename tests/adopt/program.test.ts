/**
 * The program the generator prints: TypeScript that compiles against this package as is (strict
 * mode, keys quoted where they must be), for every pool of the fidelity corpus and for a pool
 * configured outside any program; plus the literal printer's rules.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";
import { formatProgram, programInputsFor, typescriptLiteral, variableName } from "../../provider/userPool/adopt";
import { check } from "../../provider/userPool/provider";
import { generateProgram } from "../../scripts/generate-program";
import { describedPool, REGION } from "../mock/awsShapes";
import { loadCorpus, substitute } from "../fidelity/scenarioFile";
import { FidelityTarget, startFakeTarget } from "../fidelity/targets";
import { createOutOfBand } from "./outOfBand";

const root = path.resolve(__dirname, "..", "..", "..");

/** Type-checks files the way examples/tsconfig.json does (strict, the package mapped to its source). */
function compile(files: string[]): string[] {
    const options: ts.CompilerOptions = {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.CommonJS,
        moduleResolution: ts.ModuleResolutionKind.Node10,
        strict: true,
        noEmit: true,
        esModuleInterop: true,
        resolveJsonModule: true,
        skipLibCheck: true,
        baseUrl: root,
        paths: { "pulumi-cognito-userpool": ["provider/index.ts"] },
        typeRoots: [path.join(root, "node_modules", "@types")],
        types: ["node"],
    };
    const program = ts.createProgram(files, options);
    return ts.getPreEmitDiagnostics(program).map((d) => {
        const where = d.file && d.start !== undefined ? `${path.basename(d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}: ` : "";
        return `${where}${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
    });
}

describe("the generated program", function () {
    this.timeout(120_000);

    describe("printing", function () {
        it("quotes keys that are not identifiers and escapes strings", function () {
            const text = typescriptLiteral({ team: "identity", "cost-center": "4711", "aws:cloudformation:stack-name": "x", say: 'He said "hi"\n' });
            expect(text).to.equal('{ team: "identity", "cost-center": "4711", "aws:cloudformation:stack-name": "x", say: "He said \\"hi\\"\\n" }');
        });

        it("breaks values that do not fit into one member per line", function () {
            const text = typescriptLiteral({ a: "x".repeat(60), b: ["y".repeat(60)] }, "", 0, 80);
            expect(text).to.equal(`{\n    a: "${"x".repeat(60)}",\n    b: ["${"y".repeat(60)}"],\n}`);
        });

        it("derives a variable name from the resource name", function () {
            expect(variableName("users")).to.equal("users");
            expect(variableName("acme-users")).to.equal("acmeUsers");
            expect(variableName("2fa pool")).to.equal("pool2faPool");
            expect(variableName("class")).to.equal("classPool");
            expect(variableName("--")).to.equal("pool");
        });
    });

    describe("compiles", function () {
        let target: FidelityTarget | undefined;
        let directory: string;

        before(async function () {
            target = await startFakeTarget();
            directory = fs.mkdtempSync(path.join(os.tmpdir(), "adopt-programs-"));
        });

        after(async function () {
            await target?.stop();
            fs.rmSync(directory, { recursive: true, force: true });
        });

        it("for every pool of the fidelity corpus and for a pool configured by hand, with strict type checking", async function () {
            if (!target) throw new Error("target not started");
            const files: string[] = [];
            const write = (name: string, source: string) => {
                const file = path.join(directory, `${name}.ts`);
                fs.writeFileSync(file, source);
                files.push(file);
            };
            for (const [index, scenario] of loadCorpus().entries()) {
                const fixtures = target.fixtures(`cognito-provider-test-program-${index}`);
                const checked = await check({}, substitute(scenario.initial, fixtures));
                const id = await createOutOfBand(target.client, checked.inputs as Record<string, unknown>);
                const program = await generateProgram(target.client, id, { region: target.region, name: `pool-${scenario.name}` });
                if (!program) throw new Error(`no pool ${id}`);
                write(scenario.name, program.source);
            }
            write("by-hand", formatProgram(programInputsFor(describedPool(), REGION), { name: "users", command: "cognito-userpool-generate x" }));
            expect(compile(files)).to.deep.equal([]);
        });

        it("and a broken program does not (the check above can fail)", function () {
            const file = path.join(directory, "broken.ts");
            fs.writeFileSync(file, 'import { UserPool } from "pulumi-cognito-userpool";\nnew UserPool("u", { poolName: "p", policies: { passwordPolicy: { minimumLength: "12" } } });\n');
            expect(compile([file]).join("\n")).to.match(/broken\.ts:2: Type .string. is not assignable/);
        });
    });
});
