import { formatLong, LocalDate } from '../calendar/local-date';
import { londonDay } from '../calendar/london-time';
import { WorkingCalendar } from '../calendar/working-days';
import { workingDaysLate } from '../policy/compliance';
import { Meeting } from './meeting';

/**
 * How a core group stands against its deadline, as people must be told it: a core group booked for,
 * moved to or held on a day after its last compliant day is late, and so is one not held once that
 * day has passed. Nothing late is ever shown as on track.
 */
export type Lateness =
  | {
      readonly kind: 'booked-late';
      readonly number: number;
      readonly due: LocalDate;
      readonly on: LocalDate;
      readonly workingDaysLate: number;
      readonly reason?: string;
    }
  | {
      readonly kind: 'held-late';
      readonly number: number;
      readonly due: LocalDate;
      readonly on: LocalDate;
      readonly workingDaysLate: number;
      readonly reason?: string;
    }
  | {
      readonly kind: 'overdue';
      readonly number: number;
      readonly due: LocalDate;
      readonly workingDaysLate: number;
      readonly bookedFor?: LocalDate;
      readonly reason?: string;
    };

type MeetingFacts = Pick<Meeting, 'number' | 'status' | 'due' | 'startsAt' | 'heldOn' | 'lateReason'>;

export function meetingLateness(m: MeetingFacts, today: LocalDate, calendar: WorkingCalendar): Lateness | undefined {
  const reason = m.lateReason ? { reason: m.lateReason } : {};
  if (m.status === 'held' && m.heldOn) {
    return m.heldOn > m.due
      ? { kind: 'held-late', number: m.number, due: m.due, on: m.heldOn, workingDaysLate: workingDaysLate(calendar, m.due, m.heldOn), ...reason }
      : undefined;
  }
  if (m.status === 'cancelled') return undefined;
  // Not held and the day has passed: overdue, whatever the calendar says about a later booking; the
  // booking (and the chair's reason for it) is said beside it, so the chair's work shows.
  if (today > m.due) {
    const booked = m.status === 'booked' && m.startsAt ? { bookedFor: londonDay(m.startsAt), ...reason } : {};
    return { kind: 'overdue', number: m.number, due: m.due, workingDaysLate: workingDaysLate(calendar, m.due, today), ...booked };
  }
  if (m.status === 'booked' && m.startsAt) {
    const on = londonDay(m.startsAt);
    if (on > m.due) return { kind: 'booked-late', number: m.number, due: m.due, on, workingDaysLate: workingDaysLate(calendar, m.due, on), ...reason };
  }
  return undefined;
}

/**
 * What makes a case late now: a core group overdue or booked late (the earliest such), else the
 * most recent core group held, if it was held late, until a later one is held.
 */
export function caseLateness(meetings: readonly MeetingFacts[], today: LocalDate, calendar: WorkingCalendar): Lateness | undefined {
  const byNumber = [...meetings].sort((a, b) => a.number - b.number);
  for (const m of byNumber) {
    if (m.status === 'held' || m.status === 'cancelled') continue;
    const late = meetingLateness(m, today, calendar);
    if (late) return late;
  }
  const lastHeld = byNumber.filter((m) => m.status === 'held').at(-1);
  return lastHeld ? meetingLateness(lastHeld, today, calendar) : undefined;
}

/** The words people read: "booked 3 working days late", "held 1 working day late", "4 working days overdue". */
export function describeLateness(l: Lateness): string {
  const days = `${l.workingDaysLate} working day${l.workingDaysLate === 1 ? '' : 's'}`;
  const what =
    l.kind === 'overdue'
      ? `${days} overdue${l.bookedFor ? `; booked for ${formatLong(l.bookedFor)}` : ''}`
      : `${l.kind === 'booked-late' ? 'booked' : 'held'} ${days} late`;
  return `Core group ${l.number} ${what}${l.reason ? ` (reason: ${l.reason})` : ''}`;
}
