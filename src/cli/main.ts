#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { builtInRegistry } from '../domain/policy';
import { runCli } from './commands';
import { auditCommand } from './audit';
import { staffCommand } from './staff';
import { demoCommand } from './demo';

/** Entry point of the `core-groups` command. */
const withDatabase = { audit: auditCommand, staff: staffCommand } as const;
const name = process.argv[2];
if (name === 'audit' || name === 'staff') {
  // The commands that open the database, so the ones that run asynchronously.
  withDatabase[name](process.argv.slice(3), { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) }, process.env).then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      process.stderr.write(`core-groups ${name}: ${(e as Error).message}\n`);
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
