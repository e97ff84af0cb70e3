import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { CompiledQuery, Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { Store } from '../../ports/store';
import { FairSqliteDialect } from './fair-sqlite-dialect';
import { KyselyStore } from './kysely-store';
import { cachingStatements } from './statement-cache';
import { HeldConnection, sqliteHeldConnection } from './prepared-query';
import { Dialect, migrationProvider } from './migrations';
import { Database as Schema } from './schema';

export type StoreSettings =
  | { readonly kind: 'sqlite'; readonly file: string }
  /**
   * `schema` keeps the tables in their own PostgreSQL schema (created if missing), e.g. one per test
   * file. `ownerUrl`, when given, is the role that owns the tables and runs the migrations; the app
   * then connects as `url`'s role, granted what it needs and, on the audit trail, only to add and read.
   */
  | {
      readonly kind: 'postgres';
      readonly url: string;
      readonly poolSize?: number;
      readonly schema?: string;
      readonly ownerUrl?: string;
      /** A statement running longer is cancelled (the request answered 503, nothing written); 0: never. Default 30 s. */
      readonly statementTimeoutMs?: number;
    };

/**
 * Opens the store and brings its schema up to date (migrations run at start-up, in order, once).
 * `migrate: false` opens a second connection to a store another has opened and migrated (the
 * card-action thread's), which must neither migrate nor, on PostgreSQL, grant again.
 */
export async function openStore(settings: StoreSettings, options: { migrate?: boolean } = {}): Promise<Store> {
  if (options.migrate === false) {
    // As the app's role (`url`): the owner's is only for migrating.
    const { db, dialect, pinger, held } = connect(settings);
    return new KyselyStore(db, dialect, pinger, held);
  }
  if (settings.kind === 'postgres' && settings.ownerUrl) {
    // Migrate as the owner, grant the app's role its rights, and let the owner go.
    const { ownerUrl, ...app } = settings;
    const appRole = await roleOf({ ...app, poolSize: 1 });
    // Migrations may rightly run long (an index on a large table): no statement timeout for them.
    const { db: owner } = connect({ ...app, url: ownerUrl, poolSize: 1, statementTimeoutMs: 0 });
    try {
      await migrate(owner, 'postgres', settings.schema);
      await grantAppRole(owner, settings.schema ?? 'public', appRole);
    } finally {
      await owner.destroy();
    }
    const { db, dialect, pinger } = connect(app);
    return new KyselyStore(db, dialect, pinger);
  }
  const { db, dialect, pinger, held } = connect(settings);
  try {
    await migrate(db, dialect, settings.kind === 'postgres' ? settings.schema : undefined);
  } catch (e) {
    await db.destroy();
    await pinger.close();
    throw e;
  }
  return new KyselyStore(db, dialect, pinger, held);
}

async function migrate(db: Kysely<Schema>, dialect: Dialect, schema: string | undefined): Promise<void> {
  if (dialect === 'postgres' && schema) await sql.raw(`create schema if not exists ${schema}`).execute(db);
  // Kysely looks for its own tables in any schema unless told which: a second schema in the same
  // database (a test's, another deployment's) would make it skip creating them in this one.
  const migrator = new Migrator({ db, provider: migrationProvider(dialect), ...(dialect === 'postgres' && schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${(error as Error).message}`);
  }
}

async function roleOf(settings: Extract<StoreSettings, { kind: 'postgres' }>): Promise<string> {
  const { db } = connect(settings);
  try {
    return (await sql<{ role: string }>`select current_user as role`.execute(db)).rows[0]!.role;
  } finally {
    await db.destroy();
  }
}

/**
 * What the app's own role may do: read and write its tables, but on the audit trail only add and
 * read. It owns nothing, so it cannot truncate, alter, disable the triggers of, or drop anything.
 */
async function grantAppRole(owner: Kysely<Schema>, schema: string, role: string): Promise<void> {
  const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const owns = (
    await sql<{ owns: boolean }>`select exists (select 1 from pg_tables where schemaname = ${schema} and tableowner = ${role}) as owns`.execute(owner)
  ).rows[0]?.owns;
  if (owns)
    throw new Error(
      `the app's database role ${role} owns tables; connect the app as a role of its own (DATABASE_URL) and migrate as the owner (DATABASE_OWNER_URL)`,
    );
  await sql.raw(`grant usage on schema ${ident(schema)} to ${ident(role)}`).execute(owner);
  await sql.raw(`grant select, insert, update, delete on all tables in schema ${ident(schema)} to ${ident(role)}`).execute(owner);
  await sql.raw(`revoke update, delete, truncate, references, trigger on ${ident(schema)}.audit from ${ident(role)}`).execute(owner);
  await sql
    .raw(`revoke insert, update, delete, truncate on ${ident(schema)}.kysely_migration, ${ident(schema)}.kysely_migration_lock from ${ident(role)}`)
    .execute(owner);
  await sql.raw(`grant usage, select on all sequences in schema ${ident(schema)} to ${ident(role)}`).execute(owner);
}

/**
 * A health check that does not queue behind the app's work: SQLite's one connection is held by each
 * transaction in turn, and PostgreSQL's pool by ten at a time, so a ping through them answered only
 * after every request ahead of it (64 s behind 100 "my work" requests). SQLite's `select 1` runs on
 * the same handle without the queue (better-sqlite3 is synchronous: it cannot land inside another
 * statement, and it reads nothing a transaction could have changed); PostgreSQL's on a connection of its own.
 */
export interface Pinger {
  ping(): Promise<void>;
  close(): Promise<void>;
}

const STATEMENT_TIMEOUT_MS = 30_000;
const IDLE_IN_TRANSACTION_MS = 60_000;

function connect(settings: StoreSettings): { db: Kysely<Schema>; dialect: Dialect; pinger: Pinger; held?: HeldConnection } {
  if (settings.kind === 'postgres') {
    // A query stuck behind a lock, or a transaction left open by a hung request, would otherwise hold
    // one of the pool's few connections for ever and, one by one, stall every request.
    const pool = new pg.Pool({
      connectionString: settings.url,
      max: settings.poolSize ?? 10,
      statement_timeout: settings.statementTimeoutMs ?? STATEMENT_TIMEOUT_MS,
      idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_MS,
    });
    // An idle connection the database drops (a restart, a failover, pg_terminate_backend) is an
    // 'error' on the pool; unheard, Node ends the process. The pool discards that connection and the
    // next query opens another, so there is nothing to do but not crash.
    pool.on('error', () => undefined);
    // The same for a connection checked out by a transaction that is between two queries: its next
    // query fails ("not queryable"), the transaction rolls back and the request is answered 503.
    pool.on('connect', (client) => void client.on('error', () => undefined));
    let health: pg.Pool | undefined;
    const healthPool = () => {
      const p = new pg.Pool({ connectionString: settings.url, max: 1 });
      p.on('error', () => undefined);
      return p;
    };
    const pinger: Pinger = {
      ping: async () => void (await (health ??= healthPool()).query('select 1')),
      close: async () => await health?.end(),
    };
    const schema = settings.schema;
    if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid PostgreSQL schema name "${schema}"`);
    const dialect = new PostgresDialect({
      pool,
      ...(schema ? { onCreateConnection: async (connection) => void (await connection.executeQuery(CompiledQuery.raw(`set search_path to ${schema}`))) } : {}),
    });
    return { db: new Kysely<Schema>({ dialect }), dialect: 'postgres', pinger };
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
  const select1 = sqlite.prepare('select 1');
  const pinger: Pinger = { ping: () => Promise.resolve(void select1.get()), close: () => Promise.resolve() };
  const database = cachingStatements(sqlite);
  return { db: new Kysely<Schema>({ dialect: new FairSqliteDialect({ database }) }), dialect: 'sqlite', pinger, held: sqliteHeldConnection(database) };
}
