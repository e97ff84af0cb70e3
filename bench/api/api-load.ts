import http from 'node:http';
import autocannon from 'autocannon';

export interface ApiLoadRequest {
  readonly base: string;
  readonly personId: string;
  readonly connections: number;
  readonly seconds: number;
}
export interface Latencies {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly count: number;
  readonly errors: number;
}
export interface ApiLoadResult {
  /** Unloaded: /healthz and /api/me/work one at a time (the baselines). */
  readonly idleHealth: Latencies;
  readonly idleWork: Latencies;
  /** Under `connections` concurrent /api/me/work. */
  readonly loadedHealth: Latencies;
  readonly loadedWork: Latencies;
  readonly workPerSecond: number;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function get(url: string, headers: Record<string, string> = {}): Promise<{ ms: number; ok: boolean }> {
  const start = performance.now();
  return new Promise((resolve) => {
    const req = http.get(url, { agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ ms: performance.now() - start, ok: res.statusCode === 200 }));
    });
    req.setTimeout(120_000, () => req.destroy());
    req.on('error', () => resolve({ ms: performance.now() - start, ok: false }));
  });
}

function stats(samples: { ms: number; ok: boolean }[]): Latencies {
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
  return { p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] ?? NaN, count: sorted.length, errors: samples.filter((s) => !s.ok).length };
}

/** /healthz one request after another, every `gapMs`, until `until` says stop. */
async function probe(url: string, until: () => boolean, gapMs: number): Promise<{ ms: number; ok: boolean }[]> {
  const samples: { ms: number; ok: boolean }[] = [];
  while (!until()) {
    samples.push(await get(url));
    await new Promise((r) => setTimeout(r, gapMs));
  }
  return samples;
}

/*
 * The load, from a process of its own (see bench/bot/load.ts for why): first the baselines one at a
 * time, then `connections` concurrent /api/me/work for `seconds` while /healthz is asked every 20 ms.
 */
process.once('message', (req: ApiLoadRequest) => {
  void (async () => {
    const headers = { 'x-dev-user': req.personId };
    const idleWorkSamples: { ms: number; ok: boolean }[] = [];
    for (let i = 0; i < 30; i++) idleWorkSamples.push(await get(`${req.base}/api/me/work`, headers));
    const idleEnd = performance.now() + 2000;
    const idleHealth = await probe(`${req.base}/healthz`, () => performance.now() > idleEnd, 20);
    let done = false;
    const loaded = probe(`${req.base}/healthz`, () => done, 20);
    const r = await autocannon({ url: `${req.base}/api/me/work`, headers, connections: req.connections, duration: req.seconds, timeout: 120 });
    done = true;
    const loadedHealth = await loaded;
    const result: ApiLoadResult = {
      idleHealth: stats(idleHealth),
      idleWork: stats(idleWorkSamples.slice(10)),
      loadedHealth: stats(loadedHealth),
      loadedWork: { p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max, count: r.requests.total, errors: r.errors + r.non2xx + r.timeouts },
      workPerSecond: r.requests.average,
    };
    process.send?.(result, () => process.exit(0));
  })().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
});
