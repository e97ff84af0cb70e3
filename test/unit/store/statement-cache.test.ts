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
