import { openStore } from '../../../src/adapters/store/open-store';
import { KyselyStore } from '../../../src/adapters/store/kysely-store';
import { AppContext } from '../../../src/app/context';
import { createCase } from '../../../src/app/create-case';
import { warnChairIfDeadlineAtRisk } from '../../../src/app/delivery-at-risk';
import { deliverBatch } from '../../../src/app/outbox-worker';
import { builtInRegistry } from '../../../src/domain/policy';
import { fixedClock } from '../../../src/ports/clock';
import { DeliveryError } from '../../../src/ports/messenger';
import { OutboxMessage, Store } from '../../../src/ports/store';
import { aCase, actor, PEOPLE } from '../../fixtures/builders';
import { listStaff } from '../../fixtures/staff';

/** When the chair is told that something a deadline depends on is stuck, and through which channel. */
describe('the chair told when a deadline is at risk', () => {
  let store: Store;
  let ctx: AppContext;
  let caseId: string;
  let meetingId: string;
  const clock = fixedClock('2027-01-04T09:00:00.000Z');

  beforeEach(async () => {
    clock.set('2027-01-04T09:00:00.000Z');
    store = await openStore({ kind: 'sqlite', file: ':memory:' });
    ctx = { store, clock, profiles: builtInRegistry };
    await store.transaction((tx) => tx.people.insert({ id: 'sam', ...PEOPLE.sam }));
    await listStaff(ctx);
    caseId = (await createCase(ctx, actor('sam'), aCase())).id;
    meetingId = (await store.transaction((tx) => tx.meetings.forCase(caseId))).sort((a, b) => a.number - b.number)[0]!.id;
  });
  afterEach(() => store.close());

  /** Queues one message, then fails it every `stepMinutes` for `minutes`, with the failure given. */
  const failFor = async (message: OutboxMessage, minutes: number, failure: DeliveryError, stepMinutes = 5) => {
    await store.transaction((tx) => tx.outbox.enqueue(message, clock.now()));
    for (let m = 0; m < minutes; m += stepMinutes) {
      clock.set(new Date(Date.parse(clock.now()) + stepMinutes * 60_000).toISOString());
      await deliverBatch({
        store,
        clock,
        deliver: async () => Promise.reject(failure),
        kinds: [message.kind],
        workerId: 'w',
        random: () => 0,
        stillWaiting: (msg, waited) => warnChairIfDeadlineAtRisk(ctx, msg, waited),
      });
    }
  };
  const alerts = async () =>
    (await (store as KyselyStore).db.selectFrom('outbox').select(['kind', 'topic', 'payload']).where('idempotency_key', 'like', 'at-risk:%').execute()).map(
      (r) => ({ kind: r.kind, topic: r.topic, payload: JSON.parse(r.payload) as Record<string, unknown> }),
    );
  const agenda = (personId: string): OutboxMessage => ({
    kind: 'card',
    topic: 'agenda.send',
    payload: { meetingId, personId },
    idempotencyKey: `agenda:${personId}`,
    caseId,
  });

  it('Teams down for 25 minutes: nobody told; for 35: the chair mailed once, whatever else is stuck', async () => {
    await failFor(agenda('hv'), 25, new DeliveryError('Service Unavailable', 503));
    expect(await alerts()).toEqual([]);
    await failFor(agenda('school'), 35, new DeliveryError('socket hang up'));
    const told = await alerts();
    expect(told).toEqual([
      {
        kind: 'mail',
        topic: 'delivery.at-risk',
        payload: expect.objectContaining({ personId: 'sam', subject: 'Core Groups: CP-2026-0042 (LRE): the agenda not sent yet' }),
      },
    ]);
    expect((told[0]!.payload.lines as string[])[1]).toMatch(/^Core group 1 is due by /);
    expect(JSON.stringify(told)).not.toContain('Lily');
  });

  it('Outlook down: the chair gets a card instead', async () => {
    await failFor(
      { kind: 'calendar', topic: 'calendar.create-event', payload: { meetingId }, idempotencyKey: 'calendar:1', caseId },
      35,
      new DeliveryError('Microsoft Graph call failed: Service Unavailable', 503),
    );
    expect(await alerts()).toEqual([
      {
        kind: 'card',
        topic: 'notice.send',
        payload: expect.objectContaining({ personId: 'sam', summary: 'Core Groups: CP-2026-0042 (LRE): the invitation not sent yet' }),
      },
    ]);
  });

  it('nobody told for what no deadline hangs on, a throttle, or a member who has not opened the app yet', async () => {
    await failFor(
      { kind: 'card', topic: 'notice.send', payload: { personId: 'hv', card: {}, summary: 's' }, idempotencyKey: 'notice:1', caseId },
      60,
      new DeliveryError('Service Unavailable', 503),
    );
    await failFor(agenda('maria'), 60, new DeliveryError('Too Many Requests', 429, 60_000));
    await failFor(agenda('bs'), 60, new DeliveryError('no Teams chat with person bs yet', undefined, 15 * 60_000), 15);
    expect(await alerts()).toEqual([]);
  });
});
