import { addDays, LocalDate } from '../../src/domain/calendar/local-date';
import { BUILT_IN_PROFILES, CaseHistory, planObligations, PolicyProfile } from '../../src/domain/policy';
import { calendarFor } from '../../src/domain/policy/plan';
import { median, report } from '../report';
import { ms, seededRandom, time } from '../stats';

/** About England's whole child-protection population (Children in Need census). */
export const CASES = 50_000;
const TODAY = '2026-11-24' as LocalDate;

interface BenchCase {
  readonly profile: PolicyProfile;
  readonly history: CaseHistory;
}

/** Open cases at every stage: ICPC up to 18 months ago, with the core groups held so far. */
export function syntheticCases(n: number, seed = 1): BenchCase[] {
  const random = seededRandom(seed);
  const profiles = BUILT_IN_PROFILES.filter((p) => p.id !== 'sefton' || p.version === '2025');
  return Array.from({ length: n }, () => {
    const profile = profiles[Math.floor(random() * profiles.length)] as PolicyProfile;
    const icpc = calendarFor(profile).onOrBefore(addDays(TODAY, -Math.floor(random() * 540)));
    const held: LocalDate[] = [];
    for (let d = addDays(icpc, 9 + Math.floor(random() * 5)); d < TODAY; d = addDays(d, 25 + Math.floor(random() * 20))) held.push(d);
    return { profile, history: { icpc, coreGroupsHeld: held } };
  });
}

/** Wall and CPU time of fn in milliseconds: on a shared machine, CPU time is what the work itself cost. */
function timed(fn: () => void): { wall: number; cpu: number } {
  const cpu = process.cpuUsage();
  const wall = time(fn);
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

const PASSES = 3;

export function runPolicyBench(): void {
  const cases = syntheticCases(CASES);
  // Warm up the JIT and the bank-holiday caches, as a long-running server would be.
  for (const c of cases.slice(0, 2_000)) planObligations(c.profile, c.history);

  // Baseline: the same walk over the same cases, doing the cheapest per-case work (read its dates).
  let sink = 0;
  const baselines: number[] = [];
  const passes: { wall: number; cpu: number }[] = [];
  let obligations = 0;
  for (let pass = 0; pass < PASSES; pass++) {
    baselines.push(
      time(() => {
        for (const c of cases) sink += (c.history.coreGroupsHeld?.length ?? 0) + c.history.icpc.length;
      }),
    );
    obligations = 0;
    passes.push(
      timed(() => {
        for (const c of cases) obligations += planObligations(c.profile, c.history).length;
      }),
    );
  }
  // Every explanation is there to read: word all of them, as if every case were opened (the tab opens one).
  let words = 0;
  const explained = timed(() => {
    for (const c of cases) for (const o of planObligations(c.profile, c.history)) words += o.explanation.length;
  });
  const oneCase = cases[0] as BenchCase;
  const opened = time(() => {
    for (const o of planObligations(oneCase.profile, oneCase.history)) words += o.explanation.length;
  });

  const planned = median(passes.map((p) => p.wall));
  const cpu = median(passes.map((p) => p.cpu));
  const baseline = median(baselines);
  const perSecond = Math.round(CASES / (planned / 1000));
  console.log(
    `policy engine: plan ${CASES.toLocaleString('en-GB')} open cases (${obligations.toLocaleString('en-GB')} obligations), median of ${PASSES} passes`,
  );
  console.log(
    `  planning: ${ms(planned)} wall, ${ms(cpu)} CPU (${perSecond.toLocaleString('en-GB')} cases/s; aim: under 1 s); passes ${passes.map((p) => ms(p.wall)).join(', ')}`,
  );
  console.log(`  baseline loop over the same cases: ${ms(baseline)} (planning is ${(planned / Math.max(baseline, 0.001)).toFixed(0)}× the bare loop)`);
  console.log(
    `  planning and reading every explanation (${(words / 1e6).toFixed(0)} M characters): ${ms(explained.wall)} wall, ${ms(explained.cpu)} CPU; one case opened with its explanations: ${ms(opened)}`,
  );
  report({ bench: 'policy', measure: 'plan 50,000 open cases', value: planned, unit: 'ms', baseline, aim: 'value < 1000 ms', met: planned < 1000 });
  report({ bench: 'policy', measure: 'plan 50,000 open cases (CPU time)', value: cpu, unit: 'ms', baseline, aim: 'value < 1000 ms', met: cpu < 1000 });
  report({
    bench: 'policy',
    measure: 'plan 50,000 open cases and word every explanation',
    value: explained.wall,
    unit: 'ms',
    baseline,
    aim: 'none (explanations are worded when read)',
    met: null,
  });
  if (sink < 0) console.log(sink);
}
