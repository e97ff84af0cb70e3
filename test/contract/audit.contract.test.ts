import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { sql } from 'kysely';
import { KyselyStore } from '../../src/adapters/store/kysely-store';
import { openStore } from '../../src/adapters/store/open-store';
import { Store } from '../../src/ports/store';
import { freshStore, storeKinds } from '../support/stores';

const entry = (i: number) => ({
  at: `2027-01-04T09:00:0${i}.000Z`,
  actorId: 'sam',
  action: 'case.read',
  entity: 'case',
  entityId: 'c1',
  caseId: 'c1',
  after: { i },
});

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
