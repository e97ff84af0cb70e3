import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** What the cache keeps: a statement, and whether it is still being iterated (a streamed select). */
type CachedStatement = SqliteStatement & { readonly busy: boolean };

/** A statement as better-sqlite3 prepares it: the cache may switch a reader to rows as arrays. */
interface RawCapableStatement extends CachedStatement {
  columns(): { readonly name: string }[];
  raw(on: boolean): unknown;
}

/** The part of better-sqlite3's Database the cache needs: prepare, close, and a statement's busy flag. */
interface PreparingDatabase {
  prepare(sql: string): RawCapableStatement;
  close(): unknown;
}

/**
 * Prepared statements kept by their SQL, so a query the app runs again (nearly all of them) is not
 * parsed and planned by SQLite again: Kysely's SQLite driver prepares every statement afresh, and
 * preparation was a fifth of the time of a simulated year. The least recently used statement is let
 * go past `size`. A statement still being iterated (a streamed select) is busy; a second use of the
 * same SQL then gets a statement of its own rather than disturbing it.
 */
export function cachingStatements(db: PreparingDatabase, size = 500): SqliteDatabase {
  const cache = new Map<string, CachedStatement>();
  return {
    close: () => void db.close(),
    prepare: (sql) => {
      const hit = cache.get(sql);
      if (hit && !hit.busy) {
        // Move to the back: Map keeps insertion order, so the front is the least recently used.
        cache.delete(sql);
        cache.set(sql, hit);
        return hit;
      }
      if (hit) return shapedRows(db.prepare(sql));
      const statement = shapedRows(db.prepare(sql));
      cache.set(sql, statement);
      if (cache.size > size) cache.delete(cache.keys().next().value as string);
      return statement;
    },
  };
}

/**
 * A reader whose rows come from SQLite as arrays and are made into objects here, with the same
 * properties as better-sqlite3's own rows. better-sqlite3 builds each row object in C++ a property
 * at a time, which was half the cost of reading a case's meetings (21 rows: 70 µs against 37 µs);
 * an object literal of the statement's columns, compiled once, gives every row the same fast shape.
 */
function shapedRows(statement: RawCapableStatement): CachedStatement {
  if (!statement.reader) return statement;
  const names = statement.columns().map((c) => c.name);
  // In a literal, "__proto__" would set the prototype rather than a property: such a row stays as it was.
  if (names.includes('__proto__')) return statement;
  statement.raw(true);
  const row = rowOf(names);
  return {
    reader: true,
    get busy() {
      return statement.busy;
    },
    all: (parameters) => (statement.all(parameters) as unknown[][]).map(row),
    run: (parameters) => statement.run(parameters),
    iterate: function* (parameters) {
      // Leaving this early (break, return) closes the statement's own iteration with it.
      for (const values of statement.iterate(parameters) as IterableIterator<unknown[]>) yield row(values);
    },
  };
}

/**
 * Makes a row object from a row's values: `{ "id": v[0], "case_id": v[1], … }`, compiled from the
 * column names (JSON-quoted, so any name is a plain key; a repeated name keeps its last value, as
 * better-sqlite3's rows do).
 */
function rowOf(names: readonly string[]): (values: unknown[]) => Record<string, unknown> {
  const body = `return { ${names.map((name, i) => `${JSON.stringify(name)}: v[${i}]`).join(', ')} };`;
  return new Function('v', body) as (values: unknown[]) => Record<string, unknown>;
}
