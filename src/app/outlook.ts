import { z } from 'zod';
import { Actor, canManageMeetings, ensure } from '../domain/access/access-rules';
import { formatLong, LocalDate } from '../domain/calendar/local-date';
import { londonDay } from '../domain/calendar/london-time';
import { outsideWorkingTime } from '../domain/meeting/booking-time';
import { Venue } from '../domain/meeting/meeting';
import { calendarFor } from '../domain/policy';
import { parseOrThrow } from '../domain/validation';
import { agendaIn, CaseRef, refOf } from './card-data';
import { AppContext, loadCase, notFound, workingHoursOf } from './context';
import { bookMeeting, BookingResult } from './meetings';
import { bookingWindow } from './series-windows';

/**
 * What the Outlook add-in asks of the server: whether the appointment's time suits the core group
 * (its window, working hours, bank holidays, UK time), the agenda to put in its body, and linking the
 * appointment to the meeting record. Each is for the people who book meetings on the case (chair,
 * vice chair, manager, business support): anyone else on the case is refused, a stranger not told
 * the case exists.
 */

const Instant = z.iso.datetime({ offset: true, message: 'must be an ISO date-time with an offset' });
const Times = z
  .strictObject({ startsAt: Instant, endsAt: Instant })
  .refine((t) => !(Date.parse(t.endsAt) <= Date.parse(t.startsAt)), { message: 'must be after startsAt', path: ['endsAt'] });

export interface TimeCheck {
  readonly meetingId: string;
  readonly number: number;
  readonly case: CaseRef;
  readonly window: { readonly earliest: LocalDate; readonly due: LocalDate };
  /** The appointment's day in the UK. */
  readonly day: LocalDate;
  /** Weekend, bank holiday, closure day, or hours outside working hours (UK time), in words. */
  readonly workingTime: readonly string[];
  readonly beforeWindow: boolean;
  readonly afterDeadline: boolean;
  /** Working days after the deadline, when after it (at least 1). */
  readonly workingDaysLate?: number;
  /** Every problem, in the words the chair reads; empty when the time suits the procedure. */
  readonly problems: readonly string[];
}

/** Checks a proposed time for a core group against its window and working time. Writes nothing. */
export async function checkMeetingTime(ctx: AppContext, actor: Actor, input: { meetingId: string; startsAt: unknown; endsAt: unknown }): Promise<TimeCheck> {
  const times = parseOrThrow(Times, { startsAt: input.startsAt, endsAt: input.endsAt }, 'REQUEST.INVALID', 'the time');
  return ctx.store.transaction(async (tx) => {
    const meeting = await tx.meetings.byId(input.meetingId);
    if (!meeting) throw notFound('meeting');
    const loaded = await loadCase(ctx, tx, actor, meeting.caseId);
    ensure(canManageMeetings(actor, loaded), 'MEETING.FORBIDDEN', 'check core group times');
    const calendar = calendarFor(loaded.profile);
    const day = londonDay(times.startsAt);
    // The window the schedule offers times in: brought forward by the core groups booked before it.
    const { earliest, due, asBooked } = bookingWindow(
      loaded.profile,
      loaded.case,
      await tx.meetings.forCase(meeting.caseId),
      await tx.conferences.forCase(meeting.caseId),
      await tx.obligations.completions(meeting.caseId),
      meeting,
    );
    const why = asBooked ? `, once core group ${asBooked.after.number} is held on ${formatLong(asBooked.after.day)} as booked` : '';
    const workingTime = outsideWorkingTime(times, calendar, workingHoursOf(ctx)).map((p) => p.problem);
    const beforeWindow = day < earliest;
    const afterDeadline = day > due;
    const workingDaysLate = afterDeadline ? Math.max(1, calendar.workingDaysBetween(due, day)) : undefined;
    const problems = [
      ...(afterDeadline
        ? [
            `${formatLong(day)} is after core group ${meeting.number}'s deadline of ${formatLong(due)}${why} (${workingDaysLate} working day${workingDaysLate === 1 ? '' : 's'} late)`,
          ]
        : []),
      ...(beforeWindow ? [`${formatLong(day)} is before core group ${meeting.number}'s window opens on ${formatLong(earliest)}${why}`] : []),
      ...workingTime,
    ];
    return {
      meetingId: meeting.id,
      number: meeting.number,
      case: refOf(loaded.case),
      window: { earliest, due },
      day,
      workingTime,
      beforeWindow,
      afterDeadline,
      ...(workingDaysLate !== undefined ? { workingDaysLate } : {}),
      problems,
    };
  });
}

export interface MeetingAgenda {
  readonly case: CaseRef;
  readonly number: number;
  readonly finalBeforeReview: boolean;
  /** The agenda the procedure implies for this core group, one line per item. */
  readonly agenda: readonly string[];
}

/** The agenda for the appointment's body: the same lines the agenda card carries, never a name. */
export async function meetingAgenda(ctx: AppContext, actor: Actor, meetingId: string): Promise<MeetingAgenda> {
  return ctx.store.transaction(async (tx) => {
    const meeting = await tx.meetings.byId(meetingId);
    if (!meeting) throw notFound('meeting');
    const loaded = await loadCase(ctx, tx, actor, meeting.caseId);
    ensure(canManageMeetings(actor, loaded), 'MEETING.FORBIDDEN', 'set up core group meetings');
    const data = await agendaIn(ctx, tx, meetingId);
    return { case: data.case, number: data.meeting.number, finalBeforeReview: data.meeting.finalBeforeReview, agenda: data.agenda };
  });
}

export interface OutlookLink {
  readonly meetingId: string;
  readonly expectedVersion: number;
  /** The appointment's Graph (REST v2.0) id. */
  readonly eventId: string;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly venue: Venue;
  readonly lateReason?: string;
  readonly outsideHoursReason?: string;
}

/**
 * Books the core group at the appointment's time and links it to the appointment, without writing a
 * calendar event of our own (the appointment is the event). The same rules as any booking: only
 * someone who books the case's meetings, within working time unless a reason is given, and a day
 * after the deadline raises the late alert. The agenda goes out as for any booking.
 */
export async function linkOutlookEvent(ctx: AppContext, actor: Actor, input: OutlookLink): Promise<BookingResult> {
  return bookMeeting(
    ctx,
    actor,
    {
      meetingId: input.meetingId,
      expectedVersion: input.expectedVersion,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      venue: input.venue,
      calendarEventId: input.eventId,
      ...(input.lateReason !== undefined ? { lateReason: input.lateReason } : {}),
      ...(input.outsideHoursReason !== undefined ? { outsideHoursReason: input.outsideHoursReason } : {}),
    },
    { eventAlreadyInCalendar: true },
  );
}
