import Database from 'better-sqlite3';
import { cachingStatements } from '../../../src/adapters/store/statement-cache';

/** SQLite statements prepared once and reused, without one use disturbing another. */
describe('the prepared statement cache', () => {
  const open = () => {
    const db = new Database(':memory:');
    db.exec('create table t (n integer)');
    db.exec('insert into t values (1), (2), (3)');
    let prepared = 0;
    const counting = { prepare: (sql: string) => (prepared++, db.prepare(sql)), close: () => db.close() };
    return { cached: cachingStatements(counting, 2), prepared: () => prepared, db };
  };

  it('prepares a statement once however often its SQL runs, with the answers of a fresh one', () => {
    const { cached, prepared, db } = open();
    for (let n = 1; n <= 3; n++) expect(cached.prepare('select n from t where n = ?').all([n])).toEqual([{ n }]);
    expect(prepared()).toBe(1);
    db.close();
  });

  it('gives a statement still being iterated a second copy rather than disturbing it', () => {
    const { cached, prepared, db } = open();
    const rows = cached.prepare('select n from t order by n').iterate([]);
    expect(rows.next().value).toEqual({ n: 1 });
    expect(cached.prepare('select n from t order by n').all([])).toHaveLength(3);
    expect([...rows]).toEqual([{ n: 2 }, { n: 3 }]);
    expect(prepared()).toBe(2);
    db.close();
  });

  it('lets the least recently used statement go beyond its size', () => {
    const { cached, prepared, db } = open();
    cached.prepare('select 1');
    cached.prepare('select 2');
    cached.prepare('select 1');
    cached.prepare('select 3'); // evicts "select 2", used longest ago
    cached.prepare('select 1');
    expect(prepared()).toBe(3);
    cached.prepare('select 2');
    expect(prepared()).toBe(4);
    db.close();
  });
});

describe('rows read through the cache', () => {
  /** The same rows as better-sqlite3 gives from a statement of its own. */
  const both = (setup: string, sql: string, parameters: unknown[] = []) => {
    const db = new Database(':memory:');
    db.exec(setup);
    const fresh = db.prepare(sql).all(...parameters);
    const cached = cachingStatements(db).prepare(sql);
    const rows = { fresh, cached: cached.all(parameters), iterated: [...cached.iterate(parameters)] };
    db.close();
    return rows;
  };

  it('have the properties and values of better-sqlite3’s own rows: nulls, numbers, blobs and text', () => {
    const { fresh, cached, iterated } = both(
      "create table t (id text, n integer, r real, b blob, z text); insert into t values ('a', 1, 1.5, x'0102', null), ('b', 2, null, null, 'é')",
      'select * from t where n >= ? order by id',
      [1],
    );
    expect(fresh).toHaveLength(2);
    expect(cached).toEqual(fresh);
    expect(iterated).toEqual(fresh);
    for (const row of cached) {
      expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
      expect(Object.keys(row as object)).toEqual(['id', 'n', 'r', 'b', 'z']);
    }
  });

  it('keep the last of a repeated column name, as better-sqlite3 does, and take any name as a plain key', () => {
    const repeated = both(
      "create table a (id text, x text); create table b (id text, y text); insert into a values ('1', 'p'); insert into b values ('2', 'q')",
      'select a.*, b.* from a, b',
    );
    expect(repeated.cached).toEqual(repeated.fresh);
    expect(repeated.cached).toEqual([{ id: '2', x: 'p', y: 'q' }]);
    const odd = both('create table t (n integer)', `select 1 as "it's ""quoted""", 2 as "a\\b", 3 as "__proto__", 4 as "constructor"`);
    expect(odd.cached).toEqual(odd.fresh);
    expect(Object.keys(odd.cached[0] as object)).toEqual(Object.keys(odd.fresh[0] as object));
  });

  it('leave writes as they were, with what they changed', () => {
    const db = new Database(':memory:');
    db.exec('create table t (n integer)');
    const cached = cachingStatements(db);
    expect(cached.prepare('insert into t values (?)').run([7])).toMatchObject({ changes: 1 });
    expect(cached.prepare('insert into t values (?) returning n').all([8])).toEqual([{ n: 8 }]);
    db.close();
  });
});
