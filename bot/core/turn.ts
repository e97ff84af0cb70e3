import { ChatMember } from '../../src/ports/messenger';
import { AdaptiveCardJson } from '../cards/expand';

/**
 * What the bot's core is given and gives back: plain data, no Bot Framework types. The host (see
 * bot/host/teams-bot.ts) turns each Teams activity into these and the answers back into activities.
 */

/** Who sent the activity, as Teams names them. */
export interface Who {
  /** Their Entra object id: how the core finds the person (and refuses anyone it cannot name). */
  readonly entraObjectId?: string;
  readonly name?: string;
}

/** Where the activity happened. */
export interface Where {
  readonly conversationId: string;
  /** A 1:1 chat with the bot, a group chat, or a team's channel. */
  readonly kind: 'personal' | 'groupChat' | 'channel';
  readonly tenantId?: string;
  /** The activity's own id, so what one activity sends privately is sent once. */
  readonly activityId?: string;
  /** How the host reaches this conversation again; opaque to the core, stored for proactive cards. */
  readonly reference: Record<string, unknown>;
  /** Who is in the conversation (Teams' roster); rejects when Teams will not say. */
  readonly roster: () => Promise<ChatMember[]>;
}

/** What happened to the conversation itself ('card-action': a button was pressed; 'other': a message or anything else). */
export type ConversationEvent = 'installed' | 'upgraded' | 'uninstalled' | 'bot-added' | 'card-action' | 'other';

/** An answer in the conversation: a card, or a line of text. */
export type Reply =
  | {
      readonly card: AdaptiveCardJson;
      /** What to do if Teams does not take this card (and the replies after it): what it said must reach the person another way. */
      readonly ifUnsent?: () => Promise<void>;
    }
  | { readonly text: string };

/** The answer to a card action (a Universal Action): the card to show in its place, or a refusal. */
export type ActionResult =
  | { readonly kind: 'card'; readonly card: AdaptiveCardJson }
  | { readonly kind: 'error'; readonly status: number; readonly code: string; readonly message: string };

/** A card action: the verb of the button pressed, and the data it carried with the inputs. */
export interface CardAction {
  readonly verb: string;
  readonly data: Record<string, unknown>;
}
