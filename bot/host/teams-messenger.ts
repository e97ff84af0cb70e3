import { Activity, CardFactory, CloudAdapter, ConversationReference, MessageFactory, TeamsInfo, TurnContext } from 'botbuilder';
import { SendLimiter } from '../../src/domain/delivery/rate-limits';
import { AppInstaller, ChatMember, DeliveryError, MayPost, Messenger, Sent } from '../../src/ports/messenger';
import { Clock } from '../../src/ports/clock';
import { Store, StoredConversation, TeamsUser } from '../../src/ports/store';
import { pacedSend } from './send-pacing';

// The audience of the Bot Framework's own token service, which Teams' connector accepts.
const BOT_FRAMEWORK_AUDIENCE = 'https://api.botframework.com';

/** How long to wait before trying again someone the bot cannot reach yet. */
export const UNREACHABLE_RETRY_MS = 15 * 60_000;

const deliveryError = (e: unknown): DeliveryError => {
  const err = e as { statusCode?: number; response?: { headers?: { get?: (h: string) => string | undefined } } };
  const retryAfter = Number(err.response?.headers?.get?.('retry-after'));
  return new DeliveryError((e as Error).message, err.statusCode, Number.isFinite(retryAfter) ? retryAfter * 1000 : undefined);
};

/**
 * Proactive messages through the Bot Framework, paced to Teams' rate limits, using the conversation
 * references captured from Teams' activities. Someone the bot has no chat with yet gets one opened
 * (by the id a chat roster gave for them), or the app installed for them through Graph; until then
 * the delivery is a retryable failure.
 */
export interface TeamsMessengerOptions {
  readonly adapter: CloudAdapter;
  readonly appId: string;
  readonly store: Store;
  /** Stamps the chats it opens, as the rest of the app stamps what it stores. */
  readonly clock: Clock;
  /** Paces sends to Teams' limits (this instance's share of them). */
  readonly limiter?: SendLimiter;
  /** Installs the app for someone the bot cannot reach yet (Graph), where the organisation allows it. */
  readonly installer?: AppInstaller;
}

export function teamsMessenger({ adapter, appId, store, clock, limiter = new SendLimiter(), installer }: TeamsMessengerOptions): Messenger {
  /**
   * Runs `work` in a proactive turn and rethrows what it threw. The adapter hands an error inside a
   * turn to its onTurnError (which logs it and apologises in the chat) and returns normally, so
   * without this a card Teams refused (429, 503, no answer) would be marked delivered: lost.
   */
  async function inTurn(reference: Partial<ConversationReference>, work: (context: TurnContext) => Promise<void>): Promise<void> {
    let failure: { error: unknown } | undefined;
    try {
      await adapter.continueConversationAsync(appId, reference, async (context) => {
        try {
          await work(context);
        } catch (error) {
          failure = { error };
        }
      });
    } catch (e) {
      throw deliveryError(e);
    }
    if (failure) throw deliveryError(failure.error);
  }

  /** Runs a write to the conversation once Teams' limits allow it (see pacedSend). */
  function paced<T>(conversation: StoredConversation, write: () => Promise<T>): Promise<T> {
    return pacedSend(limiter, conversation.conversationId, conversation.tenantId ?? 'tenant', write);
  }

  async function send(conversation: StoredConversation, card: object, summary: string, mayPost?: MayPost): Promise<Sent> {
    let activityId: string | undefined;
    await paced(conversation, async () => {
      // Asked after the wait Teams' limits impose, just before posting: a first contact meanwhile gives the card to the digest.
      if (mayPost && !(await mayPost(conversation.conversationId))) return;
      await inTurn(conversation.reference as Partial<ConversationReference>, async (context) => {
        activityId = (await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card), undefined, summary)))?.id;
      });
    });
    return { conversationId: conversation.conversationId, ...(activityId ? { activityId } : {}) };
  }

  /** Opens a 1:1 chat with someone Teams has listed in a chat with the bot, and remembers it. */
  async function openChat(personId: string, user: TeamsUser): Promise<StoredConversation> {
    let opened: StoredConversation | undefined;
    try {
      await adapter.createConversationAsync(
        appId,
        'msteams',
        user.serviceUrl,
        BOT_FRAMEWORK_AUDIENCE,
        {
          isGroup: false,
          bot: { id: appId, name: 'Core Groups' },
          members: [{ id: user.teamsUserId, name: '' }],
          ...(user.tenantId ? { tenantId: user.tenantId, channelData: { tenant: { id: user.tenantId } } } : {}),
        } as Parameters<CloudAdapter['createConversationAsync']>[4],
        async (context) => {
          const reference = TurnContext.getConversationReference(context.activity as Partial<Activity>) as unknown as Record<string, unknown>;
          opened = {
            key: `personal:${personId}`,
            personId,
            conversationId: context.activity.conversation.id,
            scope: 'personal',
            ...(user.tenantId ? { tenantId: user.tenantId } : {}),
            reference,
            updatedAt: clock.now(),
          };
        },
      );
    } catch (e) {
      throw deliveryError(e);
    }
    if (!opened) throw new DeliveryError(`Teams opened no chat with person ${personId}`, 502);
    const chat = opened;
    await store.transaction((tx) => tx.conversations.save(chat));
    return chat;
  }

  /** A chat the bot is in; one it has left (or never joined) cannot be written to, so that is permanent. */
  async function knownChat(conversationId: string): Promise<StoredConversation> {
    const conversation = await store.transaction((tx) => tx.conversations.byConversationId(conversationId));
    if (!conversation) throw new DeliveryError(`the bot is no longer in conversation ${conversationId}`, 404, undefined, true);
    return conversation;
  }

  return {
    async sendToPerson(personId, card, summary, mayPost) {
      // Nearly every card goes to someone the bot already has a chat with: one read on that path.
      const conversation = await store.transaction((tx) => tx.conversations.personalFor(personId));
      if (conversation) return send(conversation, card, summary, mayPost);
      const { teamsUser, person, anyChat } = await store.transaction(async (tx) => ({
        teamsUser: await tx.teamsUsers.byPerson(personId),
        person: await tx.people.byId(personId),
        anyChat: await tx.conversations.latestInTenant(undefined),
      }));
      if (teamsUser) return send(await openChat(personId, teamsUser), card, summary, mayPost);
      // Teams also opens a 1:1 chat by Entra object id, once the app is installed for that person
      // (an admin may have installed it for everyone): try that through the connector we know.
      const serviceUrl = typeof anyChat?.reference.serviceUrl === 'string' ? anyChat.reference.serviceUrl : undefined;
      if (person?.entraObjectId && serviceUrl) {
        try {
          return await send(
            await openChat(personId, {
              personId,
              teamsUserId: person.entraObjectId,
              serviceUrl,
              ...(anyChat?.tenantId ? { tenantId: anyChat.tenantId } : {}),
              updatedAt: clock.now(),
            }),
            card,
            summary,
            mayPost,
          );
        } catch (e) {
          // 403/404: the app is not installed for them; anything else is a real failure, retried.
          if (!(e instanceof DeliveryError) || (e.status !== 403 && e.status !== 404)) throw e;
        }
      }
      // Install the app for them; Teams then sends an installationUpdate, which stores the chat, and
      // the outbox's retry delivers the card.
      if (installer && person?.entraObjectId) {
        await installer.installFor(person.entraObjectId);
        throw new DeliveryError(`installed Core Groups for person ${personId}; waiting for Teams to open the chat`, undefined, 30_000);
      }
      // Not a Teams failure (no status): they may install the app later, so it is retried, slowly.
      throw new DeliveryError(`no Teams chat with person ${personId} yet: they have not opened Core Groups in Teams`, undefined, UNREACHABLE_RETRY_MS);
    },
    async sendToChat(conversationId, card, summary) {
      return send(await knownChat(conversationId), card, summary);
    },
    async updateCard(conversationId, activityId, card, summary) {
      // The card was posted before (a retried send): replace it in place, paced like any send.
      const conversation = (await store.transaction((tx) => tx.conversations.byConversationId(conversationId))) ?? (await knownChat(conversationId));
      await paced(conversation, () =>
        inTurn(conversation.reference as Partial<ConversationReference>, async (context) => {
          await context.updateActivity({ ...MessageFactory.attachment(CardFactory.adaptiveCard(card), undefined, summary), id: activityId });
        }),
      );
    },
    async chatRoster(conversationId) {
      const conversation = await knownChat(conversationId);
      const members: ChatMember[] = [];
      await inTurn(conversation.reference as Partial<ConversationReference>, async (context) => {
        members.push(...(await rosterOf(context)));
      });
      return members;
    },
  };
}

/** Every member of the turn's conversation, page by page (Teams lists at most 500 a page). */
export async function rosterOf(context: TurnContext): Promise<ChatMember[]> {
  const members: ChatMember[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await TeamsInfo.getPagedMembers(context, 500, continuationToken);
    for (const m of page.members) {
      // The paged API names the Entra id aadObjectId; the older one, objectId.
      const entraObjectId = m.aadObjectId ?? (m as { objectId?: string }).objectId;
      members.push({ teamsUserId: m.id, ...(entraObjectId ? { entraObjectId } : {}), ...(m.name ? { name: m.name } : {}) });
    }
    continuationToken = page.continuationToken || undefined;
  } while (continuationToken);
  return members;
}
