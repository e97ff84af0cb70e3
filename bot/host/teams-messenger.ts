import { CardFactory, CloudAdapter, ConversationReference, MessageFactory } from 'botbuilder';
import { SendLimiter } from '../../src/domain/delivery/rate-limits';
import { AppInstaller, DeliveryError, Messenger } from '../../src/ports/messenger';
import { Store } from '../../src/ports/store';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Proactive messages through the Bot Framework, paced to Teams' rate limits, using the conversation
 * references captured when people installed or used the bot. A person the bot cannot reach yet is a
 * retryable failure: the app may be installed for them later.
 */
export function teamsMessenger(adapter: CloudAdapter, appId: string, store: Store, limiter = new SendLimiter(), installer?: AppInstaller): Messenger {
  return {
    async sendToPerson(personId, card, summary) {
      const conversation = await store.transaction((tx) => tx.conversations.personalFor(personId));
      if (!conversation) {
        // Install the app for them; Teams then sends an installationUpdate, which stores the chat, and
        // the outbox's retry delivers the card.
        const person = await store.transaction((tx) => tx.people.byId(personId));
        if (installer && person?.entraObjectId) {
          await installer.installFor(person.entraObjectId);
          throw new DeliveryError(`installed Core Groups for person ${personId}; waiting for Teams to open the chat`, 404, 30_000);
        }
        throw new DeliveryError(`no Teams conversation with person ${personId} yet`, 404);
      }
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
