import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore } from '../../src/adapters/store/open-store';
import { Store } from '../../src/ports/store';

const entry = (i: number) => ({
  at: `2027-01-04T09:00:0${i}.000Z`,
  actorId: 'sam',
  action: 'case.read',
  entity: 'case',
  entityId: 'c1',
  caseId: 'c1',
  after: { i },
});

/**
 * PostgreSQL only (roles have no SQLite counterpart): jest.config.js leaves this file out where no
 * PostgreSQL is configured, and names it among the suites that did not run.
 */
const pgUrl = process.env.TEST_DATABASE_URL as string;

describe('the app’s own PostgreSQL role', () => {
  const role = `cg_app_${randomBytes(4).toString('hex')}`;
  const schema = `test_${randomBytes(6).toString('hex')}`;
  let appUrl: string;
  let owner: pg.Client;
  let app: pg.Client;
  let store: Store;

  beforeAll(async () => {
    const u = new URL(pgUrl);
    u.username = role;
    u.password = '';
    appUrl = u.toString();
    owner = new pg.Client({ connectionString: pgUrl });
    await owner.connect();
    await owner.query(`create role ${role} login`);
    store = await openStore({ kind: 'postgres', url: appUrl, ownerUrl: pgUrl, schema, poolSize: 2 });
    app = new pg.Client({ connectionString: appUrl });
    await app.connect();
    await app.query(`set search_path to ${schema}`);
  });
  afterAll(async () => {
    await app.end();
    await store.close();
    await owner.query(`drop schema if exists ${schema} cascade`);
    await owner.query(`drop owned by ${role}`);
    await owner.query(`drop role ${role}`);
    await owner.end();
  });

  it('adds and reads audit rows, and works the rest of the record', async () => {
    await store.transaction((tx) => tx.audit.append(entry(1)));
    await store.transaction((tx) => tx.people.insert({ id: 'p1', displayName: 'Sam Okafor', email: 'sam@anytown.example' }));
    expect(await store.transaction((tx) => tx.audit.verify())).toEqual({ rows: 1 });
  });

  // One line a case: what the app's own connection tries, and the refusal PostgreSQL gives.
  const refused: [string, string][] = [
    ['truncate audit', 'permission denied'],
    ['update audit set actor_id = $$maria$$', 'permission denied'],
    ['delete from audit', 'permission denied'],
    ['alter table audit disable trigger audit_no_update', 'must be owner'],
    ['drop trigger audit_no_update on audit', 'must be owner'],
    ['drop table audit', 'must be owner'],
    ['insert into kysely_migration (name, timestamp) values ($$x$$, $$y$$)', 'permission denied'],
  ];
  it.each(refused)('refuses the app: %s', async (statement, message) => {
    await expect(app.query(statement)).rejects.toThrow(message);
  });
});
