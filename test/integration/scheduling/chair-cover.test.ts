import { checkChairCover, thereToChair } from '../../../src/app/chair-cover';
import { AppContext } from '../../../src/app/context';
import { createCase } from '../../../src/app/create-case';
import { bookMeeting } from '../../../src/app/meetings';
import { addMember } from '../../../src/app/members';
import { deliverBatch } from '../../../src/app/outbox-worker';
import { setStaffRoles, SYSTEM_ACTOR } from '../../../src/app/staff';
import { openStore } from '../../../src/adapters/store/open-store';
import { builtInRegistry } from '../../../src/domain/policy';
import { Interval } from '../../../src/domain/scheduling/slot-finder';
import { CalendarPerson, FreeBusy } from '../../../src/ports/calendar';
import { fixedClock } from '../../../src/ports/clock';
import { Store } from '../../../src/ports/store';
import { cardDeliveries } from '../../../bot/deliveries';
import { aCase, actor, aMember, PEOPLE } from '../../fixtures/builders';
import { bookFirstCoreGroup } from '../../fixtures/core-group';
import { listStaff } from '../../fixtures/staff';
import { FreeBusyCalendar } from '../../support/free-busy-calendar';
import { RecordingMessenger } from '../../support/recording-messenger';

const DEV = { displayName: 'Dev Patel', email: 'dev.patel@anytown.gov.uk', entraObjectId: '0a000000-0000-4000-8000-0000000000d1' };
const off = (start: string, end: string) => ({ start, end, away: true });

describe('who chairs a core group about to happen, as calendars say', () => {
  const meeting = { startsAt: '2027-01-05T10:00:00.000Z', endsAt: '2027-01-05T11:30:00.000Z' };
  const sick = off('2027-01-04T00:00:00.000Z', '2027-01-09T00:00:00.000Z');
  const cases: [string, Parameters<typeof thereToChair>[1], string[]][] = [
    ['the chair off sick over it, no vice chair', [{ personId: 'sam', busy: [sick] }], []],
    ['the chair merely busy (a commitment they may move)', [{ personId: 'sam', busy: [{ ...sick, away: false }] }], ['sam']],
    ['the chair back by then', [{ personId: 'sam', busy: [off('2027-01-04T00:00:00.000Z', '2027-01-05T00:00:00.000Z')] }], ['sam']],
    [
      'the chair off, a vice chair free',
      [
        { personId: 'sam', busy: [sick] },
        { personId: 'dev', busy: [] },
      ],
      ['dev'],
    ],
    [
      'the chair and the vice chair both off',
      [
        { personId: 'sam', busy: [sick] },
        { personId: 'dev', busy: [sick] },
      ],
      [],
    ],
    ['a calendar that cannot be seen is not taken to be away', [{ personId: 'sam', busy: 'unknown' }], ['sam']],
  ];
  it.each(cases)('%s', (_what, chairs, expected) => expect(thereToChair(meeting, chairs)).toEqual(expected));
});

describe('the chair out of office at a core group about to happen', () => {
  let store: Store;
  let ctx: AppContext;
  let caseId: string;
  let managerId: string;
  const clock = fixedClock('2027-01-04T07:00:00.000Z');
  const links = { caseUrl: (id: string) => `#/cases/${id}`, minutesUrl: (id: string) => `#/minutes/${id}` };
  /** Sam off sick from Monday 4 to Friday 8 January; everyone else in the organisation free. */
  const samOffSick = (away: readonly string[] = [PEOPLE.sam.email]) =>
    new FreeBusyCalendar((people: readonly CalendarPerson[], _window: Interval): FreeBusy[] =>
      people.map((p) => ({
        personId: p.personId,
        busy: !p.inTenant ? ('unknown' as const) : away.includes(p.email) ? [off('2027-01-04T00:00:00.000Z', '2027-01-09T00:00:00.000Z')] : [],
      })),
    );
  const alerts = async () => (await store.transaction((tx) => tx.outbox.forCase(caseId))).filter((m) => m.topic === 'compliance.chair-away');

  beforeEach(async () => {
    clock.set('2027-01-04T07:00:00.000Z');
    store = await openStore({ kind: 'sqlite', file: ':memory:' });
    ctx = { store, clock, profiles: builtInRegistry };
    await store.transaction((tx) => tx.people.insert({ id: 'sam', ...PEOPLE.sam }));
    await listStaff(ctx);
    await setStaffRoles(ctx, SYSTEM_ACTOR, { email: DEV.email, roles: ['social-worker'] });
    // ICPC Fri 18 Dec 2026; core group 1 booked for Tue 5 Jan 2027, 10:00 (its deadline Wed 6 Jan).
    const c = await createCase(ctx, actor('sam'), aCase({ members: [aMember('sam'), aMember('maria'), aMember('hv'), aMember('school'), aMember('parent')] }));
    caseId = c.id;
    managerId = c.managerId;
    clock.set('2026-12-21T09:00:00.000Z');
    await bookFirstCoreGroup(ctx, caseId);
    clock.set('2027-01-04T07:00:00.000Z');
  });
  afterEach(() => store.close());

  it('tells the manager, the working day before, in words they can act on; once however often it runs', async () => {
    expect(await checkChairCover(ctx, samOffSick())).toEqual({ told: 1 });
    await checkChairCover(ctx, samOffSick());
    expect((await alerts()).map((a) => a.payload)).toEqual([
      expect.objectContaining({ obligationId: 'core-group-1', day: '2027-01-05', startsAt: '2027-01-05T10:00:00.000Z', viceChairAway: false }),
    ]);
    const teams = new RecordingMessenger();
    for (let i = 0; i < 3; i++)
      await deliverBatch({ store, clock, deliver: cardDeliveries(ctx, teams, links), kinds: ['card'], workerId: 'w', batchSize: 100, random: () => 0.5 });
    // The manager only: the chair is the one away.
    const told = teams.sent.filter((s) => JSON.stringify(s.card).includes('nobody to chair it'));
    expect(told.map((s) => s.personId)).toEqual([managerId]);
    expect(told[0]?.summary).toBe('Core Groups: nobody can chair a core group of CP-2026-0042 on Tue 5 Jan 2027.');
    const text = JSON.stringify(told[0]?.card);
    expect(text).toContain('Core group 1: nobody to chair it');
    expect(text).toContain('It is booked for Tue 5 Jan 2027, 10:00, and the chair is out of office then.');
    expect(text).toContain('Add a vice chair on the case page (Add a member, role Vice chair) to chair it in their place, or move it.');
    expect(text).toContain("The procedure's deadline is Wed 6 Jan 2027.");
  });

  it('tells a vice chair there to chair it, not the manager; says nothing for a core group more than a working day away', async () => {
    clock.set('2027-01-01T07:00:00.000Z'); // a bank holiday Friday: Tuesday is two working days on
    expect(await checkChairCover(ctx, samOffSick())).toEqual({ told: 0 });
    clock.set('2027-01-04T07:00:00.000Z');
    await addMember(ctx, { personId: managerId }, { caseId, member: { person: DEV, agency: 'childrens-social-care', role: 'vice-chair' } });
    // The vice chair is told they chair it; the manager is not asked for anyone.
    expect(await checkChairCover(ctx, samOffSick())).toEqual({ told: 1 });
    expect(await alerts()).toEqual([]);
    const teams = new RecordingMessenger();
    for (let i = 0; i < 3; i++)
      await deliverBatch({ store, clock, deliver: cardDeliveries(ctx, teams, links), kinds: ['card'], workerId: 'w', batchSize: 100, random: () => 0.5 });
    const dev = (await store.transaction((tx) => tx.people.byEmail(DEV.email)))!.id;
    const toldDev = teams.sent.filter((s) => JSON.stringify(s.card).includes('You chair core group 1'));
    expect(toldDev.map((s) => s.personId)).toEqual([dev]);
    expect(JSON.stringify(toldDev[0]?.card)).toContain(
      'Sam Okafor, the chair, is out of office on Tue 5 Jan 2027, 10:00, when it is booked. As vice chair, you chair it in their place.',
    );
    expect(toldDev[0]?.summary).toBe('Core Groups: you chair core group 1 of CP-2026-0042 on Tue 5 Jan 2027, 10:00.');
    expect(teams.sent.some((s) => JSON.stringify(s.card).includes('nobody to chair it'))).toBe(false);
    // With the chair back, nobody is told anything.
    expect(await checkChairCover(ctx, samOffSick([]))).toEqual({ told: 0 });
    // The vice chair off too: the manager is asked for another.
    expect(await checkChairCover(ctx, samOffSick([PEOPLE.sam.email, DEV.email]))).toEqual({ told: 1 });
    expect((await alerts())[0]?.payload).toMatchObject({ viceChairAway: true });
  });

  it('drops the alert when the core group has been moved by the time it goes out', async () => {
    await checkChairCover(ctx, samOffSick());
    const [first] = await store.transaction((tx) => tx.meetings.forCase(caseId));
    // Dev, from the team, takes the afternoon instead (the manager moved it to when cover was found).
    await bookMeeting(ctx, actor('sam'), {
      meetingId: first!.id,
      expectedVersion: first!.version,
      startsAt: '2027-01-05T13:00:00Z',
      endsAt: '2027-01-05T14:30:00Z',
      venue: 'office',
    });
    const teams = new RecordingMessenger();
    for (let i = 0; i < 3; i++)
      await deliverBatch({ store, clock, deliver: cardDeliveries(ctx, teams, links), kinds: ['card'], workerId: 'w', batchSize: 100, random: () => 0.5 });
    expect(teams.sent.filter((s) => JSON.stringify(s.card).includes('nobody to chair it'))).toEqual([]);
  });
});
