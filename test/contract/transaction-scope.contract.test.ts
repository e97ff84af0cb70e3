import { Store, StoreTx } from '../../src/ports/store';
import { freshStore, storeKinds } from '../support/stores';

/**
 * A transaction's queries, prepared or built, are the transaction's: they see its own writes, go
 * with it when it rolls back, and none can run once it is over (on SQLite the prepared ones run
 * straight on the connection the transaction holds, see prepared-query.ts).
 */
describe.each(storeKinds())('what a transaction holds, on %s', (kind) => {
  let store: Store;
  let drop: () => Promise<void>;
  beforeEach(async () => ({ store, drop } = await freshStore(kind)));
  afterEach(() => drop());

  const card = (key: string) => ({ key, conversationId: 'a:chat', activityId: 'act-1', sentAt: '2027-01-04T09:00:00.000Z' });

  it('reads its own writes, and a second claim of the same key in it changes nothing', async () => {
    const seen = await store.transaction(async (tx) => {
      const first = await tx.sentCards.claim(card('welcome:a:chat'));
      const again = await tx.sentCards.claim(card('welcome:a:chat'));
      return { first, again, read: await tx.sentCards.byKey('welcome:a:chat') };
    });
    expect(seen).toEqual({
      first: true,
      again: false,
      read: { key: 'welcome:a:chat', conversationId: 'a:chat', activityId: 'act-1', sentAt: '2027-01-04T09:00:00.000Z' },
    });
  });

  it('takes its writes with it when it fails', async () => {
    await expect(
      store.transaction(async (tx) => {
        await tx.sentCards.claim(card('digest:p1'));
        throw new Error('the work failed');
      }),
    ).rejects.toThrow('the work failed');
    expect(await store.transaction((tx) => tx.sentCards.byKey('digest:p1'))).toBeUndefined();
    expect(await store.transaction((tx) => tx.sentCards.claim(card('digest:p1')))).toBe(true);
  });

  it('refuses a query on a transaction that is over, and writes nothing', async () => {
    let kept: StoreTx | undefined;
    await store.transaction(async (tx) => {
      kept = tx;
    });
    await expect(kept!.sentCards.claim(card('late'))).rejects.toThrow();
    await expect(kept!.sentCards.byKey('late')).rejects.toThrow();
    expect(await store.transaction((tx) => tx.sentCards.byKey('late'))).toBeUndefined();
  });
});
