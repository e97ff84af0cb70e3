import { daysBetween, LocalDate } from '../calendar/local-date';
import { WorkingCalendar } from '../calendar/working-days';
import { AssessedObligation, Compliance, Obligation } from './obligation';

export interface ComplianceOptions {
  /** An obligation not yet done is due soon when its deadline is this many working days away or fewer (default 5). */
  readonly dueSoonWorkingDays?: number;
}

/**
 * Where one obligation stands on `today`. Done on or before the due day: met; after it: met-late,
 * with the calendar days late. Not done: overdue once the due day has passed, due-soon inside the
 * warning window, otherwise upcoming.
 */
export function assess(obligation: Obligation, today: LocalDate, calendar: WorkingCalendar, options: ComplianceOptions = {}): Compliance {
  const { due, doneOn } = obligation;
  if (doneOn) {
    return doneOn <= due ? { status: 'met' } : { status: 'met-late', daysLate: daysBetween(due, doneOn) };
  }
  if (today > due) return { status: 'overdue', daysLate: daysBetween(due, today) };
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
  return obligations.map((o) => ({ ...o, compliance: assess(o, today, calendar, options) }));
}
