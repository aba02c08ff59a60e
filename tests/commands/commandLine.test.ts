/**
 * The installed commands' shared command line (scripts/commandLine.ts) and what each command
 * prints for --help and for a wrong command line, run as built (dist/bin/*.js, the files the
 * package's "bin" names); tests/cli/install.cli.test.ts runs the same from an installed package.
 * docs/commands.md must show each command's --help exactly as the command prints it, so that
 * every option is documented there with the words the command uses.
 */
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { DRIFT_COMMAND } from "../../scripts/drift";
import { GENERATE_COMMAND } from "../../scripts/generate-program";
import { CommandSpec, helpText, parseCommandLine, usageError, usageLine } from "../../scripts/commandLine";
import { RECOVER_COMMAND } from "../../scripts/recover";
import { repositoryRoot } from "../fidelity/scenarioFile";

const COMMANDS: Array<[CommandSpec, string]> = [
    [GENERATE_COMMAND, "generate.js"],
    [DRIFT_COMMAND, "drift.js"],
    [RECOVER_COMMAND, "recover.js"],
];

function runBin(file: string, args: string[]): { code: number | null; stdout: string; stderr: string } {
    const result = spawnSync(process.execPath, [path.join(repositoryRoot(), "dist", "bin", file), ...args], {
        encoding: "utf8",
        // No AWS is reached: every case here ends before a client is made.
        env: { ...process.env, AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: "http://127.0.0.1:9", AWS_REGION: "us-east-1" },
        input: "",
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("the installed commands' command line", function () {
    this.timeout(30_000);

    describe("parsing (scripts/commandLine.ts)", function () {
        it("takes --flag value and --flag=value alike, switches, and arguments in any order", () => {
            for (const argv of [["p", "f.json", "--width", "20", "--json"], ["--json", "p", "--width=20", "f.json"]]) {
                const parsed = parseCommandLine(DRIFT_COMMAND, argv);
                expect(parsed).to.deep.equal({ kind: "run", positional: ["p", "f.json"], options: new Map<string, string | true>([["--width", "20"], ["--json", true]]) });
            }
        });

        it("asks for the help on -h or --help anywhere before --, even with other mistakes", () => {
            expect(parseCommandLine(DRIFT_COMMAND, ["--bogus", "-h"])).to.deep.equal({ kind: "help" });
            expect(parseCommandLine(GENERATE_COMMAND, ["--help"])).to.deep.equal({ kind: "help" });
            expect(parseCommandLine(RECOVER_COMMAND, ["--", "--help"])).to.deep.equal({ kind: "run", positional: ["--help"], options: new Map() });
        });

        it("names the mistake: an unknown option (with the near one), a missing value, a value given to a switch, a missing or extra argument", () => {
            const error = (spec: CommandSpec, argv: string[]) => {
                const parsed = parseCommandLine(spec, argv);
                return parsed.kind === "error" ? parsed.message : `not an error: ${parsed.kind}`;
            };
            expect(error(GENERATE_COMMAND, ["p", "--nmae", "x"])).to.equal("unknown option --nmae (did you mean --name?)");
            expect(error(DRIFT_COMMAND, ["p", "f", "--verbose"])).to.equal("unknown option --verbose");
            expect(error(DRIFT_COMMAND, ["p", "f", "-v"])).to.equal("unknown option -v");
            expect(error(GENERATE_COMMAND, ["p", "--region"])).to.equal("--region needs a value (<region>)");
            expect(error(GENERATE_COMMAND, ["p", "--region", "--json"])).to.equal("--region needs a value (<region>)");
            expect(error(GENERATE_COMMAND, ["p", "--region="])).to.equal("--region needs a value (<region>)");
            expect(error(DRIFT_COMMAND, ["p", "f", "--json=yes"])).to.equal("--json takes no value");
            expect(error(DRIFT_COMMAND, [])).to.equal("missing <pool-id>");
            expect(error(DRIFT_COMMAND, ["p"])).to.equal("missing <inputs.json>");
            expect(error(GENERATE_COMMAND, ["p", "q"])).to.equal("unexpected argument q");
        });

        it("takes - as an argument (standard input), and an optional argument may be left out", () => {
            expect(parseCommandLine(RECOVER_COMMAND, ["-"])).to.deep.equal({ kind: "run", positional: ["-"], options: new Map() });
            expect(parseCommandLine(RECOVER_COMMAND, ["--delete-orphans"])).to.deep.equal({ kind: "run", positional: [], options: new Map([["--delete-orphans", true]]) });
        });
    });

    for (const [spec, file] of COMMANDS) {
        describe(spec.name, function () {
            it("--help prints usage, every argument, every option, and every exit status on stdout, and exits 0", () => {
                const result = runBin(file, ["--help"]);
                expect(result.code).to.equal(0);
                expect(result.stderr).to.equal("");
                expect(result.stdout).to.equal(helpText(spec));
                expect(result.stdout.split("\n")[0]).to.equal(usageLine(spec));
                for (const argument of spec.arguments) expect(result.stdout).to.include(`\n  ${argument.name} `);
                for (const option of spec.options) expect(result.stdout).to.match(new RegExp(`\\n {2}${option.flag}${option.value ? ` ${option.value}` : ""} `));
                expect(result.stdout).to.include("\n  -h, --help ");
                for (const [code] of spec.exitCodes) expect(result.stdout).to.match(new RegExp(`\\n {2}${code} {2}`));
                expect(runBin(file, ["-h"]).stdout).to.equal(result.stdout);
                for (const line of result.stdout.split("\n")) expect(line.length, line).to.be.at.most(100);
            });

            it("an unknown option exits 2 with the error, the usage line and where to look, on stderr only", () => {
                const result = runBin(file, ["--bogus"]);
                expect(result.code).to.equal(2);
                expect(result.stdout).to.equal("");
                expect(result.stderr).to.equal(usageError(spec, "unknown option --bogus"));
                expect(result.stderr).to.equal(`${spec.name}: unknown option --bogus\n${usageLine(spec)}\nRun ${spec.name} --help for every option.\n`);
            });

            it("a missing or surplus argument exits 2 the same way", () => {
                const required = spec.arguments.filter((a) => !a.optional);
                const args = required.length > 0 ? required.slice(1).map(() => "x") : spec.arguments.map(() => "x").concat("extra");
                const result = runBin(file, args);
                expect(result.code).to.equal(2);
                const message = required.length > 0 ? `missing ${required[required.length - 1].name}` : "unexpected argument extra";
                expect(result.stderr).to.equal(usageError(spec, message));
            });

            it("docs/commands.md shows its --help exactly as it prints it", () => {
                const docs = fs.readFileSync(path.join(repositoryRoot(), "docs", "commands.md"), "utf8");
                expect(docs).to.include(`\`\`\`\n$ npx ${spec.name} --help\n${helpText(spec)}\`\`\`\n`);
            });
        });
    }

    it("the three commands word their AWS paragraph, their help option and their errors alike", () => {
        const aws = COMMANDS.map(([spec]) => spec.notes.find((n) => n.startsWith("AWS: ")));
        expect(new Set(aws).size).to.equal(1);
        expect(aws[0]).to.be.a("string");
        for (const [spec] of COMMANDS) {
            expect(spec.name).to.match(/^cognito-userpool-[a-z]+$/);
            expect(spec.exitCodes.map(([code]) => code)).to.deep.equal([0, 1, 2]);
            expect(spec.exitCodes[2][1]).to.match(/^The command line .* not valid/);
            for (const option of spec.options) expect(option.description, option.flag).to.match(/^[A-Z].*\.$/);
            for (const argument of spec.arguments) expect(argument.description, argument.name).to.match(/^[A-Z].*\.$/);
        }
    });

    it("the package's bin names each command's built entry point", () => {
        const manifest = JSON.parse(fs.readFileSync(path.join(repositoryRoot(), "package.json"), "utf8")) as { bin: Record<string, string> };
        expect(manifest.bin).to.deep.equal(Object.fromEntries(COMMANDS.map(([spec, file]) => [spec.name, `dist/bin/${file}`])));
        for (const [, file] of COMMANDS) expect(fs.readFileSync(path.join(repositoryRoot(), "dist", "bin", file), "utf8")).to.match(/^#!\/usr\/bin\/env node\n/);
    });
});
