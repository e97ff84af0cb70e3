import fs from 'node:fs';
import path from 'node:path';
import { findBrowser } from '../support/requirements.cjs';
import { Browser, chromium } from 'playwright-core';
import { SAMPLES } from '../unit/cards/card-samples';
import { welcomeCard } from '../../bot/cards/cards';

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
    browser = await chromium.launch({
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(() => browser?.close());

  it.each(Object.entries(SAMPLES))(
    'renders %s and keeps a screenshot',
    async (name, card) => {
      const page = await browser.newPage({ viewport: { width: 480, height: 400 } });
      try {
        await page.setContent(
          '<!doctype html><html><body style="margin:0;font-family:Segoe UI,Arial,sans-serif"><div id="card" style="width:460px"></div></body></html>',
        );
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
    },
    20_000,
  );

  /**
   * A phone in portrait: Teams mobile cannot scroll a card sideways, so anything wider than the card
   * is cut off. Every element must fit inside the card, and none may hide text behind its own edge
   * (a button label or a choice cut short has scrollWidth > clientWidth).
   */
  // The welcome card names no case, so it is not among the samples; it must fit all the same.
  const welcome = welcomeCard([
    '**my core groups**: your cases, their next deadline, the updates you owe, approvals waiting for you, minutes returned to you and plans for you to agree',
    "**link CASE-REF** (in a group chat with the core group's members): post the case's agendas in this chat",
  ]);
  it.each(Object.entries({ ...SAMPLES, welcome }))(
    'fits %s into a 360 px wide card',
    async (name, card) => {
      const page = await browser.newPage({ viewport: { width: 360, height: 640 } });
      try {
        await page.setContent(
          '<!doctype html><html><body style="margin:0;font-family:Segoe UI,Arial,sans-serif"><div id="card" style="width:360px"></div></body></html>',
        );
        await page.addScriptTag({ path: require.resolve('adaptivecards/dist/adaptivecards.js') });
        const overflowing = await page.evaluate((json) => {
          const AC = (window as unknown as { AdaptiveCards: typeof import('adaptivecards') }).AdaptiveCards;
          const ac = new AC.AdaptiveCard();
          ac.parse(json);
          const el = ac.render();
          const host = document.getElementById('card');
          if (!el || !host) return ['the card did not render'];
          host.appendChild(el);
          const right = host.getBoundingClientRect().right;
          const problems: string[] = [];
          if (host.scrollWidth > host.clientWidth) problems.push(`the card is ${host.scrollWidth} px wide`);
          for (const e of Array.from(el.querySelectorAll<HTMLElement>('*'))) {
            const r = e.getBoundingClientRect();
            if (r.width === 0 || r.height === 0) continue; // Hidden: a ShowCard not opened, an error not shown.
            const what = `${e.tagName.toLowerCase()}${e.className ? `.${String(e.className).split(' ')[0]}` : ''} "${(e.innerText || e.getAttribute('aria-label') || '').slice(0, 40)}"`;
            if (r.right > right + 0.5) problems.push(`${what} ends at ${Math.round(r.right)} px, past the card's edge at ${Math.round(right)} px`);
            else if (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')
              problems.push(`${what} hides ${e.scrollWidth - e.clientWidth} px of its content`);
          }
          return problems;
        }, card as object);
        await page.locator('#card').screenshot({ path: path.join(ARTIFACTS, `${name}-360.png`) });
        expect(overflowing).toEqual([]);
      } finally {
        await page.close();
      }
    },
    20_000,
  );
});
