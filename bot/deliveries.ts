import { minutesCardData, reportFormData } from '../src/app/card-data';
import { AppContext } from '../src/app/context';
import { recordCirculationDelivered } from '../src/app/minutes';
import { Deliver } from '../src/app/outbox-worker';
import { DeliveryError, Messenger } from '../src/ports/messenger';
import { ClaimedMessage } from '../src/ports/store';
import { minutesApprovalCard, noticeCard, updateFormCard } from './cards/cards';
import { Links, minutesApprovalView, updateFormView } from './views';

const str = (m: ClaimedMessage, key: string): string => {
  const v = m.payload[key];
  if (typeof v !== 'string') throw new DeliveryError(`payload has no ${key}`, undefined, undefined, true);
  return v;
};

/**
 * Turns queued card messages into cards in Teams. Each card is built at delivery time from the
 * record as it is then, for the person receiving it, so a late delivery never shows stale buttons.
 */
export function cardDeliveries(ctx: AppContext, messenger: Messenger, links: Links): Deliver {
  const handlers: Record<string, (m: ClaimedMessage) => Promise<void>> = {
    'report.request': async (m) => {
      const reportId = str(m, 'reportId');
      const owner = await ctx.store.transaction(async (tx) => {
        const report = await tx.reports.byId(reportId);
        const member = report && (await tx.members.forCase(report.caseId)).find((x) => x.id === report.memberId);
        return member?.personId;
      });
      if (!owner) throw new DeliveryError('the report or its member no longer exists', undefined, undefined, true);
      const form = await reportFormData(ctx, { personId: owner }, { reportId });
      if (form.report.status === 'submitted' || !form.editable) return; // Nothing to ask for any more.
      await messenger.sendToPerson(owner, updateFormCard(updateFormView(form, links)), `Core Groups: your update for ${form.case.reference} core group ${form.meeting.number} is requested.`);
    },
    'minutes.approval-request': async (m) => {
      const managerId = str(m, 'managerId');
      const data = await minutesCardData(ctx, { personId: managerId }, str(m, 'minutesId'));
      await messenger.sendToPerson(managerId, minutesApprovalCard(minutesApprovalView(data, links)), `Core Groups: minutes for ${data.case.reference} are waiting for your approval.`);
    },
    'minutes.decided': async (m) => {
      const authorId = str(m, 'authorId');
      const data = await minutesCardData(ctx, { personId: authorId }, str(m, 'minutesId'));
      const returned = data.minutes.status === 'returned';
      await messenger.sendToPerson(
        authorId,
        noticeCard({
          title: returned ? `Minutes of core group ${data.meeting.number} were returned` : `Minutes of core group ${data.meeting.number} were approved`,
          subtitle: `${data.case.reference} (${data.case.childInitials})`,
          colour: returned ? 'Warning' : 'Good',
          lines: returned ? [`${data.decidedByName ?? 'The manager'} asked for changes: ${data.minutes.returnComments ?? ''}`] : [`Approved by ${data.decidedByName ?? 'the manager'}. They are being circulated to every member.`],
          links: [{ title: 'Open the minutes', url: links.minutesUrl(data.minutes.id) }],
          fallback: `Core Groups: a decision on minutes for ${data.case.reference}.`,
        }),
        `Core Groups: a decision on minutes for ${data.case.reference}.`,
      );
    },
    'minutes.circulate.teams': async (m) => {
      const personId = str(m, 'personId');
      const minutesId = str(m, 'minutesId');
      const data = await minutesCardData(ctx, { personId }, minutesId);
      await messenger.sendToPerson(
        personId,
        noticeCard({
          title: `Minutes of core group ${data.meeting.number}`,
          subtitle: `${data.case.reference} (${data.case.childInitials})`,
          lines: [`Approved by ${data.decidedByName ?? 'the manager'}. Please read them and check the actions that are yours.`],
          links: [{ title: 'Read the minutes', url: links.minutesUrl(minutesId) }],
          fallback: `Core Groups: minutes for ${data.case.reference} are ready.`,
        }),
        `Core Groups: minutes for ${data.case.reference} are ready.`,
      );
      await recordCirculationDelivered(ctx, { minutesId, personId, channel: 'teams' });
    },
    // Submitted reports need no message: the chaser checks the report's status before it sends.
    'report.submitted': async () => undefined,
  };
  return async (message) => {
    const handler = handlers[message.topic];
    if (!handler) throw new DeliveryError(`no card delivery for ${message.topic}`, undefined, undefined, true);
    await handler(message);
  };
}
