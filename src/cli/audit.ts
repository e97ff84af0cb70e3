import { parseArgs } from 'node:util';
import { openStore, StoreSettings } from '../adapters/store/open-store';

const HELP = `core-groups audit verify [--database-url postgres://…] [--file ./data/core-groups.sqlite]

Recomputes the audit trail's hash chain, row by row, and reports the first broken link: a row
changed, removed or inserted after it was written. Exit 0 when the chain holds, 1 when it is
broken, 2 for a bad option.`;

/**
 * `core-groups audit verify`: the check an auditor (or a nightly job) runs against the database.
 * Only `verify` exists: the trail is never edited, so there is nothing else to do to it.
 */
export async function auditCommand(
  argv: readonly string[],
  io: { out(t: string): void; err(t: string): void },
  env: Readonly<Record<string, string | undefined>>,
): Promise<number> {
  let values: { 'database-url'?: string; file?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { 'database-url': { type: 'string' }, file: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (e) {
    io.err(`core-groups audit: ${(e as Error).message}`);
    return 2;
  }
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  if (positionals.join(' ') !== 'verify') {
    io.err(`core-groups audit: say what to do: "core-groups audit verify" (got "${positionals.join(' ') || 'nothing'}")`);
    return 2;
  }
  const url = values['database-url'] ?? env.DATABASE_URL;
  if (url && !/^postgres(ql)?:\/\//.test(url)) {
    io.err('core-groups audit: --database-url must be a postgres:// URL');
    return 2;
  }
  const settings: StoreSettings = url
    ? { kind: 'postgres', url, poolSize: 1 }
    : { kind: 'sqlite', file: values.file ?? `${env.DATA_DIR ?? './data'}/core-groups.sqlite` };
  const store = await openStore(settings);
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
