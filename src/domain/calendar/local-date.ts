import { addMonths as addMonthsFns } from 'date-fns';
import { tz } from '@date-fns/tz';
import { DomainError } from '../errors';

/**
 * A calendar day with no time and no zone, as an ISO `YYYY-MM-DD` string. Days (an ICPC, a deadline)
 * are never JS Dates: a Date is an instant, and turning it back into a day depends on the machine's zone.
 */
export type LocalDate = string & { readonly __brand: 'LocalDate' };

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;
const UTC = tz('UTC');

export function isLocalDate(value: string): value is LocalDate {
  const m = ISO_DAY.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Parses an ISO day, rejecting impossible dates (2026-02-30) with an error naming the field. */
export function parseLocalDate(value: string, field = 'date'): LocalDate {
  if (!isLocalDate(value)) {
    throw new DomainError('DATE.INVALID', 'invalid', `${field} must be a real date written YYYY-MM-DD; got "${value}"`, [
      { field, problem: `"${value}" is not a date in the form YYYY-MM-DD` },
    ]);
  }
  return value;
}

/**
 * Days since 1970-01-01. Working-day loops run on these integers: the policy engine plans tens of
 * thousands of cases a second, and integer days cannot drift across daylight-saving changes.
 */
export function toEpochDay(d: LocalDate): number {
  return Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / MS_PER_DAY;
}

export function fromEpochDay(n: number): LocalDate {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10) as LocalDate;
}

export type Weekday = 'Monday' | 'Tuesday' | 'Wednesday' | 'Thursday' | 'Friday' | 'Saturday' | 'Sunday';
const WEEKDAYS: readonly Weekday[] = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekdayIndex(epochDay: number): number {
  return (((epochDay + 3) % 7) + 7) % 7;
}

export function weekdayOf(d: LocalDate): Weekday {
  return WEEKDAYS[isoWeekdayIndex(toEpochDay(d))] as Weekday;
}

export function isWeekend(d: LocalDate): boolean {
  return isoWeekdayIndex(toEpochDay(d)) >= 5;
}

export function addDays(d: LocalDate, n: number): LocalDate {
  return fromEpochDay(toEpochDay(d) + n);
}

export function addWeeks(d: LocalDate, n: number): LocalDate {
  return addDays(d, 7 * n);
}

/** Calendar months, clamped to the end of a shorter month: 31 Jan + 1 month = 28 (or 29) Feb. */
export function addMonths(d: LocalDate, n: number): LocalDate {
  const start = new Date(`${d}T00:00:00Z`);
  return addMonthsFns(start, n, { in: UTC }).toISOString().slice(0, 10) as LocalDate;
}

/** Whole days from a to b (negative when b is earlier). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return toEpochDay(b) - toEpochDay(a);
}

export function compareLocalDates(a: LocalDate, b: LocalDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export const minDate = (a: LocalDate, b: LocalDate): LocalDate => (a <= b ? a : b);
export const maxDate = (a: LocalDate, b: LocalDate): LocalDate => (a >= b ? a : b);

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Wed 6 Jan 2027": the form used in explanations a chair reads. */
export function formatLong(d: LocalDate): string {
  return `${weekdayOf(d).slice(0, 3)} ${Number(d.slice(8, 10))} ${MONTHS[Number(d.slice(5, 7)) - 1]} ${d.slice(0, 4)}`;
}

/** "25 Dec" (or "1 Jan 2027" when the year differs from `contextYear`). */
export function formatShort(d: LocalDate, contextYear?: string): string {
  const base = `${Number(d.slice(8, 10))} ${MONTHS[Number(d.slice(5, 7)) - 1]}`;
  return contextYear === undefined || contextYear === d.slice(0, 4) ? base : `${base} ${d.slice(0, 4)}`;
}
