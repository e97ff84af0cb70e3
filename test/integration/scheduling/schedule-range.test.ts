import { AppContext } from '../../../src/app/context';
import { createCase } from '../../../src/app/create-case';
import { addMember } from '../../../src/app/members';
import { deliverBatch } from '../../../src/app/outbox-worker';
import { cardDeliveries } from '../../../bot/deliveries';
import { RecordingMessenger } from '../../support/recording-messenger';
import { scheduleView } from '../../../src/app/schedule';
import { setStaffRoles, SYSTEM_ACTOR } from '../../../src/app/staff';
import { KyselyStore } from '../../../src/adapters/store/kysely-store';
import { openStore } from '../../../src/adapters/store/open-store';
import { builtInRegistry } from '../../../src/domain/policy';
import { Interval } from '../../../src/domain/scheduling/slot-finder';
import { CalendarPerson, FreeBusy } from '../../../src/ports/calendar';
import { fixedClock } from '../../../src/ports/clock';
import { aCase, actor, aMember, PEOPLE } from '../../fixtures/builders';
import { listStaff } from '../../fixtures/staff';
import { bookFirstCoreGroup } from '../../fixtures/core-group';
import { FreeBusyCalendar } from '../../support/free-busy-calendar';

/**
 * A fully booked organisation, as its calendars answer: everyone who can be seen is busy across the
 * whole window asked about, and nothing is said about any other day (Graph's getSchedule answers
 * only for the window asked).
 */
class BookedSolid extends FreeBusyCalendar {
  constructor() {
    super((people, window) => people.map((p) => ({ personId: p.personId, busy: p.inTenant ? [window] : ('unknown' as const) })));
  }
}

/** Sam, the chair, out of office on every day asked about; everyone else in the organisation free. */
class ChairOffSick extends BookedSolid {
  override async freeBusy(people: readonly CalendarPerson[], window: Interval): Promise<FreeBusy[]> {
    return people.map((p) => ({
      personId: p.personId,
      busy: !p.inTenant ? ('unknown' as const) : p.email === PEOPLE.sam.email ? [{ ...window, away: true }] : [],
    }));
  }
}

const DEV = { displayName: 'Dev Patel', email: 'dev.patel@anytown.gov.uk', entraObjectId: '0a000000-0000-4000-8000-0000000000d1' };

describe('the schedule for a core group', () => {
  let store: KyselyStore;
  let ctx: AppContext;
  // ICPC Fri 18 Dec 2026: core group 1 is due within 10 working days; the chair looks on Mon 21 Dec.
  const clock = fixedClock('2026-12-21T09:00:00.000Z');

  beforeAll(async () => {
    store = (await openStore({ kind: 'sqlite', file: ':memory:' })) as KyselyStore;
    ctx = { store, clock, profiles: builtInRegistry };
    await store.transaction((tx) => tx.people.insert({ id: 'sam', ...PEOPLE.sam }));
    await listStaff(ctx);
  });
  afterAll(async () => store.close());

  it('offers no time on a day whose free/busy it did not read, where everyone would look free', async () => {
    const c = await createCase(ctx, actor('sam'), aCase({ members: [aMember('sam'), aMember('maria'), aMember('hv'), aMember('school'), aMember('parent')] }));
    const first = (await store.transaction((tx) => tx.meetings.forCase(c.id))).find((m) => m.number === 1);
    if (!first) throw new Error('no first core group');
    const calendar = new BookedSolid();
    const view = await scheduleView(ctx, calendar, actor('sam'), { meetingId: first.id, durationMinutes: 90 });

    // Nothing inside the window or after it can go ahead: the chair is busy on every day read.
    expect(view.compliant).toBe(false);
    expect(view.slots.length).toBeGreaterThan(0);
    expect(view.slots.every((s) => !s.canGoAhead)).toBe(true);
    // Every time offered lies inside what was read, and shows the chair busy.
    const read = calendar.asked[0] as Interval;
    expect(view.range).toEqual(read);
    expect(view.slots.every((s) => s.start >= read.start && s.end <= read.end)).toBe(true);
    expect(view.slots.every((s) => s.busy.includes('Sam Okafor'))).toBe(true);
  });

  it('offers no time at all while the chair is out of office on every day it looks at, and says so', async () => {
    const c = await createCase(
      ctx,
      actor('sam'),
      aCase({ reference: 'CP-2026-0078', members: [aMember('sam'), aMember('maria'), aMember('hv'), aMember('school'), aMember('parent')] }),
    );
    const first = (await store.transaction((tx) => tx.meetings.forCase(c.id))).find((m) => m.number === 1)!;
    const view = await scheduleView(ctx, new ChairOffSick(), actor('sam'), { meetingId: first.id, durationMinutes: 90 });
    expect(view.slots).toEqual([]);
    expect(view.compliant).toBe(false);
    expect(view.warning).toMatch(
      /^No time up to .+ can go ahead: Sam Okafor is out of office\. The manager has been told\. A vice chair added to the case \(Add a member, on the case page\) can chair in Sam Okafor's place: Maria Lindqvist is on the staff list and at work on some of these days\. Add one, or look again when they are back\.$/,
    );
    // The alert to the chair and manager says why, so the manager can add one.
    const alert = (await store.transaction((tx) => tx.outbox.forCase(c.id))).find((m) => m.topic === 'compliance.no-compliant-slot');
    expect(alert?.payload).toMatchObject({ chairAway: true });
    const teams = new RecordingMessenger();
    const links = { caseUrl: (id: string) => `#/cases/${id}`, minutesUrl: (id: string) => `#/minutes/${id}` };
    for (let i = 0; i < 3; i++)
      await deliverBatch({ store, clock, deliver: cardDeliveries(ctx, teams, links), kinds: ['card'], workerId: 'w', batchSize: 100, random: () => 0.5 });
    const toManager = teams.sent.find((s) => s.personId === c.managerId && s.summary.includes('a deadline needs attention on CP-2026-0078'));
    expect(JSON.stringify(toManager?.card)).toContain('the chair is out of office for part of the window');
    expect(JSON.stringify(toManager?.card)).toContain('Add a vice chair on the case page (Add a member, role Vice chair): either of them can chair');

    // The manager adds a vice chair: times inside the window are offered, with the vice chair to chair.
    await setStaffRoles(ctx, SYSTEM_ACTOR, { email: DEV.email, roles: ['social-worker'] });
    await addMember(ctx, { personId: c.managerId }, { caseId: c.id, member: { person: DEV, agency: 'childrens-social-care', role: 'vice-chair' } });
    const covered = await scheduleView(ctx, new ChairOffSick(), actor('sam'), { meetingId: first.id, durationMinutes: 90 });
    expect(covered.compliant).toBe(true);
    expect(covered.warning).toBeUndefined();
    expect(covered.slots[0]).toMatchObject({ afterDeadline: false, canGoAhead: true, busy: ['Sam Okafor'] });
    expect(covered.slots[0]?.free).toContain('Dev Patel');
  });

  it('counts a manager who is also the vice chair as able to chair, not as an optional manager', async () => {
    const c = await createCase(
      ctx,
      actor('sam'),
      aCase({ reference: 'CP-2026-0079', members: [aMember('sam'), aMember('maria'), aMember('hv'), aMember('school'), aMember('parent')] }),
    );
    await addMember(ctx, { personId: c.managerId }, { caseId: c.id, member: { person: PEOPLE.maria, agency: 'childrens-social-care', role: 'vice-chair' } });
    const first = (await store.transaction((tx) => tx.meetings.forCase(c.id))).find((m) => m.number === 1)!;
    const view = await scheduleView(ctx, new ChairOffSick(), actor('sam'), { meetingId: first.id, durationMinutes: 90 });
    expect(view.attendees.filter((a) => a.displayName === 'Maria Lindqvist')).toMatchObject([{ role: 'Vice chair', essential: true, required: true }]);
    expect(view.compliant).toBe(true);
    expect(view.slots[0]).toMatchObject({ afterDeadline: false, canGoAhead: true, busy: ['Sam Okafor'] });
  });

  it('moving a booked core group, shows its current time free for those whose only commitment then is the core group itself', async () => {
    const c = await createCase(
      ctx,
      actor('sam'),
      aCase({ reference: 'CP-2026-0077', members: [aMember('sam'), aMember('maria'), aMember('hv'), aMember('school')] }),
    );
    const booked = await bookFirstCoreGroup(ctx, c.id);
    const own = { start: booked.startsAt as string, end: booked.endsAt as string };
    // Everyone invited has the core group in their diary; the school has a governors' meeting over it too.
    const governors = { start: '2027-01-05T09:00:00.000Z', end: '2027-01-05T12:00:00.000Z' };
    class Invited extends BookedSolid {
      override async freeBusy(people: readonly CalendarPerson[]): Promise<FreeBusy[]> {
        return people.map((p) => ({ personId: p.personId, busy: p.email === PEOPLE.school.email ? [own, governors] : [own] }));
      }
    }
    const view = await scheduleView(ctx, new Invited(), actor('sam'), { meetingId: booked.id, durationMinutes: 90 });
    const busyOf = (name: string) => view.attendees.find((a) => a.displayName === name)?.busy;
    expect(busyOf('Sam Okafor')).toEqual([]);
    expect(busyOf('Priya Desai')).toEqual([]);
    expect(busyOf('Tom Farrell')).toEqual([governors]);
    // A core group not yet booked has no invitation to leave out: a busy time at the same moments stays.
    const second = (await store.transaction((tx) => tx.meetings.forCase(c.id))).find((m) => m.number === 2);
    if (!second) throw new Error('no second core group');
    const planned = await scheduleView(ctx, new Invited(), actor('sam'), { meetingId: second.id, durationMinutes: 90 });
    expect(planned.attendees.find((a) => a.displayName === 'Sam Okafor')?.busy).toEqual([own]);
  });
});
