import http from 'node:http';
import { AddressInfo } from 'node:net';
import { openLoop } from '../../../bench/bot/open-loop';

// The bot bench's open-loop load (bench/bot/open-loop.ts) is an instrument: these check it measures
// what it claims. They time nothing of the product; their margins are wide for a busy machine.

interface Target {
  readonly url: string;
  /** When each request arrived (performance.now()), and the body it carried. */
  readonly arrivals: { at: number; body: string }[];
  close(): Promise<void>;
}

/** A server answering each request after `answerAfterMs` (never, if undefined). */
async function target(answerAfterMs: number | undefined): Promise<Target> {
  const arrivals: { at: number; body: string }[] = [];
  const held: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    const at = performance.now();
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      arrivals.push({ at, body });
      if (answerAfterMs === undefined) held.push(res);
      else setTimeout(() => res.end('{}'), answerAfterMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`,
    arrivals,
    close: () => {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe('the open-loop load', () => {
  it('sends at the rate through each second, not in a burst at its start', async () => {
    const t = await target(1);
    try {
      const r = await openLoop({ url: t.url, body: '{"n":"[<id>]"}', rate: 200, connections: 20, warmupSeconds: 0.2, seconds: 1 });
      expect(r.scheduled).toBe(200);
      expect(r.answered).toBe(200);
      expect(r.errors).toBe(0);
      // 20 are due in any 100 ms; autocannon's overallRate sent 90% of a second's in its first 100 ms.
      // Half a second's (100) leaves room for the event loop to stall a few hundred ms on a busy machine.
      const times = t.arrivals.map((a) => a.at).sort((a, b) => a - b);
      const busiest = Math.max(...times.map((from) => times.filter((x) => x >= from && x < from + 100).length));
      expect(busiest).toBeLessThanOrEqual(100);
      expect(new Set(t.arrivals.map((a) => a.body)).size).toBe(t.arrivals.length);
    } finally {
      await t.close();
    }
  });

  it('charges a server slower than the rate for the wait, from when each request was due', async () => {
    // One connection answering every 50 ms serves 20 a second; 60 a second are due.
    const t = await target(50);
    try {
      const r = await openLoop({ url: t.url, body: '{}', rate: 60, connections: 1, warmupSeconds: 0, seconds: 1 });
      expect(r.answered).toBe(r.scheduled);
      // The last ones due waited for the 40 before them: about 2 s, though each took 50 ms to answer.
      expect(r.p99).toBeGreaterThan(1000);
    } finally {
      await t.close();
    }
  });

  it('counts a request never answered as taking at least until the wait for answers ran out', async () => {
    const t = await target(undefined);
    try {
      const r = await openLoop({ url: t.url, body: '{}', rate: 50, connections: 5, warmupSeconds: 0, seconds: 0.4, graceSeconds: 0.3 });
      expect(r.scheduled).toBe(20);
      expect(r.answered).toBe(0);
      expect(r.p50).toBeGreaterThanOrEqual(300);
    } finally {
      await t.close();
    }
  });

  it('counts a request that failed on its socket as an error, not an answer', async () => {
    const t = await target(1);
    const url = t.url;
    await t.close();
    const r = await openLoop({ url, body: '{}', rate: 50, connections: 5, warmupSeconds: 0, seconds: 0.2, graceSeconds: 1 });
    expect(r.scheduled).toBe(10);
    expect(r.answered).toBe(0);
    expect(r.errors).toBe(10);
  });
});
