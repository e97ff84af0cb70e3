import Database from 'better-sqlite3';
import { keepStatements } from '../../../src/adapters/store/statement-cache';

describe('prepared statements kept for the SQLite store', () => {
  it('prepares a query once however often it runs, and still answers each run with its own parameters', () => {
    const sqlite = new Database(':memory:');
    sqlite.exec('create table t (id integer primary key, name text)');
    let prepared = 0;
    const counting = { prepare: (sql: string) => (prepared++, sqlite.prepare(sql)), close: () => sqlite.close() };
    const db = keepStatements(counting);
    for (const [id, name] of [[1, 'a'], [2, 'b'], [3, 'c']] as const) db.prepare('insert into t (id, name) values (?, ?)').run([id, name]);
    expect(db.prepare('select name from t where id = ?').all([2])).toEqual([{ name: 'b' }]);
    expect(db.prepare('select name from t where id = ?').all([3])).toEqual([{ name: 'c' }]);
    expect(prepared).toBe(2);
    db.close();
  });

  it('keeps at most the number asked, letting the least recently used go', () => {
    const sqlite = new Database(':memory:');
    const prepared: string[] = [];
    const db = keepStatements({ prepare: (sql: string) => (prepared.push(sql), sqlite.prepare(sql)), close: () => sqlite.close() }, 2);
    db.prepare('select 1');
    db.prepare('select 2');
    db.prepare('select 1');
    db.prepare('select 3');
    expect(db.kept()).toBe(2);
    db.prepare('select 1');
    db.prepare('select 2');
    expect(prepared).toEqual(['select 1', 'select 2', 'select 3', 'select 2']);
    db.close();
  });
});
