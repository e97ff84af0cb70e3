import { Interval } from './slot-finder';

/**
 * A person's busy times without the core group's own booking: moving a booked core group, everyone
 * invited shows busy at its current time because of the invitation itself, which would make the
 * time it already has look as if nobody could come. Free/busy says nothing of which event a busy
 * time is, so one busy time exactly the booking's is taken to be it; another commitment that starts
 * and ends at the same moments is a second entry, and stays.
 */
export function withoutOwnBooking(busy: readonly Interval[] | 'unknown', own: Interval | undefined): readonly Interval[] | 'unknown' {
  if (busy === 'unknown' || !own) return busy;
  const start = Date.parse(own.start);
  const end = Date.parse(own.end);
  const at = busy.findIndex((b) => Date.parse(b.start) === start && Date.parse(b.end) === end);
  return at === -1 ? busy : [...busy.slice(0, at), ...busy.slice(at + 1)];
}
