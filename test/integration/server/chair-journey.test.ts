import { KyselyStore } from '../../../src/adapters/store/kysely-store';
import { fixedClock } from '../../../src/ports/clock';
import { aReport, PEOPLE } from '../../fixtures/builders';
import { startTabApi, TabApi } from '../../support/tab-api-harness';

type Json = Record<string, unknown>;
interface ErrorBody {
  error: { code: string; message: string; fields?: { field: string; problem: string }[] };
}
interface Meeting {
  id: string;
  number: number;
  status: string;
  version: number;
  due: string;
  startsAt?: string;
  lateness?: { kind: string; text: string };
}

/**
 * The chair's journey over the tab's API, against the embedded calendar: schedule, book, move late
 * and see it red everywhere, cancel with a reason (the CANCEL goes out), book the series, manage
 * members, and a professional's update in the tab. Every refusal is a 4xx naming the field, with
 * nothing written.
 */
describe("the chair's journey through the tab API", () => {
  let h: TabApi;
  let store: KyselyStore;
  let caseId: string;
  let errors: unknown[];
  const ids: Record<string, string> = {};
  // Mon 21 Dec 2026, 09:00: the ICPC was Fri 18 Dec, so core group 1 is due Wed 6 Jan 2027.
  const clock = fixedClock('2026-12-21T09:00:00.000Z');

  beforeAll(async () => {
    h = await startTabApi({ clock, members: ['sam', 'maria', 'hv', 'school', 'parent'] });
    ({ store, caseId, errors } = h);
    for (const who of ['maria', 'hv', 'school', 'parent'] as const) ids[who] = h.id(who);
  });
  afterAll(() => h.close());

  const call = (method: string, url: string, user: string, body?: unknown) => h.call(method, url, user, body);
  const detail = async (user = 'sam') =>
    (await call('GET', `/api/cases/${caseId}`, user)).body as unknown as {
      meetings: Meeting[];
      obligations: { id: string; compliance: { status: string; workingDaysLate?: number } }[];
      members: { memberId: string; displayName: string; excluded: boolean }[];
    };
  const meeting = async (n: number) => (await detail()).meetings.find((m) => m.number === n && m.status !== 'cancelled')!;
  const fieldsOf = (body: ErrorBody) => body.error.fields?.map((f) => f.field) ?? [];

  it('lists the procedures a case can follow, one entry each, for the open-a-case form', async () => {
    const { status, body } = await call('GET', '/api/profiles', 'sam');
    expect(status).toBe(200);
    const profiles = (body as unknown as { profiles: { id: string; name: string }[] }).profiles;
    expect(profiles.map((p) => p.id)).toEqual(expect.arrayContaining(['england', 'sefton', 'wales', 'scotland']));
    expect(new Set(profiles.map((p) => p.id)).size).toBe(profiles.length);
    expect(profiles.every((p) => p.name.length > 0)).toBe(true);
  });

  it('shows the chair the window and why, who is free by name, and ranked times', async () => {
    const cg1 = await meeting(1);
    const { status, body } = await call('GET', `/api/meetings/${cg1.id}/schedule`, 'sam');
    expect(status).toBe(200);
    const view = body as unknown as {
      window: { due: string; explanation: string; source: string };
      attendees: { displayName: string; role: string; required: boolean; busy: unknown }[];
      slots: { start: string; free: string[]; unknown: string[]; afterDeadline: boolean }[];
      withinDeadline: boolean;
    };
    expect(view.window).toMatchObject({ due: '2027-01-06', source: 'Core Groups: local procedure action table, action 1' });
    expect(view.window.explanation).toContain('25 Dec, 28 Dec and 1 Jan 2027 are bank holidays');
    expect(view.attendees.map((a) => [a.displayName, a.role, a.required])).toEqual(
      expect.arrayContaining([
        ['Maria Lindqvist', 'Manager', false],
        ['Priya Desai', 'Professional', true],
        ['Alex Reed', 'Parent or carer', true],
      ]),
    );
    expect(view.attendees.find((a) => a.displayName === 'Alex Reed')?.busy).toBe('unknown');
    expect(view.withinDeadline).toBe(true);
    expect(view.slots[0]).toMatchObject({ afterDeadline: false, free: expect.arrayContaining(['Priya Desai']), unknown: ['Alex Reed'] });
    // Not for a professional: the schedule is the chair's.
    expect((await call('GET', `/api/meetings/${cg1.id}/schedule`, ids.hv!)).status).toBe(403);
  });

  it('refuses a Saturday-night booking, naming why, and books it when the chair gives a reason', async () => {
    const cg1 = await meeting(1);
    const saturday = { expectedVersion: cg1.version, startsAt: '2027-01-02T03:00:00Z', endsAt: '2027-01-02T04:30:00Z', venue: 'office' };
    const refused = await call('POST', `/api/meetings/${cg1.id}/booking`, 'sam', saturday);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('MEETING.OUTSIDE_WORKING_TIME');
    expect(refused.body.error.message).toContain('Sat 2 Jan 2027 is a weekend');
    expect(fieldsOf(refused.body)).toContain('outsideHoursReason');
    expect((await meeting(1)).status).toBe('planned');
    expect(await store.transaction((tx) => tx.outbox.forCase(caseId))).not.toContainEqual(expect.objectContaining({ topic: 'calendar.create-event' }));
    const evening = {
      expectedVersion: cg1.version,
      startsAt: '2027-01-05T17:30:00Z',
      endsAt: '2027-01-05T19:00:00Z',
      venue: 'family-home',
      outsideHoursReason: 'Father works days; the family asked for the evening',
    };
    const booked = await call('POST', `/api/meetings/${cg1.id}/booking`, 'sam', evening);
    expect(booked.status).toBe(200);
    expect(booked.body).toMatchObject({
      late: false,
      meeting: { status: 'booked', outsideHoursReason: 'Father works days; the family asked for the evening' },
    });
  });

  it('turns red everywhere when the core group is moved past its deadline, with the reason', async () => {
    const cg1 = await meeting(1);
    const moved = await call('POST', `/api/meetings/${cg1.id}/booking`, 'sam', {
      expectedVersion: cg1.version,
      startsAt: '2027-01-11T10:00:00Z',
      endsAt: '2027-01-11T11:30:00Z',
      venue: 'office',
      lateReason: 'Health visitor on leave until the 11th',
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ late: true, lateness: { kind: 'booked-late', workingDaysLate: 3 } });
    const late = 'Core group 1 booked 3 working days late (reason: Health visitor on leave until the 11th)';
    const work = (await call('GET', '/api/me/work', 'sam')).body as unknown as { cases: { colour: string; late?: { text: string } }[] };
    expect(work.cases[0]).toMatchObject({ colour: 'red', late: { text: late } });
    const team = (await call('GET', '/api/team/compliance', ids.maria!)).body as unknown as {
      totals: Json;
      bySocialWorker: { cases: { colour: string; late?: { text: string } }[] }[];
    };
    expect(team.totals).toEqual({ red: 1, amber: 0, green: 0 });
    expect(team.bySocialWorker[0]?.cases[0]?.late?.text).toBe(late);
    const d = await detail();
    expect(d.meetings.find((m) => m.number === 1)?.lateness).toMatchObject({ kind: 'booked-late', text: late });
    expect(d.obligations.find((o) => o.id === 'core-group-1')?.compliance).toMatchObject({ status: 'booked-late', workingDaysLate: 3 });
    // The chair and the manager are told, through the outbox.
    expect(await store.transaction((tx) => tx.outbox.forCase(caseId))).toContainEqual(expect.objectContaining({ topic: 'compliance.meeting-late' }));
  });

  it('cancels only with a reason, sends the cancellation to every attendee, and re-plans the core group', async () => {
    await h.deliverCalendar();
    const cg1 = await meeting(1);
    const short = await call('POST', `/api/meetings/${cg1.id}/cancellation`, 'sam', { reason: 'ill' });
    expect(short.status).toBe(400);
    expect(fieldsOf(short.body)).toEqual(['reason']);
    expect((await meeting(1)).status).toBe('booked');
    expect(
      (await call('POST', `/api/meetings/${cg1.id}/cancellation`, ids.hv!, { reason: 'The family home is flooded; no safe venue this week' })).status,
    ).toBe(403);
    const done = await call('POST', `/api/meetings/${cg1.id}/cancellation`, 'sam', { reason: 'The family home is flooded; no safe venue this week' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ cancelled: { status: 'cancelled' }, replacement: { number: 1, status: 'planned' } });
    await h.deliverCalendar();
    const mails = h.mails();
    const cancels = mails.filter((m) => m.includes('method=CANCEL'));
    expect(cancels.length).toBeGreaterThan(0);
    expect(cancels.join('\n')).toContain(PEOPLE.hv.email);
  });

  it('books the series up to the next review in one step', async () => {
    const d = await detail();
    const planned = d.meetings.filter((m) => m.status === 'planned');
    const bookings: { meetingId: string; expectedVersion: number; startsAt: string; endsAt: string; venue: string }[] = [];
    // As the series page asks: each core group's times given the times chosen for those before it.
    for (const m of planned) {
      const query = bookings.map((b) => `proposed=${encodeURIComponent(`${b.meetingId}@${b.startsAt}`)}`).join('&');
      const view = (await call('GET', `/api/meetings/${m.id}/schedule${query ? `?${query}` : ''}`, 'sam')).body as unknown as {
        slots: { start: string; end: string; day: string; afterDeadline: boolean }[];
      };
      const after = bookings.at(-1)?.startsAt.slice(0, 10) ?? '';
      const slot = view.slots.find((x) => x.day > after && !x.afterDeadline)!;
      bookings.push({ meetingId: m.id, expectedVersion: m.version, startsAt: slot.start, endsAt: slot.end, venue: 'online' });
    }
    const garbled = await call('GET', `/api/meetings/${planned[1]!.id}/schedule?proposed=tomorrow`, 'sam');
    expect(garbled.status).toBe(400);
    expect(fieldsOf(garbled.body)).toEqual(['proposed.0.meetingId', 'proposed.0.startsAt']);
    const bad = await call('POST', `/api/cases/${caseId}/series`, 'sam', { bookings: [{ ...bookings[0], venue: 'pub' }] });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(['bookings.0.venue']);
    const series = await call('POST', `/api/cases/${caseId}/series`, 'sam', { bookings });
    expect(series.status).toBe(200);
    const after = await detail();
    expect(after.meetings.filter((m) => m.status !== 'cancelled').every((m) => m.status === 'booked')).toBe(true);
    expect(await store.transaction((tx) => tx.outbox.forCase(caseId))).toContainEqual(expect.objectContaining({ topic: 'calendar.create-series' }));
    // Each proposed inside the window it has once those before it are held as booked: none flagged.
    expect((await store.transaction((tx) => tx.outbox.forCase(caseId))).map((m) => m.topic)).not.toContain('compliance.booking-outside-window');
    // "Book all" pressed twice: already recorded, no second calendar series.
    const twice = await call('POST', `/api/cases/${caseId}/series`, 'sam', { bookings });
    expect(twice.status).toBe(200);
    expect((twice.body as unknown as { alreadyRecorded?: boolean }[]).every((r) => r.alreadyRecorded)).toBe(true);
    expect((await store.transaction((tx) => tx.outbox.forCase(caseId))).filter((m) => m.topic === 'calendar.create-series')).toHaveLength(1);
  });

  it('adds, excludes and removes members; roles that run a case come from the organisation', async () => {
    const gp = { person: { displayName: 'Dr Amir Shah', email: 'amir.shah@nhs.example' }, agency: 'gp', role: 'professional' };
    const added = await call('POST', `/api/cases/${caseId}/members`, 'sam', { member: gp });
    expect(added.status).toBe(201);
    const forgedManager = await call('POST', `/api/cases/${caseId}/members`, 'sam', {
      member: { ...gp, person: { displayName: 'Pat Neighbour', email: 'pat@mail.example' }, role: 'manager' },
    });
    expect(forgedManager.status).toBe(403);
    expect(fieldsOf(forgedManager.body)).toEqual(['member.role']);
    expect((await call('POST', `/api/cases/${caseId}/members`, ids.parent!, { member: gp })).status).toBe(403);
    const noEmail = await call('POST', `/api/cases/${caseId}/members`, 'sam', { member: { ...gp, person: { displayName: 'X' } } });
    expect(noEmail.status).toBe(400);
    expect(fieldsOf(noEmail.body)).toContain('member.person.email');
    const parent = (await detail()).members.find((m) => m.displayName === 'Alex Reed')!;
    const noReason = await call('POST', `/api/cases/${caseId}/members/${parent.memberId}/exclusion`, 'sam', {});
    expect(noReason.status).toBe(400);
    expect(fieldsOf(noReason.body)).toEqual(['reason']);
    expect(
      (await call('POST', `/api/cases/${caseId}/members/${parent.memberId}/exclusion`, 'sam', { reason: 'Threats to the health visitor at the last visit' }))
        .status,
    ).toBe(200);
    expect((await detail()).members.find((m) => m.displayName === 'Alex Reed')?.excluded).toBe(true);
    const seen = (await call('GET', `/api/cases/${caseId}`, ids.parent!)).body as unknown as { restricted: boolean; meetings: Json[] };
    expect(seen.restricted).toBe(true);
    expect(JSON.stringify(seen.meetings)).not.toContain('startsAt');
    const school = (await detail()).members.find((m) => m.displayName === 'Tom Farrell')!;
    expect((await call('DELETE', `/api/cases/${caseId}/members/${school.memberId}`, 'sam')).status).toBe(200);
    expect((await detail()).members.map((m) => m.displayName)).not.toContain('Tom Farrell');
    const audit = await store.transaction((tx) => tx.audit.forCase(caseId));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['member.added', 'member.excluded', 'member.left']));
  });

  it('lets a professional write and then edit their update in the tab', async () => {
    const d = await detail();
    const next = d.meetings.find((m) => m.status === 'booked')!;
    expect((await call('POST', `/api/meetings/${next.id}/report-requests`, 'sam')).status).toBe(200);
    const work = (await call('GET', '/api/me/work', ids.hv!)).body as unknown as { reportsOwed: { reportId: string }[] };
    const reportId = work.reportsOwed[0]!.reportId;
    const form = await call('GET', `/api/reports/${reportId}`, ids.hv!);
    expect(form.status).toBe(200);
    expect(form.body).toMatchObject({ editable: true, case: { reference: 'CP-2026-0042' } });
    // The tab says whose update it is.
    expect(form.body).toMatchObject({ owner: { displayName: PEOPLE.hv.displayName, agency: 'health visiting', role: 'professional' } });
    const bad = await call('PUT', `/api/reports/${reportId}`, ids.hv!, { content: { ...aReport(), safetyScale: 11 } });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(['safetyScale']);
    const saved = await call('PUT', `/api/reports/${reportId}`, ids.hv!, { content: aReport() });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ status: 'submitted', version: 1 });
    expect((await call('PUT', `/api/reports/${reportId}`, ids.hv!, { content: aReport({ worries: 'None new' }) })).body).toMatchObject({ version: 2 });
    expect((await call('PUT', `/api/reports/${reportId}`, ids.school!, { content: aReport() })).status).toBe(404);
    expect(errors).toEqual([]);
  });
});
