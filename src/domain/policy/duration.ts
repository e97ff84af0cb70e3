import { z } from 'zod';

/**
 * How procedures state a gap. Working days count from day 0 (POLICY.md); weeks are 7 calendar days;
 * months are calendar months, clamped at month end.
 */
export const DurationSchema = z.union([
  z.strictObject({ workingDays: z.number().int().positive() }),
  z.strictObject({ days: z.number().int().positive() }),
  z.strictObject({ weeks: z.number().int().positive() }),
  z.strictObject({ months: z.number().int().positive() }),
]);
export type Duration = z.infer<typeof DurationSchema>;

export function describeDuration(d: Duration): string {
  const [n, unit] =
    'workingDays' in d ? [d.workingDays, 'working day'] : 'days' in d ? [d.days, 'day'] : 'weeks' in d ? [d.weeks, 'week'] : [d.months, 'month'];
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
