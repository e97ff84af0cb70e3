import { z } from 'zod';
import { isLocalDate, LocalDate } from './local-date';

/**
 * The days Core Groups plans over: 2000 to 2100. Bank holidays are known for them (GOV.UK's list,
 * then date-holidays' rules), and a plan made today reaches a few years either way. A day outside
 * is a typo (0202-03-01, 9999-12-31), and past year 9999 a day no longer fits YYYY-MM-DD at all.
 */
export const SUPPORTED_DAYS = { first: '2000-01-01' as LocalDate, last: '2100-12-31' as LocalDate } as const;

export const isSupportedDay = (d: LocalDate): boolean => d >= SUPPORTED_DAYS.first && d <= SUPPORTED_DAYS.last;

export const DATE_PROBLEM = 'must be a real date';
export const RANGE_PROBLEM = `must be a date from ${SUPPORTED_DAYS.first} to ${SUPPORTED_DAYS.last}`;

/** A day given as input (an ICPC, a meeting held, a closure day): real, and inside the supported years. */
export const SupportedDaySchema = z
  .string({ error: `${DATE_PROBLEM} (from ${SUPPORTED_DAYS.first} to ${SUPPORTED_DAYS.last})` })
  .refine(isLocalDate, { message: DATE_PROBLEM, abort: true })
  .refine((s) => isSupportedDay(s as LocalDate), RANGE_PROBLEM)
  .transform((s) => s as LocalDate);
