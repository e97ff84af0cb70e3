import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import pg from 'pg';
import { AppContext } from '../../src/app/context';
import { myWork, teamCompliance } from '../../src/app/my-work';
import { openStore, StoreSettings } from '../../src/adapters/store/open-store';
import { seed } from '../../src/cli/seed';
import { builtInRegistry } from '../../src/domain/policy';
import { LocalDate } from '../../src/domain/calendar/local-date';
import { fixedClock } from '../../src/ports/clock';
import { ms, summarise } from '../stats';

const CASES = 50_000;
const TODAY = '2026-11-24' as LocalDate;
const RUNS = 200;

async function timeIt(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 20; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return samples;
}

async function benchOne(label: string, settings: StoreSettings): Promise<void> {
  const started = Date.now();
  const data = await seed(settings, { cases: CASES, seed: 7, today: TODAY });
  console.log(
    `  ${label}: seeded ${CASES.toLocaleString('en-GB')} open cases (${data.obligations.length.toLocaleString('en-GB')} obligations) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  const store = await openStore(settings);
  try {
    const ctx: AppContext = { store, clock: fixedClock(`${TODAY}T10:00:00.000Z`), profiles: builtInRegistry };
    const worker = { personId: data.sample.socialWorkerId };
    const manager = { personId: data.sample.managerId };
    const work = await myWork(ctx, worker);
    const team = await teamCompliance(ctx, manager);
    const baseline = summarise(await timeIt(RUNS, () => store.ping()));
    const mine = summarise(await timeIt(RUNS, () => myWork(ctx, worker)));
    const teams = summarise(await timeIt(RUNS, () => teamCompliance(ctx, manager)));
    const row = (name: string, s: ReturnType<typeof summarise>) =>
      `    ${name.padEnd(44)} p50 ${ms(s.p50).padStart(9)}  p95 ${ms(s.p95).padStart(9)}  (${(s.p95 / Math.max(baseline.p95, 0.001)).toFixed(1)}× select 1 at p95)`;
    console.log(row('baseline: select 1', baseline));
    console.log(row(`"my work", social worker with ${work.cases.length} cases`, mine));
    console.log(
      row(`compliance view, manager of ${team.bySocialWorker.length} social workers (${team.totals.red + team.totals.amber + team.totals.green} cases)`, teams),
    );
    console.log(`    aim: p95 under 50 ms: ${mine.p95 < 50 && teams.p95 < 50 ? 'met' : 'NOT met'}`);
  } finally {
    await store.close();
  }
}

/** "My work" and the manager's compliance view over 50,000 open cases, on SQLite and PostgreSQL. */
export async function runStoreBench(): Promise<void> {
  console.log(`store: ${RUNS} timed runs each, after 20 warm-up runs`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'core-groups-bench-'));
  try {
    await benchOne('SQLite (file, WAL)', { kind: 'sqlite', file: path.join(dir, 'bench.sqlite') });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!url) {
    console.log('  PostgreSQL: skipped (set BENCH_DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/postgres)');
    return;
  }
  const schema = 'core_groups_bench';
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
