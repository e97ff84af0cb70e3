import { formatLong, LocalDate } from '../calendar/local-date';
import { londonDay, londonTimeOfDay } from '../calendar/london-time';
import { NonWorkingReason, WorkingCalendar } from '../calendar/working-days';
import { DomainError, FieldProblem } from '../errors';

export interface WorkingHours {
  /** UK wall-clock "HH:mm". */
  readonly start: string;
  readonly end: string;
}

/** The hours a core group is booked in unless a council sets its own (WORKING_HOURS). */
export const DEFAULT_WORKING_HOURS: WorkingHours = { start: '09:30', end: '16:30' };

/** What a day is when nobody is booked on it, in words that follow "… is": "a bank holiday (Christmas Day)". */
export const nonWorkingWords = (reason: NonWorkingReason): string => {
  if (reason.kind === 'weekend') return 'a weekend';
  if (reason.kind === 'bank-holiday') return `a bank holiday (${reason.holiday.title})`;
  return `a day the offices are closed (${reason.closure.reason})`;
};

const why = (day: LocalDate, reason: NonWorkingReason): string => `${formatLong(day)} is ${nonWorkingWords(reason)}`;

/**
 * Why a booking falls outside the times professionals and families can be expected to come: a
 * weekend, bank holiday or closure day, or outside working hours in UK time. Empty when it fits.
 */
export function outsideWorkingTime(
  booking: { readonly startsAt: string; readonly endsAt: string },
  calendar: WorkingCalendar,
  hours: WorkingHours,
): FieldProblem[] {
  const day = londonDay(booking.startsAt);
  const problems: FieldProblem[] = [];
  const reason = calendar.nonWorkingReason(day);
  if (reason) problems.push({ field: 'startsAt', problem: why(day, reason) });
  const start = londonTimeOfDay(booking.startsAt);
  const end = londonTimeOfDay(booking.endsAt);
  if (londonDay(booking.endsAt) !== day || start < hours.start || end > hours.end) {
    problems.push({ field: 'startsAt', problem: `${start}–${end} is outside working hours (${hours.start}–${hours.end})` });
  }
  return problems;
}

/**
 * Refuses a booking outside working time unless the chair gives a reason (the rare evening meeting a
 * family needs); the reason is recorded on the meeting and in the audit.
 */
export function ensureWorkingTime(
  booking: { readonly startsAt: string; readonly endsAt: string; readonly outsideHoursReason?: string | undefined },
  calendar: WorkingCalendar,
  hours: WorkingHours,
): void {
  const problems = outsideWorkingTime(booking, calendar, hours);
  if (problems.length && !booking.outsideHoursReason) {
    throw new DomainError(
      'MEETING.OUTSIDE_WORKING_TIME',
      'invalid',
      `${problems.map((p) => p.problem).join('; ')}. Choose a time in working hours, or give the reason this meeting must be held then.`,
      [...problems, { field: 'outsideHoursReason', problem: 'is needed to book outside working hours' }],
    );
  }
}
