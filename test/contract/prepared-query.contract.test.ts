import { sql } from 'kysely';
import { KyselyStore } from '../../src/adapters/store/kysely-store';
import { prepared, preparedTyped } from '../../src/adapters/store/prepared-query';
import { freshStore, storeKinds } from '../support/stores';

/** A query compiled once answers each call with that call's values, on both databases. */
describe.each(storeKinds())('prepared queries on %s', (kind) => {
  let store: KyselyStore;
  let drop: () => Promise<void>;
  beforeEach(async () => {
    const fresh = await freshStore(kind);
    if (!(fresh.store instanceof KyselyStore)) throw new Error('expected the Kysely store');
    store = fresh.store;
    drop = fresh.drop;
    const people = [
      { id: 'p1', display_name: 'Ann', email: 'ann@example.org', entra_object_id: null, created_at: '2027-01-01T00:00:00.000Z' },
      { id: 'p2', display_name: 'Bo', email: 'bo@example.org', entra_object_id: null, created_at: '2027-01-01T00:00:00.000Z' },
      { id: 'p3', display_name: 'Cy', email: 'cy@example.org', entra_object_id: null, created_at: '2027-01-01T00:00:00.000Z' },
    ];
    await store.db.insertInto('people').values(people).execute();
  });
  afterEach(() => drop());

  it('builds and compiles once, and answers each call with its own values (constants kept)', async () => {
    let built = 0;
    const named = prepared((db, id, name) => {
      built++;
      return db.selectFrom('people').select('email').where('id', '=', id).where('display_name', '=', name).where('created_at', '>', '2000-01-01');
    });
    const { db, dialect } = store;
    expect((await named(db, dialect, 'p1', 'Ann')).rows).toEqual([{ email: 'ann@example.org' }]);
    expect((await named(db, dialect, 'p2', 'Bo')).rows).toEqual([{ email: 'bo@example.org' }]);
    expect((await named(db, dialect, 'p2', 'Ann')).rows).toEqual([]);
    expect(built).toBe(1);
  });

  it('runs in a transaction, and says how many rows a write changed', async () => {
    const rename = prepared((db, name, id) => db.updateTable('people').set({ display_name: name }).where('id', '=', id));
    const changed = await store.db.transaction().execute(async (trx) => {
      const one = await rename(trx, store.dialect, 'Cyrus', 'p3');
      const none = await rename(trx, store.dialect, 'Nobody', 'p9');
      return [one.changed, none.changed];
    });
    expect(changed).toEqual([1, 0]);
    expect(await store.db.selectFrom('people').select('display_name').where('id', '=', 'p3').executeTakeFirstOrThrow()).toEqual({ display_name: 'Cyrus' });
  });

  it('takes a number or null for a value typed so, and stores each as given', async () => {
    const inserted = preparedTyped((db, id: string, email: string, entraObjectId: string | null) =>
      db.insertInto('people').values({ id, display_name: 'Di', email, entra_object_id: entraObjectId, created_at: '2027-01-02T00:00:00.000Z' }),
    );
    const { db, dialect } = store;
    await inserted(db, dialect, 'p4', 'di@example.org', null);
    await inserted(db, dialect, 'p5', 'dan@example.org', 'oid-5');
    expect(await db.selectFrom('people').select(['id', 'entra_object_id']).where('id', 'in', ['p4', 'p5']).orderBy('id').execute()).toEqual([
      { id: 'p4', entra_object_id: null },
      { id: 'p5', entra_object_id: 'oid-5' },
    ]);
    const later = preparedTyped((db, version: number, id: string) =>
      db
        .selectFrom('people')
        .select('id')
        .where('id', '=', id)
        .where(sql<boolean>`${version} > 1`),
    );
    expect((await later(db, dialect, 2, 'p4')).rows).toEqual([{ id: 'p4' }]);
    expect((await later(db, dialect, 1, 'p4')).rows).toEqual([]);
  });

  it.each([
    ['a value the query never binds', prepared((db, _id) => db.selectFrom('people').select('id'))],
    ['a value bound twice', prepared((db, id) => db.selectFrom('people').select('id').where('id', '=', id).where('email', '=', id))],
    [
      'a value written into the SQL itself',
      prepared((db, id) =>
        db
          .selectFrom('people')
          .select('id')
          .where(sql<boolean>`id = ${sql.lit(id)}`),
      ),
    ],
  ])('refuses %s, before running anything', async (_case, query) => {
    await expect(query(store.db, store.dialect, 'p1')).rejects.toThrow(/must bind each of its values once/);
  });
});
