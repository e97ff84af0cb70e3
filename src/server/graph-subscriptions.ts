import { recordCalendarChange } from '../app/calendar-sync';
import { AppContext } from '../app/context';
import { asCalendarChange, GraphCalendarChanges } from '../adapters/graph/graph-calendar';

/** Outlook event subscriptions last at most 7 days: ask for 3 and renew when less than 1 is left. */
const LIFETIME_MS = 3 * 86_400_000;
const RENEW_WITHIN_MS = 86_400_000;

/**
 * Keeps a change subscription on every chair's calendar that has booked meetings, renewed before it
 * lapses, and runs the delta query for each as the fallback for missed notifications. State lives in
 * the store (its GraphSubscriptions port), so several instances share it rather than each subscribing.
 */
export async function keepGraphSubscriptions(
  ctx: AppContext,
  changes: GraphCalendarChanges,
  notificationUrl: string,
  clientState: string,
  log: (m: string, e?: unknown) => void,
): Promise<void> {
  const subscriptions = ctx.store.graphSubscriptions;
  const now = Date.parse(ctx.clock.now());
  for (const email of await subscriptions.mailboxesToWatch()) {
    const row = await subscriptions.byMailbox(email);
    try {
      const expires = new Date(now + LIFETIME_MS);
      if (!row?.subscriptionId) {
        const sub = await changes.subscribe(email, notificationUrl, clientState, expires);
        await subscriptions.subscribed(email, sub.id, sub.expirationDateTime, ctx.clock.now());
      } else if (Date.parse(row.expiresAt ?? '') - now < RENEW_WITHIN_MS) {
        await changes.renew(row.subscriptionId, expires);
        await subscriptions.renewed(email, expires.toISOString(), ctx.clock.now());
      }
      // The fallback: whatever changed since the last delta link, notified or not.
      const delta = await changes.delta(
        email,
        row?.deltaLink
          ? { deltaLink: row.deltaLink }
          : { start: new Date(now - 86_400_000).toISOString(), end: new Date(now + 200 * 86_400_000).toISOString() },
      );
      for (const c of delta.changes) {
        await recordCalendarChange(ctx, asCalendarChange(c));
      }
      await subscriptions.deltaLinkFor(email, delta.deltaLink, ctx.clock.now());
    } catch (e) {
      log(`keeping the Graph subscription for ${email} failed`, e);
    }
  }
}
