import fs from 'node:fs';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { start } from '../../src/server/main';
import { median, report } from '../report';
import { ms } from '../stats';

const LOADS = 5;
const BUILT_TAB = path.resolve(__dirname, '../../tab/index.html');

interface Load {
  /** From the start of navigation to the "My cases" table with its rows, in the page's own clock. */
  readonly usefulMs: number;
  /** Bytes on the wire (compressed bodies and headers) of the page and everything it fetched by then. */
  readonly transferred: number;
  /** The same bodies decompressed: what would have been sent without compression. */
  readonly decoded: number;
  readonly requests: number;
  readonly scripts: number;
}

function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', chromium.executablePath()];
  return candidates.find((p): p is string => Boolean(p && fs.existsSync(p)));
}

// Runs in the page before anything else: the moment the first useful view (the cases table with a
// row) appears, in performance.now() from the start of navigation; the person chosen on an earlier visit.
const WATCH = (devUser: string) => `
  localStorage.setItem('core-groups.dev-user', ${JSON.stringify(devUser)});
  new MutationObserver((_, observer) => {
    if (document.querySelector('table[aria-label="My cases"] tbody tr')) {
      window.__usefulAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
`;

/**
 * The tab's first load on loopback in headless Chromium, as a returning person opens it (dev sign-in
 * remembered, local mode, the demo cases): time to the first useful view and bytes sent, with an
 * empty cache each time; and a repeat visit with the cache warm. The baseline is the same browser
 * fetching /healthz as a page: a navigation's fixed cost on this machine.
 */
export async function runTabBench(): Promise<void> {
  console.log(`tab: first load in headless Chromium on loopback, ${LOADS} cold loads (empty cache) and ${LOADS} warm, median`);
  const executablePath = chromiumPath();
  if (!executablePath || !fs.existsSync(BUILT_TAB)) {
    console.log(`  skipped: ${executablePath ? 'the tab is not built (npm run build)' : 'no Chromium (set CHROMIUM_PATH)'}`);
    return;
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'core-groups-tab-bench-'));
  const quiet = console.log;
  console.log = () => undefined;
  const running = await start({ DATA_DIR: dataDir, PORT: '0' }).finally(() => (console.log = quiet));
  const base = `http://127.0.0.1:${(running.server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  try {
    const people = (await (await fetch(`${base}/api/dev/users`)).json()) as { people: { id: string; displayName: string }[] };
    const sam = people.people.find((p) => p.displayName === 'Sam Okafor')?.id as string;
    // Precompression happens once at start, off the request path: let it finish, as on a server that has been up a while.
    await new Promise((resolve) => setTimeout(resolve, 3000));

    const visit = async (context: Awaited<ReturnType<typeof browser.newContext>>): Promise<Load> => {
      const page = await context.newPage();
      await page.goto(`${base}/`);
      await page.waitForFunction(() => (window as unknown as { __usefulAt?: number }).__usefulAt !== undefined, undefined, { timeout: 30_000 });
      const load = await page.evaluate(() => {
        const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')] as PerformanceResourceTiming[];
        const usefulAt = (window as unknown as { __usefulAt: number }).__usefulAt;
        const before = entries.filter((e) => e.startTime <= usefulAt);
        return {
          usefulMs: usefulAt,
          transferred: before.reduce((s, e) => s + e.transferSize, 0),
          decoded: before.reduce((s, e) => s + e.decodedBodySize, 0),
          requests: before.length,
          scripts: before.filter((e) => e.name.endsWith('.js')).length,
        };
      });
      await page.close();
      return load;
    };

    const cold: Load[] = [];
    const warm: Load[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < LOADS + 1; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await context.addInitScript(WATCH(sam));
      const first = await visit(context);
      const again = await visit(context);
      const page = await context.newPage();
      const started = Date.now();
      await page.goto(`${base}/healthz`);
      const healthz = Date.now() - started;
      await context.close();
      // The first round warms the server (JIT, caches) and the browser's own start; it is not counted.
      if (i === 0) continue;
      cold.push(first);
      warm.push(again);
      baseline.push(healthz);
    }
    const m = (xs: Load[], k: keyof Load) => median(xs.map((x) => x[k]));
    const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
    const coldMs = m(cold, 'usefulMs');
    const sent = m(cold, 'transferred');
    console.log(
      `  cold: first useful view ${ms(coldMs)}; ${kb(sent)} sent (${kb(m(cold, 'decoded'))} before compression), ${m(cold, 'requests')} requests, ${m(cold, 'scripts')} scripts; loads ${cold.map((l) => ms(l.usefulMs)).join(', ')}`,
    );
    console.log(`  warm: first useful view ${ms(m(warm, 'usefulMs'))}; ${kb(m(warm, 'transferred'))} sent`);
    console.log(`  baseline: /healthz as a page ${ms(median(baseline))}; aims: ≤ 1 s to the first useful view, ≤ 300 KB sent`);
    report({
      bench: 'tab',
      measure: 'first load (cold): time to the first useful view',
      value: coldMs,
      unit: 'ms',
      baseline: median(baseline),
      aim: 'value <= 1000 ms',
      met: coldMs <= 1000,
    });
    report({
      bench: 'tab',
      measure: 'first load (cold): bytes sent, compressed',
      value: sent / 1024,
      unit: 'KB',
      baseline: m(cold, 'decoded') / 1024,
      aim: 'value <= 300 KB',
      met: sent <= 300 * 1024,
    });
    report({
      bench: 'tab',
      measure: 'repeat visit (warm cache): time to the first useful view',
      value: m(warm, 'usefulMs'),
      unit: 'ms',
      baseline: median(baseline),
      aim: 'none',
      met: null,
    });
  } finally {
    await browser.close();
    await running.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
