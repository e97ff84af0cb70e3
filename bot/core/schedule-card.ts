import { ScheduleSlot, ScheduleView, scheduleView } from '../../src/app/schedule';
import { Actor } from '../../src/domain/access/access-rules';
import { formatLong } from '../../src/domain/calendar/local-date';
import { DomainError } from '../../src/domain/errors';
import { scheduleCard } from '../cards/cards';
import { AdaptiveCardJson } from '../cards/expand';
import { listed } from '../../src/domain/listed';
import { londonTime } from '../views';
import { CoreDeps } from './deps';

/** What the chair entered, kept when the card comes back with a problem. */
export interface ScheduleEntered {
  readonly formError?: string;
  readonly venue?: string;
  readonly lateReason?: string;
}

/**
 * The `schedule` card for one core group: the best times, each with its own button, those after the
 * deadline said so in words. When any is late the card asks why, since a late booking needs a reason.
 */
export async function scheduleCardFor(deps: CoreDeps, actor: Actor, meetingId: string, entered: ScheduleEntered = {}): Promise<AdaptiveCardJson> {
  const scheduling = deps.scheduling;
  if (!scheduling) throw new DomainError('SCHEDULE.UNAVAILABLE', 'conflict', 'Scheduling is not available: no calendar is connected.');
  const view = await scheduleView(deps.ctx, scheduling.calendar, actor, { meetingId, durationMinutes: scheduling.durationMinutes });
  const slots = view.slots.slice(0, 5);
  return scheduleCard({
    reference: view.case.reference,
    childInitials: view.case.childInitials,
    caseUrl: deps.links.caseUrl(view.case.id),
    meetingId: view.meeting.id,
    meetingNumber: view.meeting.number,
    expectedVersion: view.meeting.version,
    // The window the times are judged against: the plan's, or sooner once those before it are booked.
    due: formatLong(view.window.due),
    headline: scheduleHeadline(view, slots),
    anyLate: slots.some((s) => s.afterDeadline),
    venue: entered.venue ?? 'online',
    lateReason: entered.lateReason ?? '',
    formError: entered.formError ?? '',
    slots: slots.map((s) => ({
      start: s.start,
      end: s.end,
      when: londonTime(s.start),
      late: s.afterDeadline,
      label: slotLine(view, s),
    })),
  });
}

/**
 * What the chair should know before the times: why none can go ahead in time, as the schedule says
 * it (and whether the manager was told), or that each has someone busy. Nothing when a time has
 * everyone free whose calendar can be seen.
 */
export function scheduleHeadline(view: Pick<ScheduleView, 'warning'>, slots: readonly ScheduleSlot[]): string {
  if (view.warning) return view.warning;
  return slots.some((s) => !s.afterDeadline && s.busy.length === 0)
    ? ''
    : 'No time has everyone free: each says who is busy, and whether the core group can go ahead then.';
}

/**
 * One time, as the tab's booking screen says it: when, whether the core group can go ahead then
 * (the chair, the family and half of the agencies free; with the family's calendar unseen, if they can
 * come), whether it is after the deadline, and who is busy or cannot be seen. Names capped at two
 * so a line stays short on a phone.
 */
export function slotLine(view: Pick<ScheduleView, 'attendees'>, s: ScheduleSlot): string {
  const familyUnseen = view.attendees.filter((a) => a.essential && a.busy === 'unknown' && s.unknown.includes(a.displayName)).map((a) => a.displayName);
  const standing = !s.canGoAhead
    ? 'cannot go ahead: the chair or the family is busy, or fewer than half of the agencies are free'
    : familyUnseen.length
      ? `can go ahead if ${listed(familyUnseen)} can come`
      : s.busy.length === 0
        ? 'everyone free'
        : 'can go ahead';
  return [
    londonTime(s.start),
    ...(s.afterDeadline ? ['after the deadline: needs a reason'] : []),
    standing,
    ...(s.busy.length ? [`busy: ${listed(s.busy, 2)}`] : []),
    ...(s.unknown.length ? [`calendar not visible: ${listed(s.unknown, 2)}`] : []),
  ].join(' — ');
}
