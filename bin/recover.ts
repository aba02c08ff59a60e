#!/usr/bin/env node
/**
 * The installed `cognito-userpool-recover` command (package.json "bin"): the recovery tool for a
 * create a killed `pulumi` run never saw finish (scripts/recover.ts, provider/userPool/recover.ts).
 */
import { runCommand } from "../scripts/command";
import { main } from "../scripts/recover";

runCommand(main);
