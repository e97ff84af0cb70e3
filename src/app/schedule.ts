import { withoutOwnBooking } from '../domain/scheduling/own-booking';
import { Actor, canManageMeetings, ensure } from '../domain/access/access-rules';
import { addDays, formatLong, LocalDate, maxDate } from '../domain/calendar/local-date';
import { DomainError } from '../domain/errors';
import { canChair, Member, nameBesideReference, Role, ROLE_WORDS, takesPart } from '../domain/case/members';
import { listed } from '../domain/listed';
import { DEFAULT_WORKING_HOURS, nonWorkingWords } from '../domain/meeting/booking-time';
import { describeLateness, Lateness, meetingLateness } from '../domain/meeting/lateness';
import { Meeting } from '../domain/meeting/meeting';
import { standsOn } from '../domain/meeting/held-order';
import { calendarFor, planObligations } from '../domain/policy';
import { obligationIds } from '../domain/policy/obligation';
import { awayDuring, findSlots, Interval, lastDayLookedAt, londonInstant, SlotRequest, SlotResult } from '../domain/scheduling/slot-finder';
import { CalendarPort } from '../ports/calendar';
import { CaseRef, refOf } from './card-data';
import { caseHistory } from './case-history';
import { bookingWindow } from './series-windows';
import { AppContext, enqueue, loadCase, notFound, todayOf, workingHoursOf } from './context';
import { thereToCover, whoCouldCover, workingDaysOf } from './chair-cover';

/** Roles that need not be free for a core group to go ahead (they are invited as optional). */
const OPTIONAL: readonly Role[] = ['manager', 'iro', 'business-support'];
/**
 * The part a member plays that a core group cannot go ahead without: chairing it (the chair, the
 * lead social worker, or a vice chair in their place) and each member of the family.
 */
const essentialPart = (member: Pick<Member, 'role' | 'personId' | 'leftOn'>): string | undefined =>
  canChair(member) ? 'chair' : member.role === 'parent-carer' || member.role === 'child' ? `family:${member.personId}` : undefined;
/**
 * Share of the other required members (the agencies) who must be free for a time to count as
 * compliant: a core group goes ahead with the chair, the family and at least half of the agencies,
 * the rest sending their update (a common local rule; Working Together sets no number). Asking for
 * every agency made "no compliant time" the normal case in busy diaries, and a warning that fires
 * for every meeting warns of nothing.
 */
export const AGENCY_QUORUM = 0.5;
export interface ScheduleAttendee {
  readonly personId: string;
  readonly displayName: string;
  /** For the invitation (the Outlook pane fills the appointment's attendees with it). */
  readonly email: string;
  /** The name the invitation shows beside the case reference: the family by role and initials (nameBesideReference). */
  readonly invitedAs: string;
  readonly role: string;
  readonly required: boolean;
  /** The core group cannot go ahead without them (the family) or without someone to chair (the chair or a vice chair). */
  readonly essential: boolean;
  /** Busy times across the window, or 'unknown' when their calendar cannot be seen (outside the organisation). */
  readonly busy: readonly Interval[] | 'unknown';
}

export interface ScheduleSlot {
  readonly start: string;
  readonly end: string;
  readonly day: LocalDate;
  readonly afterDeadline: boolean;
  /** The chair, the family and at least half of the agencies are free: the core group can go ahead then. */
  readonly canGoAhead: boolean;
  /** It can go ahead, and another day inside the window can too, to rebook on should this one be lost on the day. */
  readonly leavesRoom: boolean;
  readonly free: readonly string[];
  readonly busy: readonly string[];
  readonly unknown: readonly string[];
}

/** Everything the chair needs to book one core group: its window and why, who is free when, and the best times. */
export interface ScheduleView {
  readonly case: CaseRef;
  readonly meeting: Pick<Meeting, 'id' | 'number' | 'status' | 'due' | 'earliest' | 'startsAt' | 'endsAt' | 'venue' | 'version' | 'finalBeforeReview'>;
  readonly window: { readonly earliest: LocalDate; readonly due: LocalDate; readonly explanation: string; readonly source: string };
  readonly lateness?: Lateness & { readonly text: string };
  /** The days the grid and the slots cover (from the window's start, or today when later). */
  readonly range: Interval;
  /** Weekdays in the range the offices are closed (bank holidays, closure days), with why in words: no time is offered on them. */
  readonly closedDays: readonly { readonly day: LocalDate; readonly why: string }[];
  readonly workingHours: { readonly start: string; readonly end: string };
  readonly durationMinutes: number;
  readonly attendees: readonly ScheduleAttendee[];
  readonly slots: readonly ScheduleSlot[];
  readonly withinDeadline: boolean;
  readonly everyoneRequiredFree: boolean;
  /**
   * A time inside the window exists when the chair, the family and at least half of the agencies are
   * free (AGENCY_QUORUM): the core group can be held in time.
   */
  readonly compliant: boolean;
  /** Set when no compliant time exists inside the window: said plainly, days ahead. */
  readonly warning?: string;
}

/**
 * Core groups are held in order, each on a later day than the one before (ensureHeldInOrder): times
 * for this one start the day after the core group before it is booked or held, and end before the
 * day the next one is booked, so the chair is never offered a time that could not be recorded.
 */
function heldInOrder(meetings: readonly Meeting[], meeting: Meeting): { after?: string; before?: string } {
  const others = meetings.filter((m) => m.id !== meeting.id);
  const days = (ms: readonly Meeting[]) =>
    ms
      .map(standsOn)
      .filter((d): d is LocalDate => d !== undefined)
      .sort();
  const earlier = days(others.filter((m) => m.number < meeting.number)).at(-1);
  const later = days(others.filter((m) => m.number > meeting.number))[0];
  return {
    ...(earlier ? { after: londonInstant(addDays(earlier, 1), '00:00').toISOString() } : {}),
    ...(later ? { before: londonInstant(later, '00:00').toISOString() } : {}),
  };
}

/** A time the chair is weighing for an earlier core group of the same series, not booked yet (the series page). */
export interface ProposedTime {
  readonly meetingId: string;
  readonly startsAt: string;
}

/**
 * The case's meetings with each proposed time taken as booked, so the window and the order of the
 * meeting being scheduled follow from the series as the chair means to book it. A proposal for a
 * meeting of another case, one held or cancelled, or one not before this meeting is refused.
 */
function asProposed(meetings: readonly Meeting[], meeting: Meeting, proposed: readonly ProposedTime[]): Meeting[] {
  const byId = new Map(proposed.map((p) => [p.meetingId, p]));
  const refused = proposed.findIndex((p) => {
    const m = meetings.find((x) => x.id === p.meetingId);
    return !m || (m.status !== 'planned' && m.status !== 'booked') || m.number >= meeting.number;
  });
  if (refused >= 0)
    throw new DomainError('SCHEDULE.INVALID', 'invalid', 'A proposed time is for a core group that is not one still to come before this one.', [
      { field: `proposed.${refused}.meetingId`, problem: 'is not a core group of this case still to come before this one' },
    ]);
  return meetings.map((m) => {
    const p = byId.get(m.id);
    if (!p) return m;
    return { ...m, status: 'booked' as const, startsAt: p.startsAt };
  });
}

/** Working days looked at past the deadline (or past today, when already overdue). */
const OVERRUN_WORKING_DAYS = 10;

/**
 * The chair's schedule for one core group: the compliant window and why, each member's free/busy
 * across it (one calendar call for everyone), and the times ranked by who can come. When nothing
 * inside the window suits those who must attend, the chair and the manager are told now, while there
 * are still days to arrange something, not when the deadline passes.
 */
export async function scheduleView(
  ctx: AppContext,
  calendar: CalendarPort,
  actor: Actor,
  input: { meetingId: string; durationMinutes: number; proposed?: readonly ProposedTime[] },
): Promise<ScheduleView> {
  const today = todayOf(ctx);
  const proposed = input.proposed ?? [];
  const { meeting, loaded, people, window, between } = await ctx.store.transaction(async (tx) => {
    const meeting = await tx.meetings.byId(input.meetingId);
    if (!meeting) throw notFound('meeting');
    const loaded = await loadCase(ctx, tx, actor, meeting.caseId);
    ensure(canManageMeetings(actor, loaded), 'MEETING.FORBIDDEN', 'schedule core groups');
    const meetings = asProposed(await tx.meetings.forCase(meeting.caseId), meeting, proposed);
    const proposedNumbers = new Set(meetings.filter((m) => proposed.some((p) => p.meetingId === m.id)).map((m) => m.number));
    const conferences = await tx.conferences.forCase(meeting.caseId);
    const completed = await tx.obligations.completions(meeting.caseId);
    const plan = planObligations(loaded.profile, caseHistory(loaded.case, meetings, conferences, completed));
    const obligation = plan.find((o) => o.id === obligationIds.coreGroup(meeting.number));
    const { asBooked, ...dates } = bookingWindow(loaded.profile, loaded.case, meetings, conferences, completed, meeting);
    return {
      meeting,
      between: heldInOrder(meetings, meeting),
      loaded,
      people: await tx.people.byIds(loaded.members.map((m) => m.personId)),
      window: {
        ...dates,
        explanation: [
          obligation?.explanation ?? '',
          ...(asBooked
            ? [
                `Core group ${asBooked.after.number} is ${proposedNumbers.has(asBooked.after.number) ? 'to be booked' : 'booked'} for ${formatLong(asBooked.after.day)}: held then, this one is due by ${formatLong(asBooked.due)}${asBooked.earliest ? `, and not before ${formatLong(asBooked.earliest)}` : ''}.`,
              ]
            : []),
        ]
          .filter(Boolean)
          .join(' '),
        source: obligation?.source.label ?? '',
      },
    };
  });
  const wc = calendarFor(loaded.profile);
  const hours = workingHoursOf(ctx);
  const request: Omit<SlotRequest, 'attendees'> = {
    earliest: window.earliest,
    due: window.due,
    calendar: wc,
    workingHours: hours,
    durationMinutes: input.durationMinutes,
    notBefore: between.after && between.after > ctx.clock.now() ? between.after : ctx.clock.now(),
    ...(between.before ? { notAfter: between.before } : {}),
    overrunWorkingDays: OVERRUN_WORKING_DAYS,
    maxResults: 8,
    quorum: AGENCY_QUORUM,
  };
  // Free/busy is read to the last day the slot finder may offer, and no further: a day it offers
  // beyond what was read would show everyone free.
  const from = maxDate(window.earliest, today);
  const range = { start: londonInstant(from, '00:00').toISOString(), end: londonInstant(lastDayLookedAt(request), '23:59').toISOString() };
  // Someone in two roles (a manager who is also vice chair) is invited once, in the role the meeting needs most.
  const weight = (m: Member) => (essentialPart(m) ? 0 : OPTIONAL.includes(m.role) ? 2 : 1);
  const strongest = new Map<string, Member>();
  for (const m of loaded.members.filter(takesPart)) {
    const had = strongest.get(m.personId);
    if (!had || weight(m) < weight(had)) strongest.set(m.personId, m);
  }
  const invited = [...strongest.values()];
  const named = invited.flatMap((m) => {
    const p = people.find((x) => x.id === m.personId);
    return p ? [{ member: m, person: p, part: essentialPart(m) }] : [];
  });
  const freeBusy = await calendar.freeBusy(
    named.map(({ person }) => ({ personId: person.id, email: person.email, inTenant: Boolean(person.entraObjectId) })),
    range,
  );
  // Moving a booked core group: its own invitation is not a reason anyone cannot come.
  const own = meeting.status === 'booked' && meeting.startsAt && meeting.endsAt ? { start: meeting.startsAt, end: meeting.endsAt } : undefined;
  const attendees: ScheduleAttendee[] = named.map(({ member, person, part }) => ({
    personId: person.id,
    displayName: person.displayName,
    email: person.email,
    invitedAs: nameBesideReference(member, person),
    role: ROLE_WORDS[member.role],
    required: !OPTIONAL.includes(member.role),
    essential: part !== undefined,
    busy: withoutOwnBooking(freeBusy.find((f) => f.personId === person.id)?.busy ?? 'unknown', own),
  }));
  const result: SlotResult = findSlots({
    ...request,
    attendees: attendees.map((a, i) => {
      const part = named[i]?.part;
      return { id: a.personId, required: a.required, ...(part ? { essential: part } : {}), busy: a.busy };
    }),
  });
  const nameOf = (id: string) => people.find((p) => p.id === id)?.displayName ?? 'Someone';
  const slots = result.slots.map((s) => ({
    start: s.start,
    end: s.end,
    day: s.day,
    afterDeadline: s.afterDeadline,
    canGoAhead: s.canGoAhead,
    leavesRoom: s.leavesRoom,
    busy: s.busy.map(nameOf),
    unknown: s.unknown.map(nameOf),
    free: attendees.filter((a) => a.busy !== 'unknown' && !s.busy.includes(a.personId)).map((a) => a.displayName),
  }));
  const lateness = meetingLateness(meeting, today, wc);
  const noCompliantSlot = !result.compliant;
  // The chair or the family out of office on every day looked at: no time is offered at all.
  const away = attendees.filter((a) => a.essential && a.busy !== 'unknown' && a.busy.some((b) => b.away)).map((a) => a.displayName);
  const told = today <= window.due ? ' The manager has been told.' : '';
  // The chair out of office on days looked at, with no vice chair to chair in their place: the one
  // thing that lets a core group go ahead without its chair (a chair off sick for weeks made the
  // longest lateness of a simulated year).
  const chairs = attendees.filter((_a, i) => named[i]?.part === 'chair');
  const chairAway = chairs.length === 1 && noCompliantSlot && chairs[0] && awayDuring(chairs[0].busy, range) ? chairs[0] : undefined;
  // Who could: people on the staff list who may chair, at work on some of the days looked at (read
  // only when the chair is away, so a schedule with its chair there reads no more calendars).
  const couldCover = chairAway
    ? thereToCover(workingDaysOf(wc, from, lastDayLookedAt(request), hours), loaded.members.filter(canChair), await whoCouldCover(ctx, calendar, range)).map(
        (c) => c.name,
      )
    : [];
  const cover = chairAway
    ? ` A vice chair added to the case (Add a member, on the case page) can chair in ${chairAway.displayName}'s place${
        couldCover.length ? `: ${listed(couldCover)} ${couldCover.length === 1 ? 'is' : 'are'} on the staff list and at work on some of these days.` : '.'
      }`
    : '';
  const nothing =
    slots.length === 0
      ? away.length
        ? `No time up to ${formatLong(lastDayLookedAt(request))} can go ahead: ${listed(away)} ${away.length === 1 ? 'is' : 'are'} out of office.${told}${cover} ${couldCover.length ? 'Add one, or look' : 'Look'} again when they are back.`
        : `No time up to ${formatLong(lastDayLookedAt(request))} can be offered.${told}`
      : undefined;
  const warning =
    nothing ??
    (noCompliantSlot
      ? today > window.due
        ? `Core group ${meeting.number} is already past its deadline: these are the soonest times, each late.${chairAway ? ` ${chairAway.displayName}, the chair, is out of office on some of these days.${cover}` : ''}`
        : chairAway
          ? `No time before the deadline has the chair, the family and at least half of the agencies free: ${chairAway.displayName}, the chair, is out of office for part of the window.${told}${cover}`
          : `No time before the deadline has the chair, the family and at least half of the agencies free. The manager has been told; book the best time below and record why, or ask members to move other commitments.`
      : undefined);
  if (noCompliantSlot && today <= window.due && meeting.status !== 'held') {
    // Told once per meeting version, days ahead of the deadline, so there is time to act.
    await ctx.store.transaction((tx) =>
      enqueue(ctx, tx, {
        kind: 'card',
        topic: 'compliance.no-compliant-slot',
        payload: { meetingId: meeting.id, obligationId: obligationIds.coreGroup(meeting.number), due: window.due, ...(chairAway ? { chairAway: true } : {}) },
        idempotencyKey: `no-slot:${meeting.id}:v${meeting.version}`,
        caseId: meeting.caseId,
      }),
    );
  }
  return {
    case: refOf(loaded.case),
    meeting: {
      id: meeting.id,
      number: meeting.number,
      status: meeting.status,
      due: meeting.due,
      ...(meeting.earliest ? { earliest: meeting.earliest } : {}),
      ...(meeting.startsAt ? { startsAt: meeting.startsAt } : {}),
      ...(meeting.endsAt ? { endsAt: meeting.endsAt } : {}),
      ...(meeting.venue ? { venue: meeting.venue } : {}),
      version: meeting.version,
      finalBeforeReview: meeting.finalBeforeReview,
    },
    window,
    ...(lateness ? { lateness: { ...lateness, text: describeLateness(lateness) } } : {}),
    range,
    closedDays: wc
      .skippedBetween(addDays(from, -1), lastDayLookedAt(request))
      .flatMap((d) => (d.reason.kind === 'weekend' ? [] : [{ day: d.date, why: nonWorkingWords(d.reason) }])),
    workingHours: hours ?? DEFAULT_WORKING_HOURS,
    durationMinutes: input.durationMinutes,
    attendees,
    slots,
    withinDeadline: result.withinDeadline,
    everyoneRequiredFree: result.everyoneRequiredFree,
    compliant: result.compliant,
    ...(warning ? { warning } : {}),
  };
}
