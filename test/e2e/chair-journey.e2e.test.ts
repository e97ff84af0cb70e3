import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AddressInfo } from 'node:net';
import { findBrowser } from '../support/requirements.cjs';
import { Browser, chromium, Page } from 'playwright-core';
import { start } from '../../src/server/main';

const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts/tab');
const BUILT_TAB = path.resolve(__dirname, '../../dist/tab/index.html');
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const THEMES = ['default', 'dark', 'contrast'] as const;
const WIDTHS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface AxeResult {
  violations: { id: string; impact: string; help: string; nodes: { target: string[]; failureSummary: string }[] }[];
}

/**
 * Table cells a phone user cannot reach: drawn beyond the viewport's edge and not inside a scrolling
 * region (overflow-x auto or scroll, itself on screen) that can bring them into view. A page that
 * clips its overflow passes the "no wider than a phone" check, yet its right-hand columns (and their
 * buttons) are simply gone. Runs in the page.
 */
function unreachableCells(): string[] {
  const edge = document.documentElement.clientWidth + 1;
  const found: string[] = [];
  for (const cell of Array.from(document.querySelectorAll('th, td'))) {
    if (cell.closest('table')?.getAttribute('role') === 'presentation') continue;
    const box = cell.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || (box.right <= edge && box.left >= -1)) continue;
    // Visually hidden on purpose (a stacked table's header row, kept for screen readers).
    const clipped = (el: Element | null): boolean =>
      !!el && el !== document.body && (getComputedStyle(el).clip !== 'auto' || getComputedStyle(el).clipPath !== 'none' || clipped(el.parentElement));
    if (clipped(cell)) continue;
    let reachable = false;
    for (let el = cell.parentElement; el && el !== document.body; el = el.parentElement) {
      const overflow = getComputedStyle(el).overflowX;
      if (overflow !== 'auto' && overflow !== 'scroll') continue;
      const region = el.getBoundingClientRect();
      reachable = el.scrollWidth > el.clientWidth && region.right <= edge && region.left >= -1;
      break;
    }
    if (!reachable) found.push((cell.textContent ?? '').trim().slice(0, 40));
  }
  return found;
}

/** "2026-12-01" in UK time, for an instant. */
const londonDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(d);
const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const weekday = (iso: string) => new Date(`${iso}T12:00:00Z`).getUTCDay();

/**
 * The chair's journey in the built tab, in headless Chromium against the real server in local mode:
 * open a case, book its first core group from the schedule view, move it past the deadline and see
 * it red in my work, the case timeline and (as the manager) team compliance, cancel it with a reason
 * (the CANCEL is written to the outbox), book the series, a professional's update, and the manager's
 * approval from the inbox. Every view is checked with axe (WCAG 2.2 AA) and photographed in the light,
 * dark and high-contrast themes at desktop and phone widths.
 */
describe("the chair's journey in the tab (real server, headless Chromium)", () => {
  let running: Awaited<ReturnType<typeof start>>;
  let browser: Browser;
  let page: Page;
  let base: string;
  let dataDir: string;
  let caseId: string;
  let minutesId: string;
  let users: { id: string; displayName: string }[];
  const axeReport: { view: string; theme: string; width: string; violations: number }[] = [];
  /** What axe or the phone width found, view by view: asserted once the journey is done, so one run shows them all. */
  const problems: string[] = [];
  const REF = 'CP-E2E-0001';

  const userId = (name: string) => users.find((u) => u.displayName.startsWith(name))!.id;
  const api = async <T>(user: string, url: string): Promise<T> =>
    (await (await fetch(`${base}${url}`, { headers: { 'x-dev-user': userId(user) } })).json()) as T;
  const outbox = () => {
    const dir = path.join(dataDir, 'outbox');
    return fs.existsSync(dir)
      ? fs
          .readdirSync(dir)
          .filter((f) => f.endsWith('.eml'))
          .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
      : [];
  };
  const eventually = async (what: string, check: () => boolean, ms = 20_000) => {
    const until = Date.now() + ms;
    while (!check()) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  };

  /** A fresh load of a view (a new query string, so the browser loads the page rather than only changing its hash). */
  let loads = 0;
  const open = (hash: string) => page.goto(`${base}/?load=${++loads}#${hash}`);

  const signIn = async (label: RegExp) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await open('/');
    await page.getByText('Local mode — dev sign-in.').waitFor();
    const option = await page.locator('#dev-user option').filter({ hasText: label }).first().getAttribute('value');
    await page.selectOption('#dev-user', option!);
    await page.getByRole('heading', { name: 'My core groups' }).waitFor();
  };

  /** Each view in every theme at both widths: no axe violations (WCAG 2.2 AA), and a screenshot to look at. */
  const everyTheme = async (view: string, hash: string, ready: (p: Page) => Promise<unknown>) => {
    for (const theme of THEMES) {
      for (const size of WIDTHS) {
        await page.setViewportSize({ width: size.width, height: size.height });
        await page.goto(`${base}/?theme=${theme}&w=${size.name}&load=${++loads}#${hash}`);
        await ready(page);
        await page.waitForTimeout(150);
        // Evaluated through the DevTools protocol, as a tester's tool: the app's CSP rightly refuses an
        // inline <script>, and the page keeps running under that CSP while axe checks it.
        await page.evaluate(AXE_SOURCE);
        const result = (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG)} } })`)) as AxeResult;
        axeReport.push({ view, theme, width: size.name, violations: result.violations.length });
        for (const v of result.violations)
          problems.push(
            `${view} ${theme} ${size.name}: ${v.id} (${v.help}) at ${v.nodes
              .map((n) => n.target.join(' '))
              .slice(0, 4)
              .join(', ')}`,
          );
        // Nothing overflows the phone's width: badges and headers wrap.
        if (size.name === 'phone') {
          const wide = await page.evaluate(() => document.documentElement.scrollWidth);
          if (wide > size.width + 1) problems.push(`${view} ${theme} phone: the page is ${wide}px wide`);
          for (const cell of await page.evaluate(unreachableCells))
            problems.push(`${view} ${theme} phone: the table cell "${cell}" is off-screen and not inside a region that scrolls to it`);
        }
        await page.screenshot({ path: path.join(ARTIFACTS, `${view}-${theme}-${size.name}.png`), fullPage: true });
      }
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  };

  beforeAll(async () => {
    const executablePath = findBrowser();
    if (!executablePath) throw new Error('no Chromium found, though jest.config.js counted this suite in');
    if (!fs.existsSync(BUILT_TAB)) throw new Error('The tab is not built: run `npm run build` first (npm test does).');
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-chair-e2e-'));
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    running = await start({ DATA_DIR: dataDir, PORT: '0' });
    base = `http://127.0.0.1:${(running.server.address() as AddressInfo).port}`;
    users = ((await (await fetch(`${base}/api/dev/users`)).json()) as { people: { id: string; displayName: string }[] }).people;
    browser = await chromium.launch({
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('dialog', (d) => void d.accept());
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    fs.writeFileSync(path.join(ARTIFACTS, 'axe-report.json'), JSON.stringify({ checks: axeReport, problems }, null, 2));
    await browser?.close();
    await running?.stop();
    jest.restoreAllMocks();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens a case as the chair, with members named by role and agency in words', async () => {
    await signIn(/^Sam Okafor/);
    await everyTheme('my-work-chair', '/', (p) => p.getByRole('table', { name: 'My cases' }).waitFor());
    await everyTheme('open-a-case', '/cases/new', (p) => p.getByLabel('Case reference').waitFor());
    await open(`/cases/new`);
    await page.getByLabel('Case reference').fill(REF);
    await page.getByLabel("Child's full name").fill('Jamie Lee Example');
    await page.getByLabel('Date of the initial conference').fill(londonDay(new Date()));
    const member = (i: number) => page.getByRole('group', { name: `Member ${i}` });
    // The chair is filled in from who is signed in.
    await page.waitForFunction(() => [...document.querySelectorAll('input')].some((i) => i.value === 'Sam Okafor'));
    await member(2).getByLabel('Name').fill('Maria Lindqvist');
    await member(2).getByLabel('Email').fill('maria.lindqvist@anytown.example');
    for (const [name, email, agency, role] of [
      ['Priya Desai', 'priya.desai@nhs.example', 'Health visiting', 'Professional'],
      ['Alex Reed', 'alex.reed@mail.example', 'Family', 'Parent or carer'],
    ] as const) {
      await page.getByRole('button', { name: 'Add another member' }).click();
      const row = page.getByRole('group', { name: /^Member \d+$/ }).last();
      await row.getByLabel('Name').fill(name);
      await row.getByLabel('Email').fill(email);
      await row.getByLabel('Agency').selectOption({ label: agency });
      await row.getByLabel('Role').selectOption({ label: role });
    }
    // A role that runs a case, claimed for someone the organisation does not list: the server's words, beside the field.
    await page.getByRole('button', { name: 'Add another member' }).click();
    const forged = page.getByRole('group', { name: /^Member \d+$/ }).last();
    await forged.getByLabel('Name').fill('Pat Neighbour');
    await forged.getByLabel('Email').fill('pat@mail.example');
    await forged.getByLabel('Role').selectOption({ label: 'Team manager' });
    await page.getByRole('button', { name: 'Open the case' }).click();
    await page.getByRole('alert').first().waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'open-a-case-refused.png'), fullPage: true });
    await forged.getByRole('button', { name: /Remove member/ }).click();
    await page.getByRole('button', { name: 'Open the case' }).click();
    await page.getByRole('heading', { name: `${REF} (JLE) — Jamie Lee Example` }).waitFor();
    caseId = /#\/cases\/([^/]+)/.exec(page.url())![1]!;
    const members = page.getByRole('list', { name: 'Members' });
    await members.getByText("Chair (social worker), Children's social care").waitFor();
    expect(await members.textContent()).not.toMatch(/childrens-social-care|parent-carer|health-visiting/);
  }, 240_000);

  it('books the first core group from the schedule view, and the invitation is written', async () => {
    await open(`/cases/${caseId}`);
    await page.getByRole('link', { name: 'Book core group 1' }).click();
    await page.getByRole('heading', { name: /^Book core group 1/ }).waitFor();
    await page.getByText(/^Why: /).waitFor();
    const hash = new URL(page.url()).hash.slice(1);
    await everyTheme('schedule', hash, (p) => p.getByRole('table').waitFor());
    // On a phone the grid's later times are off the right edge, with no scrollbar drawn: it says so.
    const swipe = () => page.getByText('Swipe the table sideways to see the later times of the day.');
    await page.setViewportSize({ width: 390, height: 844 });
    await open(`${hash}`);
    await page.getByRole('table').waitFor();
    expect(await swipe().isVisible()).toBe(true);
    await page.setViewportSize({ width: 1280, height: 900 });
    await open(`${hash}`);
    await page.getByRole('table').waitFor();
    expect(await swipe().isVisible()).toBe(false);
    await page.getByRole('radio', { name: /^Online/ }).check();
    await page.getByRole('button', { name: 'Book this time' }).click();
    await page.getByText(/^Booked: core group 1 on/).waitFor();
    await eventually('the invitation', () => outbox().some((m) => m.includes('method=REQUEST')));
  }, 240_000);

  it('moves it past the deadline with a reason, and it turns red with the words in my work, the case timeline and team compliance', async () => {
    const detail = await api<{ meetings: { id: string; number: number; status: string; due: string }[] }>('Sam', `/api/cases/${caseId}`);
    const cg1 = detail.meetings.find((m) => m.number === 1 && m.status === 'booked')!;
    let late = addDays(cg1.due, 2);
    while (weekday(late) === 0 || weekday(late) === 6) late = addDays(late, 1);
    await open(`/meetings/${cg1.id}/schedule`);
    await page.getByRole('heading', { name: /^Move core group 1/ }).waitFor();
    await page.getByRole('radio', { name: 'Another day or time' }).check();
    await page.getByLabel('Day', { exact: true }).fill(late);
    await page.getByLabel(/^Start/).fill('10:00');
    await page.getByText(/will show as late, in red/).waitFor();
    await page.getByRole('button', { name: 'Move late, with the reason' }).click();
    await page.getByText(/Say why the core group cannot be held by the deadline/).waitFor();
    await page.getByRole('textbox', { name: /Why it cannot be held by the deadline/ }).fill('Health visitor on leave until then');
    await page.screenshot({ path: path.join(ARTIFACTS, 'schedule-late-reason.png'), fullPage: true });
    await page.getByRole('button', { name: 'Move late, with the reason' }).click();
    // The calendar may confirm the first booking (a new version) while the chair chooses: the page
    // says so, keeps the choice and the reason, and the chair moves it again on purpose.
    await page
      .getByText(/It will show as late, in red|changed while you were choosing/)
      .first()
      .waitFor();
    if (await page.getByText(/changed while you were choosing/).isVisible()) {
      expect(await page.getByRole('textbox', { name: /Why it cannot be held by the deadline/ }).inputValue()).toBe('Health visitor on leave until then');
      await page.getByRole('button', { name: 'Move late, with the reason' }).click();
    }
    await page.getByText(/It will show as late, in red/).waitFor();

    const words = /Core group 1 booked \d+ working days? late \(reason: Health visitor on leave until then\)/;
    await open(`/`);
    const row = page.getByRole('row', { name: new RegExp(REF) });
    await row.getByText('Late', { exact: true }).waitFor();
    await row.getByText(words).waitFor();
    await open(`/cases/${caseId}`);
    await page.getByRole('button', { name: /Core group 1 Booked \d+ working days? late/ }).waitFor();
    await everyTheme('case-late', `/cases/${caseId}`, (p) => p.getByRole('table', { name: 'Meetings' }).waitFor());

    await signIn(/^Maria Lindqvist/);
    await open(`/team`);
    await page.getByRole('heading', { name: 'Team compliance' }).waitFor();
    await page.getByRole('listitem').filter({ hasText: REF }).getByText(words).waitFor();
    await everyTheme('team-compliance', '/team', (p) => p.getByRole('heading', { name: 'Team compliance' }).waitFor());
  }, 300_000);

  it('cancels it only with a reason, and the CANCEL is written to every attendee', async () => {
    await eventually('the moved invitation', () => outbox().filter((m) => m.includes('method=REQUEST')).length >= 2);
    await signIn(/^Sam Okafor/);
    await open(`/cases/${caseId}`);
    await page.getByRole('button', { name: 'Cancel core group 1' }).click();
    await page.getByRole('textbox', { name: /Why is core group 1 cancelled/ }).fill('ill');
    await page.getByRole('button', { name: 'Cancel core group 1' }).click();
    await page.getByText(/only in exceptional circumstances/).waitFor();
    await page.getByRole('textbox', { name: /Why is core group 1 cancelled/ }).fill('The family home is flooded; no safe venue this week');
    await page.getByRole('button', { name: 'Cancel core group 1' }).click();
    await page.getByRole('table', { name: 'Meetings' }).getByText('Cancelled', { exact: true }).waitFor();
    // Why, beside it, as the chair wrote it.
    await page.getByRole('table', { name: 'Meetings' }).getByText('Cancelled: The family home is flooded; no safe venue this week').waitFor();
    await eventually('the CANCEL', () => outbox().some((m) => m.includes('method=CANCEL')));
    expect(
      outbox()
        .filter((m) => m.includes('method=CANCEL'))
        .join('\n'),
    ).toContain('priya.desai@nhs.example');
  }, 120_000);

  it('books the series up to the next review in one step', async () => {
    await page.getByRole('link', { name: 'Book every core group up to the review in one step' }).click();
    await page.getByRole('heading', { name: /^Book the core groups up to the review/ }).waitFor();
    await everyTheme('series', `/cases/${caseId}/series`, (p) => p.getByRole('button', { name: /^Book all \d+ core groups$/ }).waitFor());
    await open(`/cases/${caseId}/series`);
    await page.getByRole('button', { name: /^Book all \d+ core groups$/ }).click();
    await page.getByText(/^Booked \d+ core groups/).waitFor();
    // Every core group up to the final one before the next review is booked; those after it wait for that review.
    const after = await api<{ meetings: { number: number; status: string; finalBeforeReview: boolean }[] }>('Sam', `/api/cases/${caseId}`);
    const live = after.meetings.filter((m) => m.status !== 'cancelled');
    const last = live.find((m) => m.finalBeforeReview)!.number;
    expect(live.filter((m) => m.number <= last).map((m) => m.status)).toEqual(live.filter((m) => m.number <= last).map(() => 'booked'));
    expect(live.some((m) => m.number > last && m.status === 'planned')).toBe(true);
    await open(`/cases/${caseId}`);
    await page.getByRole('button', { name: 'Request updates for core group 1' }).click();
    await page.getByText(/^Core group 1: 0 of \d+ updates? in; waiting for .+ Each has been asked in Teams/).waitFor();
    await everyTheme('case', `/cases/${caseId}`, (p) => p.getByRole('table', { name: 'Meetings' }).waitFor());
    // On a phone every column of Meetings is on screen, with no sideways scrolling to find: what a
    // chair acts on (Move, Record held, the minutes) sits in the last two columns.
    await page.setViewportSize({ width: 390, height: 844 });
    await open(`/cases/${caseId}`);
    await page.getByRole('table', { name: 'Meetings' }).waitFor();
    const offScreen = await page.evaluate(() =>
      Array.from(document.querySelectorAll('table[aria-label="Meetings"] td'))
        .filter((td) => td.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .map((td) => `${td.getAttribute('data-label') ?? '?'}: ${(td.textContent ?? '').slice(0, 30)}`),
    );
    expect(offScreen).toEqual([]);
    for (const target of [page.getByRole('link', { name: 'Move core group 2' }), page.getByRole('button', { name: 'Record held: core group 2' })]) {
      const box = (await target.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }, 300_000);

  it('lets the health visitor write and submit her update from my work', async () => {
    await signIn(/^Priya Desai/);
    await page.getByRole('link', { name: `Write your update for ${REF}, core group 1` }).click();
    await page.getByText('This is the update from').waitFor();
    await page.getByText('Priya Desai, Health visiting (Professional)').waitFor();
    const hash = new URL(page.url()).hash.slice(1);
    await everyTheme('my-work-professional', '/', (p) => p.getByRole('heading', { name: 'Updates you owe' }).waitFor());
    await everyTheme('update-form', hash, (p) => p.getByText('This is the update from').waitFor());
    await open(`${hash}`);
    await page.getByRole('textbox', { name: /What has changed/ }).fill('Heating repaired; home warmer.');
    await page.getByRole('textbox', { name: /What is working well/ }).fill('Mum attends the parenting group.');
    await page.getByRole('textbox', { name: /What are you worried about/ }).fill('Late-night visitors.');
    await page.getByRole('textbox', { name: /What needs to happen next/ }).fill('Police to share call-outs within 24 hours.');
    // Her own judgements start unanswered, and are asked for rather than assumed.
    expect(await page.getByRole('combobox', { name: /How safe is the child now/ }).inputValue()).toBe('');
    await page.getByRole('button', { name: 'Submit my update' }).click();
    await page.getByText('Choose a number from 0 (not safe at all) to 10.').waitFor();
    await page.getByText('Say whether you will attend.').waitFor();
    await page.getByRole('radio', { name: /Yes, I will attend/ }).check();
    for (const progress of await page.getByRole('combobox', { name: /^Progress:/ }).all()) await progress.selectOption('on-track');
    await page.getByRole('combobox', { name: /How safe is the child now/ }).selectOption('6');
    await page.getByRole('button', { name: 'Submit my update' }).click();
    await page.getByText(/^Submitted: the chair has your update/).waitFor();
    await page.getByText(/^Submitted \w{3} \d+ \w{3} \d{4}, \d\d:\d\d \(version 1\)/).waitFor();
    expect(await page.getByText('Not submitted yet.').count()).toBe(0);
  }, 240_000);

  it('lets the manager approve minutes from the inbox, oldest first with how long each has waited', async () => {
    await signIn(/^Maria Lindqvist/);
    await open(`/approvals`);
    const first = page.getByRole('button', { name: /waiting/ }).first();
    await first.waitFor();
    expect(await first.textContent()).toMatch(/waiting (\d+ days?|since today)/);
    await everyTheme('approvals', '/approvals', (p) =>
      p
        .getByRole('button', { name: /waiting/ })
        .first()
        .waitFor(),
    );
    const waitingFor = (await api<{ approvalsWaiting: { minutesId: string; submittedAt: string }[] }>('Maria', '/api/me/work')).approvalsWaiting;
    minutesId = [...waitingFor].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt))[0]!.minutesId;
    await everyTheme('minutes', `/minutes/${minutesId}`, (p) => p.getByRole('button', { name: 'Approve' }).waitFor());
    await open(`/approvals`);
    await page
      .getByRole('button', { name: /waiting/ })
      .first()
      .click();
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByText('Approved. The minutes are being circulated to every member.').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'approvals-approved.png'), fullPage: true });
  }, 240_000);

  it('prints without navigation, with OFFICIAL-SENSITIVE and the meeting date on the page', async () => {
    const detail = await api<{ meetings: { id: string; status: string; number: number }[] }>('Sam', `/api/cases/${caseId}`);
    await signIn(/^Sam Okafor/);
    const booked = detail.meetings.find((m) => m.status === 'booked')!;
    await open(`/meetings/${booked.id}/schedule`);
    await page.getByRole('heading', { name: /^Move core group/ }).waitFor();
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav').isVisible()).toBe(false);
    const marking = page.locator('.cg-marking').first();
    expect(await marking.isVisible()).toBe(true);
    expect(await marking.textContent()).toMatch(new RegExp(`^OFFICIAL-SENSITIVE · ${REF} core group ${booked.number} · \\w{3},? \\d{1,2} \\w{3} \\d{4}`));
    await page.screenshot({ path: path.join(ARTIFACTS, 'print-schedule.png'), fullPage: true });
    await page.pdf({ path: path.join(ARTIFACTS, 'print-schedule.pdf'), format: 'A4' });
    // The minutes print with the day the core group was held.
    await page.emulateMedia({ media: 'screen' });
    await signIn(/^Maria Lindqvist/);
    await page.emulateMedia({ media: 'print' });
    await open(`/minutes/${minutesId}`);
    await page.getByRole('heading', { name: /minutes — CP-DEMO/ }).waitFor();
    expect(await page.locator('.cg-marking').first().textContent()).toMatch(/^OFFICIAL-SENSITIVE · CP-DEMO-\d+ core group 1 · held \w{3} \d{1,2} \w{3} \d{4}$/);
    await page.pdf({ path: path.join(ARTIFACTS, 'print-minutes.pdf'), format: 'A4' });
    await page.emulateMedia({ media: 'screen' });
  }, 60_000);

  it('finds no WCAG 2.2 AA violations and nothing wider than a phone, in any view or theme', () => {
    expect(axeReport.length).toBe(66);
    expect(problems).toEqual([]);
  });
});
