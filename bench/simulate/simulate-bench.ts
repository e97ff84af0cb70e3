import { DEFAULTS } from '../../src/sim/params';
import { simulate } from '../../src/sim/simulate';
import { inThreads } from '../../src/sim/threads';
import { report } from '../report';

/**
 * A simulated year (`npm run simulate`'s default world: 1,000 cases, 365 days, both strategies)
 * timed (each strategy in a thread of its own, as `npm run simulate` runs them), beside the same
 * year of a tenth of the cases as the baseline in the same run: the ratio
 * says how the run grows with the caseload (10 would be linear). Aim: the full year in under a
 * minute. SIM_BENCH_CASES overrides the size (the aim is stated for 1,000 only).
 */
export async function runSimulateBench(): Promise<void> {
  const cases = Number(process.env.SIM_BENCH_CASES ?? DEFAULTS.cases);
  const small = Math.max(1, Math.round(cases / 10));
  const time = async (n: number) => {
    const started = process.hrtime.bigint();
    const r = await simulate({ ...DEFAULTS, cases: n }, inThreads);
    return { seconds: Number(process.hrtime.bigint() - started) / 1e9, r };
  };
  const base = await time(small);
  const full = await time(cases);
  console.log(`simulate: a year of ${cases.toLocaleString('en-GB')} cases, both strategies (aim: under 60 s)`);
  console.log(
    `  full: ${full.seconds.toFixed(1)} s (by hand ${full.r.seconds.baseline.toFixed(1)} s, Core Groups ${full.r.seconds['core-groups'].toFixed(1)} s)`,
  );
  console.log(
    `  baseline, ${small.toLocaleString('en-GB')} cases: ${base.seconds.toFixed(1)} s (the full year is ${(full.seconds / base.seconds).toFixed(1)}× it for ${(cases / small).toFixed(0)}× the cases)`,
  );
  report({
    bench: 'simulate',
    measure: `year of ${cases} cases, both strategies`,
    value: full.seconds,
    unit: 's',
    baseline: base.seconds,
    aim: `value < 60 s for ${DEFAULTS.cases} cases`,
    // A smaller year says nothing about the aim.
    met: cases >= DEFAULTS.cases ? full.seconds < 60 : null,
  });
}
