import { openStore } from '../../../src/adapters/store/open-store';
import { startOutboxWorker } from '../../../src/app/outbox-worker';
import { fixedClock } from '../../../src/ports/clock';
import { ClaimedMessage, Store } from '../../../src/ports/store';

/** Resolves once `done()` holds, checking after each turn of the event loop (no timed assertion). */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setImmediate(resolve));
}

describe('the outbox worker under a held-up recipient', () => {
  const clock = fixedClock('2027-01-04T09:00:00.000Z');
  let store: Store;
  beforeEach(async () => {
    store = await openStore({ kind: 'sqlite', file: ':memory:' });
  });
  afterEach(() => store.close());

  const queue = (personId: string, key: string) =>
    store.transaction((tx) =>
      tx.outbox.enqueue({ kind: 'card', topic: 'notice.send', payload: { personId, card: {}, summary: key }, idempotencyKey: key }, clock.now()),
    );

  it("keeps delivering to everyone else, batch after batch, while Teams' limits hold one chat's cards back, and keeps that chat's cards in order", async () => {
    // A chair with a card from each of two core groups, queued among forty others' cards.
    await queue('chair', 'chair-1');
    for (let i = 0; i < 20; i++) await queue(`member-${i}`, `member-${i}`);
    await queue('chair', 'chair-2');
    for (let i = 20; i < 40; i++) await queue(`member-${i}`, `member-${i}`);

    let releaseChair: () => void = () => undefined;
    const chairHeld = new Promise<void>((resolve) => (releaseChair = resolve));
    const delivered: string[] = [];
    const started: string[] = [];
    const deliver = async (m: ClaimedMessage) => {
      const key = m.idempotencyKey;
      started.push(key);
      // The chair's chat is over its limit: its first card waits (the messenger's pacing) until released.
      if (key === 'chair-1') await chairHeld;
      delivered.push(key);
    };
    const worker = startOutboxWorker({ store, clock, deliver, kinds: ['card'], workerId: 'w1', batchSize: 10, lanes: 4 }, 60_000);
    try {
      // Every other card goes, though they span four claims of ten and the chair's first is still waiting.
      await until(() => delivered.filter((k) => k.startsWith('member-')).length === 40);
      expect(delivered).not.toContain('chair-1');
      // The chair's second card waits behind its first: one chat's cards keep their order.
      expect(started).not.toContain('chair-2');
      releaseChair();
      await until(() => delivered.length === 42);
      expect(delivered.filter((k) => k.startsWith('chair-'))).toEqual(['chair-1', 'chair-2']);
    } finally {
      releaseChair();
      await worker.stop();
    }
    const left = await store.outbox.claim('w2', clock.now(), 100, 1, ['card']);
    expect(left).toEqual([]);
  });

  it('finishes the sends in progress when it stops, starts and claims nothing more, and leaves the rest to the next worker', async () => {
    for (let i = 0; i < 6; i++) await queue(`member-${i}`, `member-${i}`);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const delivered: string[] = [];
    let begun = 0;
    const worker = startOutboxWorker(
      {
        store,
        clock,
        deliver: async (m) => {
          begun += 1;
          await held;
          delivered.push(m.idempotencyKey);
        },
        kinds: ['card'],
        workerId: 'w1',
        batchSize: 4,
        lanes: 2,
      },
      60_000,
    );
    // Four claimed, two lanes delivering.
    await until(() => begun === 2);
    const stopping = worker.stop();
    release();
    await stopping;
    // Two were being delivered and finished; the two held but not begun, and the two never claimed,
    // are the next worker's (the held ones once their lease has run out).
    expect(delivered).toHaveLength(2);
    const never = await store.outbox.claim('w2', clock.now(), 100, 120_000, ['card']);
    expect(never).toHaveLength(2);
    for (const m of never) await store.outbox.delivered(m.id, clock.now(), 'w2');
    clock.set('2027-01-04T09:30:00.000Z');
    const leftHeld = await store.outbox.claim('w2', clock.now(), 100, 120_000, ['card']);
    expect([...delivered, ...never.map((m) => m.idempotencyKey), ...leftHeld.map((m) => m.idempotencyKey)].sort()).toEqual([
      'member-0',
      'member-1',
      'member-2',
      'member-3',
      'member-4',
      'member-5',
    ]);
  });
});
