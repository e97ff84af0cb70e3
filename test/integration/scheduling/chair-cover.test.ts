import { checkChairCover, freeToCover, nobodyThereToChair, thereToChair, thereToCover } from '../../../src/app/chair-cover';
import { scheduleView } from '../../../src/app/schedule';
import { cardActions } from '../../../bot/core/card-actions';
import { calendarDeliveries } from '../../../src/app/calendar-sync';
import { EmbeddedCalendar } from '../../../src/adapters/local/embedded-calendar';
import { KyselyStore } from '../../../src/adapters/store/kysely-store';
import { VERBS } from '../../../bot/verbs';
import { isDomainError } from '../../../src/domain/errors';
import { AppContext } from '../../../src/app/context';
import { createCase } from '../../../src/app/create-case';
import { bookMeeting, cancelMeeting } from '../../../src/app/meetings';
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

/** Delivers the cards queued, three passes (a card's delivery may queue others), to a recording messenger. */
async function deliverCards(ctx: AppContext, teams: RecordingMessenger, links: Parameters<typeof cardDeliveries>[2]): Promise<void> {
  for (let i = 0; i < 3; i++)
    await deliverBatch({
      store: ctx.store,
      clock: ctx.clock,
      deliver: cardDeliveries(ctx, teams, links),
      kinds: ['card'],
      workerId: 'w',
      batchSize: 100,
      random: () => 0.5,
    });
}

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

  const busy = (start: string, end: string) => ({ start, end });
  const offered: [string, Parameters<typeof freeToCover>[2], string[]][] = [
    ['someone free all of it', [{ personId: 'ana', name: 'Ana', busy: [] }], ['Ana']],
    [
      'someone with a commitment in it (a vice chair must be there for all of it)',
      [{ personId: 'ben', name: 'Ben', busy: [busy('2027-01-05T11:00:00.000Z', '2027-01-05T12:00:00.000Z')] }],
      [],
    ],
    ['someone busy only before it', [{ personId: 'ben', name: 'Ben', busy: [busy('2027-01-05T09:00:00.000Z', '2027-01-05T10:00:00.000Z')] }], ['Ben']],
    ['someone off sick', [{ personId: 'ben', name: 'Ben', busy: [sick] }], []],
    ['someone whose calendar cannot be seen', [{ personId: 'ben', name: 'Ben', busy: 'unknown' }], []],
    ['the chair themself, free after all', [{ personId: 'sam', name: 'Sam', busy: [] }], []],
    ['at most three, by name', ['Dee', 'Ana', 'Cal', 'Bea'].map((name) => ({ personId: name.toLowerCase(), name, busy: [] })), ['Ana', 'Bea', 'Cal']],
  ];
  it.each(offered)("offers in the chair's place: %s", (_what, candidates, expected) =>
    expect(freeToCover(meeting, [{ personId: 'sam' }], candidates).map((c) => c.name)).toEqual(expected),
  );
});

describe('nobody there to chair a core group not yet booked, before its deadline', () => {
  // The working days left before the deadline: Tue 5 and Wed 6 January, 09:00 to 17:00.
  const days = [
    { start: '2027-01-05T09:00:00.000Z', end: '2027-01-05T17:00:00.000Z' },
    { start: '2027-01-06T09:00:00.000Z', end: '2027-01-06T17:00:00.000Z' },
  ];
  const sick = off('2027-01-04T00:00:00.000Z', '2027-01-09T00:00:00.000Z');
  const nobody: [string, Parameters<typeof nobodyThereToChair>[1], boolean][] = [
    ['the chair off sick over every day left', [{ busy: [sick] }], true],
    [
      'the chair off sick in two spells end to end',
      [{ busy: [off('2027-01-04T00:00:00.000Z', '2027-01-06T00:00:00.000Z'), off('2027-01-06T00:00:00.000Z', '2027-01-07T00:00:00.000Z')] }],
      true,
    ],
    ['the chair back on the last day', [{ busy: [off('2027-01-04T00:00:00.000Z', '2027-01-06T00:00:00.000Z')] }], false],
    [
      'the chair away only the morning of the last day',
      [{ busy: [off('2027-01-04T00:00:00.000Z', '2027-01-06T00:00:00.000Z'), off('2027-01-06T09:00:00.000Z', '2027-01-06T12:00:00.000Z')] }],
      false,
    ],
    ['the chair merely busy every day (commitments can move)', [{ busy: [{ ...sick, away: false }] }], false],
    ['the chair off, a vice chair there', [{ busy: [sick] }, { busy: [] }], false],
    ['the chair and the vice chair both off', [{ busy: [sick] }, { busy: [sick] }], true],
    ['a calendar that cannot be seen is not taken to be away', [{ busy: 'unknown' }], false],
  ];
  it.each(nobody)('%s', (_what, chairs, expected) => expect(nobodyThereToChair(days, chairs)).toBe(expected));
  it('is never said with no working day left', () => expect(nobodyThereToChair([], [{ busy: [sick] }])).toBe(false));

  const offered: [string, Parameters<typeof thereToCover>[2], string[]][] = [
    [
      'someone at work one of the days, busy for part of it',
      [{ personId: 'ana', name: 'Ana', busy: [{ start: '2027-01-05T09:00:00.000Z', end: '2027-01-05T12:00:00.000Z' }] }],
      ['Ana'],
    ],
    ['someone off sick every day left', [{ personId: 'ben', name: 'Ben', busy: [sick] }], []],
    ['someone back for the last day', [{ personId: 'ben', name: 'Ben', busy: [off('2027-01-04T00:00:00.000Z', '2027-01-06T00:00:00.000Z')] }], ['Ben']],
    ['someone whose calendar cannot be seen', [{ personId: 'ben', name: 'Ben', busy: 'unknown' }], []],
    ['the chair themself', [{ personId: 'sam', name: 'Sam', busy: [] }], []],
  ];
  it.each(offered)('offers before the deadline: %s', (_what, candidates, expected) =>
    expect(thereToCover(days, [{ personId: 'sam' }], candidates).map((c) => c.name)).toEqual(expected),
  );
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
  /** Core group 1 moved from 10:00 to 13:00 the same day. */
  const moveToTheAfternoon = async () => {
    const [first] = await store.transaction((tx) => tx.meetings.forCase(caseId));
    await bookMeeting(ctx, actor('sam'), {
      meetingId: first!.id,
      expectedVersion: first!.version,
      startsAt: '2027-01-05T13:00:00Z',
      endsAt: '2027-01-05T14:30:00Z',
      venue: 'office',
    });
  };

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
    // Maria, the one other person on the staff list who may chair, is away too: nobody to offer.
    const away = samOffSick([PEOPLE.sam.email, PEOPLE.maria.email]);
    expect(await checkChairCover(ctx, away)).toEqual({ told: 1 });
    await checkChairCover(ctx, away);
    expect((await alerts()).map((a) => a.payload)).toEqual([
      expect.objectContaining({ obligationId: 'core-group-1', day: '2027-01-05', startsAt: '2027-01-05T10:00:00.000Z', viceChairAway: false, cover: [] }),
    ]);
    const teams = new RecordingMessenger();
    await deliverCards(ctx, teams, links);
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
    await deliverCards(ctx, teams, links);
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

  it('offers the manager who is free then and may chair; one press makes them vice chair, invited and told they chair it', async () => {
    // Dev is known (from another case) and free; Ana may chair but has a meeting then; Ruth (an IRO) may not chair.
    await store.transaction((tx) => tx.people.insert({ id: 'dev', ...DEV }));
    const ANA = { displayName: 'Ana Silva', email: 'ana.silva@anytown.gov.uk', entraObjectId: '0a000000-0000-4000-8000-0000000000a1' };
    await store.transaction((tx) => tx.people.insert({ id: 'ana', ...ANA }));
    await setStaffRoles(ctx, SYSTEM_ACTOR, { email: ANA.email, roles: ['social-worker'] });
    await store.transaction((tx) => tx.people.insert({ id: 'ruth', ...PEOPLE.iro }));
    const calendar = new FreeBusyCalendar((people: readonly CalendarPerson[]): FreeBusy[] =>
      people.map((p) => ({
        personId: p.personId,
        busy:
          p.email === PEOPLE.sam.email
            ? [off('2027-01-04T00:00:00.000Z', '2027-01-09T00:00:00.000Z')]
            : p.email === ANA.email
              ? [{ start: '2027-01-05T11:00:00.000Z', end: '2027-01-05T12:00:00.000Z' }]
              : [],
      })),
    );
    expect(await checkChairCover(ctx, calendar)).toEqual({ told: 1 });
    expect((await alerts())[0]?.payload).toMatchObject({
      cover: [
        { personId: 'dev', name: 'Dev Patel' },
        { personId: expect.any(String), name: 'Maria Lindqvist' },
      ],
    });
    const teams = new RecordingMessenger();
    // Invitations through the embedded calendar (Outlook's stand-in), cards to the recording messenger.
    const outlook = new EmbeddedCalendar({
      db: (store as KyselyStore).db,
      clock,
      mailer: { send: async () => undefined },
      mailFrom: 'cg@anytown.gov.uk',
      feedSecret: 's',
    });
    const deliver = async () => {
      for (let i = 0; i < 3; i++) {
        await deliverBatch({ store, clock, deliver: calendarDeliveries(ctx, outlook), kinds: ['calendar'], workerId: 'w', batchSize: 100, random: () => 0.5 });
        await deliverBatch({ store, clock, deliver: cardDeliveries(ctx, teams, links), kinds: ['card'], workerId: 'w', batchSize: 100, random: () => 0.5 });
      }
    };
    await deliver();
    const [card] = teams.sent.filter((s) => JSON.stringify(s.card).includes('nobody to chair it'));
    expect(card?.personId).toBe(managerId);
    expect(JSON.stringify(card?.card)).toContain('Make one of the people below vice chair: they are invited, sent the agenda and told they chair it.');
    type Button = { type: string; title: string; verb?: string; data?: Record<string, unknown> };
    // One button a row (a row of several runs off a phone's screen).
    type Body = { type: string; items?: { type: string; actions: Button[] }[] }[];
    const buttons = (card?.card as { body: Body }).body.filter((b) => b.type === 'Container').flatMap((b) => b.items?.flatMap((i) => i.actions) ?? []);
    // Maria, the manager the card is for, is offered herself in words of her own.
    expect(buttons.map((b) => b.title)).toEqual(['Make Dev Patel vice chair', 'Chair it yourself, as vice chair']);

    // Maria presses "Make Dev Patel vice chair".
    const press = cardActions({ ctx, links })[VERBS.chairCover];
    const answer = JSON.stringify(await press({ personId: managerId }, buttons[0]!.data ?? {}));
    expect(answer).toContain('Dev Patel chairs core group 1');
    expect(answer).toContain('Dev Patel is now a vice chair of this case. They are invited to its booked core groups and sent the agenda in Teams.');
    expect(answer).toContain("They are told they chair core group 1 on Tue 5 Jan 2027, 10:00 in the chair's place.");
    const members = await store.transaction((tx) => tx.members.forCase(caseId));
    expect(members.filter((m) => m.personId === 'dev').map((m) => m.role)).toEqual(['vice-chair']);
    // The invitation sent again with Dev in it, the agenda, and word that they chair it.
    const queued = (await store.transaction((tx) => tx.outbox.forCase(caseId))).filter((m) => m.status === 'pending');
    const to = (m: (typeof queued)[number]) => ('personId' in m.payload ? ` to ${m.payload.personId}` : '');
    expect(queued.map((m) => `${m.topic}${to(m)}`).sort()).toEqual(['agenda.send to dev', 'calendar.update-event', 'meeting.vice-chair-chairs to dev']);
    await deliver();
    const [booked] = await store.transaction((tx) => tx.meetings.forCase(caseId));
    const event = await (store as KyselyStore).db
      .selectFrom('calendar_events')
      .select('attendees')
      .where('id', '=', booked!.calendarEventId!)
      .executeTakeFirst();
    expect(event?.attendees).toContain(DEV.email);
    expect(teams.sent.filter((s) => JSON.stringify(s.card).includes('You chair core group 1')).map((s) => s.personId)).toEqual(['dev']);
    // The hourly check, run again, tells Dev nothing twice and asks the manager for nobody.
    expect(await checkChairCover(ctx, calendar)).toEqual({ told: 1 });
    await deliver();
    expect(teams.sent.filter((s) => JSON.stringify(s.card).includes('You chair core group 1'))).toHaveLength(1);

    // A second press (a double tap, a Teams retry) changes nothing.
    expect(JSON.stringify(await press({ personId: managerId }, buttons[0]!.data ?? {}))).toContain('Already recorded: Dev Patel is a vice chair of this case.');
    expect((await store.transaction((tx) => tx.members.forCase(caseId))).filter((m) => m.personId === 'dev')).toHaveLength(1);

    // Maria makes herself vice chair too: the answer speaks to her.
    const herself = JSON.stringify(await press({ personId: managerId }, buttons[1]!.data ?? {}));
    expect(herself).toContain('You chair core group 1');
    expect(herself).toContain("You chair core group 1 on Tue 5 Jan 2027, 10:00 in the chair's place.");

    // Someone who may not change the case's members (the health visitor, forwarded the card) is refused.
    const hv = members.find((m) => m.role === 'professional' && m.agency === 'health-visiting')!.personId;
    const refused = await press({ personId: hv }, buttons[1]!.data ?? {}).catch((e: unknown) => e);
    expect(isDomainError(refused) && refused.category).toBe('forbidden');

    // Moved since the card went out: refused, in words, with nothing written.
    await moveToTheAfternoon();
    const moved = await press({ personId: managerId }, buttons[1]!.data ?? {}).catch((e: unknown) => e);
    expect(isDomainError(moved) && moved.message).toBe(
      'Core group 1 is no longer booked for the time this card was about. Open the case to see where it stands.',
    );
    expect((await store.transaction((tx) => tx.members.forCase(caseId))).filter((m) => m.role === 'vice-chair')).toHaveLength(2);
  });

  it('drops the alert when the core group has been moved by the time it goes out', async () => {
    await checkChairCover(ctx, samOffSick());
    // Dev, from the team, takes the afternoon instead (the manager moved it to when cover was found).
    await moveToTheAfternoon();
    const teams = new RecordingMessenger();
    await deliverCards(ctx, teams, links);
    expect(teams.sent.filter((s) => JSON.stringify(s.card).includes('nobody to chair it'))).toEqual([]);
  });
});

describe('a core group not yet booked that nobody can chair before its deadline', () => {
  let store: Store;
  let ctx: AppContext;
  let caseId: string;
  let managerId: string;
  const clock = fixedClock('2026-12-21T07:00:00.000Z');
  const links = { caseUrl: (id: string) => `#/cases/${id}`, minutesUrl: (id: string) => `#/minutes/${id}` };
  /** Who is out of office, and when: Sam from Monday 21 December to Friday 8 January (past core group 1's deadline, Wed 6 Jan). */
  const calendarWith = (away: Record<string, readonly Interval[]>) =>
    new FreeBusyCalendar((people: readonly CalendarPerson[]): FreeBusy[] =>
      people.map((p) => ({ personId: p.personId, busy: !p.inTenant ? ('unknown' as const) : (away[p.email] ?? []) })),
    );
  const samOff = { [PEOPLE.sam.email]: [off('2026-12-21T00:00:00.000Z', '2027-01-09T00:00:00.000Z')] };
  const alerts = async () => (await store.transaction((tx) => tx.outbox.forCase(caseId))).filter((m) => m.topic === 'compliance.chair-away');

  beforeEach(async () => {
    clock.set('2026-12-18T07:00:00.000Z');
    store = await openStore({ kind: 'sqlite', file: ':memory:' });
    ctx = { store, clock, profiles: builtInRegistry };
    await store.transaction((tx) => tx.people.insert({ id: 'sam', ...PEOPLE.sam }));
    await listStaff(ctx);
    await setStaffRoles(ctx, SYSTEM_ACTOR, { email: DEV.email, roles: ['social-worker'] });
    await store.transaction((tx) => tx.people.insert({ id: 'dev', ...DEV }));
    // ICPC Fri 18 Dec 2026; core group 1 due by Wed 6 Jan 2027, not booked.
    const c = await createCase(ctx, actor('sam'), aCase({ members: [aMember('sam'), aMember('maria'), aMember('hv'), aMember('school'), aMember('parent')] }));
    caseId = c.id;
    managerId = c.managerId;
    clock.set('2026-12-21T07:00:00.000Z');
  });
  afterEach(() => store.close());

  it('asks the manager for a vice chair, offering who is at work before the deadline; once for that deadline', async () => {
    const calendar = calendarWith({ ...samOff, [PEOPLE.maria.email]: [off('2026-12-21T00:00:00.000Z', '2027-01-09T00:00:00.000Z')] });
    // Maria, the manager, is away too: she is asked nothing until she is back.
    expect(await checkChairCover(ctx, calendar)).toEqual({ told: 0 });
    const back = calendarWith({ ...samOff, [PEOPLE.maria.email]: [off('2026-12-21T00:00:00.000Z', '2026-12-22T00:00:00.000Z')] });
    clock.set('2026-12-22T07:00:00.000Z');
    expect(await checkChairCover(ctx, back)).toEqual({ told: 1 });
    clock.set('2026-12-22T08:00:00.000Z');
    await checkChairCover(ctx, back);
    // No time: it is not booked. Dev (and Maria, back) are at work before the deadline.
    expect((await alerts()).map((a) => a.payload)).toEqual([
      {
        meetingId: expect.any(String),
        obligationId: 'core-group-1',
        due: '2027-01-06',
        viceChairAway: false,
        cover: [
          { personId: 'dev', name: 'Dev Patel' },
          { personId: managerId, name: 'Maria Lindqvist' },
        ],
      },
    ]);
    const teams = new RecordingMessenger();
    await deliverCards(ctx, teams, links);
    const told = teams.sent.filter((s) => JSON.stringify(s.card).includes('nobody to chair it'));
    expect(told.map((s) => s.personId)).toEqual([managerId]);
    expect(told[0]?.summary).toBe('Core Groups: nobody can chair a core group of CP-2026-0042 before its deadline.');
    const text = JSON.stringify(told[0]?.card);
    expect(text).toContain('Core group 1: nobody to chair it before its deadline');
    expect(text).toContain('It is not booked, and the chair is out of office on every working day left before the deadline.');
    expect(text).toContain('At work before the deadline, and able to chair:');

    // Maria presses "Make Dev Patel vice chair": he can chair it, and its schedule now offers times before the deadline.
    type Button = { title: string; data?: Record<string, unknown> };
    const buttons = (told[0]?.card as { body: { type: string; items?: { actions: Button[] }[] }[] }).body
      .filter((b) => b.type === 'Container')
      .flatMap((b) => b.items?.flatMap((i) => i.actions) ?? []);
    expect(buttons.map((b) => b.title)).toEqual(['Make Dev Patel vice chair', 'Chair it yourself, as vice chair']);
    const [meeting] = await store.transaction((tx) => tx.meetings.forCase(caseId));
    const before = await scheduleView(ctx, back, { personId: managerId }, { meetingId: meeting!.id, durationMinutes: 90 });
    expect(before.compliant).toBe(false);
    // The schedule says the same, by name.
    expect(before.warning).toContain(
      "A vice chair added to the case (Add a member, on the case page) can chair in Sam Okafor's place: Dev Patel and Maria Lindqvist are on the staff list and at work on some of these days.",
    );
    const press = cardActions({ ctx, links })[VERBS.chairCover];
    const answer = JSON.stringify(await press({ personId: managerId }, buttons[0]!.data ?? {}));
    expect(answer).toContain('Dev Patel can chair core group 1');
    expect(answer).toContain('Book core group 1 from the case page: its schedule now offers times they are free to chair it.');
    expect((await store.transaction((tx) => tx.members.forCase(caseId))).filter((m) => m.personId === 'dev').map((m) => m.role)).toEqual(['vice-chair']);
    // Nothing booked, so nobody is told they chair a time.
    expect((await store.transaction((tx) => tx.outbox.forCase(caseId))).filter((m) => m.topic === 'meeting.vice-chair-chairs')).toEqual([]);
    const after = await scheduleView(ctx, back, { personId: managerId }, { meetingId: meeting!.id, durationMinutes: 90 });
    expect(after.compliant).toBe(true);
    expect(after.slots[0]?.afterDeadline).toBe(false);
    // The check, run again, asks nobody: Dev can chair it.
    expect(await checkChairCover(ctx, back)).toEqual({ told: 0 });
  });

  it('says nothing while the chair will be back before the deadline, or the deadline is more than ten working days off', async () => {
    const backOnTheLastDay = calendarWith({ [PEOPLE.sam.email]: [off('2026-12-21T00:00:00.000Z', '2027-01-06T00:00:00.000Z')] });
    expect(await checkChairCover(ctx, backOnTheLastDay)).toEqual({ told: 0 });
    // Core group 2 is due by Wed 3 Feb: from Mon 4 Jan it is more than ten working days away.
    const [first] = await store.transaction((tx) => tx.meetings.forCase(caseId));
    await bookMeeting(ctx, actor('sam'), {
      meetingId: first!.id,
      expectedVersion: first!.version,
      startsAt: '2026-12-23T10:00:00Z',
      endsAt: '2026-12-23T11:30:00Z',
      venue: 'office',
    });
    clock.set('2027-01-04T07:00:00.000Z');
    expect(await checkChairCover(ctx, calendarWith({ [PEOPLE.sam.email]: [off('2027-01-04T00:00:00.000Z', '2027-03-01T00:00:00.000Z')] }))).toEqual({
      told: 0,
    });
  });

  it('refuses a press once the core group is held or cancelled, and drops the card once it is booked', async () => {
    await checkChairCover(ctx, calendarWith(samOff));
    const [meeting] = await store.transaction((tx) => tx.meetings.forCase(caseId));
    const press = cardActions({ ctx, links })[VERBS.chairCover];
    // Booked meanwhile (by the manager, at a time someone else can chair): the card goes nowhere.
    await bookMeeting(
      ctx,
      { personId: managerId },
      { meetingId: meeting!.id, expectedVersion: meeting!.version, startsAt: '2027-01-05T10:00:00Z', endsAt: '2027-01-05T11:30:00Z', venue: 'office' },
    );
    const teams = new RecordingMessenger();
    await deliverCards(ctx, teams, links);
    expect(teams.sent.filter((s) => JSON.stringify(s.card).includes('nobody to chair it'))).toEqual([]);
    // A press from an earlier copy still adds the vice chair: the core group still waits to be held.
    expect(JSON.stringify(await press({ personId: managerId }, { caseId, meetingId: meeting!.id, startsAt: '', personId: 'dev' }))).toContain(
      'Dev Patel can chair core group 1',
    );
    const [booked] = await store.transaction((tx) => tx.meetings.forCase(caseId));
    await cancelMeeting(ctx, { personId: managerId }, { meetingId: booked!.id, reason: 'The family asked to move it.' });
    const refused = await press({ personId: managerId }, { caseId, meetingId: booked!.id, personId: managerId }).catch((e: unknown) => e);
    expect(isDomainError(refused) && refused.message).toBe('Core group 1 is no longer waiting to be held. Open the case to see where it stands.');
    expect((await store.transaction((tx) => tx.members.forCase(caseId))).filter((m) => m.role === 'vice-chair').map((m) => m.personId)).toEqual(['dev']);
  });
});
