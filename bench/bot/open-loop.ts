import http from 'node:http';
import { percentile } from '../stats';

export interface OpenLoopSettings {
  readonly url: string;
  /** Each "[<id>]" in it becomes a new id for every request, so no two bodies are alike. */
  readonly body: string;
  /** Requests a second, sent on schedule whatever the answers. */
  readonly rate: number;
  /** At most this many connections open at once; a request finding them all busy waits for one, on the clock. */
  readonly connections: number;
  readonly warmupSeconds: number;
  readonly seconds: number;
  /** How long after the last scheduled request its answers are waited for. */
  readonly graceSeconds?: number;
}

export interface OpenLoopResult {
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  /** Answers a second to the requests scheduled after the warm-up. */
  readonly rps: number;
  /** Requests scheduled after the warm-up: rate × seconds. */
  readonly scheduled: number;
  /** Of those, answered before the grace ran out. */
  readonly answered: number;
  /** Answers other than 2xx, and requests that failed on the socket. */
  readonly errors: number;
}

/**
 * An open-loop load: request i is due at start + i / rate, and is sent then, whether or not earlier
 * ones have been answered. Its latency counts from when it was due, not from when a connection was
 * free to send it, so a server that falls behind is charged for the wait (the "coordinated omission"
 * a closed loop hides). A request still unanswered when the grace runs out counts as taking at least
 * until then.
 *
 * Why not autocannon's `overallRate`: it gives each connection a quota a second and sends it as fast
 * as the answers allow at the top of each second. At 1,000 a second on 100 connections, 90% of a
 * second's requests went in its first 100 ms and none after 200 ms: a closed-loop burst, whose p99 is
 * the time to drain the burst, not the wait at that rate.
 */
export function openLoop(s: OpenLoopSettings): Promise<OpenLoopResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: s.connections });
  const target = new URL(s.url);
  const gapMs = 1000 / s.rate;
  const start = performance.now() + 50;
  const measureFrom = start + s.warmupSeconds * 1000;
  const total = Math.floor((s.warmupSeconds + s.seconds) * s.rate);
  const latencies: number[] = [];
  let answered = 0;
  let errors = 0;
  let next = 0;
  /** Sent and not yet answered: when each was due, by its number. */
  const pending = new Map<number, number>();
  const dueAt = (i: number) => start + i * gapMs;
  const measured = (due: number) => due >= measureFrom;

  const send = (i: number): void => {
    const due = dueAt(i);
    const body = s.body.replaceAll('[<id>]', `${process.pid}-${i}`);
    pending.set(i, due);
    /** An answer came (2xx or not), or the request failed on its socket (no answer). */
    const settle = (outcome: 'ok' | 'refused' | 'failed') => {
      if (!pending.delete(i) || !measured(due)) return;
      latencies.push(performance.now() - due);
      if (outcome !== 'failed') answered++;
      if (outcome !== 'ok') errors++;
    };
    const req = http.request(
      {
        hostname: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => settle((res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300 ? 'ok' : 'refused'));
      },
    );
    req.on('error', () => settle('failed'));
    req.end(body);
  };

  return new Promise((resolve) => {
    const finish = () => {
      const now = performance.now();
      // Still waiting: each took at least until now.
      for (const due of pending.values()) if (measured(due)) latencies.push(now - due);
      agent.destroy();
      const sorted = latencies.sort((a, b) => a - b);
      resolve({
        p50: percentile(sorted, 50),
        p90: percentile(sorted, 90),
        p99: percentile(sorted, 99),
        rps: answered / s.seconds,
        scheduled: sorted.length,
        answered,
        errors,
      });
    };
    const tick = () => {
      const now = performance.now();
      for (; next < total && dueAt(next) <= now; next++) send(next);
      if (next < total) {
        setTimeout(tick, Math.max(0, dueAt(next) - performance.now()));
        return;
      }
      const deadline = now + (s.graceSeconds ?? 5) * 1000;
      const wait = () => (pending.size === 0 || performance.now() >= deadline ? finish() : setTimeout(wait, 10));
      wait();
    };
    setTimeout(tick, 50);
  });
}
