/// <reference types="office-js" />
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { recordCalendarChange } from '../../src/app/calendar-sync';
import { AppContext } from '../../src/app/context';
import { createCase } from '../../src/app/create-case';
import { EmbeddedCalendar } from '../../src/adapters/local/embedded-calendar';
import { fileMailer } from '../../src/adapters/local/file-mailer';
import { KyselyStore } from '../../src/adapters/store/kysely-store';
import { openStore } from '../../src/adapters/store/open-store';
import { builtInRegistry } from '../../src/domain/policy';
import { fixedClock } from '../../src/ports/clock';
import { devSignInAuthenticator } from '../../src/server/auth/dev-sign-in';
import { createHttpApp } from '../../src/server/http/create-app';
import { apiClient, devCredentials, explain } from '../../tab/outlook/api';
import type { CaseDetail, MeetingAgenda, ScheduleView } from '../../tab/outlook/api-types';
import { flagsFor, inviteesFor, paneModeOf } from '../../tab/outlook/decisions';
import {
  checkTime,
  currentItem,
  fillAppointment,
  fillFor,
  linkAppointment,
  MEETING_ID_PROPERTY,
  onAppointmentTimeChanged,
  readTimes,
  setTimes,
  showTimeNotification,
  TIME_NOTIFICATION_KEY,
  watchTimeChanges,
} from '../../tab/outlook/office';
import { aCase, actor, aMember, PEOPLE } from '../fixtures/builders';
import { listStaff } from '../fixtures/staff';
import { mockOutlook, REST_ITEM_ID, SAVED_ITEM_ID } from './mock-outlook';

/**
 * The Outlook pane's Office.js glue, with office-addin-mock standing in for Outlook (the global
 * `Office`) and the real HTTP app behind it (local mode, dev sign-in): the flags it raises for the
 * appointment's time (UK time across GMT and BST, bank holidays, the deadline), what it fills in, how
 * it links the appointment, and who it refuses, by the same rules as the API.
 */
describe('the Outlook pane against a mocked mailbox and the real API', () => {
  let store: KyselyStore;
  let server: http.Server;
  let base: string;
  let caseId: string;
  let outboxDir: string;
  let ctx: AppContext;
  const ids: Record<string, string> = {};
  const clock = fixedClock('2026-12-21T09:00:00.000Z'); // ICPC Fri 18 Dec 2026: core group 1 due Wed 6 Jan 2027
  const api = (user: string) => apiClient(devCredentials(user), fetch, base);

  beforeAll(async () => {
    store = (await openStore({ kind: 'sqlite', file: ':memory:' })) as KyselyStore;
    ctx = { store, clock, profiles: builtInRegistry };
    outboxDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-pane-'));
    const calendar = new EmbeddedCalendar({
      db: store.db,
      clock,
      mailer: fileMailer(outboxDir),
      mailFrom: 'core-groups@anytown.gov.uk',
      feedSecret: 's',
      onChange: (change) => recordCalendarChange(ctx, change),
    });
    await store.transaction((tx) => tx.people.insert({ id: 'sam', ...PEOPLE.sam }));
    await store.transaction((tx) => tx.people.insert({ id: 'stranger', displayName: 'Other Worker', email: 'other@anytown.gov.uk' }));
    await listStaff(ctx);
    caseId = (await createCase(ctx, actor('sam'), aCase({ members: [aMember('sam'), aMember('maria'), aMember('hv'), aMember('school'), aMember('parent')] })))
      .id;
    for (const who of ['maria', 'hv'] as const) ids[who] = (await store.transaction((tx) => tx.people.byEmail(PEOPLE[who].email)))!.id;
    const authenticator = devSignInAuthenticator(async (id) => Boolean(await store.transaction((tx) => tx.people.byId(id))));
    server = http.createServer(createHttpApp({ ctx, authenticator, devSignIn: true, calendar, meetingMinutes: 90 }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    delete (globalThis as { Office?: unknown }).Office;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await store.close();
    fs.rmSync(outboxDir, { recursive: true, force: true });
  });

  const useMailbox = (start: string, end: string, props?: Record<string, unknown>) => {
    const mock = mockOutlook({ start, end, ...(props ? { props } : {}) });
    (globalThis as { Office?: unknown }).Office = mock.office;
    return mock;
  };
  const coreGroup1 = async () => (await api('sam').get<CaseDetail>(`/api/cases/${caseId}`)).meetings.find((m) => m.number === 1)!;

  it('opens as the organiser’s pane on an appointment in compose mode', () => {
    useMailbox('2027-01-05T10:00:00Z', '2027-01-05T11:30:00Z');
    expect(paneModeOf(currentItem())).toBe('organizer');
    expect(paneModeOf({ start: new Date() })).toBe('attendee');
  });

  it('flags a Saturday and a bank holiday at once, and clears the flag when the time suits', async () => {
    const cg1 = await coreGroup1();
    const { state } = useMailbox('2027-01-02T10:00:00Z', '2027-01-02T11:30:00Z');
    const item = currentItem();
    const saturday = await checkTime(api('sam'), cg1.id, await readTimes(item));
    expect(flagsFor(saturday)).toEqual([{ intent: 'warning', text: 'Sat 2 Jan 2027 is a weekend' }]);
    await showTimeNotification(item, saturday);
    expect(state.notifications[TIME_NOTIFICATION_KEY]).toEqual({ type: 'errorMessage', message: 'Core group 1 (CP-2026-0042): Sat 2 Jan 2027 is a weekend.' });

    await setTimes(item, { startsAt: '2026-12-28T10:00:00Z', endsAt: '2026-12-28T11:30:00Z' });
    const boxingDay = await checkTime(api('sam'), cg1.id, await readTimes(item));
    expect(flagsFor(boxingDay)).toEqual([{ intent: 'warning', text: expect.stringMatching(/^Mon 28 Dec 2026 is a bank holiday \(Boxing Day/) }]);

    await setTimes(item, { startsAt: '2027-01-05T09:30:00Z', endsAt: '2027-01-05T11:00:00Z' });
    const fine = await checkTime(api('sam'), cg1.id, await readTimes(item));
    expect(flagsFor(fine)).toEqual([]);
    await showTimeNotification(item, fine);
    expect(state.notifications).toEqual({});
  });

  it('judges the hours in UK time: 09:30 is fine in GMT (09:30Z) and in BST (08:30Z), 09:00 BST is not', async () => {
    const cg1 = await coreGroup1();
    useMailbox('2027-06-15T08:30:00Z', '2027-06-15T10:00:00Z');
    const bst = await checkTime(api('sam'), cg1.id, await readTimes(currentItem()));
    // June is after core group 1's deadline: that is the only problem, and it is an error.
    expect(flagsFor(bst)).toEqual([{ intent: 'error', text: expect.stringContaining("is after core group 1's deadline of Wed 6 Jan 2027") }]);
    useMailbox('2027-06-15T08:00:00Z', '2027-06-15T09:30:00Z');
    const early = await checkTime(api('sam'), cg1.id, await readTimes(currentItem()));
    expect(flagsFor(early).map((f) => f.text)).toContain('09:00–10:30 is outside working hours (09:30–16:30)');
  });

  it('re-checks whenever the organiser moves the appointment (AppointmentTimeChanged)', async () => {
    const cg1 = await coreGroup1();
    const { moveTo } = useMailbox('2027-01-05T10:00:00Z', '2027-01-05T11:30:00Z');
    const seen: string[][] = [];
    const recheck = async () => seen.push(flagsFor(await checkTime(api('sam'), cg1.id, await readTimes(currentItem()))).map((f) => f.text));
    let pending: Promise<unknown> = Promise.resolve();
    await watchTimeChanges(currentItem(), () => void (pending = recheck()));
    moveTo('2027-01-09T10:00:00Z', '2027-01-09T11:30:00Z');
    await pending;
    expect(seen).toEqual([["Sat 9 Jan 2027 is after core group 1's deadline of Wed 6 Jan 2027 (2 working days late)", 'Sat 9 Jan 2027 is a weekend']]);
  });

  it('fills the subject, required and optional attendees, the agenda and the category', async () => {
    const cg1 = await coreGroup1();
    const { state } = useMailbox('2027-01-05T10:00:00Z', '2027-01-05T11:30:00Z');
    const view = await api('sam').get<ScheduleView>(`/api/meetings/${cg1.id}/schedule`);
    const agenda = await api('sam').get<MeetingAgenda>(`/api/meetings/${cg1.id}/agenda`);
    await fillAppointment(currentItem(), fillFor(view, agenda, inviteesFor(view.attendees, PEOPLE.sam.email)));
    expect(state.subject).toBe('Core group 1 — CP-2026-0042 (LRE)');
    expect(state.required).toEqual(
      expect.arrayContaining([
        { emailAddress: PEOPLE.hv.email, displayName: 'Priya Desai' },
        { emailAddress: PEOPLE.parent.email, displayName: 'Parent or carer (AR)' },
      ]),
    );
    // The parent's name is nowhere on the appointment, which every attendee sees beside the case reference.
    expect(JSON.stringify(state)).not.toMatch(/Alex|Reed/);
    expect(state.optional).toEqual([{ emailAddress: PEOPLE.maria.email, displayName: 'Maria Lindqvist' }]);
    expect(JSON.stringify([state.required, state.optional])).not.toContain(PEOPLE.sam.email);
    expect(state.body?.options).toEqual({ coercionType: 'html' });
    expect(state.body?.html).toContain('<li>Recent events since the last meeting</li>');
    expect(state.body?.html).not.toContain('Lily');
    expect(state.categories).toEqual(['Core group']);
  });

  it('refuses to link for a professional on the case (403) and for a stranger (404), writing nothing', async () => {
    const cg1 = await coreGroup1();
    const { state } = useMailbox('2027-01-05T10:00:00Z', '2027-01-05T11:30:00Z');
    const request = { meetingId: cg1.id, expectedVersion: cg1.version, venue: 'office' as const, apiOrigin: base };
    const refused = await linkAppointment(currentItem(), api(ids.hv!), request).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 403 });
    expect(explain(refused)).toContain('Only the chair, vice chair, manager or business support');
    await expect(linkAppointment(currentItem(), api('stranger'), request)).rejects.toMatchObject({ status: 404 });
    await expect(api(ids.hv!).get(`/api/meetings/${cg1.id}/schedule`)).rejects.toMatchObject({ status: 403 });
    expect((await coreGroup1()).status).toBe('planned');
    expect(state.subject).toBe('');
  });

  it('links: saves the item, converts its id to the REST id, keeps the meeting id on it and books with it', async () => {
    const cg1 = await coreGroup1();
    const { state } = useMailbox('2027-01-05T10:00:00Z', '2027-01-05T11:30:00Z');
    const result = await linkAppointment(currentItem(), api('sam'), { meetingId: cg1.id, expectedVersion: cg1.version, venue: 'office', apiOrigin: base });
    expect(state.saves).toBe(1);
    expect(state.converted).toEqual([[SAVED_ITEM_ID, 'v2.0']]);
    expect(state.props).toEqual({ [MEETING_ID_PROPERTY]: cg1.id, coreGroupsApi: base });
    expect(result).toMatchObject({ late: false, meeting: { status: 'booked', calendarEventId: REST_ITEM_ID } });
    expect(await coreGroup1()).toMatchObject({ status: 'booked', calendarEventId: REST_ITEM_ID, startsAt: '2027-01-05T10:00:00.000Z' });
    const outbox = await store.transaction((tx) => tx.outbox.forCase(caseId));
    expect(outbox.map((m) => m.topic)).not.toContain('calendar.create-event');
  });

  it('the event runtime flags a linked appointment moved to a weekend, and always completes', async () => {
    const cg1 = await coreGroup1();
    const { state } = useMailbox('2027-01-09T10:00:00Z', '2027-01-09T11:30:00Z', { [MEETING_ID_PROPERTY]: cg1.id, coreGroupsApi: base });
    const completed = jest.fn();
    await onAppointmentTimeChanged({ completed }, async (origin) => apiClient(devCredentials('sam'), fetch, origin));
    expect(completed).toHaveBeenCalledTimes(1);
    expect(state.notifications[TIME_NOTIFICATION_KEY]?.message).toBe(
      "Core group 1 (CP-2026-0042): Sat 9 Jan 2027 is after core group 1's deadline of Wed 6 Jan 2027 (2 working days late); Sat 9 Jan 2027 is a weekend.",
    );

    // Not linked: nothing to check, still completed. The API failing: still completed.
    const unlinked = useMailbox('2027-01-09T10:00:00Z', '2027-01-09T11:30:00Z');
    await onAppointmentTimeChanged({ completed }, async () => api('sam'));
    expect(unlinked.state.notifications).toEqual({});
    useMailbox('2027-01-09T10:00:00Z', '2027-01-09T11:30:00Z', { [MEETING_ID_PROPERTY]: cg1.id });
    const errors: unknown[] = [];
    await onAppointmentTimeChanged(
      { completed },
      async () => api(ids.hv!),
      (e) => errors.push(e),
    );
    expect(completed).toHaveBeenCalledTimes(3);
    expect(errors).toEqual([expect.objectContaining({ status: 403 })]);
  });
});
