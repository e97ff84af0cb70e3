import { StoreTx } from '../ports/store';
import { AppContext } from './context';

/**
 * Who tells a person what was queued for them before the bot could reach them: one digest, given
 * at their first contact with the bot (installing the app, a message, a card action), or the cards
 * themselves, one by one, when the outbox reached them first (the bot opened a chat with them, or
 * they had the app before digests existed). Both sides claim one record per person in the store,
 * so exactly one wins and each queued card goes out once: by the digest, or by the outbox.
 */

/** The person's hand-over record (the key the digest has always been recorded under). */
export const handOverKey = (personId: string) => `digest|${personId}`;

/** The record's activity id when the outbox, not a digest, reached the person first. */
const BY_CARDS = 'cards';

/** What the person was given first, and when. */
export type HandOver = { readonly by: 'digest' | 'cards'; readonly at: string };

export async function handOverOf(tx: StoreTx, personId: string): Promise<HandOver | undefined> {
  const r = await tx.sentCards.byKey(handOverKey(personId));
  // Older records say 'digest' or 'nothing-waiting': both were digests.
  return r && { by: r.activityId === BY_CARDS ? 'cards' : 'digest', at: r.sentAt };
}

/** When the person's digest went out, if they were given one. */
export async function digestSentAt(ctx: AppContext, personId: string): Promise<string | undefined> {
  const h = await ctx.store.transaction((tx) => handOverOf(tx, personId));
  return h?.by === 'digest' ? h.at : undefined;
}

/**
 * At the person's first contact, in the transaction that remembers their chat: claims the hand-over
 * for the digest. True for the one activity that should then send it; false when a digest was
 * given already or the outbox reached them first.
 */
export async function claimDigest(tx: StoreTx, input: { personId: string; conversationId: string; at: string }): Promise<boolean> {
  return tx.sentCards.claim({ key: handOverKey(input.personId), conversationId: input.conversationId, activityId: 'digest', sentAt: input.at });
}

/**
 * Asked by the outbox just before it posts a card queued at `queuedAt` — after the bot has found
 * (or opened) the person's chat, so nothing can come between this answer and the post: whether the
 * card still goes. It does not when a digest was given after it was queued (the digest said it).
 * When nobody has told the person anything yet, the outbox claims the hand-over: the cards go one
 * by one, and a later first contact brings a welcome but no digest repeating them.
 */
export async function cardMayGo(ctx: AppContext, input: { personId: string; conversationId: string; queuedAt: string }): Promise<boolean> {
  const at = ctx.clock.now();
  return ctx.store.transaction(async (tx) => {
    let h = await handOverOf(tx, input.personId);
    if (!h && (await tx.sentCards.claim({ key: handOverKey(input.personId), conversationId: input.conversationId, activityId: BY_CARDS, sentAt: at })))
      return true;
    h ??= await handOverOf(tx, input.personId);
    return !h || h.by === 'cards' || Date.parse(input.queuedAt) > Date.parse(h.at);
  });
}
