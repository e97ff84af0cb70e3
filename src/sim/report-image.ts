import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

/**
 * The charts of a simulated year's HTML report (`npm run simulate -- --out DIR`) as one PNG, for
 * docs/timeliness.md: the page opened in headless Chromium from the file (it fetches nothing) and its
 * figures photographed together. A development tool, run by hand:
 * `node dist/src/sim/report-image.js DIR/report.html docs/timeliness.png` (CHROMIUM names the browser).
 */
export async function reportImage(html: string, png: string, executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium'): Promise<void> {
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
  try {
    const page = await browser.newPage({ viewport: { width: 820, height: 200 }, deviceScaleFactor: 2 });
    await page.goto(`file://${path.resolve(html)}`);
    // Only the charts, each captioned with its title: the table is in the Markdown beside the image.
    await page.evaluate(() => {
      for (const el of Array.from(document.body.children)) {
        if (el.tagName !== 'FIGURE') (el as HTMLElement).style.display = 'none';
        else {
          const caption = document.createElement('figcaption');
          caption.textContent = el.querySelector('svg title')?.textContent ?? '';
          caption.style.cssText = 'font-weight:600;margin-bottom:.25rem';
          el.prepend(caption);
        }
      }
    });
    fs.mkdirSync(path.dirname(path.resolve(png)), { recursive: true });
    await page.screenshot({ path: png, fullPage: true });
  } finally {
    await browser.close();
  }
}

if (require.main === module) {
  const [html, png] = process.argv.slice(2);
  if (!html || !png) {
    console.error('usage: node dist/src/sim/report-image.js REPORT.html OUT.png');
    process.exitCode = 2;
  } else
    reportImage(html, png).catch((e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    });
}
