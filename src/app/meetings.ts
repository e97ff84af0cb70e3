import { Actor, canManageMeetings, ensure } from '../domain/access/access-rules';
import { ensureWorkingTime } from '../domain/meeting/booking-time';
import { describeLateness, Lateness, meetingLateness } from '../domain/meeting/lateness';
import { calendarFor } from '../domain/policy';
import { formatLong, parseLocalDate } from '../domain/calendar/local-date';
import { DomainError } from '../domain/errors';
import { book, BookingInput, cancel, CancelInput, markHeld, Meeting } from '../domain/meeting/meeting';
import { parseOrThrow } from '../domain/validation';
import { StoreTx } from '../ports/store';
import { AppContext, audit, enqueue, LoadedCase, loadCase, londonDay, notFound, notifyBookedLate, todayOf, workingHoursOf } from './context';
import { replan } from './replan';
import { ensureBookedInOrder, ensureHeldInOrder } from '../domain/meeting/held-order';
import { flagBookingsOutsideWindows } from './series-windows';
import { lastChangedBy, onceMoreIfRaced, sameInstant } from './repeats';

async function loadMeeting(ctx: AppContext, tx: StoreTx, actor: Actor, meetingId: string): Promise<{ meeting: Meeting; loaded: LoadedCase }> {
  const meeting = await tx.meetings.byId(meetingId);
  if (!meeting) throw notFound('meeting');
  return { meeting, loaded: await loadCase(ctx, tx, actor, meeting.caseId) };
}

const summary = (m: Meeting) => ({
  number: m.number,
  status: m.status,
  startsAt: m.startsAt,
  endsAt: m.endsAt,
  venue: m.venue,
  due: m.due,
  heldOn: m.heldOn,
  cancelReason: m.cancelReason,
  lateReason: m.lateReason,
  outsideHoursReason: m.outsideHoursReason,
  version: m.version,
});

export interface BookingResult {
  readonly meeting: Meeting;
  /** True when the booked day is after the last compliant day: the chair and manager are alerted. */
  readonly late: boolean;
  /** How late, in the words and working days people are shown. */
  readonly lateness?: Lateness;
  /** The same person booked this very time a moment ago (a double click): nothing was changed again. */
  readonly alreadyRecorded?: true;
}

/** Books (or moves) one meeting inside the caller's transaction: checks, saves, audits and queues what follows. */
async function bookOne(
  ctx: AppContext,
  tx: StoreTx,
  actor: Actor,
  loaded: LoadedCase,
  meeting: Meeting,
  booking: ParsedBooking,
  calendarWrite: boolean,
): Promise<BookingResult> {
  const calendar = calendarFor(loaded.profile);
  ensureWorkingTime(booking, calendar, workingHoursOf(ctx));
  ensureBookedInOrder(meeting, await tx.meetings.forCase(meeting.caseId), booking.startsAt);
  // A day after the deadline is sometimes the best there is, but never without the chair's reason on
  // record, whichever way it is booked (the tab, the card, the Outlook pane): the late alert and the
  // invitation give it.
  if (londonDay(booking.startsAt) > meeting.due && !booking.lateReason)
    throw new DomainError(
      'MEETING.INVALID',
      'invalid',
      `${formatLong(londonDay(booking.startsAt))} is after core group ${meeting.number}'s deadline of ${formatLong(meeting.due)}: say why it cannot be held by then.`,
      [{ field: 'lateReason', problem: 'Say why the core group cannot be held by the deadline (at least 5 characters).' }],
    );
  const moving = meeting.status === 'booked';
  const saved = await tx.meetings.update(book(meeting, booking));
  const lateness = meetingLateness(saved, todayOf(ctx), calendar);
  await audit(ctx, tx, actor, moving ? 'meeting.moved' : 'meeting.booked', 'meeting', meeting.id, meeting.caseId, summary(meeting), {
    ...summary(saved),
    ...(lateness ? { late: describeLateness(lateness) } : {}),
  });
  if (calendarWrite)
    await enqueue(ctx, tx, {
      kind: 'calendar',
      topic: moving ? 'calendar.update-event' : 'calendar.create-event',
      payload: { meetingId: meeting.id },
      idempotencyKey: `calendar:${meeting.id}:v${saved.version}`,
      caseId: meeting.caseId,
    });
  // The agenda says when and where: a move that changes neither (a re-save, a linked Outlook event)
  // changes nothing people were told. One that does updates the card they already have (see agenda.send).
  const agendaChanged = !moving || meeting.startsAt !== saved.startsAt || meeting.endsAt !== saved.endsAt || meeting.venue !== saved.venue;
  if (agendaChanged)
    await enqueue(ctx, tx, {
      kind: 'card',
      topic: 'agenda.post',
      payload: { meetingId: meeting.id },
      idempotencyKey: `agenda:${meeting.id}:v${saved.version}`,
      caseId: meeting.caseId,
    });
  if (lateness) {
    await enqueue(ctx, tx, {
      kind: 'card',
      topic: 'compliance.meeting-late',
      payload: { meetingId: meeting.id, due: meeting.due, day: londonDay(booking.startsAt) },
      idempotencyKey: `late:${meeting.id}:v${saved.version}`,
      caseId: meeting.caseId,
    });
    await notifyBookedLate(ctx, tx, saved, loaded.case);
  }
  return { meeting: saved, late: lateness !== undefined, ...(lateness ? { lateness } : {}) };
}

type ParsedBooking = ReturnType<typeof BookingInput.parse>;

const bookingOf = (input: BookingInput): BookingInput => ({
  startsAt: input.startsAt,
  endsAt: input.endsAt,
  venue: input.venue,
  ...(input.calendarEventId ? { calendarEventId: input.calendarEventId } : {}),
  ...(input.lateReason !== undefined ? { lateReason: input.lateReason } : {}),
  ...(input.outsideHoursReason !== undefined ? { outsideHoursReason: input.outsideHoursReason } : {}),
});

export interface BookingOptions {
  /**
   * The booking names an event that already exists in the organiser's Outlook calendar (the Outlook
   * pane made it, and calendarEventId is its Graph id): no calendar event is created or updated, so
   * there is never a second one. The agenda and any late alert still go out; later moves of that
   * event come back through Graph change notifications, found by its id.
   */
  readonly eventAlreadyInCalendar?: boolean;
}

/**
 * Books a core group at a time, or moves a booked one. The calendar write and the agenda card go
 * out through the outbox in the same transaction; a day after the deadline is allowed (sometimes it
 * is the best there is) but never silently: it raises a compliance alert.
 */
export async function bookMeeting(
  ctx: AppContext,
  actor: Actor,
  input: { meetingId: string; expectedVersion: number } & BookingInput,
  options: BookingOptions = {},
): Promise<BookingResult> {
  const booking = parseOrThrow(BookingInput, bookingOf(input), 'MEETING.INVALID', 'the booking');
  if (options.eventAlreadyInCalendar && !booking.calendarEventId) {
    throw new DomainError('MEETING.INVALID', 'invalid', 'Linking an Outlook event needs its id.', [
      { field: 'calendarEventId', problem: 'is required to link an existing event' },
    ]);
  }
  return onceMoreIfRaced(() =>
    ctx.store.transaction(async (tx) => {
      const { meeting, loaded } = await loadMeeting(ctx, tx, actor, input.meetingId);
      ensure(canManageMeetings(actor, loaded), 'MEETING.FORBIDDEN', 'book or move core groups');
      if (meeting.version !== input.expectedVersion) {
        if (await isRepeatBooking(tx, actor, meeting, input.expectedVersion, booking)) {
          const lateness = meetingLateness(meeting, todayOf(ctx), calendarFor(loaded.profile));
          return { meeting, late: lateness !== undefined, ...(lateness ? { lateness } : {}), alreadyRecorded: true };
        }
        throw new DomainError('STORE.CONFLICT', 'conflict', 'Someone else changed this meeting while you were working on it. Reload and try again.');
      }
      const result = await bookOne(ctx, tx, actor, loaded, meeting, booking, !options.eventAlreadyInCalendar);
      // A move shifts the windows of the series after it: say now which bookings it has put outside theirs.
      if (meeting.status === 'booked') await flagBookingsOutsideWindows(ctx, tx, loaded.case, loaded.profile, meeting.id);
      // One event per core group: the linked Outlook meeting replaces an invitation sent earlier
      // (booked from the tab or the bot), which is cancelled so nobody keeps two.
      const replaced =
        options.eventAlreadyInCalendar && meeting.calendarEventId && meeting.calendarEventId !== booking.calendarEventId ? meeting.calendarEventId : undefined;
      if (replaced) {
        await enqueue(ctx, tx, {
          kind: 'calendar',
          topic: 'calendar.cancel-event',
          payload: { meetingId: meeting.id, eventId: replaced, reason: 'Replaced by the meeting the chair set up in Outlook.' },
          idempotencyKey: `calendar:${meeting.id}:replaced:${replaced}`,
          caseId: meeting.caseId,
        });
      }
      return result;
    }),
  );
}

/**
 * Booking every core group up to the final one before the next review conference is setting the
 * future dates the procedure asks for (at the first core group after a conference): the obligation
 * is met the day the series is booked, so nothing asks for it again. A series that stops short of
 * the final core group leaves it open.
 */
async function completeFutureDates(ctx: AppContext, tx: StoreTx, actor: Actor, loaded: LoadedCase, booked: readonly Meeting[]): Promise<void> {
  if (!booked.some((m) => m.finalBeforeReview)) return;
  const first = Math.min(...booked.map((m) => m.number));
  const meetings = await tx.meetings.forCase(loaded.case.id);
  const final = Math.min(...booked.filter((m) => m.finalBeforeReview).map((m) => m.number));
  // Every core group from the first booked to the final one has a date (booked, or already held).
  const dated = (n: number) => meetings.some((m) => m.number === n && (m.status === 'booked' || m.status === 'held'));
  for (let n = first; n <= final; n++) if (!dated(n)) return;
  const open = (await tx.obligations.forCase(loaded.case.id)).filter(
    (o) => o.kind === 'set-future-dates' && !o.doneOn && Number(/core-group-(\d+)$/.exec(o.obligationId)?.[1]) <= final,
  );
  if (open.length === 0) return;
  for (const o of open) await tx.obligations.complete(loaded.case.id, o.obligationId, todayOf(ctx));
  await audit(ctx, tx, actor, 'obligation.done', 'case', loaded.case.id, loaded.case.id, undefined, {
    obligations: open.map((o) => o.obligationId),
    by: 'series booked',
  });
  await replan(ctx, tx, loaded.case, loaded.profile);
}

/**
 * A booking sent twice by the same person: the one change since the version they saw was theirs,
 * and it booked exactly this (time, place, linked event).
 */
async function isRepeatBooking(tx: StoreTx, actor: Actor, meeting: Meeting, expectedVersion: number, booking: ParsedBooking): Promise<boolean> {
  const same =
    meeting.version === expectedVersion + 1 &&
    meeting.status === 'booked' &&
    sameInstant(meeting.startsAt, booking.startsAt) &&
    sameInstant(meeting.endsAt, booking.endsAt) &&
    meeting.venue === booking.venue &&
    (booking.calendarEventId === undefined || booking.calendarEventId === meeting.calendarEventId);
  return same && (await lastChangedBy(tx, meeting.caseId, meeting.id, ['meeting.booked', 'meeting.moved'])) === actor.personId;
}

/** Cancels a core group (exceptional circumstances only, reason recorded) and re-plans its replacement. */
export async function cancelMeeting(
  ctx: AppContext,
  actor: Actor,
  input: { meetingId: string; reason: string },
): Promise<{ cancelled: Meeting; replacement?: Meeting }> {
  const { reason } = parseOrThrow(CancelInput, { reason: input.reason }, 'MEETING.INVALID', 'the cancellation');
  return ctx.store.transaction(async (tx) => {
    const { meeting, loaded } = await loadMeeting(ctx, tx, actor, input.meetingId);
    ensure(canManageMeetings(actor, loaded), 'MEETING.FORBIDDEN', 'cancel core groups');
    const cancelled = await tx.meetings.update(cancel(meeting, reason));
    await audit(ctx, tx, actor, 'meeting.cancelled', 'meeting', meeting.id, meeting.caseId, summary(meeting), summary(cancelled));
    if (meeting.status === 'booked') {
      await enqueue(ctx, tx, {
        kind: 'calendar',
        topic: 'calendar.cancel-event',
        payload: { meetingId: meeting.id, reason },
        idempotencyKey: `calendar:${meeting.id}:cancel`,
        caseId: meeting.caseId,
      });
    }
    await replan(ctx, tx, loaded.case, loaded.profile);
    const replacement = (await tx.meetings.forCase(meeting.caseId)).find((m) => m.number === meeting.number && m.status === 'planned');
    return { cancelled, ...(replacement ? { replacement } : {}) };
  });
}

export interface AttendanceInput {
  readonly meetingId: string;
  readonly heldOn: string;
  readonly attendance: readonly { readonly memberId: string; readonly status: 'attended' | 'apologies' | 'absent' }[];
}

/** Records that a core group took place and who was there; the plan moves on from the day it was held. */
export async function recordMeetingHeld(ctx: AppContext, actor: Actor, input: AttendanceInput): Promise<Meeting> {
  const heldOn = parseLocalDate(input.heldOn, 'heldOn');
  return ctx.store.transaction(async (tx) => {
    const { meeting, loaded } = await loadMeeting(ctx, tx, actor, input.meetingId);
    ensure(canManageMeetings(actor, loaded), 'MEETING.FORBIDDEN', 'record core groups');
    if (heldOn > todayOf(ctx))
      throw new DomainError('MEETING.NOT_YET', 'invalid', 'A core group cannot be recorded as held on a future day.', [
        { field: 'heldOn', problem: 'is in the future' },
      ]);
    if (heldOn <= loaded.case.icpcDate)
      throw new DomainError('MEETING.BEFORE_ICPC', 'invalid', 'A core group is held after the initial conference.', [
        { field: 'heldOn', problem: 'is not after the ICPC' },
      ]);
    const memberIds = new Set(loaded.members.map((m) => m.id));
    const unknown = input.attendance.findIndex((a) => !memberIds.has(a.memberId));
    if (unknown >= 0)
      throw new DomainError('MEETING.UNKNOWN_MEMBER', 'invalid', 'Attendance names someone who is not a member of this core group.', [
        { field: `attendance.${unknown}.memberId`, problem: 'is not a member of this case' },
      ]);
    ensureHeldInOrder(meeting, await tx.meetings.forCase(meeting.caseId), heldOn);
    const held = await tx.meetings.update(markHeld(meeting, heldOn));
    // It met before the day it was booked for: the invitation for that day is withdrawn, so nobody
    // turns up to a meeting that has already happened.
    if (meeting.status === 'booked' && meeting.startsAt && heldOn < londonDay(meeting.startsAt))
      await enqueue(ctx, tx, {
        kind: 'calendar',
        topic: 'calendar.cancel-event',
        payload: {
          meetingId: meeting.id,
          reason: `Core group ${meeting.number} met on ${formatLong(heldOn)}, before the day it was booked for, so this meeting will not take place.`,
        },
        idempotencyKey: `calendar:${meeting.id}:met-early`,
        caseId: meeting.caseId,
      });
    for (const a of input.attendance) await tx.attendance.set(meeting.id, a.memberId, a.status);
    await audit(ctx, tx, actor, 'meeting.held', 'meeting', meeting.id, meeting.caseId, summary(meeting), { ...summary(held), attendance: input.attendance });
    await replan(ctx, tx, loaded.case, loaded.profile);
    return held;
  });
}

/** Records a review conference; the next review and the core groups between are planned from it. */
export async function recordReviewConference(ctx: AppContext, actor: Actor, input: { caseId: string; heldOn: string; outcome?: string }): Promise<void> {
  const heldOn = parseLocalDate(input.heldOn, 'heldOn');
  await ctx.store.transaction(async (tx) => {
    const loaded = await loadCase(ctx, tx, actor, input.caseId);
    ensure(canManageMeetings(actor, loaded), 'CONFERENCE.FORBIDDEN', 'record review conferences');
    const reviews = (await tx.conferences.forCase(input.caseId)).filter((c) => c.kind === 'review');
    const number = reviews.length + 1;
    await tx.conferences.insert({
      id: `${input.caseId}:review:${number}`,
      caseId: input.caseId,
      kind: 'review',
      number,
      heldOn,
      ...(input.outcome ? { outcome: input.outcome } : {}),
    });
    await audit(ctx, tx, actor, 'conference.review-held', 'conference', `${input.caseId}:review:${number}`, input.caseId, undefined, { number, heldOn });
    await replan(ctx, tx, loaded.case, loaded.profile);
  });
}

/**
 * Books a series at once (every core group up to the next review conference, as England's procedure
 * asks at the first core group after each conference): one transaction, one calendar message that
 * the Graph adapter sends as $batch requests.
 */
export async function bookSeries(
  ctx: AppContext,
  actor: Actor,
  input: { caseId: string; bookings: readonly ({ meetingId: string; expectedVersion: number } & BookingInput)[] },
): Promise<BookingResult[]> {
  if (input.bookings.length === 0)
    throw new DomainError('MEETING.INVALID', 'invalid', 'Choose at least one core group to book.', [{ field: 'bookings', problem: 'is empty' }]);
  const parsed = input.bookings.map((b, i) => ({
    meetingId: b.meetingId,
    expectedVersion: b.expectedVersion,
    booking: parseOrThrow(BookingInput, bookingOf(b), 'MEETING.INVALID', `booking ${i + 1}`),
  }));
  return onceMoreIfRaced(() =>
    ctx.store.transaction(async (tx) => {
      const loaded = await loadCase(ctx, tx, actor, input.caseId);
      ensure(canManageMeetings(actor, loaded), 'MEETING.FORBIDDEN', 'book core groups');
      // The same series sent twice by the same person: every core group is already booked as asked.
      const repeated: BookingResult[] = [];
      for (const b of parsed) {
        const meeting = await tx.meetings.byId(b.meetingId);
        if (!meeting || meeting.caseId !== input.caseId || !(await isRepeatBooking(tx, actor, meeting, b.expectedVersion, b.booking))) break;
        const lateness = meetingLateness(meeting, todayOf(ctx), calendarFor(loaded.profile));
        repeated.push({ meeting, late: lateness !== undefined, ...(lateness ? { lateness } : {}), alreadyRecorded: true });
      }
      if (repeated.length === parsed.length) return repeated;
      const results: BookingResult[] = [];
      for (const b of parsed) {
        const meeting = await tx.meetings.byId(b.meetingId);
        if (!meeting || meeting.caseId !== input.caseId) throw notFound('meeting');
        if (meeting.version !== b.expectedVersion)
          throw new DomainError(
            'STORE.CONFLICT',
            'conflict',
            `Someone else changed core group ${meeting.number} while you were working on it. Reload and try again.`,
          );
        if (meeting.status !== 'planned')
          throw new DomainError(
            'MEETING.ILLEGAL_TRANSITION',
            'conflict',
            `Core group ${meeting.number} is ${meeting.status}; a series books planned core groups only.`,
          );
        // One calendar message for the whole series (below), sent as $batch requests.
        results.push(await bookOne(ctx, tx, actor, loaded, meeting, b.booking, false));
      }
      await enqueue(ctx, tx, {
        kind: 'calendar',
        topic: 'calendar.create-series',
        payload: { meetingIds: results.map((r) => r.meeting.id) },
        idempotencyKey: `calendar-series:${results.map((r) => `${r.meeting.id}:v${r.meeting.version}`).join(',')}`,
        caseId: input.caseId,
      });
      await completeFutureDates(
        ctx,
        tx,
        actor,
        loaded,
        results.map((r) => r.meeting),
      );
      return results;
    }),
  );
}
