/**
 * The command line of the installed commands (cognito-userpool-drift, cognito-userpool-generate,
 * cognito-userpool-recover): one parser and one help layout, so that every command takes its
 * options the same way, words its errors the same way, and documents every option it accepts
 * (the help is built from the same table the parser reads, so neither can leave one out).
 */

export interface ArgumentSpec {
    /** As shown in the usage line, such as `<pool-id>`. */
    name: string;
    description: string;
    /** An optional argument may be left out; only the last arguments can be. */
    optional?: boolean;
}

export interface OptionSpec {
    /** Such as `--width`. */
    flag: string;
    /** The value's placeholder (`<n>`) for an option that takes one; absent for a switch. */
    value?: string;
    description: string;
}

export interface CommandSpec {
    /** The installed command's name, such as `cognito-userpool-drift`. */
    name: string;
    /** What the command does: the help's first paragraph. */
    summary: string;
    arguments: ArgumentSpec[];
    options: OptionSpec[];
    /** Further paragraphs of the help, such as where AWS credentials come from. */
    notes: string[];
    /** Each exit status and when the command ends with it. */
    exitCodes: Array<[number, string]>;
}

/** Shown and accepted by every command (-h too). */
export const HELP_OPTION: OptionSpec = { flag: "--help", description: "Print this help and exit with status 0." };

/** The AWS paragraph of every command that calls Cognito, worded once. */
export const AWS_NOTE =
    "AWS: credentials come from the AWS SDK's standard chain, as for the AWS CLI (AWS_PROFILE, " +
    "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, SSO, an instance or task role). " +
    "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER sends the calls to another endpoint, such as " +
    "cognito-local (http://127.0.0.1:9229).";

export type ParsedCommandLine =
    | { kind: "help" }
    | { kind: "error"; message: string }
    | { kind: "run"; positional: string[]; options: Map<string, string | true> };

/**
 * Reads `argv` against `spec`. `--help`/`-h` anywhere asks for the help; `--flag value` and
 * `--flag=value` are the same; `--` ends the options; `-` alone is an argument (standard input).
 * Unknown options, a missing or surplus argument, and an option without its value are errors.
 */
export function parseCommandLine(spec: CommandSpec, argv: string[]): ParsedCommandLine {
    const endOfOptions = argv.indexOf("--");
    const optionPart = endOfOptions === -1 ? argv : argv.slice(0, endOfOptions);
    if (optionPart.includes("--help") || optionPart.includes("-h")) return { kind: "help" };

    const positional: string[] = [];
    const options = new Map<string, string | true>();
    for (let i = 0; i < optionPart.length; i++) {
        const argument = optionPart[i];
        if (argument === "-" || !argument.startsWith("-")) {
            positional.push(argument);
            continue;
        }
        const equals = argument.indexOf("=");
        const flag = equals === -1 ? argument : argument.slice(0, equals);
        const option = spec.options.find((o) => o.flag === flag);
        if (!option) {
            const near = spec.options.find((o) => editDistance(o.flag, flag) <= 2);
            return { kind: "error", message: `unknown option ${flag}${near ? ` (did you mean ${near.flag}?)` : ""}` };
        }
        if (!option.value) {
            if (equals !== -1) return { kind: "error", message: `${flag} takes no value` };
            options.set(flag, true);
            continue;
        }
        let value: string | undefined;
        if (equals !== -1) value = argument.slice(equals + 1);
        else {
            const next = optionPart[i + 1];
            if (next !== undefined && !(next.startsWith("-") && next !== "-")) {
                value = next;
                i++;
            }
        }
        if (value === undefined || value === "") return { kind: "error", message: `${flag} needs a value (${option.value})` };
        options.set(flag, value);
    }
    if (endOfOptions !== -1) positional.push(...argv.slice(endOfOptions + 1));

    const required = spec.arguments.filter((a) => !a.optional);
    if (positional.length < required.length) return { kind: "error", message: `missing ${required[positional.length].name}` };
    if (positional.length > spec.arguments.length) return { kind: "error", message: `unexpected argument ${positional[spec.arguments.length]}` };
    return { kind: "run", positional, options };
}

/** Levenshtein distance: a mistyped option within 2 edits of a real one is named in the error. */
function editDistance(a: string, b: string): number {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) current.push(Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
        previous = current;
    }
    return previous[b.length];
}

/** `usage: <name> <arg> [<optional-arg>] [--flag] [--flag <value>]`. */
export function usageLine(spec: CommandSpec): string {
    const words = [spec.name];
    for (const argument of spec.arguments) words.push(argument.optional ? `[${argument.name}]` : argument.name);
    for (const option of spec.options) words.push(`[${option.flag}${option.value ? ` ${option.value}` : ""}]`);
    return `usage: ${words.join(" ")}`;
}

/** What a command prints on stderr, before exiting with status 2, when its command line is wrong. */
export function usageError(spec: CommandSpec, message: string): string {
    return `${spec.name}: ${message}\n${usageLine(spec)}\nRun ${spec.name} --help for every option.\n`;
}

const WIDTH = 80;

/** Fills `text` into lines of at most WIDTH characters, each starting with `indent`. */
function fill(text: string, indent: string, firstIndent = indent): string {
    const lines: string[] = [];
    let line = firstIndent;
    let fresh = true;
    for (const word of text.split(/\s+/).filter((w) => w !== "")) {
        if (!fresh && line.length + 1 + word.length > WIDTH) {
            lines.push(line);
            line = indent + word;
        } else line += (fresh ? "" : " ") + word;
        fresh = false;
    }
    lines.push(line);
    return lines.join("\n");
}

/** A two-column list: each term, then its description filled beside it. */
function table(rows: Array<[string, string]>): string {
    const column = Math.max(...rows.map(([term]) => term.length)) + 4;
    return rows
        .map(([term, description]) => {
            const head = `  ${term}`.padEnd(column);
            return head.length > column ? `${head}\n${fill(description, " ".repeat(column))}` : fill(description, " ".repeat(column), head);
        })
        .join("\n");
}

/** The full help: usage, what the command does, every argument, every option, notes, exit statuses. */
export function helpText(spec: CommandSpec): string {
    const options = [...spec.options, HELP_OPTION];
    const sections = [
        usageLine(spec),
        fill(spec.summary, ""),
        `Arguments:\n${table(spec.arguments.map((a) => [a.name, a.description]))}`,
        `Options:\n${table(options.map((o) => [`${o === HELP_OPTION ? "-h, " : ""}${o.flag}${o.value ? ` ${o.value}` : ""}`, o.description]))}`,
        ...spec.notes.map((note) => fill(note, "")),
        `Exit status:\n${table(spec.exitCodes.map(([code, meaning]) => [String(code), meaning]))}`,
    ];
    return `${sections.join("\n\n")}\n`;
}

/** Where a command writes, so that tests can run it in-process. */
export interface CommandIo {
    out: NodeJS.WritableStream;
    err: NodeJS.WritableStream;
}

export const processIo = (): CommandIo => ({ out: process.stdout, err: process.stderr });

/**
 * The common start of every command: parses `argv`, prints the help (status 0) or a usage error
 * (status 2) itself, and hands back the parsed command line only when there is work to do.
 */
export function commandLineOrExit(
    spec: CommandSpec,
    argv: string[],
    io: CommandIo,
): { done: number } | { positional: string[]; options: Map<string, string | true> } {
    const parsed = parseCommandLine(spec, argv);
    if (parsed.kind === "help") {
        io.out.write(helpText(spec));
        return { done: 0 };
    }
    if (parsed.kind === "error") {
        io.err.write(usageError(spec, parsed.message));
        return { done: 2 };
    }
    return { positional: parsed.positional, options: parsed.options };
}
