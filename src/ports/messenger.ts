/** Sends cards to people in Teams. The bot host implements it; the outbox worker uses it. */
export interface Messenger {
  /**
   * Posts a card in the person's 1:1 chat with the bot. `summary` is what a notification preview
   * shows: never anything sensitive. `mayPost`, when given, is asked once the chat is found (or
   * opened), just before posting; when it answers false nothing is posted (no activity id comes back).
   */
  sendToPerson(personId: string, card: object, summary: string, mayPost?: MayPost): Promise<Sent>;
  /** Posts a card in a chat the bot is in (a case's core group chat). */
  sendToChat(conversationId: string, card: object, summary: string): Promise<Sent>;
  /** Replaces a card the bot posted earlier (Teams' updateActivity), e.g. when a send is retried. */
  updateCard(conversationId: string, activityId: string, card: object, summary: string): Promise<void>;
  /** Who is in a chat now, as Teams lists them (its roster, read at the moment of asking). */
  chatRoster(conversationId: string): Promise<ChatMember[]>;
}

/**
 * Whether a card may still be posted in the person's chat (`conversationId`), asked at the last
 * moment: the answer and the post cannot be separated by someone else reaching them first.
 */
export type MayPost = (conversationId: string) => Promise<boolean>;

/** Where a card went: the chat, and Teams' id for the message (when Teams gave one). */
export interface Sent {
  readonly conversationId?: string;
  readonly activityId?: string;
}

/** A person in a Teams chat: Teams' own id for them and, for people in the tenant, their Entra object id. */
export interface ChatMember {
  readonly teamsUserId: string;
  readonly entraObjectId?: string;
  readonly name?: string;
}

/**
 * A delivery that did not happen. `status` is the remote service's HTTP status when there was one;
 * `retryAfterMs` its Retry-After; `permanent` says retrying cannot help (nobody to send to).
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
    readonly permanent = false,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** Installs the app for someone who has not, so the bot can open a chat with them (Teams then says so). */
export interface AppInstaller {
  installFor(entraObjectId: string): Promise<void>;
}
