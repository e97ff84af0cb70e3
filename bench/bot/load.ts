import autocannon from 'autocannon';

export interface LoadRequest {
  readonly url: string;
  readonly body: string;
  readonly connections: number;
  readonly seconds: number;
  readonly warmupSeconds: number;
  /** Open loop: requests a second offered in all, whatever the answers (autocannon's overallRate). */
  readonly overallRate?: number;
  /** Each "[<id>]" in the body becomes a new id for every request (autocannon's idReplacement), so no two bodies are alike. */
  readonly idReplacement?: boolean;
}
export interface LoadResult {
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly rps: number;
  readonly errors: number;
}

/*
 * The load generator, in a process of its own (the bot bench forks it). Run inside the server's
 * process, autocannon shares its event loop: while the server is busy, autocannon's own sockets wait,
 * and what it reports as the server's p99 is mostly its own queueing.
 */
process.once('message', (req: LoadRequest) => {
  const run = (seconds: number) =>
    autocannon({
      url: req.url,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: req.body,
      connections: req.connections,
      duration: seconds,
      ...(req.overallRate ? { overallRate: req.overallRate } : {}),
      ...(req.idReplacement ? { idReplacement: true } : {}),
    });
  // A warm-up pass first, its figures discarded, so the JIT has compiled the hot paths. (autocannon's
  // `warmup` option is not in its published types, and a pass of our own is plain to read.)
  run(req.warmupSeconds)
    .then(() => run(req.seconds))
    .then(
      (r) => {
        const result: LoadResult = { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, rps: r.requests.average, errors: r.errors + r.non2xx };
        process.send?.(result, () => process.exit(0));
      },
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      },
    );
});
