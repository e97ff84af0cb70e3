import autocannon from 'autocannon';
import { percentile } from '../stats';
import { openLoop } from './open-loop';

export interface LoadRequest {
  readonly url: string;
  readonly body: string;
  readonly connections: number;
  readonly seconds: number;
  readonly warmupSeconds: number;
  /** Open loop (open-loop.ts): requests a second, each sent when due whatever the answers; else a closed loop (autocannon). */
  readonly offeredRate?: number;
  /** Each "[<id>]" in the body becomes a new id for every request (autocannon's idReplacement), so no two bodies are alike. */
  readonly idReplacement?: boolean;
}
export interface LoadResult {
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  /** Requests a second, counting those sent after the warm-up and answered before the end. */
  readonly rps: number;
  readonly errors: number;
  /** Open loop: the requests due after the warm-up, and how many of them were answered. */
  readonly scheduled?: number;
  readonly answered?: number;
}

/*
 * The load generator, in a process of its own (the bot bench forks it). Run inside the server's
 * process, autocannon shares its event loop: while the server is busy, autocannon's own sockets wait,
 * and what it reports as the server's p99 is mostly its own queueing.
 *
 * One run of warm-up and measurement together, on the same connections, counting only the requests
 * sent after the warm-up. A separate warm-up run (as this was first written) left the measured run to
 * open its 100 connections afresh against a server already busy: the kernel completes them at once,
 * but a busy Node server takes them from its accept queue a few per event-loop turn, so the first
 * request on the last connections waited up to 2 s before the server saw it. That is about 100
 * requests whatever the rate: under 1% of the echo bot's, over 1% of the slower submit's, so the
 * submit's p99 measured connection set-up and the echo's did not.
 */
process.once('message', (req: LoadRequest) => {
  const report = (result: LoadResult) => process.send?.(result, () => process.exit(0));
  if (req.offeredRate) {
    void openLoop({
      url: req.url,
      body: req.body,
      rate: req.offeredRate,
      connections: req.connections,
      warmupSeconds: req.warmupSeconds,
      seconds: req.seconds,
    }).then(report);
    return;
  }
  const warmedAt = performance.now() + req.warmupSeconds * 1000;
  const latencies: number[] = [];
  let errors = 0;
  const instance = autocannon(
    {
      url: req.url,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: req.body,
      connections: req.connections,
      duration: req.warmupSeconds + req.seconds,
      ...(req.idReplacement ? { idReplacement: true } : {}),
    },
    (error) => {
      if (error) {
        console.error(error);
        process.exit(1);
      }
      const sorted = latencies.sort((a, b) => a - b);
      report({
        p50: percentile(sorted, 50),
        p90: percentile(sorted, 90),
        p99: percentile(sorted, 99),
        rps: sorted.length / req.seconds,
        errors,
      });
    },
  );
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    // Sent during the warm-up: the JIT, the connections and the server's caches were still warming.
    if (performance.now() - responseTime < warmedAt) return;
    latencies.push(responseTime);
    if (statusCode < 200 || statusCode >= 300) errors++;
  });
  instance.on('reqError', () => {
    if (performance.now() >= warmedAt) errors++;
  });
});
