/// <reference types="office-js" />
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AddressInfo } from 'node:net';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { start } from '../../src/server/main';
import { findBrowser } from '../support/requirements.cjs';

const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts/outlook');
const BUILT_PANE = path.resolve(__dirname, '../../dist/tab/outlook/pane.html');

/** What the fake Outlook recorded, read back from the page. */
interface Recorded {
  start: string;
  end: string;
  subject: string;
  required: { emailAddress: string; displayName: string }[];
  optional: { emailAddress: string; displayName: string }[];
  body?: { html: string; options: unknown };
  categories: string[];
  props: Record<string, unknown>;
  notifications: Record<string, { type: string; message: string }>;
  saves: number;
  converted: string[][];
  setCalls: string[];
  completed: number;
}

interface FakeItem {
  mode: 'compose' | 'read';
  start: string;
  end: string;
  subject?: string;
  props?: Record<string, unknown>;
}

/**
 * A minimal Office.js, installed before the page's own scripts (the real office.js is kept from
 * loading): one appointment, in compose mode (the organiser's) or read mode (an attendee's), that
 * records every setAsync and can raise AppointmentTimeChanged as Outlook does when its time moves.
 */
function installFakeOffice(spec: FakeItem): void {
  type Cb = (r: { status: string; value?: unknown }) => void;
  const rec = {
    start: spec.start,
    end: spec.end,
    subject: spec.subject ?? '',
    required: [] as unknown[],
    optional: [] as unknown[],
    body: undefined as unknown,
    categories: [] as string[],
    props: { ...spec.props },
    notifications: {} as Record<string, unknown>,
    saves: 0,
    converted: [] as string[][],
    setCalls: [] as string[],
    completed: 0,
  };
  const handlers: Record<string, (() => void)[]> = {};
  const actions: Record<string, (event: unknown) => void> = {};
  const ok = (cb: Cb | undefined, value?: unknown) => setTimeout(() => cb?.({ status: 'succeeded', value }), 0);
  const set = (name: string, apply: (v: unknown) => void) => (v: unknown, a?: unknown, b?: unknown) => {
    rec.setCalls.push(name);
    apply(v);
    ok((typeof a === 'function' ? a : b) as Cb);
  };
  const time = (which: 'start' | 'end') => ({
    getAsync: (cb: Cb) => ok(cb, new Date(rec[which])),
    setAsync: set(`${which}.setAsync`, (d) => (rec[which] = (d as Date).toISOString())),
  });
  const compose = {
    start: time('start'),
    end: time('end'),
    subject: { getAsync: (cb: Cb) => ok(cb, rec.subject), setAsync: set('subject.setAsync', (s) => (rec.subject = s as string)) },
    requiredAttendees: { setAsync: set('requiredAttendees.setAsync', (l) => (rec.required = l as unknown[])) },
    optionalAttendees: { setAsync: set('optionalAttendees.setAsync', (l) => (rec.optional = l as unknown[])) },
    body: { setAsync: (html: string, options: unknown, cb: Cb) => (rec.setCalls.push('body.setAsync'), (rec.body = { html, options }), ok(cb)) },
    categories: { addAsync: (l: string[], cb: Cb) => (rec.setCalls.push('categories.addAsync'), (rec.categories = [...rec.categories, ...l]), ok(cb)) },
    notificationMessages: {
      replaceAsync: (key: string, m: unknown, cb: Cb) => ((rec.notifications[key] = m), ok(cb)),
      removeAsync: (key: string, cb: Cb) => (delete rec.notifications[key], ok(cb)),
    },
    loadCustomPropertiesAsync: (cb: Cb) => {
      const pending: Record<string, unknown> = { ...rec.props };
      ok(cb, {
        get: (k: string) => pending[k],
        set: (k: string, v: unknown) => (pending[k] = v),
        remove: (k: string) => delete pending[k],
        saveAsync: (done: Cb) => ((rec.props = { ...pending }), ok(done)),
      });
    },
    saveAsync: (cb: Cb) => ((rec.saves += 1), ok(cb, 'AAMkAGVm/ZmI3+Mjk0AAA=')),
    addHandlerAsync: (type: string, h: () => void, cb: Cb) => ((handlers[type] = [...(handlers[type] ?? []), h]), ok(cb)),
  };
  const read = { start: new Date(spec.start), end: new Date(spec.end), subject: spec.subject ?? '' };
  const w = window as unknown as Record<string, unknown>;
  w.Office = {
    onReady: () => Promise.resolve({ host: 'Outlook', platform: 'OfficeOnline' }),
    EventType: { AppointmentTimeChanged: 'olkAppointmentTimeChanged' },
    CoercionType: { Html: 'html' },
    MailboxEnums: { RestVersion: { v2_0: 'v2.0' }, ItemNotificationMessageType: { ErrorMessage: 'errorMessage' } },
    auth: { getAccessToken: () => Promise.reject(new Error('no Office SSO in this test: local mode signs in with dev sign-in')) },
    actions: { associate: (id: string, f: (event: unknown) => void) => (actions[id] = f) },
    context: {
      ui: { openBrowserWindow: (url: string) => rec.setCalls.push(`openBrowserWindow ${url}`) },
      mailbox: {
        item: spec.mode === 'compose' ? compose : read,
        convertToRestId: (id: string, v: string) => (rec.converted.push([id, v]), id.replace(/\//g, '-').replace(/\+/g, '_')),
      },
    },
  };
  w.__outlook = {
    rec,
    /** The organiser moves the appointment in the form. */
    moveTo: (s: string, e: string) => {
      rec.start = s;
      rec.end = e;
      for (const h of handlers.olkAppointmentTimeChanged ?? []) h();
    },
    /** Outlook runs the event runtime's handler, as the manifest's autoRunEvents ask. */
    fire: (id: string) => actions[id]?.({ completed: () => (rec.completed += 1) }),
    associated: () => Object.keys(actions),
  };
}

/**
 * The Outlook add-in end to end: the real server in local mode (demo data, dev sign-in), the built
 * pane in headless Chromium with a fake Office.js. The chair picks CP-DEMO-001's next core group,
 * sees its window and why, picks a slot, fills the invitation and links it; the meeting is then
 * booked with the appointment's id; a move to a Saturday is flagged at once. An attendee sees the
 * case's status; the event runtime flags a linked appointment's new time.
 */
describe('the Outlook add-in end to end (real server, headless Chromium, fake Office.js)', () => {
  let running: Awaited<ReturnType<typeof start>>;
  let browser: Browser;
  let context: BrowserContext;
  let base: string;
  let dataDir: string;
  let meetingId: string;
  let caseId: string;
  const pageWith = async (item: FakeItem): Promise<Page> => {
    const page = await context.newPage();
    // Office.js comes from Microsoft's CDN; here the fake above stands in for it.
    await page.route('https://appsforoffice.microsoft.com/**', (route) => route.fulfill({ contentType: 'application/javascript', body: '' }));
    await page.addInitScript(installFakeOffice, item);
    return page;
  };
  const recorded = (page: Page) => page.evaluate(() => (window as unknown as { __outlook: { rec: Recorded } }).__outlook.rec);
  const api = async <T>(url: string, user: string): Promise<T> => (await (await fetch(`${base}${url}`, { headers: { 'x-dev-user': user } })).json()) as T;
  const person = async (name: string) =>
    (await api<{ people: { id: string; displayName: string }[] }>('/api/dev/users', 'x')).people.find((p) => p.displayName === name)!.id;
  /** The Saturday after a day, 10:00Z (10:00 GMT or 11:00 BST: in working hours, on a weekend). */
  const saturdayAfter = (iso: string) => {
    const d = new Date(iso);
    d.setUTCDate(d.getUTCDate() + ((6 - d.getUTCDay() + 7) % 7 || 7));
    const day = d.toISOString().slice(0, 10);
    return { start: `${day}T10:00:00.000Z`, end: `${day}T11:30:00.000Z` };
  };

  beforeAll(async () => {
    const executablePath = findBrowser();
    if (!executablePath) throw new Error('no Chromium found, though jest.config.js counted this suite in');
    if (!fs.existsSync(BUILT_PANE)) throw new Error('The Outlook pane is not built: run `npm run build` first (npm test does).');
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-e2e-outlook-'));
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    running = await start({ DATA_DIR: dataDir, PORT: '0' });
    base = `http://127.0.0.1:${(running.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
    // A task pane is narrow: 350 pixels, as Outlook on the web gives it.
    context = await browser.newContext({ viewport: { width: 350, height: 900 } });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await running?.stop();
    jest.restoreAllMocks();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the pages the manifest declares', async () => {
    for (const p of ['/outlook/pane.html', '/outlook/events.html', '/outlook/events.js', '/configure', '/outlook/icons/icon-32.png']) {
      const res = await fetch(`${base}${p}`);
      expect([p, res.status]).toEqual([p, 200]);
    }
    expect(await (await fetch(`${base}/configure`)).text()).toContain('add the case to this chat');
  });

  it('refuses the organiser’s pane to someone on the case who does not run it, by the API’s rules', async () => {
    const page = await pageWith({ mode: 'compose', start: '2030-01-07T10:00:00Z', end: '2030-01-07T11:30:00Z' });
    await page.goto(`${base}/outlook/pane.html`);
    await page.selectOption('#dev-user', { label: 'Priya Desai — Health visitor' });
    await page.getByRole('button', { name: 'CP-DEMO-001 (EMC)' }).click();
    await page.getByText(/You are not allowed to schedule core groups on this case\. Only the chair, vice chair, manager or business support/).waitFor();
    expect(await page.getByRole('button', { name: 'Link to Core Groups' }).count()).toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'organizer-refused.png'), fullPage: true });
    await page.close();
  }, 30_000);

  let organizer: Page;
  it('the chair picks CP-DEMO-001 and the pane starts on its next core group not yet booked, with its window, why, and the appointment flagged', async () => {
    // A new appointment the chair opened on a Saturday: flagged as soon as the core group is chosen.
    const sat = saturdayAfter(new Date().toISOString());
    organizer = await pageWith({ mode: 'compose', start: sat.start, end: sat.end });
    await organizer.goto(`${base}/outlook/pane.html`);
    await organizer.getByText('Local mode — dev sign-in.').waitFor();
    await organizer.selectOption('#dev-user', { label: 'Sam Okafor — Social worker (chair)' });
    await organizer.getByLabel('Find your case (reference or initials)').fill('EMC');
    await organizer.getByRole('button', { name: 'CP-DEMO-001 (EMC)' }).click();
    // Core group 1 is already in the chair's diary (the demo booked it): a new appointment is for core group 2.
    await organizer.getByText('Core group 2 — CP-DEMO-001 (EMC)').waitFor();
    await organizer.getByText(/^Window: /).waitFor();
    expect(await organizer.getByText(/^Why: Core group 2: /).count()).toBe(1);
    const choice = organizer.getByRole('combobox', { name: 'Core group' });
    expect(await choice.locator('option:checked').textContent()).toMatch(/^Core group 2 — not booked yet, due by \w{3} \d{1,2} \w{3} \d{4}$/);
    expect(await choice.locator('option').allTextContents()).toContainEqual(
      expect.stringMatching(/^Core group 1 — booked for \w{3} \d{1,2} \w{3}, \d{2}:\d{2} \(due by /),
    );
    await organizer.getByRole('alert').filter({ hasText: 'is a weekend' }).waitFor();
    await organizer.screenshot({ path: path.join(ARTIFACTS, 'organizer-window-and-flag.png'), fullPage: true });
  }, 30_000);

  it('picks a compliant slot, which moves the appointment and clears the flag', async () => {
    const slots = organizer.getByRole('region', { name: 'Compliant times' }).getByRole('button');
    await slots.first().waitFor();
    await slots.first().click();
    await organizer.getByText(/^This time suits core group 2/).waitFor();
    expect(await organizer.getByRole('alert').count()).toBe(0);
    const rec = await recorded(organizer);
    expect(rec.setCalls).toEqual(['start.setAsync', 'end.setAsync']);
    expect(rec.notifications).toEqual({});
  }, 30_000);

  it('fills the invitation: subject, required and optional attendees, agenda, category', async () => {
    await organizer.getByRole('button', { name: 'Fill in the invitation' }).click();
    await organizer.getByText(/^Filled in: the subject, \d+ required and \d+ optional attendees/).waitFor();
    const rec = await recorded(organizer);
    expect(rec.subject).toBe('Core group 2 — CP-DEMO-001 (EMC)');
    expect(rec.required.map((r) => r.displayName)).toEqual(expect.arrayContaining(['Priya Desai', 'Tom Farrell', 'Parent or carer (AR)']));
    expect(rec.optional.map((r) => r.displayName)).toEqual(expect.arrayContaining(['Maria Lindqvist', 'Jo Whitby', 'Ruth Bannerman']));
    expect([...rec.required, ...rec.optional].map((r) => r.displayName)).not.toContain('Sam Okafor');
    expect(rec.body).toMatchObject({ options: { coercionType: 'html' } });
    expect(rec.body?.html).toContain('<li>Recent events since the last meeting</li>');
    expect(rec.body?.html).not.toContain('Ellie');
    expect(rec.categories).toEqual(['Core group']);
  }, 30_000);

  it('links the appointment: the meeting is booked with its converted id, and no second invitation is made', async () => {
    await organizer.getByRole('button', { name: 'Link to Core Groups' }).click();
    await organizer.getByText(/^Linked\. Core group 2 is booked for/).waitFor();
    await organizer.screenshot({ path: path.join(ARTIFACTS, 'organizer-linked.png'), fullPage: true });
    const rec = await recorded(organizer);
    expect(rec.saves).toBe(1);
    expect(rec.converted).toEqual([['AAMkAGVm/ZmI3+Mjk0AAA=', 'v2.0']]);
    const sam = await person('Sam Okafor');
    const work = await api<{ cases: { caseId: string; reference: string }[] }>('/api/me/work', sam);
    caseId = work.cases.find((c) => c.reference === 'CP-DEMO-001')!.caseId;
    const detail = await api<{ meetings: { id: string; number: number; status: string; startsAt?: string; calendarEventId?: string }[] }>(
      `/api/cases/${caseId}`,
      sam,
    );
    const cg2 = detail.meetings.find((m) => m.number === 2 && m.status === 'booked')!;
    meetingId = cg2.id;
    expect(cg2).toMatchObject({ calendarEventId: 'AAMkAGVm-ZmI3_Mjk0AAA=', startsAt: rec.start });
    expect(rec.props).toEqual({ coreGroupsMeetingId: cg2.id, coreGroupsApi: base });
  }, 30_000);

  it('once core group 2 is linked, a new appointment starts on core group 3, and the linked one reopens on core group 2', async () => {
    const fresh = await pageWith({ mode: 'compose', start: '2030-01-07T10:00:00Z', end: '2030-01-07T11:30:00Z' });
    await fresh.goto(`${base}/outlook/pane.html`);
    await fresh.selectOption('#dev-user', { label: 'Sam Okafor — Social worker (chair)' });
    await fresh.getByRole('button', { name: 'CP-DEMO-001 (EMC)' }).click();
    await fresh.getByText(/^Why: Core group 3/).waitFor();
    expect(await fresh.getByRole('combobox', { name: 'Core group' }).locator('option:checked').textContent()).toMatch(/^Core group 3 — not booked yet/);
    await fresh.close();

    // The chair reopens the linked appointment to move it: the pane opens on its case and core group without a search.
    const rec = await recorded(organizer);
    const reopened = await pageWith({ mode: 'compose', start: rec.start, end: rec.end, props: { coreGroupsMeetingId: meetingId, coreGroupsApi: base } });
    await reopened.goto(`${base}/outlook/pane.html`);
    await reopened.selectOption('#dev-user', { label: 'Sam Okafor — Social worker (chair)' });
    await reopened.getByText('Core group 2 — CP-DEMO-001 (EMC)').waitFor();
    await reopened.getByText(/^Why: Core group 2/).waitFor();
    expect(await reopened.getByRole('combobox', { name: 'Core group' }).locator('option:checked').textContent()).toMatch(/^Core group 2 — booked for /);
    await reopened.screenshot({ path: path.join(ARTIFACTS, 'organizer-reopened-linked.png'), fullPage: true });
    await reopened.close();
  }, 30_000);

  it('flags the appointment at once when the chair moves it to a Saturday', async () => {
    const rec = await recorded(organizer);
    const sat = saturdayAfter(rec.start);
    await organizer.evaluate(
      ({ start: s, end: e }) => (window as unknown as { __outlook: { moveTo(s: string, e: string): void } }).__outlook.moveTo(s, e),
      sat,
    );
    await organizer.getByRole('alert').filter({ hasText: 'is a weekend' }).waitFor();
    const after = await recorded(organizer);
    expect(after.notifications.coreGroupsTime).toMatchObject({ type: 'errorMessage', message: expect.stringContaining('is a weekend') });
    await organizer.screenshot({ path: path.join(ARTIFACTS, 'organizer-moved-to-saturday.png'), fullPage: true });
  }, 30_000);

  it('the event runtime registers onAppointmentTimeChanged and flags a linked appointment’s new time', async () => {
    const sat = saturdayAfter(new Date().toISOString());
    const events = await pageWith({ mode: 'compose', start: sat.start, end: sat.end, props: { coreGroupsMeetingId: meetingId, coreGroupsApi: base } });
    await events.goto(`${base}/outlook/events.html`);
    await events.waitForFunction(() => (window as unknown as { __outlook: { associated(): string[] } }).__outlook.associated().length > 0);
    expect(await events.evaluate(() => (window as unknown as { __outlook: { associated(): string[] } }).__outlook.associated())).toEqual([
      'onAppointmentTimeChanged',
    ]);
    await events.evaluate(() => (window as unknown as { __outlook: { fire(id: string): void } }).__outlook.fire('onAppointmentTimeChanged'));
    await events.waitForFunction(() => (window as unknown as { __outlook: { rec: Recorded } }).__outlook.rec.completed === 1);
    const rec = await recorded(events);
    expect(rec.notifications.coreGroupsTime).toMatchObject({
      type: 'errorMessage',
      message: expect.stringMatching(/^Core group 2 \(CP-DEMO-001\): .*is a weekend/),
    });
  }, 30_000);

  it('an attendee sees the case’s status, read only, and where to write their update', async () => {
    const attendee = await pageWith({ mode: 'read', start: '2030-01-07T10:00:00Z', end: '2030-01-07T11:30:00Z', subject: 'Core group 1 — CP-DEMO-001 (EMC)' });
    await attendee.goto(`${base}/outlook/pane.html`);
    await attendee.selectOption('#dev-user', { label: 'Priya Desai — Health visitor' });
    await attendee.getByRole('heading', { name: 'CP-DEMO-001 (EMC)' }).waitFor();
    await attendee.getByText(/^Next: core group 1, booked for/).waitFor();
    await attendee.getByRole('button', { name: 'Write my update' }).click();
    const [opened] = (await recorded(attendee)).setCalls;
    expect(opened).toMatch(new RegExp(`^openBrowserWindow ${base}/open/reports/[0-9a-f-]+$`));
    expect(await attendee.getByRole('button', { name: 'Link to Core Groups' }).count()).toBe(0);
    await attendee.screenshot({ path: path.join(ARTIFACTS, 'attendee.png'), fullPage: true });
    // The address opens her update itself (local mode: the web page; production: inside Teams).
    await attendee.goto(opened!.replace('openBrowserWindow ', ''));
    expect(attendee.url()).toMatch(new RegExp(`^${base}/#/reports/[0-9a-f-]+$`));
    await attendee.getByText('This is the update from').waitFor();
  }, 30_000);
});
