import { unlinkCaseChat } from './case-chat';
import { StoreTx } from '../ports/store';
import { AppContext } from './context';
import { claimDigest, claimWelcome, handOverOf, queueWelcome } from './hand-over';

/** Where a conversation is: a person's 1:1 chat with the bot, a group chat, or a team's channel. */
export type ConversationScope = 'personal' | 'groupChat' | 'team';

type Conversation = { conversationId: string; scope: ConversationScope; entraObjectId?: string; tenantId?: string; reference: Record<string, unknown> };

/**
 * Remembers where a person or chat can be reached, from an activity Teams sent in it, so proactive
 * cards have somewhere to go. `reference` is the host's own way back to the conversation, kept as
 * it gave it. A 1:1 chat is remembered only for someone we know (by Entra object id).
 */
export async function rememberConversation(ctx: AppContext, input: Conversation): Promise<void> {
  const objectId = input.entraObjectId;
  const person = input.scope === 'personal' && objectId ? await ctx.store.transaction((tx) => tx.people.byEntraObjectId(objectId)) : undefined;
  if (input.scope === 'personal' && !person) return;
  await ctx.store.transaction((tx) => saveConversation(tx, ctx.clock.now(), input, person?.id));
}

/** What a person's first contact in a 1:1 chat brings: the welcome (once per chat), and the digest (once per person). */
export interface FirstContact {
  /** Undefined for someone we do not know: they are welcomed (and told what to ask for), nothing more. */
  readonly personId?: string;
  readonly welcome: boolean;
  readonly digest: boolean;
}

/**
 * Any activity in someone's 1:1 chat with the bot — installing the app, a message, a card action,
 * whichever Teams delivers first: remembers the chat and, in the same transaction, claims the
 * welcome for this chat and the digest for this person. Each claim is won by one activity only,
 * even when two arrive at once on two server instances. With `byOutbox` (a card action) what was
 * won is queued, in the same transaction, rather than answered.
 */
export async function firstContact(ctx: AppContext, input: Omit<Conversation, 'scope'>, options: { byOutbox?: boolean } = {}): Promise<FirstContact> {
  const objectId = input.entraObjectId;
  const at = ctx.clock.now();
  return ctx.store.transaction(async (tx) => {
    const person = objectId ? await tx.people.byEntraObjectId(objectId) : undefined;
    // A 1:1 chat is remembered only for someone we know; the outbox cannot reach anyone else.
    if (!person && options.byOutbox) return { welcome: false, digest: false };
    if (person) await saveConversation(tx, at, { ...input, scope: 'personal' }, person.id);
    const conversationId = input.conversationId;
    // Reads first: after the first activity both are claimed, and nothing need be written.
    const welcome = await claimWelcome(tx, { conversationId, at });
    if (!person) return { welcome, digest: false };
    const digest = !(await handOverOf(tx, person.id)) && (await claimDigest(tx, { personId: person.id, conversationId, at }));
    // A card action's answer is only the card in the pressed one's place: the welcome and digest follow through the outbox.
    if (options.byOutbox && (welcome || digest)) {
      await queueWelcome(tx, { personId: person.id, conversationId, welcome, digest, at });
      return { personId: person.id, welcome: false, digest: false };
    }
    return { personId: person.id, welcome, digest };
  });
}

/**
 * A welcome or digest someone's first contact won, whose answer Teams did not take: queued for the
 * outbox instead (once), since the claim says it was given and nothing else would send it.
 */
export async function handOverToOutbox(ctx: AppContext, input: { personId: string; conversationId: string; welcome: boolean; digest: boolean }) {
  await ctx.store.transaction((tx) => queueWelcome(tx, { ...input, at: ctx.clock.now() }));
}

async function saveConversation(tx: StoreTx, at: string, input: Conversation, personId: string | undefined): Promise<void> {
  // Most activities come from a conversation we already know: a read, not a write.
  const known = personId ? await tx.conversations.personalFor(personId) : await tx.conversations.byConversationId(input.conversationId);
  if (known && known.conversationId === input.conversationId && known.reference.serviceUrl === input.reference.serviceUrl) return;
  await tx.conversations.save({
    key: personId ? `personal:${personId}` : `conversation:${input.conversationId}`,
    ...(personId ? { personId } : {}),
    conversationId: input.conversationId,
    scope: input.scope,
    ...(input.tenantId ? { tenantId: input.tenantId } : {}),
    reference: input.reference,
    updatedAt: at,
  });
}

/** The app was removed from a conversation: any case link goes with it (audited), and the conversation is forgotten. */
export async function forgetConversation(ctx: AppContext, conversationId: string): Promise<void> {
  await unlinkCaseChat(ctx, { conversationId, reason: 'Core Groups was removed from the chat' });
  await ctx.store.transaction((tx) => tx.conversations.remove(conversationId));
}
