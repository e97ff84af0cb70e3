import { daysBetween, LocalDate } from '../calendar/local-date';
import { WorkingCalendar } from '../calendar/working-days';
import { AssessedObligation, Compliance, Obligation } from './obligation';

export interface ComplianceOptions {
  /** An obligation not yet done is due soon when its deadline is this many working days away or fewer (default 5). */
  readonly dueSoonWorkingDays?: number;
  /** The day each obligation is booked for (core groups in the calendar), by obligation id. */
  readonly bookedOn?: ReadonlyMap<string, LocalDate>;
}

/** Working days late, never less than 1 for a day after the deadline (a weekend after a Friday deadline is still late). */
export const workingDaysLate = (calendar: WorkingCalendar, due: LocalDate, on: LocalDate): number => Math.max(1, calendar.workingDaysBetween(due, on));

/**
 * Where one obligation stands on `today`. Done on or before the due day: met; after it: met-late,
 * with the days late. Not done: overdue once the due day has passed; booked-late when it is booked
 * for a day after its deadline (late before it happens, never on track); due-soon inside the
 * warning window; otherwise upcoming.
 */
export function assess(obligation: Obligation, today: LocalDate, calendar: WorkingCalendar, options: ComplianceOptions = {}): Compliance {
  const { due, doneOn } = obligation;
  if (doneOn) {
    return doneOn <= due
      ? { status: 'met' }
      : { status: 'met-late', daysLate: daysBetween(due, doneOn), workingDaysLate: workingDaysLate(calendar, due, doneOn) };
  }
  if (today > due) return { status: 'overdue', daysLate: daysBetween(due, today), workingDaysLate: workingDaysLate(calendar, due, today) };
  const booked = options.bookedOn?.get(obligation.id);
  if (booked && booked > due)
    return { status: 'booked-late', daysLate: daysBetween(due, booked), workingDaysLate: workingDaysLate(calendar, due, booked), bookedOn: booked };
  const workingDaysLeft = calendar.workingDaysBetween(today, due);
  const dueSoon = workingDaysLeft <= (options.dueSoonWorkingDays ?? 5);
  return { status: dueSoon ? 'due-soon' : 'upcoming', workingDaysLeft };
}

export function assessCompliance(
  obligations: readonly Obligation[],
  today: LocalDate,
  calendar: WorkingCalendar,
  options: ComplianceOptions = {},
): AssessedObligation[] {
  // Spelt out: a planned obligation words its explanation on first read, from a getter a spread does not copy.
  return obligations.map((o) => ({ ...o, explanation: o.explanation, compliance: assess(o, today, calendar, options) }));
}
