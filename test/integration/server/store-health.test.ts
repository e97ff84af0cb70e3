import { KyselyStore } from '../../../src/adapters/store/kysely-store';
import { openStore } from '../../../src/adapters/store/open-store';

/** /healthz asks store.health(): work the database has just committed shows it answers; anything else asks it. */
describe("the store's health", () => {
  let opened: KyselyStore;
  let store: KyselyStore;
  let pings: number;
  let down: boolean;
  beforeEach(async () => {
    opened = (await openStore({ kind: 'sqlite', file: ':memory:' })) as KyselyStore;
    pings = 0;
    down = false;
    store = new KyselyStore(opened.db, opened.dialect, {
      ping: async () => {
        pings += 1;
        if (down) throw new Error('the database is gone');
      },
      close: async () => undefined,
    });
  });
  afterEach(() => opened.close());
  const read = () => store.transaction((tx) => tx.people.byId('nobody'));

  it('asks the database when nothing has been committed lately, and says so when it does not answer', async () => {
    await store.health();
    expect(pings).toBe(1);
    down = true;
    await expect(store.health()).rejects.toThrow('the database is gone');
  });

  it('takes a transaction committed in the last second as an answer, without asking again', async () => {
    await read();
    await store.health();
    await store.health();
    expect(pings).toBe(0);
  });

  it('asks again after a failed transaction, and once the last commit is more than a second old', async () => {
    await read();
    await expect(
      store.transaction(async () => {
        throw new Error('the connection dropped');
      }),
    ).rejects.toThrow();
    await store.health();
    expect(pings).toBe(1);

    await read();
    const now = performance.now();
    const later = jest.spyOn(performance, 'now').mockReturnValue(now + 1_001);
    try {
      await store.health();
    } finally {
      later.mockRestore();
    }
    expect(pings).toBe(2);
  });
});
