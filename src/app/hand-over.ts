import { StoreTx } from '../ports/store';
import { AppContext } from './context';

/**
 * Who tells a person what was queued for them before the bot could reach them: one digest, with the
 * welcome, at their first contact with the bot (installing the app, a message, a card action) or,
 * when the bot opened the chat with them itself, as the first thing it posts there; or the cards
 * themselves, one by one, for someone the bot could reach when they were queued (they had the app
 * before digests existed). Both sides claim one record per person in the store, so exactly one wins
 * and each queued card goes out once: by the digest, or by the outbox.
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
  return ctx.store.transaction((tx) => digestSentAtIn(tx, personId));
}

/** The same, in the caller's transaction. */
export async function digestSentAtIn(tx: StoreTx, personId: string): Promise<string | undefined> {
  const h = await handOverOf(tx, personId);
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

/** Claims the welcome in a chat: true once per chat. */
export async function claimWelcome(tx: StoreTx, input: { conversationId: string; at: string }): Promise<boolean> {
  const key = `welcome|${input.conversationId}`;
  // A read first: after the first activity the welcome is claimed, and nothing need be written.
  return !(await tx.sentCards.byKey(key)) && tx.sentCards.claim({ key, conversationId: input.conversationId, activityId: 'welcome', sentAt: input.at });
}

/** Queues the welcome and digest someone won but cannot be answered with (the outbox sends them, once). */
export async function queueWelcome(tx: StoreTx, input: { personId: string; conversationId: string; welcome: boolean; digest: boolean; at: string }) {
  const { personId, welcome, digest } = input;
  await tx.outbox.enqueue(
    { kind: 'card', topic: 'welcome.send', payload: { personId, welcome, digest }, idempotencyKey: `welcome:${input.conversationId}` },
    input.at,
  );
}

/**
 * Asked by the outbox just before it posts a card queued at `queuedAt` — after the bot has found
 * (or opened) the person's chat, so nothing can come between this answer and the post: whether the
 * card still goes. It does not when a digest was given after it was queued (the digest said it).
 * When nobody has told the person anything yet, the outbox claims the hand-over: if the chat is
 * newer than the card (the bot has just opened it), for the digest, queued here with the welcome in
 * place of the backlog; if the person could be reached when the card was queued, for the cards,
 * which go one by one, and a later first contact brings a welcome but no digest repeating them.
 */
export async function cardMayGo(ctx: AppContext, input: { personId: string; conversationId: string; queuedAt: string }): Promise<boolean> {
  const { personId, conversationId } = input;
  const at = ctx.clock.now();
  const queuedAt = Date.parse(input.queuedAt);
  const goes = (h: HandOver | undefined) => !h || h.by === 'cards' || queuedAt > Date.parse(h.at);
  return ctx.store.transaction(async (tx) => {
    const h = await handOverOf(tx, personId);
    if (h) return goes(h);
    const chat = await tx.conversations.byConversationId(conversationId);
    if (chat && Date.parse(chat.updatedAt) > queuedAt) {
      if (await claimDigest(tx, { personId, conversationId, at })) {
        await queueWelcome(tx, { personId, conversationId, welcome: await claimWelcome(tx, { conversationId, at }), digest: true, at });
        return false;
      }
    } else if (await tx.sentCards.claim({ key: handOverKey(personId), conversationId, activityId: BY_CARDS, sentAt: at })) return true;
    // Someone else claimed it in the meantime (their first contact, another instance's outbox).
    return goes(await handOverOf(tx, personId));
  });
}
