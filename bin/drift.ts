#!/usr/bin/env node
/**
 * The installed `cognito-userpool-drift` command (package.json "bin"): the drift report of
 * scripts/drift.ts. A separate entry point so that importing scripts/drift.ts never runs it.
 */
import { runCommand } from "../scripts/command";
import { main } from "../scripts/drift";

runCommand(main);
