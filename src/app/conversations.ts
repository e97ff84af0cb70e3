import { unlinkCaseChat } from './case-chat';
import { AppContext } from './context';

/** Where a conversation is: a person's 1:1 chat with the bot, a group chat, or a team's channel. */
export type ConversationScope = 'personal' | 'groupChat' | 'team';

/**
 * Remembers where a person or chat can be reached, from an activity Teams sent in it, so proactive
 * cards have somewhere to go. `reference` is the host's own way back to the conversation, kept as
 * it gave it. A 1:1 chat is remembered only for someone we know (by Entra object id).
 */
export async function rememberConversation(
  ctx: AppContext,
  input: { conversationId: string; scope: ConversationScope; entraObjectId?: string; tenantId?: string; reference: Record<string, unknown> },
): Promise<void> {
  const store = ctx.store;
  const objectId = input.entraObjectId;
  const person = input.scope === 'personal' && objectId ? await store.transaction((tx) => tx.people.byEntraObjectId(objectId)) : undefined;
  if (input.scope === 'personal' && !person) return;
  await store.transaction(async (tx) => {
    // Most activities come from a conversation we already know: a read, not a write.
    const known = person ? await tx.conversations.personalFor(person.id) : await tx.conversations.byConversationId(input.conversationId);
    if (known && known.conversationId === input.conversationId && known.reference.serviceUrl === input.reference.serviceUrl) return;
    await tx.conversations.save({
      key: person ? `personal:${person.id}` : `conversation:${input.conversationId}`,
      ...(person ? { personId: person.id } : {}),
      conversationId: input.conversationId,
      scope: input.scope,
      ...(input.tenantId ? { tenantId: input.tenantId } : {}),
      reference: input.reference,
      updatedAt: ctx.clock.now(),
    });
  });
}

/** The app was removed from a conversation: any case link goes with it (audited), and the conversation is forgotten. */
export async function forgetConversation(ctx: AppContext, conversationId: string): Promise<void> {
  await unlinkCaseChat(ctx, { conversationId, reason: 'Core Groups was removed from the chat' });
  await ctx.store.transaction((tx) => tx.conversations.remove(conversationId));
}

/** Records that `key` (a welcome in one chat) was done: true the first time, false ever after. */
export async function firstTime(ctx: AppContext, key: string, conversationId: string): Promise<boolean> {
  return ctx.store.transaction(async (tx) => {
    if (await tx.sentCards.byKey(key)) return false;
    await tx.sentCards.record({ key, conversationId, activityId: key, sentAt: ctx.clock.now() });
    return true;
  });
}
