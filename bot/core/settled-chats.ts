import { LRUCache } from 'lru-cache';

/** A 1:1 chat as an activity names it: which chat, whose (their Entra object id), and the service Teams answers from. */
export interface PersonalChat {
  readonly conversationId: string;
  readonly entraObjectId: string;
  readonly serviceUrl: string;
}

interface Settled {
  readonly entraObjectId: string;
  readonly serviceUrl: string;
  readonly personId: string;
}

/** How long a chat is taken as settled before the store is asked again, and how many are kept. */
export const SETTLED_FOR_MS = 15 * 60_000;
export const SETTLED_MOST = 10_000;

/**
 * 1:1 chats whose first contact is over: the chat is stored with this service URL, its welcome is
 * claimed and so is its person's digest. Another activity from the same person in the same chat would
 * find nothing to write or claim, so it need not queue for the store's connection to learn that
 * (about a tenth of a card submit's cost, all of it waiting its turn for SQLite's one connection).
 *
 * What could make a settled chat unsettled: people are never re-keyed (an Entra object id belongs to
 * one person for good) and claims are never undone; a chat is forgotten only when the app is removed
 * from it, which `forget` follows here and another server instance learns within `SETTLED_FOR_MS`.
 * A chat with a new service URL, or a new person in it, is looked up afresh.
 */
export class SettledChats {
  private readonly byConversation: LRUCache<string, Settled>;

  /** `now`: the app's clock in milliseconds, so a pinned clock pins when a chat is looked at again. */
  constructor(now: () => number, options: { forMs?: number; most?: number } = {}) {
    this.byConversation = new LRUCache<string, Settled>({
      max: options.most ?? SETTLED_MOST,
      ttl: options.forMs ?? SETTLED_FOR_MS,
      // From when first contact last ran, not when it was last skipped: the store is asked again at least that often.
      updateAgeOnGet: false,
      perf: { now },
      // Read `now` every time: by default it is kept for a millisecond of real time, in which a test's clock can move an hour.
      ttlResolution: 0,
    });
  }

  /** The person first contact found in this chat, if it is settled; undefined: run first contact. */
  personIn(chat: PersonalChat): string | undefined {
    const settled = this.byConversation.get(chat.conversationId);
    return settled && settled.entraObjectId === chat.entraObjectId && settled.serviceUrl === chat.serviceUrl ? settled.personId : undefined;
  }

  /** First contact has run for this chat and found `personId`: whatever it had to write or claim is done. */
  settle(chat: PersonalChat, personId: string): void {
    this.byConversation.set(chat.conversationId, { entraObjectId: chat.entraObjectId, serviceUrl: chat.serviceUrl, personId });
  }

  /** The app was removed from the chat: it is stored no more. */
  forget(conversationId: string): void {
    this.byConversation.delete(conversationId);
  }
}
