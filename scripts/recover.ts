/**
 * `cognito-userpool-recover [<state.json> | -] [--delete-orphans]` (bin/recover.ts)
 *
 * The command line of the recovery tool for a create the CLI never saw finish
 * (provider/userPool/recover.ts, which does the work and keeps its own `node recover.js` entry):
 * the same help, option parsing and error wording as the other installed commands. The help text
 * below (RECOVER_COMMAND) is the reference for its arguments, options and exit statuses.
 */
import { main as recover } from "../provider/userPool/recover";
import { AWS_NOTE, CommandSpec, commandLineOrExit, processIo, usageError } from "./commandLine";

export const RECOVER_COMMAND: CommandSpec = {
    name: "cognito-userpool-recover",
    summary:
        "Recovers a UserPool whose CreateUserPool was in flight when a `pulumi` run was killed: the stack then holds " +
        "a pending create instead of the resource, and a plain `pulumi up` would make a second pool. Reads the output " +
        "of `pulumi stack export`, finds the pool each pending create made by the creation token tagged on it, and " +
        "prints the state to give to `pulumi stack import`: with that pool recorded, or with the pending create " +
        "dropped when no pool was made or a later `pulumi up` made the resource again. Reads with ListUserPools and " +
        "DescribeUserPool; deletes only with --delete-orphans.",
    arguments: [
        {
            name: "<state.json>",
            optional: true,
            description: "The output of `pulumi stack export` taken after the killed run. Leave it out, or give -, to read it from standard input.",
        },
    ],
    options: [
        {
            flag: "--delete-orphans",
            description:
                "Delete the pool of an interrupted create whose resource a later `pulumi up` already made again " +
                "(without it, the report prints the aws command that deletes that pool).",
        },
    ],
    notes: [
        "Output: the state to import goes to stdout; one line per pending create saying what was found and done, " +
            "and the commands to run next (pulumi stack import --file <that state>, pulumi refresh, pulumi up), go to stderr.",
        "Region: each pending create's region input, else the stack's aws:region, as the provider resolves it.",
        AWS_NOTE,
    ],
    exitCodes: [
        [0, "The state to import was written on stdout (unchanged when there was nothing to recover)."],
        [1, "A pending create cannot be resolved safely (it has no creation token, or several pools carry it): nothing was written, since importing a state drops every pending create."],
        [2, "The command line or the exported state is not valid, or the pools could not be read."],
    ],
};

export async function main(argv: string[]): Promise<number> {
    const io = processIo();
    const parsed = commandLineOrExit(RECOVER_COMMAND, argv, io);
    if ("done" in parsed) return parsed.done;
    const file = parsed.positional[0];
    // Reading a terminal would wait for input the user does not know is wanted.
    if ((file === undefined || file === "-") && process.stdin.isTTY) {
        io.err.write(usageError(RECOVER_COMMAND, "missing <state.json>: name the file `pulumi stack export` wrote, or pipe its output in"));
        return 2;
    }
    return recover([...(parsed.options.has("--delete-orphans") ? ["--delete-orphans"] : []), ...(file === undefined ? [] : [file])]);
}
