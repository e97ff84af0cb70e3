import { recordCalendarChange } from '../../../src/app/calendar-sync';
import { AppContext } from '../../../src/app/context';
import { bookMeeting } from '../../../src/app/meetings';
import { KyselyStore } from '../../../src/adapters/store/kysely-store';
import { fixedClock } from '../../../src/ports/clock';
import { actor, PEOPLE } from '../../fixtures/builders';
import { startTabApi, TabApi } from '../../support/tab-api-harness';

interface Meeting {
  id: string;
  number: number;
  status: string;
  version: number;
  due: string;
  startsAt?: string;
  calendarEventId?: string;
}

/**
 * The routes the Outlook add-in calls: the appointment's time checked against the core group's window
 * and working time (UK time, bank holidays), the agenda for its body, and linking the appointment to
 * the meeting record without writing a second calendar event; each only for the people who book.
 */
describe('the Outlook add-in’s API (local mode, dev sign-in)', () => {
  let h: TabApi;
  let store: KyselyStore;
  let ctx: AppContext;
  let caseId: string;
  let errors: unknown[];
  const ids: Record<string, string> = {};
  // Mon 21 Dec 2026: the ICPC was Fri 18 Dec, so core group 1 is due Wed 6 Jan 2027.
  const clock = fixedClock('2026-12-21T09:00:00.000Z');

  beforeAll(async () => {
    h = await startTabApi({
      clock,
      members: ['sam', 'maria', 'hv', 'parent'],
      extraPeople: [{ id: 'stranger', displayName: 'Other Worker', email: 'other@anytown.gov.uk' }],
    });
    ({ store, ctx, caseId, errors } = h);
    for (const who of ['maria', 'hv', 'parent'] as const) ids[who] = h.id(who);
  });
  afterAll(() => h.close());

  const call = (method: string, url: string, user: string, body?: unknown) => h.call(method, url, user, body);
  const meeting = async (n: number, user = 'sam') =>
    ((await call('GET', `/api/cases/${caseId}`, user)).body as unknown as { meetings: Meeting[] }).meetings.find(
      (m) => m.number === n && m.status !== 'cancelled',
    )!;
  const check = async (startsAt: string, endsAt: string, user = 'sam') => {
    const cg1 = await meeting(1);
    return call('GET', `/api/meetings/${cg1.id}/time-check?startsAt=${encodeURIComponent(startsAt)}&endsAt=${encodeURIComponent(endsAt)}`, user);
  };
  const topics = async () => (await store.transaction((tx) => tx.outbox.forCase(caseId))).map((m) => m.topic);

  it('finds nothing wrong with a weekday in the window, in working hours (GMT)', async () => {
    const { status, body } = await check('2027-01-05T10:00:00Z', '2027-01-05T11:30:00Z');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      number: 1,
      day: '2027-01-05',
      window: { due: '2027-01-06' },
      afterDeadline: false,
      beforeWindow: false,
      problems: [],
      case: { reference: 'CP-2026-0042' },
    });
  });

  it('flags a weekend, a bank holiday and a day after the deadline, in words', async () => {
    const saturday = (await check('2027-01-02T10:00:00Z', '2027-01-02T11:30:00Z')).body;
    expect(saturday.problems).toEqual(['Sat 2 Jan 2027 is a weekend']);
    const boxingDay = (await check('2026-12-28T10:00:00Z', '2026-12-28T11:30:00Z')).body;
    expect(boxingDay.problems).toEqual([expect.stringMatching(/^Mon 28 Dec 2026 is a bank holiday \(Boxing Day/)]);
    const late = (await check('2027-01-07T10:00:00Z', '2027-01-07T11:30:00Z')).body;
    expect(late).toMatchObject({
      afterDeadline: true,
      workingDaysLate: 1,
      problems: ["Thu 7 Jan 2027 is after core group 1's deadline of Wed 6 Jan 2027 (1 working day late)"],
    });
  });

  it('judges working hours in UK time, across GMT and BST', async () => {
    // 09:30 in winter is 09:30Z; in summer it is 08:30Z. 09:00 UK time is before working hours either way.
    expect((await check('2027-01-05T09:30:00Z', '2027-01-05T11:00:00Z')).body.workingTime).toEqual([]);
    expect((await check('2027-01-05T09:00:00Z', '2027-01-05T10:30:00Z')).body.workingTime).toEqual(['09:00–10:30 is outside working hours (09:30–16:30)']);
    expect((await check('2027-06-15T08:30:00Z', '2027-06-15T10:00:00Z')).body.workingTime).toEqual([]);
    expect((await check('2027-06-15T08:00:00Z', '2027-06-15T09:30:00Z')).body.workingTime).toEqual(['09:00–10:30 is outside working hours (09:30–16:30)']);
  });

  it('is for the people who book: a professional is refused, a stranger not told the case exists, bad times named', async () => {
    expect((await check('2027-01-05T10:00:00Z', '2027-01-05T11:30:00Z', ids.maria!)).status).toBe(200);
    const hv = await check('2027-01-05T10:00:00Z', '2027-01-05T11:30:00Z', ids.hv!);
    expect(hv.status).toBe(403);
    expect(hv.body.error.code).toBe('MEETING.FORBIDDEN');
    expect((await check('2027-01-05T10:00:00Z', '2027-01-05T11:30:00Z', 'stranger')).status).toBe(404);
    const bad = await check('next tuesday', '2027-01-05T11:30:00Z');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields?.map((f) => f.field)).toEqual(['startsAt']);
  });

  it('gives the chair the agenda lines for the appointment body, with no names', async () => {
    const cg1 = await meeting(1);
    const { status, body } = await call('GET', `/api/meetings/${cg1.id}/agenda`, 'sam');
    expect(status).toBe(200);
    expect(body).toMatchObject({ number: 1, case: { reference: 'CP-2026-0042', childInitials: 'LRE' } });
    expect(body.agenda).toEqual(expect.arrayContaining(['Recent events since the last meeting']));
    expect(JSON.stringify(body)).not.toContain('Lily');
    expect((await call('GET', `/api/meetings/${cg1.id}/agenda`, ids.hv!)).status).toBe(403);
  });

  it('gives the chair the attendees’ email addresses in the schedule, to fill the invitation', async () => {
    const cg1 = await meeting(1);
    const view = (await call('GET', `/api/meetings/${cg1.id}/schedule`, 'sam')).body as unknown as {
      attendees: { displayName: string; email: string; required: boolean }[];
    };
    expect(view.attendees).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ displayName: 'Priya Desai', email: PEOPLE.hv.email, required: true }),
        expect.objectContaining({ displayName: 'Maria Lindqvist', email: PEOPLE.maria.email, required: false }),
      ]),
    );
  });

  it('links the appointment: books the meeting with its event id, writes no calendar event, posts the agenda', async () => {
    const cg1 = await meeting(1);
    const link = {
      expectedVersion: cg1.version,
      eventId: 'AAMkAGI2TG93AAA=',
      startsAt: '2027-01-05T10:00:00Z',
      endsAt: '2027-01-05T11:30:00Z',
      venue: 'office',
    };
    expect((await call('POST', `/api/meetings/${cg1.id}/outlook-link`, ids.hv!, link)).status).toBe(403);
    expect((await call('POST', `/api/meetings/${cg1.id}/outlook-link`, 'stranger', link)).status).toBe(404);
    const saturday = await call('POST', `/api/meetings/${cg1.id}/outlook-link`, 'sam', {
      ...link,
      startsAt: '2027-01-02T10:00:00Z',
      endsAt: '2027-01-02T11:30:00Z',
    });
    expect(saturday.status).toBe(400);
    expect(saturday.body.error.code).toBe('MEETING.OUTSIDE_WORKING_TIME');
    const noId = await call('POST', `/api/meetings/${cg1.id}/outlook-link`, 'sam', { ...link, eventId: '' });
    expect(noId.status).toBe(400);
    expect(noId.body.error.fields?.map((f) => f.field)).toEqual(['eventId']);
    expect(await topics()).toEqual([]);

    const linked = await call('POST', `/api/meetings/${cg1.id}/outlook-link`, 'sam', link);
    expect(linked.status).toBe(200);
    expect(linked.body).toMatchObject({
      late: false,
      meeting: { status: 'booked', calendarEventId: 'AAMkAGI2TG93AAA=', startsAt: '2027-01-05T10:00:00.000Z' },
    });
    expect(await meeting(1)).toMatchObject({ status: 'booked', calendarEventId: 'AAMkAGI2TG93AAA=' });
    // The appointment is the event: nothing to create or update, but the agenda still goes out.
    expect(await topics()).toEqual(['agenda.post']);
    // Only the people who book see which event it is.
    expect((await meeting(1, ids.hv!)).calendarEventId).toBeUndefined();
    // A move made in Outlook is then found by the event's id, as for events the app made.
    await recordCalendarChange(ctx, { eventId: 'AAMkAGI2TG93AAA=', kind: 'moved', start: '2027-01-11T10:00:00Z', end: '2027-01-11T11:30:00Z' });
    expect(await meeting(1)).toMatchObject({ startsAt: '2027-01-11T10:00:00.000Z' });
    expect(await topics()).toContain('compliance.meeting-late');
  });

  it('raises the late alert when the linked appointment is after the deadline, and refuses one without the reason', async () => {
    const cg1 = await meeting(1);
    const noReason = await call('POST', `/api/meetings/${cg1.id}/outlook-link`, 'sam', {
      expectedVersion: cg1.version,
      eventId: 'AAMkAGI2TG93AAA=',
      startsAt: '2027-01-12T10:00:00Z',
      endsAt: '2027-01-12T11:30:00Z',
      venue: 'online',
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body).toMatchObject({
      error: {
        code: 'MEETING.INVALID',
        fields: [{ field: 'lateReason', problem: 'Say why the core group cannot be held by the deadline (at least 5 characters).' }],
      },
    });
    expect((await meeting(1)).version).toBe(cg1.version);
    const late = await call('POST', `/api/meetings/${cg1.id}/outlook-link`, 'sam', {
      expectedVersion: cg1.version,
      eventId: 'AAMkAGI2TG93AAA=',
      startsAt: '2027-01-12T10:00:00Z',
      endsAt: '2027-01-12T11:30:00Z',
      venue: 'online',
      lateReason: 'Health visitor on leave until the 11th',
    });
    expect(late.status).toBe(200);
    expect(late.body).toMatchObject({ late: true, lateness: { kind: 'booked-late', workingDaysLate: 4 } });
    expect((await topics()).filter((t) => t.startsWith('calendar.'))).toEqual([]);
    expect((await topics()).filter((t) => t === 'compliance.meeting-late')).toHaveLength(2);
  });

  it('cancels the invitation the app sent earlier when a different Outlook appointment is linked', async () => {
    const cg2 = await meeting(2);
    await bookMeeting(ctx, actor('sam'), {
      meetingId: cg2.id,
      expectedVersion: cg2.version,
      startsAt: '2027-01-19T10:00:00Z',
      endsAt: '2027-01-19T11:30:00Z',
      venue: 'office',
    });
    await h.deliverCalendar();
    const booked = await meeting(2);
    expect(booked.calendarEventId).toBeDefined();
    const relinked = await call('POST', `/api/meetings/${cg2.id}/outlook-link`, 'sam', {
      expectedVersion: booked.version,
      eventId: 'AAMkOUTLOOK2=',
      startsAt: '2027-01-20T10:00:00Z',
      endsAt: '2027-01-20T11:30:00Z',
      venue: 'office',
    });
    expect(relinked.status).toBe(200);
    const outbox = await store.transaction((tx) => tx.outbox.forCase(caseId));
    expect(outbox.filter((m) => m.topic === 'calendar.cancel-event').map((m) => m.payload)).toEqual([
      expect.objectContaining({ eventId: booked.calendarEventId }),
    ]);
    await h.deliverCalendar();
    const mails = h.mails();
    expect(mails.filter((m) => m.includes('method=CANCEL'))).not.toHaveLength(0);
    expect(await meeting(2)).toMatchObject({ calendarEventId: 'AAMkOUTLOOK2=', startsAt: '2027-01-20T10:00:00.000Z' });
  });

  it('refuses to link without an event id when called directly', async () => {
    const cg2 = await meeting(2);
    await expect(
      bookMeeting(
        ctx,
        actor('sam'),
        { meetingId: cg2.id, expectedVersion: cg2.version, startsAt: '2027-01-20T10:00:00Z', endsAt: '2027-01-20T11:30:00Z', venue: 'office' },
        { eventAlreadyInCalendar: true },
      ),
    ).rejects.toMatchObject({ code: 'MEETING.INVALID', fields: [{ field: 'calendarEventId', problem: 'is required to link an existing event' }] });
    expect(errors).toEqual([]);
  });
});
