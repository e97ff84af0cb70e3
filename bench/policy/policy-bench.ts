import { addDays, LocalDate } from '../../src/domain/calendar/local-date';
import { BUILT_IN_PROFILES, CaseHistory, planObligations, PolicyProfile } from '../../src/domain/policy';
import { calendarFor } from '../../src/domain/policy/plan';
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

export function runPolicyBench(): void {
  const cases = syntheticCases(CASES);
  // Warm up the JIT and the bank-holiday caches, as a long-running server would be.
  for (const c of cases.slice(0, 2_000)) planObligations(c.profile, c.history);

  // Baseline: the same walk over the same cases, doing the cheapest per-case work (read its dates).
  let sink = 0;
  const baseline = time(() => {
    for (const c of cases) sink += (c.history.coreGroupsHeld?.length ?? 0) + c.history.icpc.length;
  });
  let obligations = 0;
  const planned = time(() => {
    for (const c of cases) obligations += planObligations(c.profile, c.history).length;
  });
  const perSecond = Math.round(CASES / (planned / 1000));
  console.log(`policy engine: plan ${CASES.toLocaleString('en-GB')} open cases (${obligations.toLocaleString('en-GB')} obligations)`);
  console.log(`  planning: ${ms(planned)} (${perSecond.toLocaleString('en-GB')} cases/s; aim: under 1 s)`);
  console.log(`  baseline loop over the same cases: ${ms(baseline)} (planning is ${(planned / Math.max(baseline, 0.001)).toFixed(0)}× the bare loop)`);
  if (sink < 0) console.log(sink);
}
