#!/usr/bin/env node
/**
 * The installed `cognito-userpool-generate` command (package.json "bin"): the program generator
 * of scripts/generate-program.ts, whose generateProgram the tests also import without running it.
 */
import { runCommand } from "../scripts/command";
import { main } from "../scripts/generate-program";

runCommand(main);
