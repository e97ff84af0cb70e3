import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore } from '../../src/adapters/store/open-store';
import { Store } from '../../src/ports/store';

export type StoreKind = 'sqlite' | 'postgres';

/**
 * The databases a contract suite runs on: SQLite always; PostgreSQL when TEST_DATABASE_URL is set.
 * CI sets REQUIRE_POSTGRES=1, and then a missing database fails the run instead of skipping it.
 */
export function storeKinds(): StoreKind[] {
  const url = process.env.TEST_DATABASE_URL;
  if (!url && process.env.REQUIRE_POSTGRES === '1') {
    throw new Error('REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set: the PostgreSQL suite must run');
  }
  return url ? ['sqlite', 'postgres'] : ['sqlite'];
}

/** A fresh, empty, migrated store: in-memory SQLite, or a new PostgreSQL schema of its own. */
export async function freshStore(kind: StoreKind): Promise<{ store: Store; drop: () => Promise<void> }> {
  if (kind === 'sqlite') {
    const store = await openStore({ kind: 'sqlite', file: ':memory:' });
    return { store, drop: () => store.close() };
  }
  const url = process.env.TEST_DATABASE_URL as string;
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const store = await openStore({ kind: 'postgres', url, schema, poolSize: 4 });
  return {
    store,
    drop: async () => {
      await store.close();
      await dropSchema(url, schema);
    },
  };
}

/** Drops a test's PostgreSQL schema and everything in it. */
export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}
