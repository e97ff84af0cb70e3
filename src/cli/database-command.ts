import { parseArgs } from 'node:util';
import { StoreSettings } from '../adapters/store/open-store';

export interface CommandIo {
  out(text: string): void;
  err(text: string): void;
}

/**
 * The options every command that opens the database takes (`--database-url`, else `DATABASE_URL`,
 * else the SQLite file under `--file` or `DATA_DIR`), and `--help`. Either what to run (its words,
 * and the store to open) or the exit code, the problem or the help already written.
 */
export function databaseArgs(
  name: string,
  argv: readonly string[],
  io: CommandIo,
  env: Readonly<Record<string, string | undefined>>,
  help: string,
): { readonly words: string[]; readonly settings: StoreSettings } | { readonly exit: number } {
  let values: { 'database-url'?: string; file?: string; help?: boolean };
  let words: string[];
  try {
    ({ values, positionals: words } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { 'database-url': { type: 'string' }, file: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (e) {
    io.err(`core-groups ${name}: ${(e as Error).message}`);
    return { exit: 2 };
  }
  if (values.help) {
    io.out(help);
    return { exit: 0 };
  }
  const url = values['database-url'] ?? env.DATABASE_URL;
  if (url && !/^postgres(ql)?:\/\//.test(url)) {
    io.err(`core-groups ${name}: --database-url must be a postgres:// URL`);
    return { exit: 2 };
  }
  return {
    words,
    settings: url ? { kind: 'postgres', url, poolSize: 1 } : { kind: 'sqlite', file: values.file ?? `${env.DATA_DIR ?? './data'}/core-groups.sqlite` },
  };
}
