import { Kysely } from 'kysely';
import { GraphSubscriptions } from '../../ports/graph-subscriptions';
import { Database } from './schema';

/** The graph_subscriptions table behind the GraphSubscriptions port. */
export function graphSubscriptionStore(db: Kysely<Database>): GraphSubscriptions {
  return {
    async mailboxesToWatch() {
      const rows = await db
        .selectFrom('meetings as m')
        .innerJoin('cases as c', 'c.id', 'm.case_id')
        .innerJoin('people as p', 'p.id', 'c.social_worker_id')
        .select('p.email')
        .distinct()
        .where('m.status', '=', 'booked')
        .where('m.calendar_event_id', 'is not', null)
        .execute();
      return rows.map((r) => r.email);
    },
    async byMailbox(mailbox) {
      const row = await db.selectFrom('graph_subscriptions').selectAll().where('mailbox', '=', mailbox).executeTakeFirst();
      if (!row) return undefined;
      return {
        mailbox: row.mailbox,
        ...(row.subscription_id ? { subscriptionId: row.subscription_id } : {}),
        ...(row.expires_at ? { expiresAt: row.expires_at } : {}),
        ...(row.delta_link ? { deltaLink: row.delta_link } : {}),
      };
    },
    async subscribed(mailbox, subscriptionId, expiresAt, at) {
      await db
        .insertInto('graph_subscriptions')
        .values({ mailbox, subscription_id: subscriptionId, expires_at: expiresAt, delta_link: null, updated_at: at })
        .onConflict((oc) => oc.column('mailbox').doUpdateSet({ subscription_id: subscriptionId, expires_at: expiresAt, updated_at: at }))
        .execute();
    },
    async renewed(mailbox, expiresAt, at) {
      await db.updateTable('graph_subscriptions').set({ expires_at: expiresAt, updated_at: at }).where('mailbox', '=', mailbox).execute();
    },
    async deltaLinkFor(mailbox, deltaLink, at) {
      await db.updateTable('graph_subscriptions').set({ delta_link: deltaLink, updated_at: at }).where('mailbox', '=', mailbox).execute();
    },
    async removed(subscriptionId) {
      await db.updateTable('graph_subscriptions').set({ subscription_id: null, expires_at: null }).where('subscription_id', '=', subscriptionId).execute();
    },
  };
}
