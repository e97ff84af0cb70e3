import { Actor, canLinkCaseChat, ensure } from '../domain/access/access-rules';
import { chatMembership } from '../domain/case/chat-membership';
import { DomainError } from '../domain/errors';
import { ChatMember } from '../ports/messenger';
import { StoreTx } from '../ports/store';
import { CaseRef, refOf } from './card-data';
import { AppContext, audit, enqueue, loadCase } from './context';

/** Who in a chat is on the case and who is not, read in the caller's transaction. */
export async function checkChat(tx: StoreTx, caseId: string, roster: readonly ChatMember[]) {
  const members = await tx.members.forCase(caseId);
  const people = await tx.people.byIds(members.map((m) => m.personId));
  return chatMembership(roster, members, people);
}

/** "Pat Smith is" / "Pat Smith, Someone from outside the organisation are": who is in a chat but not on the case. */
export const outsidersAre = (outsiders: readonly ChatMember[]): string =>
  `${outsiders.map((o) => o.name || 'Someone from outside the organisation').join(', ')} ${outsiders.length === 1 ? 'is' : 'are'}`;

/**
 * Makes a group chat the core group's own chat, where agendas are then posted. Refused while anyone
 * in the chat is not a current member of the case: the chair removes them (or adds them to the case)
 * first. Remembers what Teams calls each member, so the bot can open 1:1 chats with them too.
 */
export async function linkCaseChat(
  ctx: AppContext,
  actor: Actor,
  input: { caseId: string; conversationId: string; roster: readonly ChatMember[] },
): Promise<{ case: CaseRef; alreadyLinked: boolean; nextMeetingId?: string }> {
  return ctx.store.transaction(async (tx) => {
    const loaded = await loadCase(ctx, tx, actor, input.caseId);
    ensure(canLinkCaseChat(actor, loaded), 'CHAT.FORBIDDEN', 'make this chat the core group chat');
    const chat = await tx.conversations.byConversationId(input.conversationId);
    if (!chat || chat.scope !== 'groupChat')
      throw new DomainError(
        'CHAT.NOT_GROUP',
        'invalid',
        'Only a group chat can be a core group chat: add Core Groups to the chat with the core group members, then try again there.',
      );
    const { members, outsiders } = await checkChat(tx, input.caseId, input.roster);
    if (outsiders.length) {
      throw new DomainError(
        'CHAT.OUTSIDERS',
        'conflict',
        `${outsidersAre(outsiders)} in this chat but not ${outsiders.length === 1 ? 'a member' : 'members'} of ${loaded.case.reference}. Remove them from the chat, or add them to the case, then try again.`,
      );
    }
    const now = ctx.clock.now();
    const serviceUrl = typeof chat.reference.serviceUrl === 'string' ? chat.reference.serviceUrl : undefined;
    if (serviceUrl) {
      for (const [personId, m] of members)
        await tx.teamsUsers.save({ personId, teamsUserId: m.teamsUserId, serviceUrl, ...(chat.tenantId ? { tenantId: chat.tenantId } : {}), updatedAt: now });
    }
    const before = (await tx.conversations.chatForCase(input.caseId))?.conversationId;
    // Said again in the chat that is already the case's: nothing changes and nothing more is posted
    // (the chat already has, or will get, each agenda as its core group is booked).
    if (before === input.conversationId) return { case: refOf(loaded.case), alreadyLinked: true };
    await tx.conversations.linkCase(input.conversationId, input.caseId);
    await audit(ctx, tx, actor, 'case.chat-linked', 'case', input.caseId, input.caseId, before ? { conversationId: before } : undefined, {
      conversationId: input.conversationId,
      members: members.size,
    });
    // The chat gets the agenda of the next booked core group straight away.
    const next = (await tx.meetings.forCase(input.caseId))
      .filter((m) => m.status === 'booked' && m.startsAt && Date.parse(m.startsAt) > Date.parse(now))
      .sort((a, b) => a.number - b.number)[0];
    // Keyed by this link (its time), so a chat linked again after it was unlinked gets the agenda again.
    if (next)
      await enqueue(ctx, tx, {
        kind: 'card',
        topic: 'agenda.chat',
        payload: { meetingId: next.id, conversationId: input.conversationId },
        idempotencyKey: `agenda:${next.id}:v${next.version}:chat:${input.conversationId}:linked:${now}`,
        caseId: input.caseId,
      });
    return { case: refOf(loaded.case), alreadyLinked: false, ...(next ? { nextMeetingId: next.id } : {}) };
  });
}

/**
 * Whether everyone in a chat may read about a case: each person on its roster is a current member.
 * A roster that could not be read counts as not (the caller then answers privately).
 */
export async function everyoneOnCase(ctx: AppContext, caseId: string, roster: readonly ChatMember[] | undefined): Promise<boolean> {
  if (!roster) return false;
  const { outsiders } = await ctx.store.transaction((tx) => checkChat(tx, caseId, roster));
  return outsiders.length === 0;
}

/**
 * Queues a card for one person's 1:1 chat with the bot (an answer that must not go to the chat it
 * was asked in). Through the outbox, so it is paced, retried and sent once like any other card.
 */
export async function sendPrivately(ctx: AppContext, input: { personId: string; card: object; summary: string; key: string }): Promise<void> {
  await ctx.store.transaction((tx) =>
    enqueue(ctx, tx, {
      kind: 'card',
      topic: 'notice.send',
      payload: { personId: input.personId, card: input.card, summary: input.summary },
      idempotencyKey: `private:${input.key}`,
    }),
  );
}

/** Forgets a chat's link to its case (the bot was removed from it, or it no longer qualifies). */
export async function unlinkCaseChat(ctx: AppContext, input: { conversationId: string; reason: string }): Promise<void> {
  await ctx.store.transaction(async (tx) => {
    const chat = await tx.conversations.byConversationId(input.conversationId);
    if (!chat?.caseId) return;
    await tx.conversations.linkCase(input.conversationId, undefined);
    await audit(
      ctx,
      tx,
      { personId: 'system' },
      'case.chat-unlinked',
      'case',
      chat.caseId,
      chat.caseId,
      { conversationId: input.conversationId },
      { reason: input.reason },
    );
  });
}
