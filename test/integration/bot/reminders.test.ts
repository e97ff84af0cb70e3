import { AppContext } from '../../../src/app/context';
import { listStaff } from '../../fixtures/staff';
import { createCase } from '../../../src/app/create-case';
import { bookMeeting } from '../../../src/app/meetings';
import { removeMember } from '../../../src/app/members';
import { deliverBatch, OutboxWorkerDeps } from '../../../src/app/outbox-worker';
import { scheduleReminders } from '../../../src/app/reminders';
import { requestReports, submitReport } from '../../../src/app/reports';
import { openStore } from '../../../src/adapters/store/open-store';
import { builtInRegistry } from '../../../src/domain/policy';
import { fixedClock } from '../../../src/ports/clock';
import { Store } from '../../../src/ports/store';
import { cardDeliveries } from '../../../bot/deliveries';
import { RecordingMessenger } from '../../support/recording-messenger';
import { aCase, actor, aMember, aReport, PEOPLE } from '../../fixtures/builders';

describe('reminders: chasers, the chair’s summary, the agenda the day before, compliance alerts', () => {
  let store: Store;
  let ctx: AppContext;
  let messenger: RecordingMessenger;
  let deps: OutboxWorkerDeps;
  const clock = fixedClock('2026-12-21T08:00:00.000Z');
  const ids: Record<string, string> = {};
  let hvReport: string;

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
    for (const who of ['maria', 'hv', 'school'] as const) ids[who] = (await store.transaction((tx) => tx.people.byEmail(PEOPLE[who].email)))!.id;
    const first = (await store.transaction((tx) => tx.meetings.forCase(c.id)))[0]!;
    // Core group 1 (due Wed 6 Jan 2027) booked for Tue 5 Jan, 10:00.
    await bookMeeting(ctx, actor('sam'), {
      meetingId: first.id,
      expectedVersion: first.version,
      startsAt: '2027-01-05T10:00:00Z',
      endsAt: '2027-01-05T11:30:00Z',
      venue: 'office',
    });
    const reports = await requestReports(ctx, actor('sam'), { meetingId: first.id });
    const hvMember = (await store.transaction((tx) => tx.members.forCase(c.id))).find((m) => m.personId === ids.hv)!;
    hvReport = reports.find((r) => r.memberId === hvMember.id)!.id;
    await drain(); // the initial requests and agenda
    messenger.sent.length = 0;
  });
  afterEach(() => store.close());

  /** Delivers until nothing is left (a fan-out queues more messages for the next batch). */
  const drain = async () => {
    for (let i = 0; i < 10 && (await deliverBatch(deps)).delivered > 0; i++);
  };

  const summaries = () =>
    messenger.sent.map((s) => `${s.personId === 'sam' ? 'sam' : Object.entries(ids).find(([, v]) => v === s.personId)?.[0]}: ${s.summary}`).sort();

  it('chases missing updates 3 working days before (skipping the bank holiday), and tells the chair who is missing', async () => {
    // Wed 30 Dec: 31 Dec, 4 Jan and 5 Jan are the 3 working days to the meeting (1 Jan is a bank holiday).
    clock.set('2026-12-30T07:00:00.000Z');
    await scheduleReminders(ctx);
    await drain();
    expect(summaries()).toEqual([
      'hv: Core Groups: reminder, your update for CP-2026-0042 is due.',
      'sam: Core Groups: updates are missing for CP-2026-0042.',
      'school: Core Groups: reminder, your update for CP-2026-0042 is due.',
    ]);
    expect(JSON.stringify(messenger.sent.find((s) => s.summary.includes('reminder'))!.card)).toContain('is in 3 working days');
  });

  it('stops chasing as soon as the update is in, and sends the agenda again the working day before', async () => {
    clock.set('2026-12-31T12:00:00.000Z');
    await submitReport(ctx, actor(ids.hv!), { reportId: hvReport, content: aReport() });
    clock.set('2027-01-04T07:00:00.000Z');
    await scheduleReminders(ctx);
    await drain(); // the agenda fans out into one card per member
    expect(summaries()).toEqual([
      'hv: Core Groups: agenda for CP-2026-0042 core group 1.',
      'maria: Core Groups: agenda for CP-2026-0042 core group 1.',
      'sam: Core Groups: agenda for CP-2026-0042 core group 1.',
      'sam: Core Groups: updates are missing for CP-2026-0042.',
      'school: Core Groups: agenda for CP-2026-0042 core group 1.',
      'school: Core Groups: reminder, your update for CP-2026-0042 is due.',
    ]);
  });

  it('asks nothing more of someone who has left the core group: their chaser goes quietly, not to the dead letters', async () => {
    const caseId = (await store.transaction((tx) => tx.reports.byId(hvReport)))!.caseId;
    const school = (await store.transaction((tx) => tx.members.forCase(caseId))).find((m) => m.personId === ids.school)!;
    clock.set('2026-12-29T12:00:00.000Z');
    await removeMember(ctx, actor('sam'), { caseId, memberId: school.id });
    clock.set('2026-12-30T07:00:00.000Z');
    await scheduleReminders(ctx);
    await drain();
    expect(summaries().filter((s) => s.startsWith('school'))).toEqual([]);
    // Nor does the chair hear that the school's update is missing; the health visitor's is.
    const missing = JSON.stringify(messenger.sent.find((s) => s.summary.includes('updates are missing'))!.card);
    expect(missing).toContain(PEOPLE.hv.displayName);
    expect(missing).not.toContain(PEOPLE.school.displayName);
    // Delivered (nothing to send), not failing towards the dead letters after its retries.
    const chasers = (await store.transaction((tx) => tx.outbox.forCase(caseId))).filter((m) => m.topic === 'report.chase');
    expect(chasers.map((m) => m.status)).toEqual(chasers.map(() => 'delivered'));
    expect(chasers).toHaveLength(2);
  });

  it('sends nothing twice when the scan runs twice (or on two servers)', async () => {
    clock.set('2026-12-30T07:00:00.000Z');
    await scheduleReminders(ctx);
    await scheduleReminders(ctx);
    await drain();
    expect(messenger.sent).toHaveLength(3);
  });

  it('alerts the chair and the manager to a deadline 2 working days away, and to a missed one', async () => {
    // Minutes of core group 1 are due with the manager 5 working days after the meeting's due day;
    // on Mon 11 Jan nothing has been held, so core group 1 (due 6 Jan) is missed.
    clock.set('2027-01-11T07:00:00.000Z');
    await scheduleReminders(ctx);
    await drain();
    const alerts = messenger.sent.filter((s) => s.summary.includes('a deadline needs attention'));
    expect(alerts.map((s) => s.personId).sort()).toEqual(expect.arrayContaining(['sam', ids.maria]));
    expect(alerts.map((s) => JSON.stringify(s.card)).join()).toContain('Core group 1: missed');
  });
});
