import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { CompiledQuery, Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { Store } from '../../ports/store';
import { FairSqliteDialect } from './fair-sqlite-dialect';
import { KyselyStore } from './kysely-store';
import { Dialect, migrationProvider } from './migrations';
import { Database as Schema } from './schema';

export type StoreSettings =
  | { readonly kind: 'sqlite'; readonly file: string }
  /** `schema` keeps the tables in their own PostgreSQL schema (created if missing), e.g. one per test file. */
  | { readonly kind: 'postgres'; readonly url: string; readonly poolSize?: number; readonly schema?: string };

/** Opens the store and brings its schema up to date (migrations run at start-up, in order, once). */
export async function openStore(settings: StoreSettings): Promise<Store> {
  const { db, dialect } = connect(settings);
  if (settings.kind === 'postgres' && settings.schema) await sql.raw(`create schema if not exists ${settings.schema}`).execute(db);
  const migrator = new Migrator({ db, provider: migrationProvider(dialect) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${(error as Error).message}`);
  }
  return new KyselyStore(db, dialect);
}

function connect(settings: StoreSettings): { db: Kysely<Schema>; dialect: Dialect } {
  if (settings.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: settings.url, max: settings.poolSize ?? 10 });
    const schema = settings.schema;
    if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid PostgreSQL schema name "${schema}"`);
    const dialect = new PostgresDialect({
      pool,
      ...(schema ? { onCreateConnection: async (connection) => void (await connection.executeQuery(CompiledQuery.raw(`set search_path to ${schema}`))) } : {}),
    });
    return { db: new Kysely<Schema>({ dialect }), dialect: 'postgres' };
  }
  if (settings.file !== ':memory:') fs.mkdirSync(path.dirname(settings.file), { recursive: true });
  const sqlite = new Database(settings.file);
  // WAL lets the tab read while the worker writes; foreign keys are off by default in SQLite.
  sqlite.pragma('journal_mode = WAL');
  // With WAL, NORMAL syncs at checkpoints, not every commit: a power cut can lose the last commits but
  // never corrupts the file (SQLite's recommended pairing).
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return { db: new Kysely<Schema>({ dialect: new FairSqliteDialect({ database: sqlite }) }), dialect: 'sqlite' };
}
