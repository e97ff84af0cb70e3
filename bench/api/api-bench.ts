import { fork } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import path from 'node:path';
import pg from 'pg';
import { AppContext } from '../../src/app/context';
import { openStore, StoreSettings } from '../../src/adapters/store/open-store';
import { seed } from '../../src/cli/seed';
import { LocalDate } from '../../src/domain/calendar/local-date';
import { builtInRegistry } from '../../src/domain/policy';
import { fixedClock } from '../../src/ports/clock';
import { devSignInAuthenticator } from '../../src/server/auth/dev-sign-in';
import { createHttpApp } from '../../src/server/http/create-app';
import { DEFAULT_RATE_LIMITS, RateLimits } from '../../src/server/http/rate-limit';
import { report } from '../report';
import { ms } from '../stats';
import { ApiLoadRequest, ApiLoadResult } from './api-load';

/** 10,000 cases: a manager's 300 cases cost the same in 50,000 (every query is by index), and it seeds in a tenth of the time. */
const CASES = Number(process.env.API_BENCH_CASES ?? 10_000);
const CONNECTIONS = 100;
const SECONDS = Number(process.env.API_BENCH_SECONDS ?? 8);
const TODAY = '2026-11-24' as LocalDate;

function load(request: ApiLoadRequest): Promise<ApiLoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'api-load.js'));
    child.once('message', (result) => resolve(result as ApiLoadResult));
    child.once('exit', (code) => reject(new Error(`the load generator exited with code ${code} before reporting`)));
    child.send(request);
  });
}

/**
 * The per-person limits lifted: 100 requests at once from one person measure what the server and
 * store can do. With the limits as deployed, all but 8 of them are refused at once (429), which is
 * measured after, as what a person (or a runaway script) would meet.
 */
const LIFTED: RateLimits = { ...DEFAULT_RATE_LIMITS, perPersonPerMinute: 1e9, perPersonInFlight: 1e9 };

async function benchOne(label: string, settings: StoreSettings): Promise<void> {
  const data = await seed(settings, { cases: CASES, seed: 7, today: TODAY });
  const store = await openStore(settings);
  const ctx: AppContext = { store, clock: fixedClock(`${TODAY}T10:00:00.000Z`), profiles: builtInRegistry };
  // The heaviest "my work": a manager, a member of each of their team's 300 cases.
  const personId = data.sample.managerId;
  const authenticator = devSignInAuthenticator(async (id) => Boolean(await store.transaction((tx) => tx.people.byId(id))));
  const serve = async (limits: RateLimits) => {
    const server = http.createServer(createHttpApp({ ctx, devSignIn: true, authenticator, limits, notice: () => undefined }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return server;
  };
  const stop = async (server: http.Server) => {
    // Requests the load generator left in flight finish before the store closes under them.
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await new Promise((resolve) => setTimeout(resolve, 2000));
  };
  const server = await serve(LIFTED);
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // The server's own event loop: how long anything ready (a /healthz arriving) waited for a turn.
    const loop = monitorEventLoopDelay({ resolution: 10 });
    // And its garbage collection: a pause stops the loop as surely as work does.
    const pauses: number[] = [];
    const gc = new PerformanceObserver((list) => pauses.push(...list.getEntries().map((e) => e.duration)));
    gc.observe({ entryTypes: ['gc'] });
    loop.enable();
    const r = await load({ base, personId, connections: CONNECTIONS, seconds: SECONDS });
    loop.disable();
    gc.disconnect();
    const line = (name: string, l: ApiLoadResult['idleHealth']) =>
      `    ${name.padEnd(44)} p50 ${ms(l.p50).padStart(9)}  p99 ${ms(l.p99).padStart(9)}  max ${ms(l.max).padStart(9)}  (${l.count} requests, ${l.errors} errors)`;
    console.log(`  ${label}: ${CASES.toLocaleString('en-GB')} cases; "my work" of a manager (a member of 300 cases)`);
    console.log(line('idle: /healthz every 20 ms (baseline)', r.idleHealth));
    console.log(line('idle: /api/me/work one at a time (baseline)', r.idleWork));
    console.log(line(`/healthz under ${CONNECTIONS} concurrent /api/me/work`, r.loadedHealth));
    console.log(line(`${CONNECTIONS} concurrent /api/me/work`, r.loadedWork) + `  ${r.workPerSecond.toFixed(0)} req/s`);
    console.log(
      `    the server's event-loop delay over the whole run: p50 ${ms(loop.percentile(50) / 1e6)}  p99 ${ms(loop.percentile(99) / 1e6)}  max ${ms(loop.max / 1e6)}; GC pauses ${ms(pauses.reduce((a, b) => a + b, 0))} in all, longest ${ms(Math.max(0, ...pauses))}`,
    );
    const healthMet = r.loadedHealth.p99 < 100 && r.loadedHealth.errors === 0;
    console.log(`    aim: /healthz p99 under 100 ms while loaded: ${healthMet ? 'met' : 'NOT met'}`);
    report({
      bench: 'api',
      measure: `${label}: /healthz p99 under ${CONNECTIONS} concurrent /api/me/work`,
      value: r.loadedHealth.p99,
      unit: 'ms',
      baseline: r.idleHealth.p99,
      aim: 'value < 100 ms',
      met: healthMet,
    });
    report({
      bench: 'api',
      measure: `${label}: /api/me/work p99 at ${CONNECTIONS} concurrent`,
      value: r.loadedWork.p99,
      unit: 'ms',
      baseline: r.idleWork.p99,
      aim: 'none (the server keeps answering: 0 errors)',
      met: r.loadedWork.errors === 0,
    });
    report({
      bench: 'api',
      measure: `${label}: /api/me/work one request, idle`,
      value: r.idleWork.p50,
      unit: 'ms',
      baseline: r.idleHealth.p50,
      aim: 'none',
      met: null,
    });
    await stop(server);
    const limited = await serve(DEFAULT_RATE_LIMITS);
    try {
      const d = await load({ base: `http://127.0.0.1:${(limited.address() as AddressInfo).port}`, personId, connections: CONNECTIONS, seconds: 4 });
      console.log(
        `    with the deployed per-person limits (${DEFAULT_RATE_LIMITS.perPersonInFlight} in progress, ${DEFAULT_RATE_LIMITS.perPersonPerMinute} a minute), 4 s:`,
      );
      console.log(line('/healthz', d.loadedHealth));
      console.log(line(`${CONNECTIONS} concurrent /api/me/work (refused counted as errors)`, d.loadedWork));
      report({
        bench: 'api',
        measure: `${label}: /healthz p99 under ${CONNECTIONS} concurrent /api/me/work, deployed limits`,
        value: d.loadedHealth.p99,
        unit: 'ms',
        baseline: r.idleHealth.p99,
        aim: 'value < 100 ms',
        met: d.loadedHealth.p99 < 100 && d.loadedHealth.errors === 0,
      });
    } finally {
      await stop(limited);
    }
  } finally {
    if (server.listening) await stop(server);
    await store.close();
  }
}

/** The tab's API under concurrency: /healthz and /api/me/work while 100 "my work" requests from one person run at once (limits lifted, then as deployed). */
export async function runApiBench(): Promise<void> {
  console.log(`api: ${CONNECTIONS} concurrent /api/me/work for ${SECONDS} s, /healthz probed alongside, load from a separate process`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'core-groups-api-bench-'));
  try {
    await benchOne('SQLite (file, WAL)', { kind: 'sqlite', file: path.join(dir, 'bench.sqlite') });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!url) {
    console.log('  PostgreSQL: skipped (set BENCH_DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/core_groups_bench)');
    return;
  }
  const schema = 'core_groups_api_bench';
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop schema if exists ${schema} cascade`);
  try {
    await benchOne('PostgreSQL', { kind: 'postgres', url, schema });
  } finally {
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  }
}
