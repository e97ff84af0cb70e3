import { Messenger, Sent } from '../ports/messenger';
import { AppContext } from './context';

/**
 * A messenger that posts each keyed card once. After Teams accepts a card its activity id is
 * recorded under the send's key; a retry of the same send (the worker crashed before marking the
 * message delivered, or its lease passed to another) updates that card instead of posting it again.
 * What remains is the moment between Teams accepting the card and the record being written: a crash
 * exactly then still sends twice, and nothing on Teams' side lets a retry be recognised there.
 */
export function sendOnce(messenger: Messenger, ctx: Pick<AppContext, 'store' | 'clock'>, key: string): Messenger {
  const { store, clock } = ctx;
  const once = async (target: string, send: () => Promise<Sent>, card: object, summary: string): Promise<Sent> => {
    const sendKey = `${key}|${target}`;
    const earlier = await store.transaction((tx) => tx.sentCards.byKey(sendKey));
    if (earlier) {
      await messenger.updateCard(earlier.conversationId, earlier.activityId, card, summary);
      return { conversationId: earlier.conversationId, activityId: earlier.activityId };
    }
    const sent = await send();
    if (sent.activityId && sent.conversationId) {
      const record = { key: sendKey, conversationId: sent.conversationId, activityId: sent.activityId, sentAt: clock.now() };
      await store.transaction((tx) => tx.sentCards.record(record));
    }
    return sent;
  };
  return {
    sendToPerson: (personId, card, summary, mayPost) =>
      once(`person:${personId}`, () => messenger.sendToPerson(personId, card, summary, mayPost), card, summary),
    sendToChat: (conversationId, card, summary) => once(`chat:${conversationId}`, () => messenger.sendToChat(conversationId, card, summary), card, summary),
    updateCard: (conversationId, activityId, card, summary) => messenger.updateCard(conversationId, activityId, card, summary),
    chatRoster: (conversationId) => messenger.chatRoster(conversationId),
  };
}
