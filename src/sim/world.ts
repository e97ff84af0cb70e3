import { addDays, fromEpochDay, isoWeekdayIndex, LocalDate, toEpochDay } from '../domain/calendar/local-date';
import { Agency } from '../domain/case/members';
import { londonInstant } from '../domain/scheduling/slot-finder';
import { Interval } from '../domain/scheduling/slot-finder';
import { BUILT_IN_PROFILES, calendarFor, PolicyProfile } from '../domain/policy';
import { FIRST_NAMES, SURNAMES } from '../cli/invented-names';
import { seededRandom } from '../cli/seeded-random';
import { SimParams } from './params';

/**
 * The simulated world: people, their diaries, sickness and leave, the cases that start through the
 * year and what will happen to each meeting and update. Pure and seeded: the same parameters give the
 * same world, and every question asked of it (is this person busy then?) has the same answer each
 * time, whichever strategy asks.
 */
export type PersonKind = 'social-worker' | 'manager' | 'professional' | 'parent';

export interface SimPerson {
  readonly idx: number;
  readonly kind: PersonKind;
  readonly agency: Agency;
  readonly displayName: string;
  readonly email: string;
  /** In the council's tenant (or sharing free/busy with it): calendar visible, reached in Teams. */
  readonly inTenant: boolean;
  readonly busyShare: number;
  /** ISO weekdays (1 = Monday) not worked. */
  readonly offDays: readonly number[];
  /** Sickness spells, inclusive days; a spell is known to calendars only from its first day. */
  readonly sickness: readonly { readonly from: LocalDate; readonly to: LocalDate }[];
  /** Leave booked ahead (a manager's weeks away), inclusive days. */
  readonly away: readonly { readonly from: LocalDate; readonly to: LocalDate }[];
  /** A social worker's manager, whose team they are in. */
  readonly manager?: number;
}

export interface SimCase {
  readonly idx: number;
  readonly reference: string;
  readonly childName: string;
  readonly profileId: string;
  readonly icpc: LocalDate;
  readonly chair: number;
  readonly manager: number;
  readonly professionals: readonly number[];
  readonly parents: readonly number[];
  /** One professional leaves and another joins on this day. */
  readonly change?: { readonly on: LocalDate; readonly leaves: number; readonly joins: number };
}

export interface World {
  readonly params: SimParams;
  readonly people: readonly SimPerson[];
  readonly cases: readonly SimCase[];
  readonly end: LocalDate;
  readonly lastDay: LocalDate;
  /** Cancellations set by hand (small worlds with known answers): case, core group number, booking attempt. */
  readonly forcedCancellations?: readonly {
    readonly caseIdx: number;
    readonly number: number;
    readonly attempt: number;
    readonly by: 'family' | 'professional';
  }[];
}

// The first twenty surnames only: the worlds (and the figures in docs/timeliness.md) were drawn from these.
const SIM_SURNAMES = SURNAMES.slice(0, 20);

/** Partner agencies and how often each sits on a core group (every case has health, a school and police; others some). */
const CORE_AGENCIES: readonly Agency[] = ['health-visiting', 'school', 'police'];
const OTHER_AGENCIES: readonly Agency[] = [
  'gp',
  'school-nursing',
  'early-years',
  'housing',
  'adult-mental-health',
  'substance-misuse',
  'probation',
  'midwifery',
  'youth-justice',
];
/** Health and police sit outside the council's tenant but share free/busy; parents never do. */

/** Cases per manager's team: a team of about eight social workers (assumption). */
const WORKERS_PER_MANAGER = 8;

export const profilesFor = (profile: string): PolicyProfile[] => {
  const newest = new Map<string, PolicyProfile>();
  for (const p of BUILT_IN_PROFILES) if (!newest.get(p.id) || (newest.get(p.id) as PolicyProfile).version < p.version) newest.set(p.id, p);
  return profile === 'mixed' ? [...newest.values()] : [newest.get(profile) as PolicyProfile];
};

/** A stable number for a list of keys (FNV-1a), to seed per-question randomness. */
export function hashOf(...keys: readonly (string | number)[]): number {
  let h = 0x811c9dc5;
  const s = keys.join('\u0001');
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** A random number in [0, 1) that depends only on the world's seed and the keys. */
export const roll = (world: World, ...keys: readonly (string | number)[]): number => seededRandom(hashOf(world.params.seed, ...keys))();

export function makeWorld(params: SimParams): World {
  const rnd = seededRandom(params.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const between = (a: number, b: number) => a + rnd() * (b - a);
  const profiles = profilesFor(params.profile);
  const england = calendarFor(profilesFor('england')[0] as PolicyProfile);
  const end = addDays(params.from, params.days);
  const lastDay = addDays(end, params.tailDays);
  const yearDays = params.days + params.tailDays;
  const people: SimPerson[] = [];

  const sicknessFor = (): SimPerson['sickness'] => {
    const spells: { from: LocalDate; to: LocalDate }[] = [];
    const shortSpells = Math.floor(params.shortSickPerYear * (yearDays / 365) + rnd());
    for (let i = 0; i < shortSpells; i++) {
      const from = addDays(params.from, Math.floor(rnd() * yearDays));
      spells.push({ from, to: addDays(from, Math.floor(rnd() * 3)) });
    }
    if (rnd() < params.longSickShare) {
      const from = addDays(params.from, Math.floor(rnd() * yearDays));
      spells.push({ from, to: addDays(from, 28 + Math.floor(rnd() * 56)) });
    }
    return spells.sort((a, b) => a.from.localeCompare(b.from));
  };
  const person = (kind: PersonKind, agency: Agency, extra: Partial<SimPerson> = {}): SimPerson => {
    const idx = people.length;
    const displayName = `${pick(FIRST_NAMES)} ${pick(SIM_SURNAMES)}`;
    const domain =
      kind === 'parent'
        ? 'mail.example'
        : agency === 'childrens-social-care'
          ? 'anytown.gov.uk'
          : agency === 'police'
            ? 'police.example'
            : agency === 'school'
              ? 'school.example'
              : 'nhs.example';
    const p: SimPerson = {
      idx,
      kind,
      agency,
      displayName,
      email: `${displayName.toLowerCase().replace(/[^a-z]+/g, '.')}.${idx}@${domain}`,
      inTenant: kind !== 'parent',
      busyShare: kind === 'parent' ? 0 : between(params.busyMin, params.busyMax),
      offDays: [],
      sickness: kind === 'parent' ? [] : sicknessFor(),
      away: [],
      ...extra,
    };
    people.push(p);
    return p;
  };

  const workers = Math.max(1, Math.ceil(params.cases / params.casesPerWorker));
  const managers = Array.from({ length: Math.max(1, Math.ceil(workers / WORKERS_PER_MANAGER)) }, () => {
    const away: { from: LocalDate; to: LocalDate }[] = [];
    for (let w = 0; w < params.managerAwayWeeks; w++) {
      const monday = addDays(params.from, 7 * Math.floor(rnd() * Math.max(1, Math.floor(yearDays / 7))));
      away.push({ from: monday, to: addDays(monday, 4) });
    }
    return person('manager', 'childrens-social-care', { away });
  });
  const socialWorkers = Array.from({ length: workers }, (_, i) => {
    const manager = managers[Math.floor(i / WORKERS_PER_MANAGER)] as SimPerson;
    return { sw: person('social-worker', 'childrens-social-care', { manager: manager.idx }), manager };
  });
  // Professionals per agency: enough that each sits on about casesPerProfessional core groups.
  const seats = new Map<Agency, number>();
  const plans = Array.from({ length: params.cases }, () => {
    const extra = Array.from({ length: Math.floor(rnd() * 4) }, () => pick(OTHER_AGENCIES));
    const agencies = [...new Set([...CORE_AGENCIES, ...extra])];
    for (const a of agencies) seats.set(a, (seats.get(a) ?? 0) + 1);
    return agencies;
  });
  const pool = new Map<Agency, SimPerson[]>();
  for (const [agency, n] of seats) {
    pool.set(
      agency,
      Array.from({ length: Math.max(1, Math.ceil(n / params.casesPerProfessional)) }, () => {
        const partTime = rnd() < params.partTimeShare;
        const offDays = partTime ? [1 + Math.floor(rnd() * 5), ...(rnd() < 0.5 ? [1 + Math.floor(rnd() * 5)] : [])] : [];
        return person('professional', agency, { offDays: [...new Set(offDays)] });
      }),
    );
  }
  const cases: SimCase[] = [];
  for (let i = 0; i < params.cases; i++) {
    const profile = pick(profiles);
    const calendar = calendarFor(profile);
    // ICPCs spread evenly through the year, each on a working day of the case's procedure.
    const icpc = calendar.onOrAfter(addDays(params.from, Math.floor((i + rnd()) * (params.days / params.cases))));
    const { sw, manager } = socialWorkers[i % workers] as (typeof socialWorkers)[number];
    const professionals = (plans[i] as Agency[]).map((a) => pick(pool.get(a) as SimPerson[]).idx);
    const parents = Array.from({ length: rnd() < 0.6 ? 2 : 1 }, () => person('parent', 'family').idx);
    const childName = `${pick(FIRST_NAMES)} ${pick(SIM_SURNAMES)}`;
    let change: SimCase['change'];
    if (rnd() < params.memberChange && professionals.length > 0) {
      const leaves = professionals[Math.floor(rnd() * professionals.length)] as number;
      const agency = (people[leaves] as SimPerson).agency;
      const candidates = (pool.get(agency) as SimPerson[]).filter((p) => p.idx !== leaves);
      const joins = candidates.length ? pick(candidates).idx : person('professional', agency).idx;
      change = { on: addDays(icpc, 20 + Math.floor(rnd() * 120)), leaves, joins };
    }
    cases.push({
      idx: i,
      reference: `CP-SIM-${String(i + 1).padStart(5, '0')}`,
      childName,
      profileId: profile.id,
      icpc: icpc > addDays(end, -1) ? england.onOrBefore(addDays(end, -1)) : icpc,
      chair: sw.idx,
      manager: manager.idx,
      professionals: [...new Set(professionals)],
      parents,
      ...(change ? { change } : {}),
    });
  }
  return { params, people, cases, end, lastDay };
}

// ---------------------------------------------------------------------------------------------
// Questions asked of the world

const inSpell = (spells: readonly { from: LocalDate; to: LocalDate }[], day: LocalDate) => spells.some((s) => s.from <= day && day <= s.to);

/** Off sick that day. */
export const sickOn = (p: SimPerson, day: LocalDate): boolean => inSpell(p.sickness, day);

/** The sickness spell a calendar shows on `today`: one that has begun (people report sick on the day). */
export const knownSickness = (p: SimPerson, today: LocalDate) => p.sickness.filter((s) => s.from <= today && s.to >= today);

/**
 * English school holidays (a typical local authority's term dates; the days differ a little between
 * councils): school staff are not available for core groups on them.
 */
export function schoolHoliday(day: LocalDate): boolean {
  const md = day.slice(5);
  const ranges: [string, string][] = [
    ['01-01', '01-03'],
    ['02-15', '02-19'],
    ['03-29', '04-09'],
    ['05-31', '06-04'],
    ['07-22', '09-01'],
    ['10-25', '10-29'],
    ['12-20', '12-31'],
  ];
  return ranges.some(([a, b]) => a <= md && md <= b);
}

/** Whether the person does not work that day at all (part-time day off, school holiday, leave). */
export function offWork(p: SimPerson, day: LocalDate): boolean {
  if (p.kind === 'parent') return false;
  if (p.offDays.includes(isoWeekdayIndex(toEpochDay(day)) + 1)) return true;
  if (p.agency === 'school' && schoolHoliday(day)) return true;
  return inSpell(p.away, day);
}

const SLOTS_PER_DAY = 16; // half hours from 09:00 to 17:00
const diaryCache = new WeakMap<World, Map<number, Interval[]>>();

/**
 * The person's diary that day (fixed commitments known weeks ahead), as busy intervals: whole days
 * off, else blocks of half an hour to two hours making up their busy share of 09:00–17:00.
 */
export function diary(world: World, p: SimPerson, day: LocalDate): Interval[] {
  let cache = diaryCache.get(world);
  if (!cache) diaryCache.set(world, (cache = new Map()));
  const key = p.idx * 100_000 + toEpochDay(day);
  const hit = cache.get(key);
  if (hit) return hit;
  let out: Interval[] = [];
  // A day off is busy all day; leave is out of office too, as Outlook shows leave entered so.
  if (offWork(p, day))
    out = [
      {
        start: londonInstant(day, '00:00').toISOString(),
        end: londonInstant(addDays(day, 1), '00:00').toISOString(),
        ...(inSpell(p.away, day) ? { away: true } : {}),
      },
    ];
  else if (p.busyShare > 0) {
    const rnd = seededRandom(hashOf(world.params.seed, 'diary', p.idx, day));
    // Free time comes in one to three gaps (diaries cluster commitments: visits, court, supervision).
    // A person's share holds over the year; any one day is lighter or heavier (±15 points).
    const share = p.busyShare >= 1 ? 1 : Math.min(1, Math.max(0.3, p.busyShare + (rnd() - 0.5) * 0.3));
    const free = SLOTS_PER_DAY - Math.round(SLOTS_PER_DAY * share);
    const taken = new Array<boolean>(SLOTS_PER_DAY).fill(true);
    let left = free;
    for (let gaps = 1 + Math.floor(rnd() * 3); left > 0 && gaps > 0; gaps--) {
      const len = gaps === 1 ? left : 1 + Math.floor(rnd() * left);
      const at = Math.floor(rnd() * (SLOTS_PER_DAY - len + 1));
      for (let k = at; k < at + len; k++)
        if (taken[k]) {
          taken[k] = false;
          left--;
        }
    }
    const base = londonInstant(day, '09:00').getTime();
    for (let k = 0; k < SLOTS_PER_DAY; k++) {
      if (!taken[k]) continue;
      let j = k;
      while (j + 1 < SLOTS_PER_DAY && taken[j + 1]) j++;
      out.push({ start: new Date(base + k * 1_800_000).toISOString(), end: new Date(base + (j + 1) * 1_800_000).toISOString() });
      k = j;
    }
  }
  cache.set(key, out);
  return out;
}

/** Busy intervals across a window as a calendar would show them on `today` (sickness known once begun). */
export function busyBetween(world: World, p: SimPerson, window: Interval, today: LocalDate): Interval[] {
  const out: Interval[] = [];
  const first = toEpochDay(window.start.slice(0, 10) as LocalDate) - 1;
  const last = toEpochDay(window.end.slice(0, 10) as LocalDate) + 1;
  const sick = knownSickness(p, today);
  for (let n = first; n <= last; n++) {
    const day = fromEpochDay(n);
    if (isoWeekdayIndex(n) >= 5) continue;
    // Off sick shows as out of office, as Outlook shows a day marked so: not a commitment to move.
    if (sick.some((s) => s.from <= day && day <= s.to))
      out.push({ start: londonInstant(day, '00:00').toISOString(), end: londonInstant(addDays(day, 1), '00:00').toISOString(), away: true });
    else out.push(...diary(world, p, day));
  }
  return out.filter((i) => i.end > window.start && i.start < window.end);
}

/** Free for the whole of [start, end) in their diary (ignoring other core groups). */
export function diaryFree(world: World, p: SimPerson, start: string, end: string): boolean {
  const s = Date.parse(start);
  const e = Date.parse(end);
  const day = start.slice(0, 10) as LocalDate;
  return diary(world, p, day).every((b) => !(s < Date.parse(b.end) && Date.parse(b.start) < e));
}

/** How an agency's update will come in for one core group, left to itself. */
export type UpdateHabit = 'on-time' | 'late' | 'never';

export function updateHabit(
  world: World,
  caseIdx: number,
  meetingNumber: number,
  personIdx: number,
): { habit: UpdateHabit; workingDaysAfterRequest: number; chased: number } {
  const r = roll(world, 'update', caseIdx, meetingNumber, personIdx);
  const habit: UpdateHabit = r < world.params.updateNever ? 'never' : r < world.params.updateNever + world.params.updateLate ? 'late' : 'on-time';
  return {
    habit,
    workingDaysAfterRequest: 1 + Math.floor(roll(world, 'update-lead', caseIdx, meetingNumber, personIdx) * 5),
    chased: roll(world, 'chased', caseIdx, meetingNumber, personIdx),
  };
}

/** Whether the family, or a professional's emergency, cancels this booking of a core group the day before. */
export function cancellation(world: World, caseIdx: number, meetingNumber: number, attempt: number): 'family' | 'professional' | undefined {
  const forced = world.forcedCancellations?.find((f) => f.caseIdx === caseIdx && f.number === meetingNumber && f.attempt === attempt);
  if (forced) return forced.by;
  const r = roll(world, 'cancel', caseIdx, meetingNumber, attempt);
  if (r < world.params.familyCancel) return 'family';
  if (r < world.params.familyCancel + world.params.professionalCancel) return 'professional';
  return undefined;
}

/** Whether someone with a clash moves it to come to this core group. */
export const movesCommitment = (world: World, caseIdx: number, meetingNumber: number, attempt: number, personIdx: number): boolean =>
  roll(world, 'moves', caseIdx, meetingNumber, attempt, personIdx) < world.params.movesCommitment;

export const weekdaysBetween = (from: LocalDate, to: LocalDate): number => {
  let n = 0;
  for (let d = toEpochDay(from) + 1; d <= toEpochDay(to); d++) if (isoWeekdayIndex(d) < 5) n++;
  return n;
};
