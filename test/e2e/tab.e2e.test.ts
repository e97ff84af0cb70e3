import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AddressInfo } from 'node:net';
import { findBrowser } from '../support/requirements.cjs';
import { Browser, chromium, Page } from 'playwright-core';
import { start } from '../../src/server/main';

const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts/tab');
const BUILT_TAB = path.resolve(__dirname, '../../dist/tab/index.html');

/**
 * The real server in local mode with its demo data, and the built tab in headless Chromium: a
 * manager signs in (dev sign-in), reads their work, opens a case, asks why a date is the date, and
 * approves minutes waiting for them.
 */
describe('the tab end to end (real server, headless Chromium)', () => {
  let running: Awaited<ReturnType<typeof start>>;
  let browser: Browser;
  let page: Page;
  let base: string;
  let dataDir: string;

  beforeAll(async () => {
    // jest.config.js leaves this suite out where no browser exists, so one is here.
    const executablePath = findBrowser();
    if (!executablePath) throw new Error('no Chromium found, though jest.config.js counted this suite in');
    if (!fs.existsSync(BUILT_TAB)) throw new Error('The tab is not built: run `npm run build` first (npm test does).');
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-e2e-'));
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    running = await start({ DATA_DIR: dataDir, PORT: '0' });
    base = `http://127.0.0.1:${(running.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await running?.stop();
    jest.restoreAllMocks();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('signs in as the manager and shows their work, marked as local mode', async () => {
    await page.goto(`${base}/`);
    await page.getByText('Local mode — dev sign-in.').waitFor();
    await page.selectOption('#dev-user', { label: 'Maria Lindqvist — Team manager' });
    await page.getByRole('heading', { name: 'My core groups' }).waitFor();
    await page.getByRole('link', { name: 'CP-DEMO-001 (EMC)' }).waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'my-work.png'), fullPage: true });
    expect(await page.getByRole('table', { name: 'My cases' }).getByRole('link').count()).toBe(6);
  }, 30_000);

  it('opens a case and explains why a date is the date', async () => {
    await page.getByRole('link', { name: 'CP-DEMO-001 (EMC)' }).click();
    await page.getByRole('heading', { name: /CP-DEMO-001 \(EMC\)/ }).waitFor();
    await page
      .getByRole('button', { name: /Core group 1/ })
      .first()
      .click();
    const why = page.getByText(/^Why this date: Core group 1: within 10 working days of the initial conference\. 10 working days after/);
    await why.waitFor();
    expect(await why.textContent()).toContain('(day 0)');
    await page.screenshot({ path: path.join(ARTIFACTS, 'case.png'), fullPage: true });
  }, 30_000);

  it('approves minutes waiting for the manager', async () => {
    await page.getByRole('link', { name: 'My core groups' }).click();
    await page.getByRole('heading', { name: 'Minutes waiting for your approval' }).waitFor();
    // The inbox: oldest first, each saying how long it has waited, the minutes beside the decision.
    await page
      .getByRole('link', { name: /core group 1/ })
      .first()
      .click();
    await page.getByRole('heading', { name: 'Minutes waiting for your approval' }).waitFor();
    await page
      .getByRole('button', { name: /waiting/ })
      .first()
      .click();
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByText('Approved. The minutes are being circulated to every member.').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'approved.png'), fullPage: true });
  }, 30_000);

  it('shows the team’s compliance, worst first', async () => {
    await page.getByRole('link', { name: 'Team compliance' }).click();
    await page.getByRole('heading', { name: 'Team compliance' }).waitFor();
    expect(await page.getByText(/overdue · \d+ due soon · \d+ on track/).count()).toBe(1);
    await page.screenshot({ path: path.join(ARTIFACTS, 'team.png'), fullPage: true });
  }, 30_000);
});
