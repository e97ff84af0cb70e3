import { updatesClosedBecause } from '../../../src/domain/meeting/updates-closed';
import { LocalDate } from '../../../src/domain/calendar/local-date';

/** Why a core group takes no more updates, as the record has it: never "started" at a time still to come. */
describe('why updates for a core group are closed', () => {
  const booked = { number: 2, startsAt: '2026-12-04T10:00:00.000Z' };
  it.each([
    ['held on the day booked', { ...booked, status: 'held' as const, heldOn: '2026-12-04' as LocalDate }, 'Core group 2 was held on Fri 4 Dec 2026'],
    [
      'held before the day it was booked for (it met early)',
      { ...booked, status: 'held' as const, heldOn: '2026-12-01' as LocalDate },
      'Core group 2 was held on Tue 1 Dec 2026',
    ],
    ['cancelled', { ...booked, status: 'cancelled' as const }, 'Core group 2 was cancelled'],
    [
      'booked and started (summer time)',
      { number: 2, startsAt: '2027-06-04T09:30:00.000Z', status: 'booked' as const },
      'Core group 2 started at Fri 4 Jun 2027, 10:30',
    ],
    ['planned, never booked', { number: 2, status: 'planned' as const }, 'Core group 2 is planned'],
  ])('%s', (_, meeting, says) => {
    expect(updatesClosedBecause(meeting)).toBe(says);
  });
});
