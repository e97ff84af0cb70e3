import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { sql } from 'kysely';
import { KyselyStore } from '../../src/adapters/store/kysely-store';
import { openStore } from '../../src/adapters/store/open-store';
import { Store } from '../../src/ports/store';
import { freshStore, storeKinds } from '../support/stores';

const entry = (i: number) => ({ at: `2027-01-04T09:00:0${i}.000Z`, actorId: 'sam', action: 'case.read', entity: 'case', entityId: 'c1', caseId: 'c1', after: { i } });

describe.each(storeKinds())('the audit trail on %s', (kind) => {
  let store: Store;
  let drop: () => Promise<void>;
  beforeEach(async () => ({ store, drop } = await freshStore(kind)));
  afterEach(() => drop());

  it('chains every row to the one before, refusals included, and says the chain holds', async () => {
    for (let i = 0; i < 3; i++) await store.transaction((tx) => tx.audit.append(entry(i)));
    await store.transaction((tx) => tx.audit.append({ ...entry(3), action: 'case.read', allowed: false }));
    expect(await store.transaction((tx) => tx.audit.verify())).toEqual({ rows: 4 });
    const rows = await store.transaction((tx) => tx.audit.forCase('c1'));
    expect(rows.map((r) => r.allowed ?? true)).toEqual([true, true, true, false]);
  });

  it('finds the first broken link when a row is changed behind the app’s back', async () => {
    for (let i = 0; i < 4; i++) await store.transaction((tx) => tx.audit.append(entry(i)));
    const db = (store as KyselyStore).db;
    // Someone with the database owner's rights sets the triggers aside and rewrites row 2.
    if (kind === 'postgres') {
      await sql`alter table audit disable trigger audit_no_update`.execute(db);
      await sql`update audit set actor_id = 'maria' where seq = (select seq from audit order by seq offset 1 limit 1)`.execute(db);
      await sql`alter table audit enable trigger audit_no_update`.execute(db);
    } else {
      await sql`drop trigger audit_no_update`.execute(db);
      await sql`update audit set actor_id = 'maria' where seq = 2`.execute(db);
    }
    const check = await store.transaction((tx) => tx.audit.verify());
    expect(check.broken).toMatchObject({ problem: expect.stringContaining('its contents do not match its hash') });
    const second = (await store.transaction((tx) => tx.audit.forCase('c1')))[1]!;
    expect(check.broken?.seq).toBe(second.seq);
  });
});

// PostgreSQL only (roles have no SQLite counterpart); it runs wherever the PostgreSQL suites do.
const pgUrl = storeKinds().includes('postgres') ? process.env.TEST_DATABASE_URL : undefined;
(pgUrl ? describe : describe.skip)('the app’s own PostgreSQL role', () => {
  const role = `cg_app_${randomBytes(4).toString('hex')}`;
  const schema = `test_${randomBytes(6).toString('hex')}`;
  let appUrl: string;
  let owner: pg.Client;
  let app: pg.Client;
  let store: Store;

  beforeAll(async () => {
    const u = new URL(pgUrl as string);
    u.username = role;
    u.password = '';
    appUrl = u.toString();
    owner = new pg.Client({ connectionString: pgUrl });
    await owner.connect();
    await owner.query(`create role ${role} login`);
    store = await openStore({ kind: 'postgres', url: appUrl, ownerUrl: pgUrl as string, schema, poolSize: 2 });
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

it('keeps an SQLite trail verifiable after the file is reopened', async () => {
  const file = `/tmp/cg-audit-${randomBytes(4).toString('hex')}.sqlite`;
  const first = await openStore({ kind: 'sqlite', file });
  await first.transaction((tx) => tx.audit.append(entry(1)));
  await first.close();
  const again = await openStore({ kind: 'sqlite', file });
  await again.transaction((tx) => tx.audit.append(entry(2)));
  expect(await again.transaction((tx) => tx.audit.verify())).toEqual({ rows: 2 });
  await again.close();
  fs.rmSync(file, { force: true });
});
