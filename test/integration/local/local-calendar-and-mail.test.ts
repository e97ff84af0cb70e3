import fs from 'node:fs';
import { listStaff } from '../../fixtures/staff';
import os from 'node:os';
import path from 'node:path';
import { calendarDeliveries, recordCalendarChange } from '../../../src/app/calendar-sync';
import { scheduleView } from '../../../src/app/schedule';
import { caseDetail } from '../../../src/app/case-detail';
import { checkChairCover } from '../../../src/app/chair-cover';
import { AppContext } from '../../../src/app/context';
import { createCase } from '../../../src/app/create-case';
import { mailDeliveries } from '../../../src/app/mail-deliveries';
import { bookMeeting, recordMeetingHeld } from '../../../src/app/meetings';
import { addMember, excludeMember } from '../../../src/app/members';
import { decideMinutes, draftMinutes, editMinutes, submitMinutes } from '../../../src/app/minutes';
import { deliverBatch } from '../../../src/app/outbox-worker';
import { EmbeddedCalendar } from '../../../src/adapters/local/embedded-calendar';
import { fileMailer } from '../../../src/adapters/local/file-mailer';
import { KyselyStore } from '../../../src/adapters/store/kysely-store';
import { openStore } from '../../../src/adapters/store/open-store';
import { builtInRegistry } from '../../../src/domain/policy';
import { fixedClock } from '../../../src/ports/clock';
import { aCase, actor, aMember, PEOPLE } from '../../fixtures/builders';
import { bookFirstCoreGroup } from '../../fixtures/core-group';

/** Unfolds headers and decodes RFC 2047 words (=?UTF-8?Q?…?=), as a mail client shows them. */
function decodeHeaders(eml: string): string {
  return eml
    .replace(/\r?\n[ \t]+/g, ' ')
    .replace(/\?= =\?UTF-8\?Q\?/g, '')
    .replace(/=\?UTF-8\?Q\?(.*?)\?=/g, (_m, q: string) =>
      Buffer.from(
        q.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/g, (_h, hex: string) => String.fromCharCode(parseInt(hex, 16))),
        'latin1',
      ).toString('utf8'),
    );
}

describe('local mode: embedded calendar, iCalendar feed and invitations, file mailer', () => {
  let store: KyselyStore;
  let ctx: AppContext;
  let calendar: EmbeddedCalendar;
  let outboxDir: string;
  const clock = fixedClock('2026-12-21T09:00:00.000Z');
  let caseId: string;
  const ids: Record<string, string> = {};

  beforeEach(async () => {
    store = (await openStore({ kind: 'sqlite', file: ':memory:' })) as KyselyStore;
    clock.set('2026-12-21T09:00:00.000Z');
    ctx = { store, clock, profiles: builtInRegistry, officeAddress: 'Civic Centre, Market Square, Anytown AN1 1AA' };
    outboxDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-outbox-'));
    const mailer = fileMailer(outboxDir);
    calendar = new EmbeddedCalendar({
      db: store.db,
      clock,
      mailer,
      mailFrom: 'core-groups@anytown.gov.uk',
      feedSecret: 'test-secret',
      onChange: (change) => recordCalendarChange(ctx, change),
    });
    await store.transaction((tx) => tx.people.insert({ id: 'sam', ...PEOPLE.sam }));
    await listStaff(ctx);
    caseId = (
      await createCase(
        ctx,
        actor('sam'),
        aCase({
          members: [
            aMember('sam'),
            aMember('maria'),
            aMember('hv'),
            aMember('parent'),
            aMember('parent', {
              person: { displayName: 'Kim Reed', email: 'kim.reed@mail.example' },
              excluded: true,
              excludedReason: 'Excluded by the ICPC chair (risk to the parent)',
            }),
          ],
        }),
      )
    ).id;
    for (const who of ['maria', 'hv', 'parent'] as const) ids[who] = (await store.transaction((tx) => tx.people.byEmail(PEOPLE[who].email)))!.id;
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(outboxDir, { recursive: true, force: true });
  });

  const deliverCalendar = () => deliverBatch({ store, clock, deliver: calendarDeliveries(ctx, calendar), kinds: ['calendar'], workerId: 'cal' });
  const firstMeeting = () => store.transaction(async (tx) => (await tx.meetings.forCase(caseId))[0]!);
  const emls = () =>
    fs
      .readdirSync(outboxDir)
      .filter((f) => f.endsWith('.eml'))
      .map((f) => fs.readFileSync(path.join(outboxDir, f), 'utf8'));

  it('books the event once, mails an .ics invitation with the reference and initials only, and publishes it in each member’s feed', async () => {
    const m = await firstMeeting();
    await bookMeeting(ctx, actor('sam'), {
      meetingId: m.id,
      expectedVersion: m.version,
      startsAt: '2027-01-05T10:00:00Z',
      endsAt: '2027-01-05T11:30:00Z',
      venue: 'family-home',
    });
    expect(await deliverCalendar()).toEqual({ delivered: 1, retrying: 0, dead: 0 });
    const booked = await firstMeeting();
    expect(booked.calendarEventId).toBeDefined();
    const events = await store.db.selectFrom('calendar_events').selectAll().execute();
    expect(events).toHaveLength(1);
    expect(events[0]!.subject).toBe('Core group 1 — CP-2026-0042 (LRE)');
    // The family's address is never written into an invitation.
    expect(events[0]!.location).toBe('The family home (the chair gives the address to those coming)');
    // Words true for everyone invited: the deadline it meets, and apologies to the chair (the family has no Teams).
    expect(events[0]!.body_html).toContain("The procedure's deadline for it is Wed 6 Jan 2027.");
    expect(events[0]!.body_html).toContain('If you cannot attend, tell Sam Okafor, who chairs it.');
    // The excluded parent is not invited; the other parent is.
    const invited = (JSON.parse(events[0]!.attendees) as { email: string }[]).map((a) => a.email);
    expect(invited).toEqual(expect.arrayContaining([PEOPLE.hv.email, PEOPLE.parent.email]));
    expect(invited).not.toContain('kim.reed@mail.example');

    const [invitation] = emls();
    expect(decodeHeaders(invitation!)).toContain('Subject: Core group 1 — CP-2026-0042 (LRE)');
    expect(invitation).toContain('invite.ics');
    expect(decodeHeaders(invitation!)).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/);
    expect(invitation).not.toContain('Lily');
    // Marked as the minutes are, and its description readable in a calendar: each agenda item numbered on its own line.
    expect(events[0]!.body_html.startsWith('<p><strong>OFFICIAL-SENSITIVE</strong></p>')).toBe(true);
    const ics = (await calendar.feedFor(PEOPLE.hv.email)).replace(/\r\n[ \t]/g, '');
    expect(ics).toContain('DESCRIPTION:OFFICIAL-SENSITIVE\\n\\nCore group 1 for CP-2026-0042 (LRE).');
    expect(ics).toContain('\\n1. Introductions');
    expect(ics).toContain('\\n2. Recent events since the last meeting');

    const feed = await calendar.feedFor(PEOPLE.hv.email);
    expect(feed).toContain('BEGIN:VEVENT');
    expect(feed).toContain('DTSTART:20270105T100000Z');
    const token = calendar.feedToken(ids.hv!);
    expect(calendar.personForToken(token)).toBe(ids.hv);
    expect(calendar.personForToken(`${token.split('.')[0]}.forged`)).toBeUndefined();
  });

  it('sends the agenda to someone who joins in the moment between booking and the Outlook event, and the event invites them', async () => {
    const m = await bookFirstCoreGroup(ctx, caseId);
    // The school joins before the calendar worker has made the event.
    await addMember(ctx, actor('sam'), { caseId, member: aMember('school') });
    const school = (await store.transaction((tx) => tx.people.byEmail(PEOPLE.school.email)))!.id;
    const queued = await store.transaction((tx) => tx.outbox.forCase(caseId));
    expect(queued.filter((q) => q.topic === 'agenda.send').map((q) => q.payload)).toEqual([{ meetingId: m.id, personId: school }]);
    expect(queued.filter((q) => q.topic === 'calendar.update-event')).toEqual([]);
    await deliverCalendar();
    const [event] = await store.db.selectFrom('calendar_events').selectAll().execute();
    expect((JSON.parse(event!.attendees) as { email: string }[]).map((a) => a.email)).toContain(PEOPLE.school.email);
  });

  it('invites someone who joins after booking (with the agenda in Teams), and cancels the copy of someone who leaves or is excluded', async () => {
    const m = await bookFirstCoreGroup(ctx, caseId);
    await deliverCalendar();
    const invited = async () => {
      const [event] = await store.db.selectFrom('calendar_events').selectAll().execute();
      return (JSON.parse(event!.attendees) as { email: string }[]).map((a) => a.email);
    };
    const mailTo = (address: string) =>
      emls()
        .filter((e) => e.includes(`<${address}>`))
        .map(decodeHeaders);
    expect(await invited()).not.toContain(PEOPLE.school.email);

    // The school joins: invited to the booked core group, and sent its agenda.
    await addMember(ctx, actor('sam'), { caseId, member: aMember('school') });
    expect(await deliverCalendar()).toEqual({ delivered: 1, retrying: 0, dead: 0 });
    expect(await invited()).toContain(PEOPLE.school.email);
    expect(mailTo(PEOPLE.school.email).some((e) => e.includes('Subject: Updated: Core group 1 — CP-2026-0042 (LRE)') && e.includes('method=REQUEST'))).toBe(
      true,
    );
    const school = (await store.transaction((tx) => tx.people.byEmail(PEOPLE.school.email)))!.id;
    const queued = await store.transaction((tx) => tx.outbox.forCase(caseId));
    expect(queued.filter((q) => q.topic === 'agenda.send').map((q) => q.payload)).toEqual([{ meetingId: m.id, personId: school }]);
    // Delivered again (a retry), nothing changes: no second "Updated:" mail.
    const before = emls().length;
    await calendar.updateEvent(
      (await firstMeeting()).calendarEventId!,
      { personId: 'sam', email: PEOPLE.sam.email, inTenant: true },
      {
        start: '2027-01-05T10:00:00.000Z',
        end: '2027-01-05T11:30:00.000Z',
        attendees: (await store.db.selectFrom('calendar_events').selectAll().execute()).flatMap((e) =>
          (JSON.parse(e.attendees) as { personId: string; email: string; displayName: string; type: 'required' | 'optional' }[])
            .filter((a) => a.email !== PEOPLE.sam.email)
            .map((a) => ({ ...a, inTenant: true })),
        ),
      },
    );
    expect(emls().length).toBe(before); // the same invitation, under the key it was sent with: not mailed twice
    expect(emls().filter((e) => decodeHeaders(e).includes('Subject: Updated:')).length).toBe(1);

    // The health visitor is excluded: their copy is cancelled and they are no longer on the invitation.
    const hvMember = (await store.transaction((tx) => tx.members.forCase(caseId))).find((x) => x.personId === ids.hv)!;
    await excludeMember(ctx, actor('sam'), { caseId, memberId: hvMember.id, reason: 'The conference decided so after a complaint.' });
    await deliverCalendar();
    expect(await invited()).not.toContain(PEOPLE.hv.email);
    expect(mailTo(PEOPLE.hv.email).some((e) => e.includes('Subject: Cancelled: Core group 1') && e.includes('method=CANCEL'))).toBe(true);
    // Nobody else is sent a cancellation.
    expect(mailTo(PEOPLE.school.email).some((e) => e.includes('Subject: Cancelled:'))).toBe(false);
  });

  it('withdraws the invitation of a core group that met before the day it was booked for, and the case says so', async () => {
    const m = await firstMeeting();
    await bookMeeting(ctx, actor('sam'), {
      meetingId: m.id,
      expectedVersion: m.version,
      startsAt: '2027-01-05T10:00:00Z',
      endsAt: '2027-01-05T11:30:00Z',
      venue: 'office',
    });
    await deliverCalendar();
    const invitations = emls().length;
    clock.set('2026-12-23T15:00:00.000Z');
    await recordMeetingHeld(ctx, actor('sam'), { meetingId: m.id, heldOn: '2026-12-23', attendance: [] });
    expect(await deliverCalendar()).toEqual({ delivered: 1, retrying: 0, dead: 0 });
    const cancellations = emls()
      .slice(invitations)
      .map(decodeHeaders)
      .filter((e) => e.includes('Subject: Cancelled: Core group 1') && e.includes('method=CANCEL'));
    expect(cancellations.length).toBeGreaterThan(0);
    expect(cancellations.join('\n')).toContain('met on Wed 23 Dec 2026, before the day it was booked for');
    const row = (await caseDetail(ctx, actor('sam'), caseId)).meetings.find((x) => x.id === m.id);
    expect(row).toMatchObject({ status: 'held', heldOn: '2026-12-23', startsAt: '2027-01-05T10:00:00.000Z' });

    // Held on the day booked: nothing is withdrawn.
    const second = await store.transaction(async (tx) => (await tx.meetings.forCase(caseId)).find((x) => x.number === 2)!);
    await bookMeeting(ctx, actor('sam'), {
      meetingId: second.id,
      expectedVersion: second.version,
      startsAt: '2027-01-12T10:00:00Z',
      endsAt: '2027-01-12T11:30:00Z',
      venue: 'office',
    });
    await deliverCalendar();
    clock.set('2027-01-12T12:00:00.000Z');
    await recordMeetingHeld(ctx, actor('sam'), { meetingId: second.id, heldOn: '2027-01-12', attendance: [] });
    expect(await deliverCalendar()).toEqual({ delivered: 0, retrying: 0, dead: 0 });
  });

  it("says in the invitation when the core group is held after its deadline, and the chair's reason", async () => {
    const m = await firstMeeting();
    await bookMeeting(ctx, actor('sam'), {
      meetingId: m.id,
      expectedVersion: m.version,
      startsAt: '2027-01-08T10:00:00Z',
      endsAt: '2027-01-08T11:30:00Z',
      venue: 'family-home',
      lateReason: 'Health visitor on leave until the 8th',
    });
    await deliverCalendar();
    const [event] = await store.db.selectFrom('calendar_events').selectAll().execute();
    expect(event!.body_html).toContain(
      "It is held after the procedure's deadline of Wed 6 Jan 2027 (the chair's reason: Health visitor on leave until the 8th).",
    );
    expect(event!.body_html).not.toContain('deadline for it is');
    // Back inside the window for the tests after this one.
    const late = await firstMeeting();
    await bookMeeting(ctx, actor('sam'), {
      meetingId: late.id,
      expectedVersion: late.version,
      startsAt: '2027-01-05T10:00:00Z',
      endsAt: '2027-01-05T11:30:00Z',
      venue: 'family-home',
    });
    await deliverCalendar();
  });

  it('notices a move made in the calendar app and alerts when the new day breaks the procedure', async () => {
    const m = await firstMeeting();
    await bookMeeting(ctx, actor('sam'), {
      meetingId: m.id,
      expectedVersion: m.version,
      startsAt: '2027-01-05T10:00:00Z',
      endsAt: '2027-01-05T11:30:00Z',
      venue: 'office',
    });
    await deliverCalendar();
    const booked = await firstMeeting();
    // At the office, the invitation says where the office is: most agencies and the family have never been.
    expect((await store.db.selectFrom('calendar_events').select('location').executeTakeFirstOrThrow()).location).toBe(
      'Council office: Civic Centre, Market Square, Anytown AN1 1AA',
    );
    await calendar.moveInCalendarApp(booked.calendarEventId!, '2027-01-08T10:00:00Z', '2027-01-08T11:30:00Z');
    const moved = await firstMeeting();
    expect(moved.startsAt).toBe('2027-01-08T10:00:00.000Z');
    const outbox = await store.transaction((tx) => tx.outbox.forCase(caseId));
    expect(outbox.find((o) => o.topic === 'compliance.meeting-late')?.payload).toMatchObject({ due: '2027-01-06', day: '2027-01-08' });
    const audit = await store.transaction((tx) => tx.audit.forCase(caseId));
    expect(audit.map((a) => a.action)).toContain('meeting.moved-in-calendar');
  });

  it('proposes compliant slots from everyone’s free/busy in one call, avoiding their other events', async () => {
    // After working hours on Mon 21 Dec: the health visitor's clinic fills Tue 22 Dec, so Wed 23 Dec is first.
    clock.set('2026-12-21T17:00:00.000Z');
    const m = await firstMeeting();
    await calendar.createEvent({
      meetingId: 'other',
      organizer: { personId: ids.hv!, email: PEOPLE.hv.email, inTenant: true, displayName: PEOPLE.hv.displayName },
      subject: 'Clinic',
      bodyHtml: '<p>Clinic</p>',
      start: '2026-12-22T09:00:00Z',
      end: '2026-12-22T17:00:00Z',
      attendees: [],
      location: 'Clinic',
      online: false,
      category: 'Other',
      idempotencyKey: 'clinic',
    });
    const result = await scheduleView(ctx, calendar, actor('sam'), { meetingId: m.id, durationMinutes: 90 });
    expect(result.everyoneRequiredFree).toBe(true);
    expect(result.slots[0]).toMatchObject({ day: '2026-12-23', afterDeadline: false, busy: [] });
    // By name, never by id: the parent's calendar (outside the organisation) is unknown, Priya's is free.
    expect(result.slots[0]!.unknown).toContain('Alex Reed');
    expect(result.slots[0]!.free).toContain('Priya Desai');
    expect(result.attendees.find((a) => a.displayName === 'Priya Desai')).toMatchObject({
      role: 'Professional',
      required: true,
      busy: [expect.objectContaining({ start: '2026-12-22T09:00:00Z' })],
    });
    expect(result.window).toMatchObject({ due: m.due, source: 'Core Groups: local procedure action table, action 1' });
    // The bank holidays in the range, said as such (the grid shows them closed, not everyone free).
    expect(result.closedDays).toEqual(
      expect.arrayContaining([
        { day: '2026-12-25', why: 'a bank holiday (Christmas Day)' },
        { day: '2027-01-01', why: 'a bank holiday (New Year’s Day)' },
      ]),
    );
    expect(result.closedDays.every((d) => !result.slots.some((sl) => sl.day === d.day))).toBe(true);
    await expect(scheduleView(ctx, calendar, actor(ids.hv!), { meetingId: m.id, durationMinutes: 90 })).rejects.toMatchObject({ code: 'MEETING.FORBIDDEN' });
  });

  it('takes time someone marks out of office as away, not busy: no time is offered then, and the manager is asked for cover', async () => {
    const m = await firstMeeting();
    const sam = { personId: 'sam', email: PEOPLE.sam.email, displayName: PEOPLE.sam.displayName };
    // Sam on leave from Mon 4 to Fri 8 January, as he would mark it in Outlook: twice, as a retry would.
    const leave = ['2027-01-04T00:00:00Z', '2027-01-09T00:00:00Z'] as const;
    const first = await calendar.markAway(sam, ...leave);
    expect(await calendar.markAway(sam, ...leave)).toEqual(first);
    const [free] = await calendar.freeBusy([{ ...sam, inTenant: true }], { start: '2027-01-05T00:00:00Z', end: '2027-01-06T00:00:00Z' });
    expect(free!.busy).toEqual([{ start: leave[0], end: leave[1], away: true }]);
    // Nothing is mailed: it is Sam's own calendar, with nobody invited. His feed shows it as Outlook would: away.
    expect(emls()).toEqual([]);
    const feed = await calendar.feedFor(PEOPLE.sam.email);
    expect(feed).toContain('SUMMARY:Out of office');
    expect(feed).toContain('X-MICROSOFT-CDO-BUSYSTATUS:OOF');
    // Core group 1 is due by Wed 6 Jan: before the leave, Mon 21 to Thu 31 Dec are still open.
    clock.set('2026-12-21T17:00:00.000Z');
    const view = await scheduleView(ctx, calendar, actor('sam'), { meetingId: m.id, durationMinutes: 90 });
    expect(view.slots.every((slot) => slot.day < '2027-01-04')).toBe(true);
    // Booked for Tue 5 Jan after all (a day he was not yet away): the day before, the manager is asked who chairs it.
    await bookMeeting(ctx, actor('sam'), {
      meetingId: m.id,
      expectedVersion: m.version,
      startsAt: '2027-01-05T10:00:00Z',
      endsAt: '2027-01-05T11:30:00Z',
      venue: 'office',
    });
    clock.set('2027-01-04T07:00:00.000Z');
    expect(await checkChairCover(ctx, calendar)).toEqual({ told: 1 });
    const asked = (await store.transaction((tx) => tx.outbox.forCase(caseId))).filter((q) => q.topic === 'compliance.chair-away');
    expect(asked).toHaveLength(1);
  });

  it('offers core groups only in their order: the second only after the day the first is booked', async () => {
    const [first, second] = await store.transaction((tx) => tx.meetings.forCase(caseId));
    // The first is booked late, on Wed 20 January, into the second's window (15 to 29 January).
    await bookMeeting(ctx, actor('sam'), {
      meetingId: first!.id,
      expectedVersion: first!.version,
      startsAt: '2027-01-20T10:00:00Z',
      endsAt: '2027-01-20T11:30:00Z',
      venue: 'office',
      lateReason: 'The family were away until the 20th.',
    });
    const view = await scheduleView(ctx, calendar, actor('sam'), { meetingId: second!.id, durationMinutes: 90 });
    expect(view.slots.length).toBeGreaterThan(0);
    expect(view.slots.every((s) => s.day > '2027-01-20')).toBe(true);
  });

  it('mails approved minutes to the parent outside the tenant, only a note to the excluded parent, and records both', async () => {
    const m = await firstMeeting();
    clock.set('2027-01-05T12:00:00.000Z');
    await recordMeetingHeld(ctx, actor('sam'), { meetingId: m.id, heldOn: '2027-01-05', attendance: [] });
    const draft = await draftMinutes(ctx, actor('sam'), { meetingId: m.id });
    const full = await editMinutes(ctx, actor('sam'), {
      minutesId: draft.id,
      expectedVersion: draft.version,
      sections: {
        ...draft.sections,
        attendance: 'All',
        agencyUpdates: 'Updates',
        childsVoice: 'Likes nursery',
        childsVoiceHowGathered: 'Direct work',
        parentsViews: 'Agrees',
        planReview: 'On track',
        nextMeeting: '29 Jan',
      },
    });
    await submitMinutes(ctx, actor('sam'), { minutesId: draft.id, expectedVersion: full.version });
    await decideMinutes(ctx, actor(ids.maria!), { minutesId: draft.id, decision: 'approve' });
    const result = await deliverBatch({
      store,
      clock,
      deliver: mailDeliveries(ctx, fileMailer(outboxDir), 'core-groups@anytown.gov.uk'),
      kinds: ['mail'],
      workerId: 'mail',
    });
    expect(result).toEqual({ delivered: 2, retrying: 0, dead: 0 });
    const mails = emls();
    const toParent = mails.find((e) => e.includes(PEOPLE.parent.email))!;
    expect(toParent).toContain('core-group-1-minutes.html');
    // Marked for the council's mail-flow rule, which encrypts it for people outside the organisation (docs/security.md).
    expect(toParent).toMatch(/^X-Core-Groups-Classification: OFFICIAL-SENSITIVE$/m);
    const toExcluded = mails.find((e) => e.includes('kim.reed@mail.example'))!;
    expect(toExcluded).not.toContain('core-group-1-minutes.html');
    expect(toExcluded).not.toContain('Likes nursery');
    expect(toExcluded).toMatch(/^X-Core-Groups-Classification: OFFICIAL-SENSITIVE$/m);
    const circulations = await store.transaction((tx) => tx.minutes.circulations(draft.id));
    expect(circulations.filter((c) => c.channel === 'mail')).toHaveLength(2);
  });
});
