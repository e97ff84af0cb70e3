import { z } from 'zod';

/**
 * How procedures state a gap. Working days count from day 0 (POLICY.md); weeks are 7 calendar days;
 * months are calendar months, clamped at month end.
 */
export type Duration = { readonly workingDays: number } | { readonly days: number } | { readonly weeks: number } | { readonly months: number };

/**
 * The longest gap a profile may state in each unit: about a year. No UK procedure sets more than six
 * months between anything it times (review conferences), so a year leaves room for any local
 * procedure while a typo (1e9 working days) is refused before it turns one plan into centuries.
 */
export const DURATION_LIMITS = {
  workingDays: { max: 250, words: 'working days' },
  days: { max: 366, words: 'days' },
  weeks: { max: 52, words: 'weeks' },
  months: { max: 12, words: 'months' },
} as const;
export type DurationUnit = keyof typeof DURATION_LIMITS;
const UNITS = Object.keys(DURATION_LIMITS) as DurationUnit[];

/** "must be a whole number of working days from 1 to 250": what is expected, in words. */
export function countProblem(unit: DurationUnit): string {
  const { max, words } = DURATION_LIMITS[unit];
  return `must be a whole number of ${words} from 1 to ${max}`;
}

/** A whole number from 1 to `max`, with one message for every way to miss it. */
export function boundedCount(max: number, message: string) {
  return z.number({ error: message }).refine((n) => Number.isInteger(n) && n >= 1 && n <= max, message);
}

const count = (unit: DurationUnit) => boundedCount(DURATION_LIMITS[unit].max, countProblem(unit));

const EXAMPLE = 'a gap such as { "workingDays": 10 }, { "weeks": 6 } or { "months": 3 }';

/**
 * One object with exactly one unit. Written as one object rather than a union of four so that a
 * mistake is named precisely ("within.workingDays: must be a whole number of working days from 1 to
 * 250") instead of a union's bare "Invalid input".
 */
export const DurationSchema = z
  .strictObject(
    { workingDays: count('workingDays').optional(), days: count('days').optional(), weeks: count('weeks').optional(), months: count('months').optional() },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `has ${issue.keys.map((k) => `"${k}"`).join(', ')}, which is not one of ${UNITS.join(', ')}: must be ${EXAMPLE}`
          : `must be ${EXAMPLE}`,
    },
  )
  .refine((d) => UNITS.filter((u) => d[u] !== undefined).length === 1, {
    message: `must give exactly one of ${UNITS.join(', ')}: ${EXAMPLE}`,
    // Only when the object is otherwise right, so an unknown key is not reported twice.
    when: (payload) => payload.issues.length === 0,
  })
  .transform((d): Duration => {
    const unit = UNITS.find((u) => d[u] !== undefined) as DurationUnit;
    return { [unit]: d[unit] } as Duration;
  });

export function describeDuration(d: Duration): string {
  const [n, unit] =
    'workingDays' in d ? [d.workingDays, 'working day'] : 'days' in d ? [d.days, 'day'] : 'weeks' in d ? [d.weeks, 'week'] : [d.months, 'month'];
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
