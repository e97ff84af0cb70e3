import { formatLong } from '../domain/calendar/local-date';
import { londonDay } from '../domain/calendar/london-time';
import { ActivityFeed, ActivityNotification } from '../ports/activity-feed';
import { DeliveryError } from '../ports/messenger';
import { DeliveryMap } from '../ports/outbox-topics';
import { AppContext } from './context';
import { Deliver, deliverTopics } from './outbox-worker';

/**
 * Teams activity-feed notifications: the manager sees "Minutes of CASE-REF core group N are waiting
 * for your approval" in their feed, the writer "… were returned with comments", the chair and the
 * manager "… is booked for …, after its deadline …". Built at delivery time from the record as it is
 * then (minutes already decided are not announced as waiting), to the one person named, and posted
 * once: a retried message whose notification already went out is not posted again.
 */
export function activityDeliveries(ctx: AppContext, feed: ActivityFeed): Deliver {
  const recipient = async (personId: string): Promise<string | undefined> => (await ctx.store.transaction((tx) => tx.people.byId(personId)))?.entraObjectId;

  /** Posts once per message key: the record of it is written as soon as Graph accepts it. */
  const once = async (key: string, n: ActivityNotification): Promise<void> => {
    if (await ctx.store.transaction((tx) => tx.sentCards.byKey(key))) return;
    await feed.notify(n);
    await ctx.store.transaction((tx) =>
      tx.sentCards.record({ key, conversationId: `feed:${n.recipientEntraObjectId}`, activityId: n.activityType, sentAt: ctx.clock.now() }),
    );
  };

  const minutesFacts = async (minutesId: string) =>
    ctx.store.transaction(async (tx) => {
      const minutes = await tx.minutes.byId(minutesId);
      const meeting = minutes && (await tx.meetings.byId(minutes.meetingId));
      const c = minutes && (await tx.cases.byId(minutes.caseId));
      return minutes && meeting && c ? { minutes, meeting, c } : undefined;
    });

  const deliveries: DeliveryMap<'activity'> = {
    'activity.minutes-awaiting-approval': async (m) => {
      const facts = await minutesFacts(m.payload.minutesId);
      if (!facts) throw new DeliveryError('the minutes no longer exist', undefined, undefined, true);
      const to = await recipient(m.payload.personId);
      // Decided since, or someone outside Teams: nothing to put in a feed.
      if (facts.minutes.status !== 'submitted' || !to) return;
      const caseRef = facts.c.reference;
      await once(m.idempotencyKey, {
        recipientEntraObjectId: to,
        activityType: 'minutesAwaitingApproval',
        templateParameters: { caseRef, number: String(facts.meeting.number) },
        previewText: `${caseRef}: minutes to approve`,
        tabPath: `minutes/${facts.minutes.id}`,
      });
    },
    'activity.minutes-returned': async (m) => {
      const facts = await minutesFacts(m.payload.minutesId);
      if (!facts) throw new DeliveryError('the minutes no longer exist', undefined, undefined, true);
      const to = await recipient(m.payload.personId);
      if (!to) return;
      const caseRef = facts.c.reference;
      await once(m.idempotencyKey, {
        recipientEntraObjectId: to,
        activityType: 'minutesReturned',
        templateParameters: { caseRef, number: String(facts.meeting.number) },
        previewText: `${caseRef}: minutes returned with comments`,
        tabPath: `minutes/${facts.minutes.id}`,
      });
    },
    'activity.booked-late': async (m) => {
      const facts = await ctx.store.transaction(async (tx) => {
        const meeting = await tx.meetings.byId(m.payload.meetingId);
        const c = meeting && (await tx.cases.byId(meeting.caseId));
        return meeting && c ? { meeting, c } : undefined;
      });
      if (!facts) throw new DeliveryError('the meeting no longer exists', undefined, undefined, true);
      const { meeting, c } = facts;
      const to = await recipient(m.payload.personId);
      // Moved back inside the window since, or no longer booked: no longer true, so not said.
      if (!to || meeting.status !== 'booked' || !meeting.startsAt || londonDay(meeting.startsAt) <= meeting.due) return;
      await once(m.idempotencyKey, {
        recipientEntraObjectId: to,
        activityType: 'coreGroupBookedLate',
        templateParameters: {
          caseRef: c.reference,
          number: String(meeting.number),
          date: formatLong(londonDay(meeting.startsAt)),
          due: formatLong(meeting.due),
        },
        previewText: `${c.reference}: core group booked after its deadline`,
        tabPath: `cases/${c.id}`,
      });
    },
  };
  return deliverTopics(deliveries, 'activity-feed');
}
