import { AppContext } from '../../../src/app/context';
import { listStaff } from '../../fixtures/staff';
import { createCase } from '../../../src/app/create-case';
import { bookMeeting } from '../../../src/app/meetings';
import { deliverBatch, OutboxWorkerDeps } from '../../../src/app/outbox-worker';
import { scheduleReminders } from '../../../src/app/reminders';
import { openStore } from '../../../src/adapters/store/open-store';
import { builtInRegistry } from '../../../src/domain/policy';
import { fixedClock } from '../../../src/ports/clock';
import { Store } from '../../../src/ports/store';
import { Meeting } from '../../../src/domain/meeting/meeting';
import { cardDeliveries } from '../../../bot/deliveries';
import { RecordingMessenger } from '../../support/recording-messenger';
import { aCase, actor, aMember, PEOPLE } from '../../fixtures/builders';
import { bookFirstCoreGroup } from '../../fixtures/core-group';

/** A moved core group: members keep one agenda card, updated with the new time, not a second one. */
describe('the agenda when a core group moves', () => {
  let store: Store;
  let ctx: AppContext;
  let messenger: RecordingMessenger;
  let deps: OutboxWorkerDeps;
  let meeting: Meeting;
  const clock = fixedClock('2026-12-21T08:00:00.000Z');

  beforeEach(async () => {
    store = await openStore({ kind: 'sqlite', file: ':memory:' });
    ctx = { store, clock, profiles: builtInRegistry };
    messenger = new RecordingMessenger();
    deps = {
      store,
      clock,
      deliver: cardDeliveries(ctx, messenger, { caseUrl: (id) => `#/cases/${id}`, minutesUrl: (id) => `#/minutes/${id}` }),
      kinds: ['card'],
      workerId: 'w',
      batchSize: 100,
      random: () => 0.5,
    };
    clock.set('2026-12-21T08:00:00.000Z');
    await store.transaction((tx) => tx.people.insert({ id: 'sam', ...PEOPLE.sam }));
    await listStaff(ctx);
    const c = await createCase(ctx, actor('sam'), aCase({ members: [aMember('sam'), aMember('maria'), aMember('hv'), aMember('school')] }));
    meeting = await bookFirstCoreGroup(ctx, c.id);
    await drain();
  });
  afterEach(() => store.close());

  const drain = async () => {
    for (let i = 0; i < 10 && (await deliverBatch(deps)).delivered > 0; i++);
  };
  const agendas = <T extends { card: object }>(cards: readonly T[]): T[] => cards.filter((s) => JSON.stringify(s.card).includes('Agenda'));
  const agendaSends = () => agendas(messenger.sent);

  it('updates each member’s agenda card in place, with the new time, when the meeting moves', async () => {
    const recipients = agendaSends()
      .map((s) => s.personId)
      .sort();
    expect(recipients.length).toBeGreaterThan(1);
    // Core group 1's own business, read from its obligations: the dates to the review are set there.
    expect(JSON.stringify(agendaSends()[0]!.card)).toContain('Set the dates of the core groups up to the next review conference');
    await bookMeeting(ctx, actor('sam'), {
      meetingId: meeting.id,
      expectedVersion: meeting.version,
      startsAt: '2027-01-05T13:00:00Z',
      endsAt: '2027-01-05T14:30:00Z',
      venue: 'office',
    });
    await drain();
    expect(
      agendaSends()
        .map((s) => s.personId)
        .sort(),
    ).toEqual(recipients);
    const updates = agendas(messenger.updated);
    expect(updates.map((u) => u.conversationId).sort()).toEqual(recipients.map((p) => `personal:${p}`));
    // 13:00 GMT on Tuesday 5 January 2027, as the card words it.
    for (const u of updates) expect(JSON.stringify(u.card)).toContain('13:00');
  });

  it('sends nothing when a re-booking leaves the time and place as they were', async () => {
    const before = { sent: messenger.sent.length, updated: messenger.updated.length };
    await bookMeeting(ctx, actor('sam'), {
      meetingId: meeting.id,
      expectedVersion: meeting.version,
      startsAt: meeting.startsAt!,
      endsAt: meeting.endsAt!,
      venue: 'office',
    });
    await drain();
    expect({ sent: messenger.sent.length, updated: messenger.updated.length }).toEqual(before);
  });

  it('still posts the agenda afresh the working day before, once', async () => {
    const before = agendaSends().length;
    clock.set('2027-01-04T07:00:00.000Z');
    await scheduleReminders(ctx);
    await scheduleReminders(ctx);
    await drain();
    expect(agendaSends().length).toBe(2 * before);
  });
});
