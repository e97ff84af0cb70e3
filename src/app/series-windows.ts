import { LocalDate } from '../domain/calendar/local-date';
import { londonDay } from '../domain/calendar/london-time';
import { CoreGroupCase } from '../domain/case/core-group-case';
import { DomainError } from '../domain/errors';
import { Meeting } from '../domain/meeting/meeting';
import { planObligations } from '../domain/policy/plan';
import { Obligation, obligationIds } from '../domain/policy/obligation';
import { CaseHistory } from '../domain/policy/history';
import { PolicyProfile } from '../domain/policy/profile';
import { Conference, StoreTx } from '../ports/store';
import { caseHistory } from './case-history';
import { AppContext, enqueue } from './context';

export interface BookingOutsideWindow {
  readonly meeting: Meeting;
  readonly day: LocalDate;
  readonly due: LocalDate;
  readonly earliest?: LocalDate;
}

/**
 * Booked core groups whose day falls outside the window the procedure gives them once every booked
 * core group before them is held on its booked day. Cadences count from the core group as held, so
 * moving one meeting of a booked series (or holding it late) moves the windows of the ones after
 * it; a booking made against the old window can now be late, or too early, months before anyone
 * would notice.
 */
export function bookingsOutsideWindows(
  profile: PolicyProfile,
  c: CoreGroupCase,
  meetings: readonly Meeting[],
  conferences: readonly Conference[],
  completed: Readonly<Record<string, LocalDate>>,
): BookingOutsideWindow[] {
  const booked = meetings.filter((m) => m.status === 'booked' && m.startsAt).sort((a, b) => (a.startsAt as string).localeCompare(b.startsAt as string));
  if (booked.length === 0) return [];
  const history = caseHistory(c, meetings, conferences, completed);
  const plan = planAsHeld(profile, history, [...heldDays(history), ...booked.map((m) => londonDay(m.startsAt as string))]);
  if (!plan) return [];
  return booked.flatMap((meeting) => {
    const o = plan.find((x) => x.id === obligationIds.coreGroup(meeting.number));
    const day = londonDay(meeting.startsAt as string);
    if (!o || (day <= o.due && (!o.earliest || day >= o.earliest))) return [];
    return [{ meeting, day, due: o.due, ...(o.earliest ? { earliest: o.earliest } : {}) }];
  });
}

/** The days core groups were held (caseHistory made them from the meetings' LocalDates). */
const heldDays = (history: CaseHistory): LocalDate[] => (history.coreGroupsHeld ?? []) as LocalDate[];

/**
 * The plan as it will be once core groups are held on these days, in order. Undefined for days the
 * engine cannot take as a history (two on one day, one before another already held): the bookings
 * themselves then say something is wrong, and the tab shows them.
 */
function planAsHeld(profile: PolicyProfile, history: CaseHistory, days: readonly LocalDate[]): Obligation[] | undefined {
  if (days.some((d, i) => i > 0 && d <= (days[i - 1] as LocalDate))) return undefined;
  try {
    return planObligations(profile, { ...history, coreGroupsHeld: [...days] });
  } catch (e) {
    // An advisory look ahead never stops the booking or the view that asked for it.
    if (e instanceof DomainError && e.code.startsWith('HISTORY.')) return undefined;
    throw e;
  }
}

/** The window a core group will have once those booked before it are held as booked. */
export interface WindowAsBooked {
  readonly earliest?: LocalDate;
  readonly due: LocalDate;
  /** The core group just before it, and the day it is booked for: what the window counts from. */
  readonly after: { readonly number: number; readonly day: LocalDate };
}

/**
 * Each cadence counts from the core group before as held, and the plan counts a core group not yet
 * held as held on its deadline: once core group 2 is booked for an earlier day, core group 3 will be
 * due sooner than the plan now says. Booking it against the plan's window would be flagged as
 * outside its window (bookingsOutsideWindows) as soon as it is booked. Undefined when no core group
 * between the last one held and this one is booked (the plan's window is then the one), or when
 * one of them has no day yet.
 */
function windowAsBooked(profile: PolicyProfile, history: CaseHistory, meetings: readonly Meeting[], meeting: Meeting): WindowAsBooked | undefined {
  const held = heldDays(history);
  const days = [...held];
  for (let n = held.length + 1; n < meeting.number; n++) {
    const m = meetings.find((x) => x.number === n && x.status === 'booked' && x.startsAt);
    if (!m) return undefined;
    days.push(londonDay(m.startsAt as string));
  }
  if (days.length === held.length) return undefined;
  const o = planAsHeld(profile, history, days)?.find((x) => x.id === obligationIds.coreGroup(meeting.number));
  if (!o) return undefined;
  return { due: o.due, ...(o.earliest ? { earliest: o.earliest } : {}), after: { number: meeting.number - 1, day: days.at(-1) as LocalDate } };
}

/** The window to book a core group in, and, when bookings before it brought it forward, what did. */
export interface BookingWindow {
  readonly earliest: LocalDate;
  readonly due: LocalDate;
  readonly asBooked?: WindowAsBooked;
}

/**
 * The window a core group is booked in: the plan's, brought forward where the core groups before it,
 * held as booked, bring it forward (windowAsBooked). Only ever forward: until the one before is held,
 * a booking is judged late against the plan's deadline (bookMeeting), so a later projected deadline
 * (the one before booked late) would offer times as in time that the booking then calls late.
 */
export function bookingWindow(
  profile: PolicyProfile,
  c: CoreGroupCase,
  meetings: readonly Meeting[],
  conferences: readonly Conference[],
  completed: Readonly<Record<string, LocalDate>>,
  meeting: Meeting,
): BookingWindow {
  const asBooked = windowAsBooked(profile, caseHistory(c, meetings, conferences, completed), meetings, meeting);
  if (asBooked && asBooked.due < meeting.due) return { earliest: asBooked.earliest ?? asBooked.due, due: asBooked.due, asBooked };
  return { earliest: meeting.earliest ?? meeting.due, due: meeting.due };
}

/**
 * Tells the chair and manager of each booking now outside its window, once per booking and window.
 * Not the meeting just booked or moved (`except`: its own lateness is alerted as it is booked), nor
 * one the chair booked late knowingly, giving the reason.
 */
export async function flagBookingsOutsideWindows(
  ctx: AppContext,
  tx: StoreTx,
  c: CoreGroupCase,
  profile: PolicyProfile,
  except?: string,
): Promise<BookingOutsideWindow[]> {
  const meetings = await tx.meetings.forCase(c.id);
  if (!meetings.some((m) => m.status === 'booked')) return [];
  const outside = bookingsOutsideWindows(profile, c, meetings, await tx.conferences.forCase(c.id), await tx.obligations.completions(c.id)).filter(
    (o) => o.meeting.id !== except && !o.meeting.lateReason,
  );
  for (const o of outside) {
    await enqueue(ctx, tx, {
      kind: 'card',
      topic: 'compliance.booking-outside-window',
      payload: {
        meetingId: o.meeting.id,
        obligationId: obligationIds.coreGroup(o.meeting.number),
        due: o.due,
        ...(o.earliest ? { earliest: o.earliest } : {}),
        day: o.day,
      },
      idempotencyKey: `window:${o.meeting.id}:v${o.meeting.version}:${o.earliest ?? ''}:${o.due}`,
      caseId: c.id,
    });
  }
  return outside;
}
