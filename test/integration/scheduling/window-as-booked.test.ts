import { AppContext } from '../../../src/app/context';
import { caseDetail } from '../../../src/app/case-detail';
import { createCase } from '../../../src/app/create-case';
import { bookMeeting, recordMeetingHeld } from '../../../src/app/meetings';
import { checkMeetingTime } from '../../../src/app/outlook';
import { scheduleCardFor } from '../../../bot/core/schedule-card';
import { scheduleView } from '../../../src/app/schedule';
import { formatLong } from '../../../src/domain/calendar/local-date';
import { KyselyStore } from '../../../src/adapters/store/kysely-store';
import { openStore } from '../../../src/adapters/store/open-store';
import { DomainError } from '../../../src/domain/errors';
import { Meeting } from '../../../src/domain/meeting/meeting';
import { builtInRegistry } from '../../../src/domain/policy';
import { fixedClock } from '../../../src/ports/clock';
import { aCase, actor, aMember, PEOPLE } from '../../fixtures/builders';
import { listStaff } from '../../fixtures/staff';
import { FreeBusyCalendar } from '../../support/free-busy-calendar';

/** Everyone free all the time: the window alone decides which times are offered. */
const allFree = () => new FreeBusyCalendar((people) => people.map((p) => ({ personId: p.personId, busy: [] })));

/**
 * Each core group's window counts from the one before as held; the plan counts one not yet held as
 * held on its deadline. Once core group 2 is booked for an earlier day, core group 3's times must be
 * offered inside the window it will have when core group 2 is held as booked, or the booking is
 * flagged outside its window as soon as it is made, and has to be moved once core group 2 is held.
 */
describe('the schedule of a core group after one booked before it', () => {
  let store: KyselyStore;
  let ctx: AppContext;
  // ICPC Fri 18 Dec 2026.
  const clock = fixedClock('2026-12-21T09:00:00.000Z');
  let n = 0;

  beforeAll(async () => {
    store = (await openStore({ kind: 'sqlite', file: ':memory:' })) as KyselyStore;
    ctx = { store, clock, profiles: builtInRegistry };
    await store.transaction((tx) => tx.people.insert({ id: 'sam', ...PEOPLE.sam }));
    await listStaff(ctx);
  });
  afterAll(async () => store.close());

  const members = [aMember('sam'), aMember('maria'), aMember('hv'), aMember('school'), aMember('parent')];
  const openCase = async () => {
    const c = await createCase(ctx, actor('sam'), aCase({ reference: `CP-2026-09${String(++n).padStart(2, '0')}`, members }));
    const meetings = (await store.transaction((tx) => tx.meetings.forCase(c.id))).sort((a, b) => a.number - b.number);
    return { c, first: meetings[0] as Meeting, second: meetings[1] as Meeting, third: meetings[2] as Meeting };
  };
  const bookOn = (m: Meeting, startsAt: string, endsAt: string) =>
    bookMeeting(ctx, actor('sam'), { meetingId: m.id, expectedVersion: m.version, startsAt, endsAt, venue: 'office' });
  // Core group 1 held on its day; core group 2 (within 6 weeks of the ICPC under England's profile)
  // booked for Tue 12 Jan 2027, well before its deadline of Fri 29 Jan; core group 3 counts from it.
  const FIRST = { startsAt: '2026-12-22T10:00:00.000Z', endsAt: '2026-12-22T11:30:00.000Z' };
  const EARLY = { startsAt: '2027-01-12T10:00:00.000Z', endsAt: '2027-01-12T11:30:00.000Z' };

  /** A case with core group 1 held on 22 Dec (the clock then back to the morning of 23 Dec). */
  const withFirstHeld = async () => {
    const opened = await openCase();
    clock.set('2026-12-21T09:00:00.000Z');
    await bookOn(opened.first, FIRST.startsAt, FIRST.endsAt);
    clock.set('2026-12-22T12:00:00.000Z');
    await recordMeetingHeld(ctx, actor('sam'), { meetingId: opened.first.id, heldOn: '2026-12-22', attendance: [] });
    clock.set('2026-12-23T09:00:00.000Z');
    const meetings = await store.transaction((tx) => tx.meetings.forCase(opened.c.id));
    const live = (n: number) => meetings.find((m) => m.number === n && m.status === 'planned') as Meeting;
    return { c: opened.c, second: live(2), third: live(3) };
  };

  /** Core group 3's window as the re-plan gives it once core group 2 is held on 12 Jan: the answer the schedule must agree with. */
  const windowOnceHeldEarly = async () => {
    const { c, second } = await withFirstHeld();
    await bookOn(second, EARLY.startsAt, EARLY.endsAt);
    clock.set('2027-01-12T12:00:00.000Z');
    await recordMeetingHeld(ctx, actor('sam'), { meetingId: second.id, heldOn: '2027-01-12', attendance: [] });
    const third = (await store.transaction((tx) => tx.meetings.forCase(c.id))).find((m) => m.number === 3 && m.status === 'planned') as Meeting;
    return { earliest: third.earliest ?? third.due, due: third.due };
  };

  it('offers core group 3 inside the window it will have once core group 2 is held as booked', async () => {
    const expected = await windowOnceHeldEarly();
    const { second, third } = await withFirstHeld();
    // The plan, counting core group 2 as held on its deadline, gives core group 3 a later one.
    expect(third.due > expected.due).toBe(true);
    await bookOn(second, EARLY.startsAt, EARLY.endsAt);

    const view = await scheduleView(ctx, allFree(), actor('sam'), { meetingId: third.id, durationMinutes: 90 });
    expect({ earliest: view.window.earliest, due: view.window.due }).toEqual(expected);
    expect(view.slots.length).toBeGreaterThan(0);
    expect(view.slots.filter((s) => !s.afterDeadline).every((s) => s.day >= expected.earliest && s.day <= expected.due)).toBe(true);
    expect(view.slots.filter((s) => s.afterDeadline).every((s) => s.day > expected.due)).toBe(true);
    expect(view.window.explanation).toContain('Core group 2 is booked for Tue 12 Jan 2027: held then, this one is due by');
  });

  it('checks a time chosen in Outlook against the same window, and says why it is sooner than the plan', async () => {
    const expected = await windowOnceHeldEarly();
    const { second, third } = await withFirstHeld();
    await bookOn(second, EARLY.startsAt, EARLY.endsAt);
    // A day after the deadline core group 3 will have, but before the one the plan gives it now.
    const day = third.due;
    const check = await checkMeetingTime(ctx, actor('sam'), { meetingId: third.id, startsAt: `${day}T10:00:00.000Z`, endsAt: `${day}T11:30:00.000Z` });
    expect(check.window).toEqual(expected);
    expect(check.afterDeadline).toBe(true);
    expect(check.problems[0]).toContain(`deadline of ${formatLong(expected.due)}, once core group 2 is held on Tue 12 Jan 2027 as booked`);
  });

  it('shows the chair, on the case page, the window core group 3 is booked in and why', async () => {
    const expected = await windowOnceHeldEarly();
    const { c, second, third } = await withFirstHeld();
    await bookOn(second, EARLY.startsAt, EARLY.endsAt);
    const shown = (await caseDetail(ctx, actor('sam'), c.id)).meetings.find((m) => m.id === third.id);
    expect(shown).toMatchObject({ due: third.due, asBooked: { ...expected, after: { number: 2, day: '2027-01-12' } } });
    // Core group 2 itself, and those after core group 3, have no window brought forward.
    expect((await caseDetail(ctx, actor('sam'), c.id)).meetings.filter((m) => m.asBooked).map((m) => m.number)).toEqual([3]);
  });

  it("gives the bot's schedule card the same deadline its times are judged against", async () => {
    const expected = await windowOnceHeldEarly();
    const { second, third } = await withFirstHeld();
    await bookOn(second, EARLY.startsAt, EARLY.endsAt);
    const card = await scheduleCardFor(
      {
        ctx,
        links: { caseUrl: (id) => `#/cases/${id}`, minutesUrl: (id) => `#/minutes/${id}` },
        scheduling: { calendar: allFree(), durationMinutes: 90, workingHours: { start: '09:30', end: '16:30' } },
      },
      actor('sam'),
      third.id,
    );
    expect(JSON.stringify(card)).toContain(`must be held by ${formatLong(expected.due)}`);
  });

  it('takes the time the chair proposes for core group 2 as booked, on the series page, and books nothing', async () => {
    const expected = await windowOnceHeldEarly();
    const { c, second, third } = await withFirstHeld();
    const before = (await store.transaction((tx) => tx.outbox.forCase(c.id))).length;
    const view = await scheduleView(ctx, allFree(), actor('sam'), {
      meetingId: third.id,
      durationMinutes: 90,
      proposed: [{ meetingId: second.id, startsAt: EARLY.startsAt }],
    });
    expect({ earliest: view.window.earliest, due: view.window.due }).toEqual(expected);
    expect(view.window.explanation).toContain('Core group 2 is to be booked for Tue 12 Jan 2027');
    // Nothing booked, nothing queued (everyone is free: no warning either): the proposal is only weighed.
    expect((await store.transaction((tx) => tx.meetings.byId(second.id)))?.status).toBe('planned');
    expect((await store.transaction((tx) => tx.outbox.forCase(c.id))).length).toBe(before);
  });

  it('keeps the plan’s deadline when core group 2 is booked after its own, as the booking will be judged against it', async () => {
    const { second, third } = await withFirstHeld();
    await bookMeeting(ctx, actor('sam'), {
      meetingId: second.id,
      expectedVersion: second.version,
      startsAt: '2027-02-02T10:00:00.000Z',
      endsAt: '2027-02-02T11:30:00.000Z',
      venue: 'office',
      lateReason: 'The family are away until February.',
    });
    const view = await scheduleView(ctx, allFree(), actor('sam'), { meetingId: third.id, durationMinutes: 90 });
    expect({ earliest: view.window.earliest, due: view.window.due }).toEqual({ earliest: third.earliest ?? third.due, due: third.due });
    expect(view.window.explanation).not.toContain('booked for');
  });

  it('keeps the plan’s window when nothing before it is booked', async () => {
    const { third } = await withFirstHeld();
    const view = await scheduleView(ctx, allFree(), actor('sam'), { meetingId: third.id, durationMinutes: 90 });
    expect({ earliest: view.window.earliest, due: view.window.due }).toEqual({ earliest: third.earliest ?? third.due, due: third.due });
    expect(view.window.explanation).not.toContain('booked for');
  });

  it('refuses a proposed time for a core group not before this one, or of another case, naming it', async () => {
    const { c, second, third } = await withFirstHeld();
    const held = (await store.transaction((tx) => tx.meetings.forCase(c.id))).find((m) => m.status === 'held') as Meeting;
    const other = await openCase();
    for (const meetingId of [third.id, held.id, other.second.id]) {
      const refusal = await scheduleView(ctx, allFree(), actor('sam'), {
        meetingId: third.id,
        durationMinutes: 90,
        proposed: [
          { meetingId: second.id, startsAt: EARLY.startsAt },
          { meetingId, startsAt: '2027-01-19T10:00:00.000Z' },
        ],
      }).catch((e: unknown) => e);
      expect(refusal).toBeInstanceOf(DomainError);
      expect(refusal).toMatchObject({ code: 'SCHEDULE.INVALID', category: 'invalid', fields: [{ field: 'proposed.1.meetingId' }] });
    }
  });
});
