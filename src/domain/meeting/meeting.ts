import { z } from 'zod';
import { LocalDate } from '../calendar/local-date';
import { DomainError } from '../errors';

export const VENUES = ['office', 'family-home', 'online'] as const;
export type Venue = (typeof VENUES)[number];

export type MeetingStatus = 'planned' | 'booked' | 'held' | 'cancelled';

/** A core group meeting: its compliant window comes from the policy engine, its time from the calendar. */
export interface Meeting {
  readonly id: string;
  readonly caseId: string;
  readonly number: number;
  readonly earliest?: LocalDate;
  readonly due: LocalDate;
  readonly rule: string;
  readonly finalBeforeReview: boolean;
  readonly status: MeetingStatus;
  /** ISO instants (UTC); shown in Europe/London. */
  readonly startsAt?: string;
  readonly endsAt?: string;
  readonly venue?: Venue;
  readonly calendarEventId?: string;
  /** The Teams meeting link, when the calendar made one. */
  readonly joinUrl?: string;
  readonly heldOn?: LocalDate;
  readonly cancelReason?: string;
  /** The chair's reason for a day after the deadline (recorded, shown beside "booked late"). */
  readonly lateReason?: string;
  /** The chair's reason for a time outside working hours, weekends or bank holidays. */
  readonly outsideHoursReason?: string;
  readonly version: number;
}

// Stored as canonical UTC ISO strings (toISOString), so instants compare correctly as text.
const Instant = z.iso.datetime({ offset: true, message: 'must be an ISO date-time with an offset' }).transform((s) => new Date(s).toISOString());

export const BookingInput = z
  .strictObject({
    startsAt: Instant,
    endsAt: Instant,
    venue: z.enum(VENUES, { error: 'must be the office, the family home or online' }),
    calendarEventId: z.string().min(1).optional(),
    lateReason: z.string().trim().min(5, 'must say why (at least 5 characters)').max(1000).optional(),
    outsideHoursReason: z.string().trim().min(5, 'must say why (at least 5 characters)').max(1000).optional(),
  })
  .refine((b) => Date.parse(b.endsAt) > Date.parse(b.startsAt), { message: 'must be after startsAt', path: ['endsAt'] });
export type BookingInput = z.input<typeof BookingInput>;

export const CancelInput = z.strictObject({
  reason: z.string().trim().min(10, 'must say why (at least 10 characters): core groups are cancelled only in exceptional circumstances'),
});

const illegal = (m: Meeting, action: string) =>
  new DomainError('MEETING.ILLEGAL_TRANSITION', 'conflict', `Core group ${m.number} is ${m.status}; it cannot be ${action}.`);

/** planned → booked (→ booked again when moved) → held; planned/booked → cancelled. */
export function book(m: Meeting, booking: z.output<typeof BookingInput>): Meeting {
  if (m.status !== 'planned' && m.status !== 'booked') throw illegal(m, 'booked or moved');
  // Reasons belong to this booking: a move without one clears the last one.
  const { lateReason: _late, outsideHoursReason: _hours, ...rest } = m;
  return {
    ...rest,
    status: 'booked',
    startsAt: booking.startsAt,
    endsAt: booking.endsAt,
    venue: booking.venue,
    ...(booking.calendarEventId ? { calendarEventId: booking.calendarEventId } : {}),
    ...(booking.lateReason ? { lateReason: booking.lateReason } : {}),
    ...(booking.outsideHoursReason ? { outsideHoursReason: booking.outsideHoursReason } : {}),
  };
}

export function markHeld(m: Meeting, on: LocalDate): Meeting {
  if (m.status !== 'booked' && m.status !== 'planned') throw illegal(m, 'recorded as held');
  return { ...m, status: 'held', heldOn: on };
}

export function cancel(m: Meeting, reason: string): Meeting {
  if (m.status !== 'planned' && m.status !== 'booked') throw illegal(m, 'cancelled');
  return { ...m, status: 'cancelled', cancelReason: reason };
}
