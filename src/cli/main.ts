#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { builtInRegistry } from '../domain/policy';
import { runCli } from './commands';
import { auditCommand } from './audit';
import { demoCommand } from './demo';

/** Entry point of the `core-groups` command. */
if (process.argv[2] === 'audit') {
  // The one command that opens the database, so the one that runs asynchronously.
  auditCommand(process.argv.slice(3), { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) }, process.env).then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      process.stderr.write(`core-groups audit: ${(e as Error).message}\n`);
      process.exitCode = 1;
    },
  );
} else
  process.exitCode = runCli(
    process.argv.slice(2),
    {
      out: (t) => process.stdout.write(`${t}\n`),
      err: (t) => process.stderr.write(`${t}\n`),
      readFile: (path) => readFileSync(path, 'utf8'),
      registry: builtInRegistry,
    },
    { demo: demoCommand },
  );
