import { LocalDate } from '../domain/calendar/local-date';
import { londonDay } from '../domain/calendar/london-time';
import { CoreGroupCase } from '../domain/case/core-group-case';
import { DomainError } from '../domain/errors';
import { Meeting } from '../domain/meeting/meeting';
import { planObligations } from '../domain/policy/plan';
import { obligationIds } from '../domain/policy/obligation';
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
  const held = history.coreGroupsHeld ?? [];
  const days = [...held, ...booked.map((m) => londonDay(m.startsAt as string))];
  // Two core groups on one day, or one booked before one already held, is no history the engine can
  // project (nor a series to judge): the bookings themselves say something is wrong, and the tab shows them.
  if (days.some((d, i) => i > 0 && d <= (days[i - 1] as LocalDate))) return [];
  let plan;
  try {
    plan = planObligations(profile, { ...history, coreGroupsHeld: days });
  } catch (e) {
    // An advisory look ahead never stops the booking that asked for it.
    if (e instanceof DomainError && e.code.startsWith('HISTORY.')) return [];
    throw e;
  }
  return booked.flatMap((meeting) => {
    const o = plan.find((x) => x.id === obligationIds.coreGroup(meeting.number));
    const day = londonDay(meeting.startsAt as string);
    if (!o || (day <= o.due && (!o.earliest || day >= o.earliest))) return [];
    return [{ meeting, day, due: o.due, ...(o.earliest ? { earliest: o.earliest } : {}) }];
  });
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
