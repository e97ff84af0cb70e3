import { formatLong } from '../calendar/local-date';
import { londonTime } from '../calendar/london-time';
import { Meeting } from './meeting';

/**
 * Why a core group takes no more updates, as the record has it: held (on the day recorded, which may
 * be before the day it was booked for, when it met early), cancelled, or started.
 */
export function updatesClosedBecause(meeting: Pick<Meeting, 'number' | 'status' | 'startsAt' | 'heldOn'>): string {
  const n = `Core group ${meeting.number}`;
  if (meeting.status === 'held') return meeting.heldOn ? `${n} was held on ${formatLong(meeting.heldOn)}` : `${n} has been held`;
  if (meeting.status === 'cancelled') return `${n} was cancelled`;
  if (meeting.startsAt) return `${n} started at ${londonTime(meeting.startsAt)}`;
  return `${n} is ${meeting.status}`;
}
