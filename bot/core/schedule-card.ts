import { scheduleView } from '../../src/app/schedule';
import { Actor } from '../../src/domain/access/access-rules';
import { formatLong } from '../../src/domain/calendar/local-date';
import { DomainError } from '../../src/domain/errors';
import { scheduleCard } from '../cards/cards';
import { AdaptiveCardJson } from '../cards/expand';
import { londonTime, namesList } from '../views';
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
    // Shown only when there are no times, when the view always says why.
    nothing: view.warning ?? '',
    everyoneFree: view.everyoneRequiredFree,
    anyLate: slots.some((s) => s.afterDeadline),
    venue: entered.venue ?? 'online',
    lateReason: entered.lateReason ?? '',
    formError: entered.formError ?? '',
    slots: slots.map((s) => ({
      start: s.start,
      end: s.end,
      when: londonTime(s.start),
      late: s.afterDeadline,
      label: `${londonTime(s.start)}${s.afterDeadline ? ' — after the deadline: needs a reason' : ''}${s.busy.length ? ` — busy: ${namesList(s.busy)}` : ''}${s.unknown.length ? ` — calendar not visible: ${namesList(s.unknown)}` : ''}`,
    })),
  });
}
