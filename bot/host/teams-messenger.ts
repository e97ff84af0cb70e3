import { CardFactory, CloudAdapter, ConversationReference, MessageFactory } from 'botbuilder';
import { SendLimiter } from '../../src/domain/delivery/rate-limits';
import { DeliveryError, Messenger } from '../../src/ports/messenger';
import { Store } from '../../src/ports/store';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Proactive messages through the Bot Framework, paced to Teams' rate limits, using the conversation
 * references captured when people installed or used the bot. A person the bot cannot reach yet is a
 * retryable failure: the app may be installed for them later.
 */
export function teamsMessenger(adapter: CloudAdapter, appId: string, store: Store, limiter = new SendLimiter()): Messenger {
  return {
    async sendToPerson(personId, card, summary) {
      const conversation = await store.transaction((tx) => tx.conversations.personalFor(personId));
      if (!conversation) throw new DeliveryError(`no Teams conversation with person ${personId} yet`, 404);
      const wait = limiter.delayFor(conversation.conversationId, conversation.tenantId ?? 'tenant', Date.now());
      if (wait > 0) await sleep(wait);
      limiter.record(conversation.conversationId, conversation.tenantId ?? 'tenant', Date.now());
      let activityId: string | undefined;
      try {
        await adapter.continueConversationAsync(appId, conversation.reference as Partial<ConversationReference>, async (context) => {
          const sent = await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card), undefined, summary));
          activityId = sent?.id;
        });
      } catch (e) {
        const err = e as { statusCode?: number; response?: { headers?: { get?: (h: string) => string | undefined } } };
        const retryAfter = Number(err.response?.headers?.get?.('retry-after'));
        throw new DeliveryError((e as Error).message, err.statusCode, Number.isFinite(retryAfter) ? retryAfter * 1000 : undefined);
      }
      return activityId ? { activityId } : {};
    },
  };
}
