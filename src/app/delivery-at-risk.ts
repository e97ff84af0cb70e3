import { formatLong } from '../domain/calendar/local-date';
import { ClaimedMessage } from '../ports/outbox-topics';
import { AppContext, enqueue, londonDay } from './context';

/** How long a message a deadline depends on may wait on a service that is down before the chair is told. */
export const AT_RISK_AFTER_MS = 30 * 60_000;

/** The messages members need before a core group or a deadline, in the words the chair reads. */
const DEADLINE_BEARING: Record<string, string> = {
  'agenda.post': 'the agenda',
  'agenda.chat': 'the agenda',
  'agenda.send': 'the agenda',
  'report.request': 'requests for members’ updates',
  'report.chase': 'reminders for members’ updates',
  'minutes.approval-request': 'the minutes for approval',
  'minutes.circulate.teams': 'the approved minutes',
  'minutes.circulate.mail': 'the approved minutes',
  'calendar.create-event': 'the invitation',
  'calendar.update-event': 'the changed invitation',
  'calendar.cancel-event': 'the cancellation',
  'calendar.create-series': 'the invitations',
};

/**
 * Tells the case's chair when something a deadline depends on has been waiting on Teams or
 * Microsoft 365 for half an hour: what, since when, and the core group it is for. Through the
 * other channel (a mail when Teams is failing, a card when Outlook or mail is), once a case, a
 * channel and a day; if both are down it waits like everything else and goes out with the first.
 */
export async function warnChairIfDeadlineAtRisk(ctx: AppContext, message: ClaimedMessage, waitedMs: number): Promise<void> {
  const what = DEADLINE_BEARING[message.topic];
  const caseId = message.caseId;
  if (!what || !caseId || waitedMs < AT_RISK_AFTER_MS) return;
  const meetingId = 'meetingId' in message.payload ? message.payload.meetingId : undefined;
  await ctx.store.transaction(async (tx) => {
    const c = await tx.cases.byId(caseId);
    if (!c) return;
    const meeting = meetingId ? await tx.meetings.byId(meetingId) : undefined;
    const teams = message.kind === 'card';
    const service = teams ? 'Teams is not accepting messages from Core Groups' : 'Microsoft 365 (Outlook and mail) is not accepting them';
    const lines = [
      `Core Groups has been trying to send ${what} for ${Math.floor(waitedMs / 60_000)} minutes: ${service}. It keeps trying and sends them as soon as it can.`,
      meeting?.startsAt && meeting.status === 'booked'
        ? `Core group ${meeting.number} is on ${formatLong(londonDay(meeting.startsAt))}: if that is soon, make sure members know another way.`
        : meeting
          ? `Core group ${meeting.number} is due by ${formatLong(meeting.due)}: if that is soon, make sure members know another way.`
          : 'If a deadline is close, make sure members know another way.',
    ];
    const title = `${c.reference} (${c.childInitials}): ${what} not sent yet`;
    const key = `at-risk:${c.id}:${teams ? 'teams' : 'microsoft-365'}:${londonDay(ctx.clock.now())}`;
    await enqueue(
      ctx,
      tx,
      teams
        ? {
            kind: 'mail',
            topic: 'delivery.at-risk',
            payload: { personId: c.socialWorkerId, subject: `Core Groups: ${title}`, lines },
            idempotencyKey: key,
            caseId: c.id,
          }
        : {
            kind: 'card',
            topic: 'notice.send',
            payload: {
              personId: c.socialWorkerId,
              summary: `Core Groups: ${title}`,
              card: {
                type: 'AdaptiveCard',
                version: '1.5',
                body: [
                  { type: 'TextBlock', text: title, weight: 'Bolder', wrap: true, color: 'Attention' },
                  ...lines.map((text) => ({ type: 'TextBlock', text, wrap: true })),
                ],
              },
            },
            idempotencyKey: key,
            caseId: c.id,
          },
    );
  });
}
