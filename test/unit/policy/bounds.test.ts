import fc from 'fast-check';
import { LocalDate } from '../../../src/domain/calendar/local-date';
import { SUPPORTED_DAYS } from '../../../src/domain/calendar/supported-days';
import { DomainError } from '../../../src/domain/errors';
import { countProblem, DURATION_LIMITS, DurationUnit, MAX_HORIZON_REVIEWS, parseProfile, planObligations, PolicyProfile } from '../../../src/domain/policy';
import england from '../../../src/domain/policy/profiles/england.json';
import northernIreland from '../../../src/domain/policy/profiles/northern-ireland.json';
import { catchError } from '../../support/catch-error';

type Json = Record<string, unknown>;
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** England's profile with one field replaced: `set(['coreGroups', 'first', 'within'], …)`. */
function englandWith(path: readonly string[], value: unknown, base: unknown = england): Json {
  const profile = clone(base) as Json;
  let at = profile;
  for (const key of path.slice(0, -1)) at = at[key] as Json;
  at[path[path.length - 1] as string] = value;
  return profile;
}

const problemsOf = (profile: unknown) => (catchError(() => parseProfile(profile)) as DomainError).fields;

describe('profile bounds: every number a profile states is checked, naming the field and what it must be', () => {
  const within = ['coreGroups', 'first', 'within'];
  const EXAMPLE = 'a gap such as { "workingDays": 10 }, { "weeks": 6 } or { "months": 3 }';
  it.each<[string, readonly string[], unknown, string, string]>([
    ['a billion working days', within, { workingDays: 1e9 }, 'coreGroups.first.within.workingDays', 'must be a whole number of working days from 1 to 250'],
    [
      'working days written as text',
      within,
      { workingDays: '10' },
      'coreGroups.first.within.workingDays',
      'must be a whole number of working days from 1 to 250',
    ],
    ['half a working day', within, { workingDays: 2.5 }, 'coreGroups.first.within.workingDays', 'must be a whole number of working days from 1 to 250'],
    ['no days at all', within, { days: 0 }, 'coreGroups.first.within.days', 'must be a whole number of days from 1 to 366'],
    ['a year and a week', within, { weeks: 53 }, 'coreGroups.first.within.weeks', 'must be a whole number of weeks from 1 to 52'],
    [
      'more than a year of months',
      ['reviews', 'later', 'within'],
      { months: 13 },
      'reviews.later.within.months',
      'must be a whole number of months from 1 to 12',
    ],
    ['a gap written in words', within, '10 working days', 'coreGroups.first.within', `must be ${EXAMPLE}`],
    [
      'a misspelt unit',
      within,
      { workingdays: 10 },
      'coreGroups.first.within',
      `has "workingdays", which is not one of workingDays, days, weeks, months: must be ${EXAMPLE}`,
    ],
    ['two units at once', within, { weeks: 6, days: 2 }, 'coreGroups.first.within', `must give exactly one of workingDays, days, weeks, months: ${EXAMPLE}`],
    [
      'a plan signed at the 99th core group',
      ['planSignature', 'atCoreGroup'],
      99,
      'planSignature.atCoreGroup',
      'must be a whole number from 1 to 6: which core group after each conference signs the plan',
    ],
    [
      'an unknown pattern',
      ['coreGroups', 'later'],
      { pattern: 'weekly' },
      'coreGroups.later.pattern',
      'must have "pattern": "cadence" (with "every") or "pattern": "after-each-review" (with "at")',
    ],
    ['a date past the supported years', ['effectiveFrom'], '9999-12-31', 'effectiveFrom', 'must be a date from 2000-01-01 to 2100-12-31'],
    [
      'a closure day before them',
      ['closureDays'],
      [{ date: '1999-12-31', reason: 'millennium' }],
      'closureDays.0.date',
      'must be a date from 2000-01-01 to 2100-12-31',
    ],
  ])('refuses %s', (_what, path, value, field, problem) => {
    expect(problemsOf(englandWith(path, value))).toEqual([{ field, problem }]);
  });

  it('refuses more fixed points between reviews than six months of monthly core groups', () => {
    const seven = Array.from({ length: 7 }, (_, i) => ({ weeks: 3 * (i + 1) }));
    expect(problemsOf(englandWith(['coreGroups', 'later', 'at'], seven, northernIreland))).toEqual([
      { field: 'coreGroups.later.at', problem: 'must list at most 6 gaps (six months of monthly core groups)' },
    ]);
  });

  it('keeps the message to one short line however broken the file is', () => {
    const garbage = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`${'x'.repeat(500)}${i}`, i]));
    const error = catchError(() => parseProfile(garbage, 'profile file garbage.json')) as DomainError;
    expect(error.message.length).toBeLessThan(400);
    expect(error.message).toMatch(/^profile file garbage.json is not valid: .*\(and \d+ more problems\)$/);
    expect(error.fields.length).toBeGreaterThan(3);
  });

  it('accepts every unit at its limit and plans with it', () => {
    for (const [unit, { max }] of Object.entries(DURATION_LIMITS)) {
      const profile = parseProfile(englandWith(['reviews', 'later', 'within'], { [unit]: max }));
      const review2 = planObligations(profile, { icpc: '2026-03-02' }).find((o) => o.id === 'review-conference-2');
      expect(review2?.due.slice(0, 4)).toMatch(/^202[78]$/);
    }
  });

  // Any number at all in any unit: accepted exactly when it is a whole number within the unit's
  // bounds, and otherwise refused with the field and the bound named.
  it('accepts a gap exactly when it is a whole number within its bounds (property)', () => {
    const unit = fc.constantFrom(...(Object.keys(DURATION_LIMITS) as DurationUnit[]));
    const n = fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.integer(), fc.double({ noNaN: true }), fc.constantFrom(1e9, 1e21, Number.MAX_SAFE_INTEGER));
    fc.assert(
      fc.property(unit, n, (u, value) => {
        const input = englandWith(['coreGroups', 'first', 'within'], { [u]: value });
        const valid = Number.isInteger(value) && value >= 1 && value <= DURATION_LIMITS[u].max;
        if (valid) expect(parseProfile(input).coreGroups.first.within).toEqual({ [u]: value });
        else expect(problemsOf(input)).toEqual([{ field: `coreGroups.first.within.${u}`, problem: countProblem(u) }]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('plan bounds', () => {
  const profile = parseProfile(england);

  it.each([0, -1, 1.5, MAX_HORIZON_REVIEWS + 1, 2000, Number.NaN])('refuses a horizon of %p reviews, naming it', (horizonReviews) => {
    const error = catchError(() => planObligations(profile, { icpc: '2026-03-02' }, { horizonReviews })) as DomainError;
    expect(error).toBeInstanceOf(DomainError);
    expect(error.fields).toEqual([{ field: 'horizonReviews', problem: 'must be a whole number of review conferences from 1 to 10' }]);
  });

  it.each(['9999-12-31', '1999-12-31', '0202-03-02'])('refuses an ICPC of %s, outside the supported years', (icpc) => {
    const error = catchError(() => planObligations(profile, { icpc })) as DomainError;
    expect(error.fields).toEqual([{ field: 'icpc', problem: 'must be a date from 2000-01-01 to 2100-12-31' }]);
  });

  // The largest plan the bounds allow stays a plan: the furthest horizon from the last supported
  // day, with the fastest cadence and the longest reviews a profile may set.
  it('plans the largest case the bounds allow, every date a real day within a dozen years (property)', () => {
    const units = Object.keys(DURATION_LIMITS) as DurationUnit[];
    const gap = fc.constantFrom(...units).chain((u) => fc.integer({ min: 1, max: DURATION_LIMITS[u].max }).map((n) => ({ [u]: n })));
    const reviewGap = fc.integer({ min: 1, max: 12 }).map((months) => ({ months }));
    const icpc = fc.constantFrom(SUPPORTED_DAYS.first, SUPPORTED_DAYS.last, '2026-03-02' as LocalDate);
    fc.assert(
      fc.property(gap, reviewGap, icpc, fc.integer({ min: 1, max: MAX_HORIZON_REVIEWS }), (every, review, day, horizonReviews) => {
        const custom = clone(england) as Json & typeof england;
        Object.assign(custom.coreGroups.later, { every });
        Object.assign(custom.reviews.later, { within: review });
        const obligations = planObligations(parseProfile(custom) as PolicyProfile, { icpc: day }, { horizonReviews });
        const lastYear = Number(day.slice(0, 4)) + MAX_HORIZON_REVIEWS + 2;
        for (const o of obligations) expect(o.due >= day && Number(o.due.slice(0, 4)) <= lastYear && /^\d{4}-\d{2}-\d{2}$/.test(o.due)).toBe(true);
      }),
      { numRuns: 25 },
    );
  });
});

describe('a gap shorter than the non-working days it lands in', () => {
  // Closed from Thu 24 Dec 2026 to Fri 1 Jan 2027: a weekly cadence from Wed 23 Dec lands on
  // Wed 30 Dec, and moving back would reach the meeting it counts from; the plan must still move on.
  const closures = ['2026-12-24', '2026-12-29', '2026-12-30', '2026-12-31'].map((date) => ({ date, reason: 'council closed' }));
  const weekly = parseProfile(englandWith(['closureDays'], closures, englandWith(['coreGroups', 'later', 'every'], { weeks: 1 })));

  it('moves the deadline forward to the next working day, and says why', () => {
    const obligations = planObligations(weekly, { icpc: '2026-11-02', coreGroupsHeld: ['2026-11-16', '2026-12-14', '2026-12-23'] });
    const next = obligations.find((o) => o.id === 'core-group-4');
    expect(next?.due).toBe('2027-01-04');
    expect(next?.explanation).toContain(
      'Wed 30 Dec 2026, not a working day in England and Wales (a weekend; 1 Jan 2027 is a bank holiday in England and Wales (New Year’s Day); 30 Dec and 31 Dec are local closure days (council closed))',
    );
    expect(next?.explanation).toContain(
      'so the deadline moves forward to Mon 4 Jan 2027: moving back would reach core group 3, held on Wed 23 Dec 2026 itself.',
    );
  });

  it('plans a daily cadence to the horizon rather than forever', () => {
    const daily = parseProfile(englandWith(['coreGroups', 'later', 'every'], { days: 1 }));
    const groups = planObligations(daily, { icpc: '2026-12-18' }).filter((o) => o.kind === 'core-group');
    expect(new Set(groups.map((o) => o.due)).size).toBe(groups.length);
  });
});
