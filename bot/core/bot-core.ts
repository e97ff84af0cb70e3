import { digestFor } from '../../src/app/late-deliveries';
import { firstContact, forgetConversation, handOverToOutbox, rememberConversation } from '../../src/app/conversations';
import { recordRefusal } from '../../src/app/refusals';
import { DomainError, isDomainError } from '../../src/domain/errors';
import { digestCard, noticeCard, welcomeCard } from '../cards/cards';
import { Actor } from '../../src/domain/access/access-rules';
import { isStoreVerb, Verb, VERBS } from '../verbs';
import { digestView } from '../views';
import { ActionHandler, cardActions } from './card-actions';
import { CaseCommand, CaseCommandHandler, caseCommands, helpFor, WordCommand, WordCommandHandler, wordCommands } from './commands';
import { actorOf, CoreDeps } from './deps';
import { PersonalChat, SettledChats } from './settled-chats';
import { ActionResult, CardAction, ConversationEvent, Reply, Where, Who } from './turn';
import { AdaptiveCardJson } from '../cards/expand';

const STATUS: Record<string, number> = { invalid: 400, unauthenticated: 401, forbidden: 403, 'not-found': 404, conflict: 409 };
const refusal = (e: DomainError): ActionResult => ({ kind: 'error', status: STATUS[e.category] ?? 400, code: e.code, message: e.message });

const KNOWN_VERBS: ReadonlySet<string> = new Set(Object.values(VERBS));
const isVerb = (verb: string): verb is Verb => KNOWN_VERBS.has(verb);

/**
 * The bot, without its host: plain inputs (who, where, what was said or pressed) in, replies and
 * cards out. Nothing here knows of the Bot Framework; bot/host turns Teams' activities into these
 * calls and the answers back into activities, so a move to another Teams SDK touches only the host.
 * Each handler resolves who is acting from their Entra object id (a forwarded card acts as whoever
 * clicks it, and is checked as them) and calls a use case; expected failures go back as refusals
 * or as the card again with the problem shown beside the field.
 */
export class BotCore {
  /** The commands that act on one case and those of fixed words, by name; every one has a handler. */
  readonly caseCommands: Readonly<Record<CaseCommand, CaseCommandHandler>>;
  readonly wordCommands: Readonly<Record<WordCommand, WordCommandHandler>>;
  /** Every card action, by verb. */
  readonly cardActions: Readonly<Record<Verb, ActionHandler>>;
  /** 1:1 chats whose first contact is over, so a card action or message need not run it again. */
  private readonly settled: SettledChats;

  constructor(private readonly deps: CoreDeps) {
    this.settled = new SettledChats(() => Date.parse(deps.ctx.clock.now()));
    this.caseCommands = caseCommands(deps);
    this.wordCommands = wordCommands(deps);
    this.cardActions = cardActions(deps);
  }

  /**
   * Every activity, whatever it is: remembers where the person or chat can be reached (forgets it
   * when the app is removed). In a 1:1 chat the first activity — installing the app, or a message or
   * card action when Teams delivers that first — brings the welcome (once per chat) and, when
   * anything waits for them, one digest of how things stand (once per person).
   */
  async seen(who: Who, where: Where, event: ConversationEvent): Promise<Reply[]> {
    return (await this.arrived(who, where, event)).replies;
  }

  /** What seen answers, and in a 1:1 chat the person first contact found (by Entra object id), if any. */
  private async arrived(who: Who, where: Where, event: ConversationEvent): Promise<{ replies: Reply[]; personId?: string }> {
    const ctx = this.deps.ctx;
    if (event === 'uninstalled') {
      this.settled.forget(where.conversationId);
      await forgetConversation(ctx, where.conversationId);
      return { replies: [] };
    }
    const conversation = {
      conversationId: where.conversationId,
      reference: where.reference,
      ...(who.entraObjectId ? { entraObjectId: who.entraObjectId } : {}),
      ...(where.tenantId ? { tenantId: where.tenantId } : {}),
    };
    if (where.kind === 'personal') {
      const chat: PersonalChat | undefined = who.entraObjectId
        ? { conversationId: where.conversationId, entraObjectId: who.entraObjectId, serviceUrl: String(where.reference.serviceUrl ?? '') }
        : undefined;
      // Installing (again) always runs first contact: it is what brings the welcome.
      const settledAs = chat && (event === 'card-action' || event === 'other') ? this.settled.personIn(chat) : undefined;
      if (settledAs) return { replies: [], personId: settledAs };
      const first = await firstContact(ctx, conversation, { byOutbox: event === 'card-action' });
      const personId = first.personId;
      if (chat && personId) this.settled.settle(chat, personId);
      // The welcome lists only what this person may do (a health visitor is not offered schedule).
      const welcome = first.welcome ? [welcomeCard(await helpFor(this.deps, who))] : [];
      const digest = first.digest && personId ? await this.digest(personId) : [];
      // Both are claimed as given: if Teams does not take one, it and what follows go by the outbox.
      const unsent = (w: boolean) =>
        personId ? { ifUnsent: () => handOverToOutbox(ctx, { personId, conversationId: where.conversationId, welcome: w, digest: digest.length > 0 }) } : {};
      const replies = [...welcome.map((card) => ({ card, ...unsent(true) })), ...digest.map((card) => ({ card, ...unsent(false) }))];
      return { replies, ...(personId ? { personId } : {}) };
    }
    await rememberConversation(ctx, { ...conversation, scope: where.kind === 'channel' ? 'team' : 'groupChat' });
    if (event === 'installed' && where.kind === 'groupChat') {
      return {
        replies: [
          {
            card: noticeCard({
              title: 'Core Groups is in this chat',
              lines: [
                'To make it a core group chat, the chair says **@Core Groups link CASE-REF** here. Agendas are then posted in the chat, as long as everyone in it is a member of that core group.',
              ],
              fallback: 'Core Groups: added to the chat',
            }),
          },
        ],
      };
    }
    return { replies: [] };
  }

  /**
   * What was queued for someone before the bot could reach them arrives as one card of how things
   * stand now; the outbox drops the cards it covers (the hand-over is claimed in the store: see
   * src/app/hand-over.ts). Nothing waiting: no card.
   */
  private async digest(personId: string): Promise<AdaptiveCardJson[]> {
    const digest = await digestFor(this.deps.ctx, { personId });
    return digest ? [digestCard(digestView(digest))] : [];
  }

  /**
   * A message: a command, or help. "Status CP-DEMO-001." works as "status cp-demo-001": case,
   * spacing and closing punctuation are ignored. `text` comes without the mention of the bot.
   */
  async message(who: Who, where: Where, said: string): Promise<Reply[]> {
    const text = said
      .trim()
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .replace(/[\s.!?,;:]+$/, '');
    const turn = { who, where };
    try {
      // Own properties only: a word typed in chat must never reach Object.prototype ("constructor").
      if (Object.hasOwn(this.wordCommands, text)) return await this.wordCommands[text as WordCommand](turn);
      const [, name, reference] = /^(\S+)\s+(\S+)$/.exec(text) ?? [];
      if (name && reference && Object.hasOwn(this.caseCommands, name)) return await this.caseCommands[name as CaseCommand](turn, reference);
      const help = await helpFor(this.deps, who);
      return [
        {
          card: noticeCard({
            title: 'Core Groups',
            lines: text === '' ? help : [`I did not understand "${text.slice(0, 60)}".`, ...help],
            fallback: 'Core Groups: help',
          }),
        },
      ];
    } catch (e) {
      if (!isDomainError(e)) throw e;
      return [{ text: e.message }];
    }
  }

  /**
   * A card action (Universal Action): seen as any activity is, then the card to show in the pressed
   * card's place, or a refusal. In a 1:1 chat the person acting is the one first contact found in
   * its transaction, so a card action is not queued for the store's connection once more only to
   * read who that is. (A card action's own answer is only that card: whatever first contact brings
   * is queued for the outbox, so nothing else is lost by answering with the card alone.)
   */
  async cardAction(who: Who, where: Where, action: CardAction): Promise<ActionResult> {
    const { verb, data } = action;
    let actor: Actor | undefined;
    try {
      const { personId } = where.conversationId ? await this.arrived(who, where, 'card-action') : {};
      actor = personId ? { personId } : await actorOf(this.deps, who);
      if (!isVerb(verb)) return refusal(new DomainError('CARD.UNKNOWN_VERB', 'invalid', `This card action is not known: ${verb.slice(0, 40)}.`));
      const runner = this.deps.actionRunner;
      return { kind: 'card', card: await (runner && isStoreVerb(verb) ? runner(verb, actor, data) : this.cardActions[verb](actor, data)) };
    } catch (e) {
      if (isDomainError(e)) {
        // A refused card action is audited as a refused API call is: who, which verb, on what.
        if (actor && (e.category === 'forbidden' || e.category === 'not-found')) {
          const id = ['caseId', 'minutesId', 'reportId', 'meetingId'].map((k) => data[k]).find((v): v is string => typeof v === 'string') ?? '';
          await recordRefusal(this.deps.ctx, actor, {
            action: `card ${verb.slice(0, 60)}`,
            entity: typeof data.caseId === 'string' ? 'case' : 'card',
            entityId: id.slice(0, 100),
            code: e.code,
          });
        }
        return refusal(e);
      }
      this.deps.log?.('card action failed', e);
      return { kind: 'error', status: 500, code: 'INTERNAL', message: 'Something went wrong on our side. It has been logged.' };
    }
  }
}
