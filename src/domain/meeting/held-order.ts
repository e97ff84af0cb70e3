import { LocalDate } from '../calendar/local-date';
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
