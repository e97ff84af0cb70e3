import { BankHoliday, holidayCalendar, HolidayCalendar, HolidaySource } from './bank-holidays';
import { fromEpochDay, isoWeekdayIndex, LocalDate, toEpochDay } from './local-date';
import { Region } from './region';

/** A day the local authority's offices are closed beyond bank holidays (e.g. 29–31 Dec). */
export interface ClosureDay {
  readonly date: LocalDate;
  readonly reason: string;
}

export type NonWorkingReason =
  { readonly kind: 'weekend' } | { readonly kind: 'bank-holiday'; readonly holiday: BankHoliday } | { readonly kind: 'closure'; readonly closure: ClosureDay };

/** A day skipped while counting, with why: explanations name every one. */
export interface SkippedDay {
  readonly date: LocalDate;
  readonly reason: NonWorkingReason;
}

/**
 * Working days for one case: Monday to Friday, less the bank holidays of its region and the closure
 * days of its policy profile. Counting convention (POLICY.md): the starting day is day 0, so "within
 * N working days of X" is the Nth working day after X.
 */
export interface WorkingCalendar {
  readonly region: Region;
  isWorkingDay(d: LocalDate): boolean;
  nonWorkingReason(d: LocalDate): NonWorkingReason | undefined;
  /** The Nth working day after `from` (N ≥ 0; 0 gives `from` itself). */
  addWorkingDays(from: LocalDate, n: number): LocalDate;
  /** The Nth working day before `from` (N ≥ 0). */
  subtractWorkingDays(from: LocalDate, n: number): LocalDate;
  /** Working days in (from, to]: how many working days `to` is after `from`. Negative when to < from. */
  workingDaysBetween(from: LocalDate, to: LocalDate): number;
  /** `d` if it is a working day, else the latest working day before it. */
  onOrBefore(d: LocalDate): LocalDate;
  /** `d` if it is a working day, else the next working day after it. */
  onOrAfter(d: LocalDate): LocalDate;
  /** Non-working weekdays and weekends in (from, to], for explanations. */
  skippedBetween(from: LocalDate, to: LocalDate): SkippedDay[];
  /** Which holiday source covers the year of a day. */
  holidaySource(d: LocalDate): HolidaySource;
  /** Which holiday source covers each year touched by (from, to]. */
  holidaySources(from: LocalDate, to: LocalDate): ReadonlyMap<number, HolidaySource>;
}

export interface WorkingCalendarOptions {
  readonly region: Region;
  readonly closureDays?: readonly ClosureDay[];
}

/** Beyond this a count is a bug in the caller (a deadline centuries away), not a plan. */
const MAX_STEP_DAYS = 366 * 20;

export function workingCalendar(options: WorkingCalendarOptions): WorkingCalendar {
  const holidays: HolidayCalendar = holidayCalendar(options.region);
  const closures = new Map((options.closureDays ?? []).map((c) => [toEpochDay(c.date), c]));

  const reasonFor = (day: number): NonWorkingReason | undefined => {
    if (isoWeekdayIndex(day) >= 5) return { kind: 'weekend' };
    const holiday = holidays.holidayOn(day);
    if (holiday) return { kind: 'bank-holiday', holiday };
    const closure = closures.get(day);
    if (closure) return { kind: 'closure', closure };
    return undefined;
  };
  const works = (day: number): boolean => isoWeekdayIndex(day) < 5 && holidays.holidayOn(day) === undefined && !closures.has(day);

  const step = (day: number, direction: 1 | -1): number => {
    let d = day;
    for (let i = 0; i < MAX_STEP_DAYS; i++) {
      if (works(d)) return d;
      d += direction;
    }
    throw new RangeError(`no working day within ${MAX_STEP_DAYS} days of ${fromEpochDay(day)}`);
  };

  const countFrom = (start: number, n: number, direction: 1 | -1): number => {
    // Callers bound their counts (profiles: 250); a count beyond twenty years is a bug, not a plan.
    if (!Number.isInteger(n) || n < 0 || n > MAX_STEP_DAYS)
      throw new RangeError(`a count of working days must be a whole number from 0 to ${MAX_STEP_DAYS}; got ${n}`);
    let day = start;
    for (let counted = 0; counted < n;) {
      day += direction;
      if (works(day)) counted += 1;
    }
    return day;
  };

  return {
    region: options.region,
    isWorkingDay: (d) => works(toEpochDay(d)),
    nonWorkingReason: (d) => reasonFor(toEpochDay(d)),
    addWorkingDays: (from, n) => fromEpochDay(countFrom(toEpochDay(from), n, 1)),
    subtractWorkingDays: (from, n) => fromEpochDay(countFrom(toEpochDay(from), n, -1)),
    workingDaysBetween(from, to) {
      const a = toEpochDay(from);
      const b = toEpochDay(to);
      const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
      let count = 0;
      for (let d = lo + 1; d <= hi; d++) if (works(d)) count += 1;
      return sign * count;
    },
    onOrBefore: (d) => fromEpochDay(step(toEpochDay(d), -1)),
    onOrAfter: (d) => fromEpochDay(step(toEpochDay(d), 1)),
    skippedBetween(from, to) {
      const skipped: SkippedDay[] = [];
      const last = toEpochDay(to);
      for (let d = toEpochDay(from) + 1; d <= last; d++) {
        const reason = reasonFor(d);
        if (reason) skipped.push({ date: fromEpochDay(d), reason });
      }
      return skipped;
    },
    holidaySource: (d) => holidays.sourceFor(Number(d.slice(0, 4))),
    holidaySources(from, to) {
      const sources = new Map<number, HolidaySource>();
      for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) sources.set(y, holidays.sourceFor(y));
      return sources;
    },
  };
}
