import { Kysely } from 'kysely';
import { recordCalendarChange } from '../app/calendar-sync';
import { AppContext } from '../app/context';
import { asCalendarChange, GraphCalendarChanges } from '../adapters/graph/graph-calendar';
import { Database } from '../adapters/store/schema';

/** Outlook event subscriptions last at most 7 days: ask for 3 and renew when less than 1 is left. */
const LIFETIME_MS = 3 * 86_400_000;
const RENEW_WITHIN_MS = 86_400_000;

/**
 * Keeps a change subscription on every chair's calendar that has booked meetings, renewed before it
 * lapses, and runs the delta query for each as the fallback for missed notifications. State lives in
 * the database, so several instances share it rather than each subscribing.
 */
export async function keepGraphSubscriptions(ctx: AppContext, db: Kysely<Database>, changes: GraphCalendarChanges, notificationUrl: string, clientState: string, log: (m: string, e?: unknown) => void): Promise<void> {
  const chairs = await db
    .selectFrom('meetings as m')
    .innerJoin('cases as c', 'c.id', 'm.case_id')
    .innerJoin('people as p', 'p.id', 'c.social_worker_id')
    .select('p.email')
    .distinct()
    .where('m.status', '=', 'booked')
    .where('m.calendar_event_id', 'is not', null)
    .execute();
  const now = Date.parse(ctx.clock.now());
  for (const { email } of chairs) {
    const row = await db.selectFrom('graph_subscriptions').selectAll().where('mailbox', '=', email).executeTakeFirst();
    try {
      const expires = new Date(now + LIFETIME_MS);
      if (!row?.subscription_id) {
        const sub = await changes.subscribe(email, notificationUrl, clientState, expires);
        await db
          .insertInto('graph_subscriptions')
          .values({ mailbox: email, subscription_id: sub.id, expires_at: sub.expirationDateTime, delta_link: row?.delta_link ?? null, updated_at: ctx.clock.now() })
          .onConflict((oc) => oc.column('mailbox').doUpdateSet({ subscription_id: sub.id, expires_at: sub.expirationDateTime, updated_at: ctx.clock.now() }))
          .execute();
      } else if (Date.parse(row.expires_at ?? '') - now < RENEW_WITHIN_MS) {
        await changes.renew(row.subscription_id, expires);
        await db.updateTable('graph_subscriptions').set({ expires_at: expires.toISOString(), updated_at: ctx.clock.now() }).where('mailbox', '=', email).execute();
      }
      // The fallback: whatever changed since the last delta link, notified or not.
      const delta = await changes.delta(email, row?.delta_link ? { deltaLink: row.delta_link } : { start: new Date(now - 86_400_000).toISOString(), end: new Date(now + 200 * 86_400_000).toISOString() });
      for (const c of delta.changes) {
        await recordCalendarChange(ctx, asCalendarChange(c));
      }
      await db.updateTable('graph_subscriptions').set({ delta_link: delta.deltaLink, updated_at: ctx.clock.now() }).where('mailbox', '=', email).execute();
    } catch (e) {
      log(`keeping the Graph subscription for ${email} failed`, e);
    }
  }
}
