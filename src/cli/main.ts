#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { builtInRegistry } from '../domain/policy';
import { runCli } from './commands';
import { demoCommand } from './demo';

/** Entry point of the `core-groups` command. */
const code = runCli(
  process.argv.slice(2),
  {
    out: (t) => process.stdout.write(`${t}\n`),
    err: (t) => process.stderr.write(`${t}\n`),
    readFile: (path) => readFileSync(path, 'utf8'),
    registry: builtInRegistry,
  },
  { demo: demoCommand },
);
process.exitCode = code;
