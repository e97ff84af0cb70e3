import fs from 'node:fs';
import path from 'node:path';
import { findBrowser } from '../support/requirements.cjs';
import { Browser, chromium } from 'playwright-core';
import { SAMPLES } from '../unit/cards/card-samples';

const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts/cards');

/**
 * Every card rendered by the Adaptive Cards SDK in headless Chromium, with a screenshot kept as a
 * test artifact so a person can look at what Teams users will see.
 */
describe('cards rendered in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    // jest.config.js leaves this suite out where no browser exists, so one is here.
    const executablePath = findBrowser();
    if (!executablePath) throw new Error('no Chromium found, though jest.config.js counted this suite in');
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(() => browser?.close());

  it.each(Object.entries(SAMPLES))('renders %s and keeps a screenshot', async (name, card) => {
    const page = await browser.newPage({ viewport: { width: 480, height: 400 } });
    try {
      await page.setContent('<!doctype html><html><body style="margin:0;font-family:Segoe UI,Arial,sans-serif"><div id="card" style="width:460px"></div></body></html>');
      await page.addScriptTag({ path: require.resolve('adaptivecards/dist/adaptivecards.js') });
      const rendered = await page.evaluate((json) => {
        const AC = (window as unknown as { AdaptiveCards: typeof import('adaptivecards') }).AdaptiveCards;
        const ac = new AC.AdaptiveCard();
        ac.parse(json);
        const el = ac.render();
        if (!el) return '';
        document.getElementById('card')?.appendChild(el);
        return el.innerText;
      }, card as object);
      expect(rendered).toContain('CP-2026-0042');
      await page.locator('#card').screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
      expect(fs.statSync(path.join(ARTIFACTS, `${name}.png`)).size).toBeGreaterThan(1000);
    } finally {
      await page.close();
    }
  }, 20_000);
});
