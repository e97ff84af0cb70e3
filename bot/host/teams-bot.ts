import {
  AdaptiveCardInvokeResponse,
  AdaptiveCardInvokeValue,
  CardFactory,
  InvokeResponse,
  MessageFactory,
  TeamsActivityHandler,
  TurnContext,
} from 'botbuilder';
import { ChatMember } from '../../src/ports/messenger';
import { CARD_CONTENT_TYPE } from '../cards/expand';
import { BotCore } from '../core/bot-core';
import { CoreDeps } from '../core/deps';
import { ActionResult, ConversationEvent, Reply, Where, Who } from '../core/turn';
import { rosterOf } from './teams-messenger';

export interface BotDeps extends CoreDeps {
  /** Who is in the turn's chat (Teams' roster); tests give their own. */
  readonly roster?: (context: TurnContext) => Promise<ChatMember[]>;
}

/**
 * The botbuilder host, and only that: it turns each Teams activity into the core's plain inputs
 * (who, where, what) and the core's replies and cards back into activities and invoke responses.
 * Everything the bot decides is in bot/core, which knows nothing of botbuilder.
 */
export class CoreGroupsBot extends TeamsActivityHandler {
  readonly core: BotCore;

  constructor(private readonly deps: BotDeps) {
    super();
    this.core = new BotCore(deps);
    this.onMessage(async (context, next) => {
      await this.reply(context, await this.core.message(this.who(context), this.where(context), TurnContext.removeRecipientMention(context.activity) ?? ''));
      await next();
    });
  }

  /**
   * Every activity Teams sends (install, message, card action) first tells the core where it came
   * from; a Universal Action tells it in the core's cardAction, which finds who is acting in the same
   * transaction (see onInvokeActivity).
   */
  protected override async onTurnActivity(context: TurnContext): Promise<void> {
    if (context.activity.conversation?.id && !isUniversalAction(context))
      await this.reply(context, await this.core.seen(this.who(context), this.where(context), this.event(context)));
    await super.onTurnActivity(context);
  }

  /**
   * Teams expects every Universal Action answered with HTTP 200, the outcome (200, 400, 403…) in the
   * body's statusCode. botbuilder would copy that code onto the HTTP status; we do not.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (!isUniversalAction(context)) return super.onInvokeActivity(context);
    const value = context.activity.value as Partial<AdaptiveCardInvokeValue> | undefined;
    if (!value?.action || value.action.type !== 'Action.Execute' || typeof value.action.verb !== 'string') {
      // Seen all the same, as every activity is.
      if (context.activity.conversation?.id) await this.reply(context, await this.core.seen(this.who(context), this.where(context), this.event(context)));
      return {
        status: 200,
        body: invokeResponse({ kind: 'error', status: 400, code: 'CARD.INVALID', message: 'The card action is not an Action.Execute with a verb.' }),
      };
    }
    const data = (value.action.data ?? {}) as Record<string, unknown>;
    return { status: 200, body: invokeResponse(await this.core.cardAction(this.who(context), this.where(context), { verb: value.action.verb, data })) };
  }

  private who(context: TurnContext): Who {
    const from = context.activity.from;
    return { ...(from?.aadObjectId ? { entraObjectId: from.aadObjectId } : {}), ...(from?.name ? { name: from.name } : {}) };
  }

  private where(context: TurnContext): Where {
    const a = context.activity;
    const type = a.conversation?.conversationType;
    const tenantId = a.conversation?.tenantId ?? (a.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
    return {
      conversationId: a.conversation?.id ?? '',
      kind: type === 'personal' ? 'personal' : type === 'channel' ? 'channel' : type === 'groupChat' ? 'groupChat' : 'personal',
      ...(tenantId ? { tenantId } : {}),
      ...(a.id ? { activityId: a.id } : {}),
      reference: TurnContext.getConversationReference(a) as unknown as Record<string, unknown>,
      roster: () => (this.deps.roster ?? rosterOf)(context),
    };
  }

  private event(context: TurnContext): ConversationEvent {
    const a = context.activity;
    if (a.type === 'installationUpdate') {
      if (a.action === 'add') return 'installed';
      if (a.action === 'add-upgrade') return 'upgraded';
      if (a.action === 'remove' || a.action === 'remove-upgrade') return 'uninstalled';
    }
    if (a.type === 'conversationUpdate' && (a.membersAdded ?? []).some((m) => m.id === a.recipient?.id)) return 'bot-added';
    if (a.type === 'invoke') return 'card-action';
    return 'other';
  }

  private async reply(context: TurnContext, replies: readonly Reply[]): Promise<void> {
    for (const r of replies) {
      try {
        await context.sendActivity('card' in r ? MessageFactory.attachment(CardFactory.adaptiveCard(r.card)) : r.text);
      } catch (e) {
        if ('card' in r) await r.ifUnsent?.();
        throw e;
      }
    }
  }
}

/** A card action (Universal Action): an invoke the core both sees and answers in its cardAction. */
const isUniversalAction = (context: TurnContext): boolean => context.activity.type === 'invoke' && context.activity.name === 'adaptiveCard/action';

/** The core's answer to a card action as a Universal Action response. */
function invokeResponse(result: ActionResult): AdaptiveCardInvokeResponse {
  if (result.kind === 'card') return { statusCode: 200, type: CARD_CONTENT_TYPE, value: result.card };
  return { statusCode: result.status, type: 'application/vnd.microsoft.error', value: { code: result.code, message: result.message } };
}
