import { randomUUID } from 'node:crypto';
import { AppContext } from '../../src/app/context';
import { actorFor } from '../../src/app/identity';
import { sendPrivately as queuePrivately } from '../../src/app/case-chat';
import { Actor } from '../../src/domain/access/access-rules';
import { DomainError } from '../../src/domain/errors';
import { CalendarPort } from '../../src/ports/calendar';
import { ChatMember } from '../../src/ports/messenger';
import { AdaptiveCardJson } from '../cards/expand';
import { Links } from '../views';
import { StoreVerb } from '../verbs';
import { Where, Who } from './turn';

/** What the core needs: the use cases' context, where cards link to, and (for `schedule`) a calendar. */
export interface CoreDeps {
  readonly ctx: AppContext;
  readonly links: Links;
  /** For `schedule CASE-REF`: free/busy and the meeting length and hours to look in. */
  readonly scheduling?: {
    readonly calendar: CalendarPort;
    readonly durationMinutes: number;
    readonly workingHours: { readonly start: string; readonly end: string };
  };
  readonly log?: (message: string, error?: unknown) => void;
  /**
   * Runs the handler of a verb that needs only the store somewhere other than this thread (see
   * src/server/card-action-thread.ts): the same handler, given the same actor and data, with the same
   * answer or refusal. Without it, every handler runs here.
   */
  readonly actionRunner?: ActionRunner;
}

/** A card action's handler, run elsewhere: its card, or its refusal thrown as the DomainError it was. */
export type ActionRunner = (verb: StoreVerb, actor: Actor, data: Record<string, unknown>) => Promise<AdaptiveCardJson>;

/** The person acting, from the Entra object id Teams gave (a forwarded card acts as whoever clicks it). */
export async function actorOf(deps: CoreDeps, who: Who): Promise<Actor> {
  if (!who.entraObjectId) throw new DomainError('AUTH.NO_IDENTITY', 'unauthenticated', 'Teams did not say who you are.');
  return (await actorFor(deps.ctx, { objectId: who.entraObjectId, via: 'bot' })).actor;
}

/** A group chat or a channel: a conversation where people other than the asker read the answer. */
export const isShared = (where: Where): boolean => where.kind !== 'personal';

export const SENT_PRIVATELY = "I've sent that to you privately.";

/** Queues a card for the actor's 1:1 chat with the bot, once per activity. */
export async function sendPrivately(deps: CoreDeps, where: Where, actor: Actor, card: AdaptiveCardJson, summary: string): Promise<void> {
  const key = `${where.conversationId}:${where.activityId ?? randomUUID()}`;
  await queuePrivately(deps.ctx, { personId: actor.personId, card, summary, key });
}

/** The people in the turn's chat, or undefined when Teams would not say (then nobody is assumed safe). */
export async function rosterOrNothing(deps: CoreDeps, where: Where): Promise<ChatMember[] | undefined> {
  try {
    return await where.roster();
  } catch (e) {
    deps.log?.('could not read the chat roster', e);
    return undefined;
  }
}
