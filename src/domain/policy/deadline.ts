import { addDays, addMonths, addWeeks, formatLong, LocalDate } from '../calendar/local-date';
import { REGION_NAMES } from '../calendar/region';
import { WorkingCalendar } from '../calendar/working-days';
import { describeDuration, Duration } from './duration';
import { describeHolidaySources, describeSkipped, describeSkippedBetween, weekendsBetween } from './explain';

export interface Deadline {
  readonly due: LocalDate;
  /**
   * Plain English: how the date was reached, naming every day skipped. A function, because the
   * words cost far more than the date: a compliance view over 50,000 cases needs only the dates.
   */
  readonly reasoning: () => string;
}

/** What the anchor is, in words: "the initial child protection conference on Fri 18 Dec 2026". */
export interface Anchor {
  readonly date: LocalDate;
  /** In words, made only when an explanation is read. */
  readonly label: () => string;
}

/**
 * The last compliant day `duration` after `anchor` (POLICY.md counting conventions):
 * - working days: the anchor is day 0 and the deadline is the Nth working day after it;
 * - days, weeks, months: calendar arithmetic (months clamp at month end); a deadline that lands on a
 *   non-working day moves back to the previous working day, because the meeting must happen no later,
 *   unless that would reach the anchor itself: then it moves forward to the next working day.
 */
export function deadlineAfter(calendar: WorkingCalendar, anchor: Anchor, duration: Duration): Deadline {
  const d = new DeadlineAt(calendar, anchor, duration);
  return { due: d.due, reasoning: () => d.reasoning() };
}

const rawAfter = (from: LocalDate, duration: Exclude<Duration, { workingDays: number }>): LocalDate =>
  'days' in duration ? addDays(from, duration.days) : 'weeks' in duration ? addWeeks(from, duration.weeks) : addMonths(from, duration.months);

const dues = new WeakMap<WorkingCalendar, WeakMap<Duration, Map<string, LocalDate>>>();

/**
 * The due date alone, remembered per calendar, rule and day: cases share them (a caseload of 50,000
 * has about a hundred ICPCs on each day, and their meetings fall on the same days again and again).
 */
function dueAfter(calendar: WorkingCalendar, from: LocalDate, duration: Duration): LocalDate {
  let byDuration = dues.get(calendar);
  if (!byDuration) dues.set(calendar, (byDuration = new WeakMap()));
  let byDay = byDuration.get(duration);
  if (!byDay) byDuration.set(duration, (byDay = new Map()));
  let due = byDay.get(from);
  if (due === undefined) {
    if ('workingDays' in duration) {
      due = calendar.addWorkingDays(from, duration.workingDays);
    } else {
      const raw = rawAfter(from, duration);
      const back = calendar.onOrBefore(raw);
      // A gap no longer than the run of non-working days it lands in (a few days across Christmas
      // closures) would move back onto its own anchor, and a series counted from it would never move on.
      due = back > from ? back : calendar.onOrAfter(raw);
    }
    if (byDay.size >= 50_000) byDay.clear();
    byDay.set(from, due);
  }
  return due;
}

/**
 * deadlineAfter as one object with its reasoning as a method (no closure to allocate): the planner
 * makes one per obligation, 1.5 million for a caseload, and words few of them.
 */
export class DeadlineAt {
  readonly due: LocalDate;

  constructor(
    private readonly calendar: WorkingCalendar,
    private readonly anchor: Anchor,
    private readonly duration: Duration,
  ) {
    this.due = dueAfter(calendar, anchor.date, duration);
  }

  reasoning(): string {
    const { calendar, anchor, duration, due } = this;
    return 'workingDays' in duration
      ? explainWorkingDays(calendar, anchor, duration, due)
      : explainCalendarGap(calendar, anchor, duration, rawAfter(anchor.date, duration), due);
  }
}

function explainWorkingDays(calendar: WorkingCalendar, anchor: Anchor, duration: Duration, due: LocalDate): string {
  // Only what was skipped: three working days from a Monday cross no weekend and should not say so.
  const weekends = weekendsBetween(anchor.date, due);
  const notCounted = [...(weekends ? [`${weekends === 1 ? 'a weekend' : `${weekends} weekends`}`] : []), ...describeSkippedBetween(calendar, anchor.date, due)];
  const sources = describeHolidaySources(calendar, anchor.date, due);
  return (
    `${describeDuration(duration)} after ${anchor.label()} (day 0) is ${formatLong(due)}.` +
    (notCounted.length ? ` Not counted: ${notCounted.join('; ')}.` : '') +
    (sources ? ` ${sources}` : '')
  );
}

function explainCalendarGap(calendar: WorkingCalendar, anchor: Anchor, duration: Duration, raw: LocalDate, due: LocalDate): string {
  const year = anchor.date.slice(0, 4);
  const clamped = 'months' in duration && raw.slice(8) !== anchor.date.slice(8);
  let reasoning = `${describeDuration(duration)} after ${anchor.label()} is ${formatLong(raw)}`;
  if (clamped) reasoning += ` (the month is shorter, so the last day of the month)`;
  if (due === raw) {
    reasoning += '.';
  } else {
    const forward = due > raw;
    // The non-working days passed over: (due, raw] moving back, [raw, due) moving forward.
    const skipped = forward ? calendar.skippedBetween(addDays(raw, -1), addDays(due, -1)) : calendar.skippedBetween(due, raw);
    const weekend = skipped.some((s) => s.reason.kind === 'weekend');
    const named = describeSkipped(skipped, calendar, year);
    const why = [...(weekend ? ['a weekend'] : []), ...named].join('; ');
    reasoning += `, not a working day in ${REGION_NAMES[calendar.region]} (${why}), so the deadline moves ${
      forward ? `forward to ${formatLong(due)}: moving back would reach ${anchor.label()} itself` : `back to ${formatLong(due)}`
    }.`;
  }
  const sources = describeHolidaySources(calendar, anchor.date, raw);
  return sources ? `${reasoning} ${sources}` : reasoning;
}
