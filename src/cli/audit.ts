import { openStore } from '../adapters/store/open-store';
import { CommandIo, databaseArgs } from './database-command';

const HELP = `core-groups audit verify [--database-url postgres://…] [--file ./data/core-groups.sqlite]

Recomputes the audit trail's hash chain, row by row, and reports the first broken link: a row
changed, removed or inserted after it was written. Exit 0 when the chain holds, 1 when it is
broken, 2 for a bad option.`;

/**
 * `core-groups audit verify`: the check an auditor (or a nightly job) runs against the database.
 * Only `verify` exists: the trail is never edited, so there is nothing else to do to it.
 */
export async function auditCommand(argv: readonly string[], io: CommandIo, env: Readonly<Record<string, string | undefined>>): Promise<number> {
  const args = databaseArgs('audit', argv, io, env, HELP);
  if ('exit' in args) return args.exit;
  if (args.words.join(' ') !== 'verify') {
    io.err(`core-groups audit: say what to do: "core-groups audit verify" (got "${args.words.join(' ') || 'nothing'}")`);
    return 2;
  }
  const store = await openStore(args.settings);
  try {
    const check = await store.transaction((tx) => tx.audit.verify());
    if (!check.broken) {
      io.out(`The audit trail holds: ${check.rows} rows, every link intact.`);
      return 0;
    }
    io.out(`The audit trail is broken at row ${check.broken.seq}: ${check.broken.problem}. ${check.rows - 1} rows before it hold.`);
    return 1;
  } finally {
    await store.close();
  }
}
