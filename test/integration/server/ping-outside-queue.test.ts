import { openStore } from '../../../src/adapters/store/open-store';

/** /healthz asks store.health(), which pings when no transaction has committed lately: the ping must answer while every connection is held by work in progress. */
describe('the store answers a ping without queueing behind transactions', () => {
  it('SQLite: ping resolves while a transaction holds the one connection', async () => {
    const store = await openStore({ kind: 'sqlite', file: ':memory:' });
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const tx = store.transaction(async (t) => {
      await t.people.byId('nobody');
      await held;
    });
    // A second transaction queues behind the first; the ping must not.
    const queued = store.transaction((t) => t.people.byId('nobody'));
    const answer = await Promise.race([store.ping().then(() => 'pinged'), new Promise((r) => setTimeout(() => r('queued'), 1000))]);
    release();
    await tx;
    await queued;
    await store.close();
    expect(answer).toBe('pinged');
    await expect(store.ping()).rejects.toThrow();
  });
});
