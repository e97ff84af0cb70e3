import { formatLong, LocalDate } from '../calendar/local-date';
import { londonDay } from '../calendar/london-time';
import { DomainError } from '../errors';
import { Meeting } from './meeting';

/**
 * Core groups are held in their order: each cadence counts from the one before as held, so recording
 * core group 3 while core group 2 has not happened would plan from a history that never was (core
 * group 2 "met", a late case shown green). Refused, in words, unless every earlier core group of
 * the case (not cancelled) is already held, on an earlier day.
 */
export function ensureHeldInOrder(meeting: Meeting, caseMeetings: readonly Meeting[], heldOn: LocalDate): void {
  const earlier = caseMeetings.filter((m) => m.number < meeting.number && m.status !== 'cancelled');
  const waiting = earlier.filter((m) => m.status !== 'held').sort((a, b) => a.number - b.number)[0];
  if (waiting) {
    throw new DomainError(
      'MEETING.OUT_OF_ORDER',
      'conflict',
      `Core group ${waiting.number} has not been recorded as held yet. Record it (or cancel it) before core group ${meeting.number}.`,
      [{ field: 'meetingId', problem: `core group ${waiting.number} comes first` }],
    );
  }
  const last = earlier
    .map((m) => m.heldOn)
    .filter((d): d is LocalDate => d !== undefined)
    .sort()
    .at(-1);
  if (last && heldOn <= last) {
    throw new DomainError('MEETING.OUT_OF_ORDER', 'invalid', `Core group ${meeting.number} must be held after the core group before it (held ${last}).`, [
      { field: 'heldOn', problem: `is not after ${last}, when the core group before it was held` },
    ]);
  }
}

/** The day a core group stands on: the day it was held, or the day it is booked for; none while planned or once cancelled. */
export const standsOn = (m: Meeting): LocalDate | undefined => m.heldOn ?? (m.status === 'booked' && m.startsAt ? londonDay(m.startsAt) : undefined);

/**
 * Core groups are booked in their order too: core group N on a later day than every earlier one
 * booked or held, and an earlier day than every later one booked. Two at the same time, or core
 * group 3 before core group 2, could never be held as booked (ensureHeldInOrder). One not yet
 * booked does not constrain: the chair may set later dates first.
 */
export function ensureBookedInOrder(meeting: Meeting, caseMeetings: readonly Meeting[], startsAt: string): void {
  const day = londonDay(startsAt);
  const others = caseMeetings.filter((m) => m.id !== meeting.id && m.status !== 'cancelled');
  const before = others
    .filter((m) => m.number < meeting.number && standsOn(m) !== undefined && (standsOn(m) as LocalDate) >= day)
    .sort((a, b) => b.number - a.number)[0];
  if (before) {
    const when = formatLong(standsOn(before) as LocalDate);
    throw new DomainError(
      'MEETING.OUT_OF_ORDER',
      'invalid',
      `Core group ${meeting.number} must be on a later day than core group ${before.number} (${before.status === 'held' ? 'held' : 'booked for'} ${when}). Choose a later day${before.status === 'held' ? '' : `, or move core group ${before.number} first`}.`,
      [{ field: 'startsAt', problem: `is not after core group ${before.number} (${when})` }],
    );
  }
  const after = others
    .filter((m) => m.number > meeting.number && m.status === 'booked' && standsOn(m) !== undefined && (standsOn(m) as LocalDate) <= day)
    .sort((a, b) => a.number - b.number)[0];
  if (after) {
    const when = formatLong(standsOn(after) as LocalDate);
    throw new DomainError(
      'MEETING.OUT_OF_ORDER',
      'invalid',
      `Core group ${meeting.number} must be on an earlier day than core group ${after.number} (booked for ${when}). Choose an earlier day, or move core group ${after.number} first.`,
      [{ field: 'startsAt', problem: `is not before core group ${after.number} (${when})` }],
    );
  }
}
