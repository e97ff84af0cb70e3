import { randomUUID } from 'node:crypto';
import { AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue, CardFactory, InvokeResponse, MessageFactory, TeamsActivityHandler, TurnContext } from 'botbuilder';
import { recordRefusal } from '../src/app/refusals';
import { scheduleView } from '../src/app/schedule';
import { caseIdByReference, escalationRecipient, minutesCardData, planCardData, ReportFormData, reportFormData } from '../src/app/card-data';
import { raiseEscalation, signPlan } from '../src/app/plan';
import { caseDetail } from '../src/app/case-detail';
import { everyoneOnCase, linkCaseChat, sendPrivately, unlinkCaseChat } from '../src/app/case-chat';
import { ChatMember } from '../src/ports/messenger';
import { rosterOf } from './host/teams-messenger';
import { bookMeeting } from '../src/app/meetings';
import { CalendarPort } from '../src/ports/calendar';
import { AppContext } from '../src/app/context';
import { actorFor } from '../src/app/identity';
import { decideMinutes } from '../src/app/minutes';
import { myWork } from '../src/app/my-work';
import { digestFor, recordDigest } from '../src/app/late-deliveries';
import { ownReportFor, submitReport } from '../src/app/reports';
import { Actor } from '../src/domain/access/access-rules';
import { formatLong } from '../src/domain/calendar/local-date';
import { DomainError, isDomainError } from '../src/domain/errors';
import { parseOrThrow } from '../src/domain/validation';
import { digestCard, escalationFormCard, welcomeCard, minutesApprovalCard, noticeCard, planAgreementCard, scheduleCard, updateFormCard, updateSubmittedCard } from './cards/cards';
import { AdaptiveCardJson, CARD_CONTENT_TYPE } from './cards/expand';
import { ByCase, ByMeeting, ByReport, concernProblems, EscalationSubmit, formErrors, formErrorSummary, MinutesDecisionSubmit, SchedulePick, toReportContent, UpdateFormSubmit } from './submit-schemas';
import { VERBS } from './verbs';
import { caseGlanceLine, digestView, escalationFormView, Links, londonTime, minutesApprovalView, namesList, obligationWords, planAgreementView, updateFormView, updateSubmittedView } from './views';

export interface BotDeps {
  readonly ctx: AppContext;
  readonly links: Links;
  /** For `schedule CASE-REF`: free/busy and the meeting length and hours to look in. */
  readonly scheduling?: { readonly calendar: CalendarPort; readonly durationMinutes: number; readonly workingHours: { readonly start: string; readonly end: string } };
  readonly log?: (message: string, error?: unknown) => void;
  /** Who is in the turn's chat (Teams' roster); tests give their own. */
  readonly roster?: (context: TurnContext) => Promise<ChatMember[]>;
}

/** A group chat or a channel: a conversation where people other than the asker read the answer. */
const isShared = (context: TurnContext): boolean => ['groupChat', 'channel'].includes(context.activity.conversation?.conversationType ?? '');
const SENT_PRIVATELY = "I've sent that to you privately.";

const card = (value: AdaptiveCardJson): AdaptiveCardInvokeResponse => ({ statusCode: 200, type: CARD_CONTENT_TYPE, value });
const STATUS: Record<string, number> = { invalid: 400, unauthenticated: 401, forbidden: 403, 'not-found': 404, conflict: 409 };
const errorResponse = (e: DomainError): AdaptiveCardInvokeResponse => ({
  statusCode: STATUS[e.category] ?? 400,
  type: 'application/vnd.microsoft.error',
  value: { code: e.code, message: e.message },
});

const HELP = [
  '**my core groups**: your cases, their next deadline, the updates you owe and approvals waiting for you',
  '**status CASE-REF**: where one case stands',
  '**schedule CASE-REF**: the next compliant times for its next core group; pick one to book it',
  '**concern CASE-REF**: raise a concern, request an early review conference, or record dissent',
  "**link CASE-REF** (in a group chat with the core group's members): post the case's agendas in this chat",
  '**help**: this list',
];

/**
 * The Teams bot, kept thin: parse the verb or command, resolve who is acting from the activity's
 * Entra object id (a forwarded card acts as whoever clicks it, and is checked as them), call a use
 * case, build a card. Expected failures go back as Universal Action errors or as the card again
 * with the problem shown beside the field.
 */
export class CoreGroupsBot extends TeamsActivityHandler {
  constructor(private readonly deps: BotDeps) {
    super();
    this.onMessage(async (context, next) => {
      await this.command(context);
      await next();
    });
  }

  /**
   * Remembers where each person and chat can be reached, from every activity Teams sends (install,
   * message, card action), so proactive cards have somewhere to go; forgets it on uninstall.
   */
  protected override async onTurnActivity(context: TurnContext): Promise<void> {
    await this.remember(context);
    await this.welcome(context);
    await super.onTurnActivity(context);
  }

  /**
   * Someone installs the app for themselves (Teams sends an installationUpdate, and usually also a
   * conversationUpdate adding the bot): one welcome card, once per chat, saying what Core Groups does
   * for them and how to ask it things.
   */
  private async welcome(context: TurnContext): Promise<void> {
    const a = context.activity;
    if (a.conversation?.conversationType !== 'personal') return;
    const installed = a.type === 'installationUpdate' && (a.action === 'add' || a.action === 'add-upgrade');
    const botAdded = a.type === 'conversationUpdate' && (a.membersAdded ?? []).some((m) => m.id === a.recipient?.id);
    if (!installed && !botAdded) return;
    const key = `welcome|${a.conversation.id}`;
    const store = this.deps.ctx.store;
    if (await store.transaction((tx) => tx.sentCards.byKey(key))) return;
    const sent = await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(welcomeCard(HELP))));
    await store.transaction((tx) => tx.sentCards.record({ key, conversationId: a.conversation.id, activityId: sent?.id ?? 'welcome', sentAt: this.deps.ctx.clock.now() }));
    await this.digest(context);
  }

  /**
   * What was queued for someone before they installed the app arrives as one card of how things
   * stand now; the cards it covers are then dropped by the outbox (see src/app/late-deliveries.ts).
   */
  private async digest(context: TurnContext): Promise<void> {
    const objectId = context.activity.from?.aadObjectId;
    const person = objectId ? await this.deps.ctx.store.transaction((tx) => tx.people.byEntraObjectId(objectId)) : undefined;
    if (!person) return;
    const digest = await digestFor(this.deps.ctx, { personId: person.id });
    const sent = digest ? await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(digestCard(digestView(digest))))) : undefined;
    await recordDigest(this.deps.ctx, { personId: person.id, conversationId: context.activity.conversation.id, activityId: sent?.id ?? (digest ? 'digest' : 'nothing-waiting') });
  }

  private async remember(context: TurnContext): Promise<void> {
    const a = context.activity;
    const conversationId = a.conversation?.id;
    if (!conversationId) return;
    const store = this.deps.ctx.store;
    if (a.type === 'installationUpdate' && (a.action === 'remove' || a.action === 'remove-upgrade')) {
      await unlinkCaseChat(this.deps.ctx, { conversationId, reason: 'Core Groups was removed from the chat' });
      await store.transaction((tx) => tx.conversations.remove(conversationId));
      return;
    }
    const scope = a.conversation.conversationType === 'personal' ? 'personal' : a.conversation.conversationType === 'channel' ? 'team' : 'groupChat';
    const objectId = a.from?.aadObjectId;
    const person = scope === 'personal' && objectId ? await store.transaction((tx) => tx.people.byEntraObjectId(objectId)) : undefined;
    if (scope === 'personal' && !person) return;
    const tenantId = a.conversation.tenantId ?? (a.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
    const reference = TurnContext.getConversationReference(a) as unknown as Record<string, unknown>;
    await store.transaction(async (tx) => {
      // Most activities come from a conversation we already know: a read, not a write.
      const known = person ? await tx.conversations.personalFor(person.id) : await tx.conversations.byConversationId(conversationId);
      if (known && known.conversationId === conversationId && known.reference.serviceUrl === reference.serviceUrl) return;
      await tx.conversations.save({
        key: person ? `personal:${person.id}` : `conversation:${conversationId}`,
        ...(person ? { personId: person.id } : {}),
        conversationId,
        scope,
        ...(tenantId ? { tenantId } : {}),
        reference,
        updatedAt: this.deps.ctx.clock.now(),
      });
    });
    if (a.type === 'installationUpdate' && a.action === 'add' && scope === 'groupChat') {
      await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(noticeCard({ title: 'Core Groups is in this chat', lines: ["To make it a core group chat, the chair says **@Core Groups link CASE-REF** here. Agendas are then posted in the chat, as long as everyone in it is a member of that core group."], fallback: 'Core Groups: added to the chat' }))));
    }
  }

  private async actor(context: TurnContext): Promise<Actor> {
    const objectId = context.activity.from?.aadObjectId;
    if (!objectId) throw new DomainError('AUTH.NO_IDENTITY', 'unauthenticated', 'Teams did not say who you are.');
    return (await actorFor(this.deps.ctx, { objectId, via: 'bot' })).actor;
  }

  /** The commands that act on one case, by name: each answers with a card for it. */
  // A Map, not an object: a word typed in chat must never reach Object.prototype ("constructor").
  // Each answers with a card, or with a line of text when the card went elsewhere (privately).
  private readonly caseCommands = new Map<string, (context: TurnContext, reference: string) => Promise<AdaptiveCardJson | string>>([
    ['status', (context, reference) => this.statusCard(context, reference)],
    ['concern', (context, reference) => this.concernCard(context, reference)],
    ['link', (context, reference) => this.linkChat(context, reference)],
    ['schedule', (context, reference) => this.scheduleCard(context, reference)],
  ]);

  private async command(context: TurnContext): Promise<void> {
    // "Status CP-DEMO-001." works as "status cp-demo-001": case, spacing and closing punctuation are ignored.
    const text = (TurnContext.removeRecipientMention(context.activity) ?? '').trim().toLowerCase().replace(/\s+/g, ' ').replace(/[\s.!?,;:]+$/, '');
    const reply = async (card: AdaptiveCardJson) => {
      await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
    };
    try {
      if (text === 'my core groups' || text === 'my work') {
        const actor = await this.actor(context);
        const work = await myWork(this.deps.ctx, actor);
        const lines = work.cases.map(caseGlanceLine);
        // An update stops being owed once its core group has started: it can no longer be given.
        const owed = work.reportsOwed.filter((r) => !r.meetingStartsAt || Date.parse(r.meetingStartsAt) > Date.parse(this.deps.ctx.clock.now())).map((r) => `Update owed: ${r.reference} core group ${r.meetingNumber}${r.required ? ' (required)' : ''}`);
        const approvals = work.approvalsWaiting.map((a) => `Minutes to approve: ${a.reference} core group ${a.meetingNumber}`);
        const card = noticeCard({ title: 'Your core groups', subtitle: `as of ${formatLong(work.today)}`, lines: [...(lines.length ? lines : ['You have no open cases.']), ...owed, ...approvals], fallback: 'Core Groups: your core groups' });
        // A list of someone's cases is theirs alone: in a group chat it goes to their 1:1 chat.
        if (isShared(context)) {
          await this.sendPrivately(context, actor, card, 'Core Groups: your core groups');
          await context.sendActivity(SENT_PRIVATELY);
          return;
        }
        await reply(card);
        return;
      }
      const [, name, reference] = /^(\S+)\s+(\S+)$/.exec(text) ?? [];
      const caseCommand = name ? this.caseCommands.get(name) : undefined;
      if (caseCommand && reference) {
        const answer = await caseCommand(context, reference);
        if (typeof answer === 'string') await context.sendActivity(answer);
        else await reply(answer);
        return;
      }
      await reply(noticeCard({ title: 'Core Groups', lines: text === 'help' || text === '' ? HELP : [`I did not understand "${text.slice(0, 60)}".`, ...HELP], fallback: 'Core Groups: help' }));
    } catch (e) {
      if (!isDomainError(e)) throw e;
      await context.sendActivity(e.message);
    }
  }

  private async concernCard(context: TurnContext, reference: string): Promise<AdaptiveCardJson> {
    const actor = await this.actor(context);
    const { case: c, recipient } = await escalationRecipient(this.deps.ctx, actor, await caseIdByReference(this.deps.ctx, actor, reference));
    return escalationFormCard(escalationFormView(c, recipient, this.deps.links));
  }

  /**
   * Teams expects every Universal Action answered with HTTP 200, the outcome (200, 400, 403…) in the
   * body's statusCode. botbuilder would copy that code onto the HTTP status; we do not.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name !== 'adaptiveCard/action') return super.onInvokeActivity(context);
    const value = context.activity.value as Partial<AdaptiveCardInvokeValue> | undefined;
    if (!value?.action || value.action.type !== 'Action.Execute' || typeof value.action.verb !== 'string') {
      return { status: 200, body: errorResponse(new DomainError('CARD.INVALID', 'invalid', 'The card action is not an Action.Execute with a verb.')) };
    }
    return { status: 200, body: await this.onAdaptiveCardInvoke(context, value as AdaptiveCardInvokeValue) };
  }

  /** The people in the turn's chat, or undefined when Teams would not say (then nobody is assumed safe). */
  private async roster(context: TurnContext): Promise<ChatMember[] | undefined> {
    try {
      return await (this.deps.roster ?? rosterOf)(context);
    } catch (e) {
      this.deps.log?.('could not read the chat roster', e);
      return undefined;
    }
  }

  /** Queues a card for the actor's 1:1 chat with the bot, once per activity. */
  private async sendPrivately(context: TurnContext, actor: Actor, card: AdaptiveCardJson, summary: string): Promise<void> {
    const key = `${context.activity.conversation?.id ?? ''}:${context.activity.id ?? randomUUID()}`;
    await sendPrivately(this.deps.ctx, { personId: actor.personId, card, summary, key });
  }

  /**
   * Where one case stands. Asked in a group chat or channel where anyone is not a current member of
   * the case, the answer goes to the asker's 1:1 chat and the chat is told only that.
   */
  private async statusCard(context: TurnContext, reference: string): Promise<AdaptiveCardJson | string> {
    const actor = await this.actor(context);
    const caseId = await caseIdByReference(this.deps.ctx, actor, reference);
    const card = await this.statusOf(actor, caseId);
    if (isShared(context) && !(await everyoneOnCase(this.deps.ctx, caseId, await this.roster(context)))) {
      await this.sendPrivately(context, actor, card, 'Core Groups: the status you asked for');
      return SENT_PRIVATELY;
    }
    return card;
  }

  private async statusOf(actor: Actor, caseId: string): Promise<AdaptiveCardJson> {
    const detail = await caseDetail(this.deps.ctx, actor, caseId);
    const open = detail.obligations.filter((o) => !o.doneOn);
    const overdue = open.filter((o) => o.compliance.status === 'overdue');
    const next = open.filter((o) => o.compliance.status !== 'overdue').slice(0, 3);
    return noticeCard({
      title: `${detail.reference} (${detail.childInitials})`,
      subtitle: `${detail.profile.name}; initial conference ${formatLong(detail.icpcDate)}`,
      colour: overdue.length ? 'Attention' : 'Default',
      lines: [
        ...(overdue.length ? [`🔴 Overdue: ${overdue.map((o) => `${obligationWords(o.id)} (due ${formatLong(o.due)})`).join('; ')}`] : ['🟢 Nothing overdue.']),
        ...next.map((o) => `Next: ${obligationWords(o.id)} by ${formatLong(o.due)}`),
      ],
      links: [{ title: 'Open the case', url: this.deps.links.caseUrl(detail.id) }],
      fallback: `Core Groups: status of ${detail.reference}`,
    });
  }

  private async linkChat(context: TurnContext, reference: string): Promise<AdaptiveCardJson> {
    const actor = await this.actor(context);
    const caseId = await caseIdByReference(this.deps.ctx, actor, reference);
    if (context.activity.conversation.conversationType !== 'groupChat') {
      throw new DomainError('CHAT.NOT_GROUP', 'invalid', 'Say this in a group chat with the core group’s members: that chat then gets the agendas.');
    }
    const linked = await linkCaseChat(this.deps.ctx, actor, { caseId, conversationId: context.activity.conversation.id, roster: await (this.deps.roster ?? rosterOf)(context) });
    return noticeCard({
      title: `${linked.alreadyLinked ? 'This chat is already' : 'This is now'} the core group chat for ${linked.case.reference} (${linked.case.childInitials})`,
      colour: 'Good',
      lines: linked.alreadyLinked
        ? ['This chat is already the core group chat: agendas are posted here as each core group is booked. Update forms, approvals and minutes go to each person 1:1.']
        : ['Agendas are posted here. Update forms, approvals and minutes still go to each person 1:1.', ...(linked.nextMeetingId ? ['The agenda of the next core group follows.'] : [])],
      links: [{ title: 'Open the case', url: this.deps.links.caseUrl(linked.case.id) }],
      fallback: `Core Groups: linked to ${linked.case.reference}`,
    });
  }

  private async scheduleCard(context: TurnContext, reference: string): Promise<AdaptiveCardJson> {
    const scheduling = this.deps.scheduling;
    if (!scheduling) throw new DomainError('SCHEDULE.UNAVAILABLE', 'conflict', 'Scheduling is not available: no calendar is connected.');
    const actor = await this.actor(context);
    const detail = await caseDetail(this.deps.ctx, actor, await caseIdByReference(this.deps.ctx, actor, reference));
    const meeting = detail.meetings.find((m) => m.status === 'planned');
    if (!meeting) return noticeCard({ title: `${detail.reference}: nothing to book`, lines: ['Every planned core group up to the next review is already booked.'], fallback: `Core Groups: ${detail.reference}` });
    const result = await scheduleView(this.deps.ctx, scheduling.calendar, actor, { meetingId: meeting.id, durationMinutes: scheduling.durationMinutes });
    return scheduleCard({
      reference: detail.reference,
      childInitials: detail.childInitials,
      caseUrl: this.deps.links.caseUrl(detail.id),
      meetingId: meeting.id,
      meetingNumber: meeting.number,
      expectedVersion: meeting.version,
      due: formatLong(meeting.due),
      everyoneFree: result.everyoneRequiredFree,
      slots: result.slots.slice(0, 5).map((s) => ({ start: s.start, end: s.end, when: londonTime(s.start), label: `${londonTime(s.start)}${s.afterDeadline ? ' — AFTER THE DEADLINE' : ''}${s.busy.length ? ` — busy: ${namesList(s.busy)}` : ''}${s.unknown.length ? ` — calendar not visible: ${namesList(s.unknown)}` : ''}` })),
    });
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, invoke: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const data = (invoke.action.data ?? {}) as Record<string, unknown>;
    let actor: Actor | undefined;
    try {
      actor = await this.actor(context);
      switch (invoke.action.verb) {
        case VERBS.reportSubmit:
          return await this.submitUpdate(actor, data);
        case VERBS.reportEdit: {
          const { reportId } = parseOrThrow(ByReport, data, 'CARD.INVALID', 'the card action');
          return card(this.updateCard(await reportFormData(this.deps.ctx, actor, { reportId })));
        }
        case VERBS.reportOpen: {
          // The agenda's buttons: "Submit my update", and "Send apologies with a written report".
          const { meetingId, attendance } = parseOrThrow(ByMeeting, data, 'CARD.INVALID', 'the card action');
          const own = await ownReportFor(this.deps.ctx, actor, { meetingId });
          if ('notNeeded' in own) return card(noticeCard({ title: `Core group ${own.meetingNumber}: no update needed`, lines: [own.notNeeded], fallback: 'Core Groups: no update needed' }));
          return card(this.updateCard(await reportFormData(this.deps.ctx, actor, { reportId: own.reportId }), attendance === 'apologies' ? { attendance } : {}));
        }
        case VERBS.minutesRefresh: {
          const { minutesId } = parseOrThrow(MinutesDecisionSubmit, data, 'CARD.INVALID', 'the card action');
          return card(minutesApprovalCard(minutesApprovalView(await minutesCardData(this.deps.ctx, actor, minutesId), this.deps.links)));
        }
        case VERBS.schedulePick: {
          const pick = parseOrThrow(SchedulePick, data, 'CARD.INVALID', 'the chosen time');
          const booked = await bookMeeting(this.deps.ctx, actor, { meetingId: pick.meetingId, expectedVersion: pick.expectedVersion, startsAt: pick.start, endsAt: pick.end, venue: pick.venue });
          // A double click or a Teams retry: their first click booked this very time.
          if (booked.alreadyRecorded) return card(noticeCard({ title: `Core group ${booked.meeting.number} booked`, colour: 'Good', lines: [`Already recorded: core group ${booked.meeting.number} is booked for ${londonTime(pick.start)}. Nothing was changed a second time.`], fallback: 'Core Groups: a core group was booked.' }));
          return card(noticeCard({ title: `Core group ${booked.meeting.number} booked`, colour: booked.late ? 'Warning' : 'Good', lines: [`${londonTime(pick.start)}. The invitation and the agenda are on their way.`, ...(booked.late ? ['This is after the procedure’s deadline: the chair and manager have been alerted.'] : [])], fallback: 'Core Groups: a core group was booked.' }));
        }
        case VERBS.planAgree:
        case VERBS.planDiscuss: {
          const { caseId, comment } = parseOrThrow(ByCase, data, 'CARD.INVALID', 'the plan answer');
          const agrees = invoke.action.verb === VERBS.planAgree;
          try {
            await signPlan(this.deps.ctx, actor, { caseId, agrees, ...(comment ? { comment } : {}) });
          } catch (e) {
            if (!isDomainError(e) || e.code !== 'PLAN.INVALID') throw e;
            return card(planAgreementCard(planAgreementView(await planCardData(this.deps.ctx, actor, caseId), this.deps.links, 'Say what you would like to discuss.')));
          }
          return card(planAgreementCard(planAgreementView(await planCardData(this.deps.ctx, actor, caseId), this.deps.links)));
        }
        case VERBS.escalationRaise: {
          const { caseId, kind, concern } = parseOrThrow(EscalationSubmit, data, 'CARD.INVALID', 'the concern');
          try {
            await raiseEscalation(this.deps.ctx, actor, { caseId, kind: kind as 'concern-to-iro', concern: concern ?? '' });
          } catch (e) {
            if (!isDomainError(e) || e.code !== 'ESCALATION.INVALID') throw e;
            const { case: c, recipient } = await escalationRecipient(this.deps.ctx, actor, caseId);
            return card(escalationFormCard(escalationFormView(c, recipient, this.deps.links, concernProblems(e.fields, data) || e.message, { kind, ...(concern ? { concern } : {}) })));
          }
          const { case: c, recipient } = await escalationRecipient(this.deps.ctx, actor, caseId);
          return card(noticeCard({ title: 'Concern raised', subtitle: `${c.reference} (${c.childInitials})`, colour: 'Good', lines: [`It has gone to ${recipient}, with your name and the time. They will record what happens next.`], fallback: 'Core Groups: concern raised.' }));
        }
        case VERBS.minutesApprove:
        case VERBS.minutesReturn:
          return await this.decide(actor, invoke.action.verb, data);
        default:
          return errorResponse(new DomainError('CARD.UNKNOWN_VERB', 'invalid', `This card action is not known: ${String(invoke.action.verb).slice(0, 40)}.`));
      }
    } catch (e) {
      if (isDomainError(e)) {
        // A refused card action is audited as a refused API call is: who, which verb, on what.
        if (actor && (e.category === 'forbidden' || e.category === 'not-found')) {
          const id = ['caseId', 'minutesId', 'reportId', 'meetingId'].map((k) => data[k]).find((v): v is string => typeof v === 'string') ?? '';
          await recordRefusal(this.deps.ctx, actor, { action: `card ${String(invoke.action.verb).slice(0, 60)}`, entity: typeof data.caseId === 'string' ? 'case' : 'card', entityId: id.slice(0, 100), code: e.code });
        }
        return errorResponse(e);
      }
      this.deps.log?.('card action failed', e);
      return { statusCode: 500, type: 'application/vnd.microsoft.error', value: { code: 'INTERNAL', message: 'Something went wrong on our side. It has been logged.' } };
    }
  }

  /**
   * The update form, or once its core group has started (updates are closed) a read-only card that
   * says so: what was submitted, if anything, and never a button that cannot work.
   */
  private updateCard(form: ReportFormData, extra: { attendance?: 'apologies' } = {}): AdaptiveCardJson {
    if (form.editable) {
      const view = updateFormView(form, this.deps.links);
      return updateFormCard(extra.attendance ? { ...view, values: { ...view.values, attendance: extra.attendance } } : view);
    }
    if (form.report.status === 'submitted') return updateSubmittedCard(updateSubmittedView(form, this.deps.links));
    return noticeCard({
      title: `Updates for core group ${form.meeting.number} are closed`,
      subtitle: `${form.case.reference} (${form.case.childInitials})`,
      colour: 'Warning',
      lines: [`${form.meeting.startsAt ? `Core group ${form.meeting.number} started at ${londonTime(form.meeting.startsAt)}` : `Core group ${form.meeting.number} is ${form.meeting.status}`}, so updates can no longer be added or changed.`, 'Share anything new with the chair.'],
      links: [{ title: 'Open the case', url: this.deps.links.caseUrl(form.case.id) }],
      fallback: `Core Groups: updates for ${form.case.reference} are closed.`,
    });
  }

  private async submitUpdate(actor: Actor, data: Record<string, unknown>): Promise<AdaptiveCardInvokeResponse> {
    const { reportId, content, actionIds } = toReportContent(parseOrThrow(UpdateFormSubmit, data, 'CARD.INVALID', 'the update form'));
    let saved;
    try {
      saved = await submitReport(this.deps.ctx, actor, { reportId, content });
    } catch (e) {
      if (isDomainError(e) && e.code === 'REPORT.CLOSED') return card(this.updateCard(await reportFormData(this.deps.ctx, actor, { reportId })));
      if (!isDomainError(e) || e.category !== 'invalid' || e.fields.length === 0) throw e;
      // Show the form again as they filled it, with each problem beside its field.
      const form = await reportFormData(this.deps.ctx, actor, { reportId });
      const values = { attendance: String(data.attendance ?? ''), whatHasChanged: String(data.whatHasChanged ?? ''), workingWell: String(data.workingWell ?? ''), worries: String(data.worries ?? ''), needsToHappen: String(data.needsToHappen ?? ''), ...(Number.isFinite(content.safetyScale) ? { safetyScale: content.safetyScale } : {}) };
      const actions = Object.fromEntries(actionIds.map((id) => [id, { progress: String(data[`action.${id}.progress`] ?? ''), comment: String(data[`action.${id}.comment`] ?? '') }]));
      const errors = formErrors(e.fields, actionIds, data);
      return card(updateFormCard(updateFormView(form, this.deps.links, { errors, formError: formErrorSummary(errors), values, actions })));
    }
    const view = updateSubmittedView(await reportFormData(this.deps.ctx, actor, { reportId }), this.deps.links);
    return card(updateSubmittedCard(saved.alreadyRecorded ? { ...view, note: 'Already recorded: this update was already in, exactly as sent. No second version was made.' } : view));
  }

  private async decide(actor: Actor, verb: string, data: Record<string, unknown>): Promise<AdaptiveCardInvokeResponse> {
    const { minutesId, comments } = parseOrThrow(MinutesDecisionSubmit, data, 'CARD.INVALID', 'the decision');
    const before = await minutesCardData(this.deps.ctx, actor, minutesId);
    if (before.minutes.status !== 'submitted') {
      // A retried or double-clicked decision: nothing changes, the card shows what was decided.
      return card(minutesApprovalCard({ ...minutesApprovalView(before, this.deps.links), note: `Already recorded: ${before.minutes.status === 'returned' ? 'the minutes were returned' : 'the minutes were approved'}.` }));
    }
    try {
      await decideMinutes(this.deps.ctx, actor, verb === VERBS.minutesApprove ? { minutesId, decision: 'approve' } : { minutesId, decision: 'return', comments: comments ?? '' });
    } catch (e) {
      if (isDomainError(e) && e.code === 'MINUTES.COMMENTS_REQUIRED') {
        return card(minutesApprovalCard(minutesApprovalView(before, this.deps.links, 'Write what needs to change before returning the minutes.')));
      }
      throw e;
    }
    return card(minutesApprovalCard(minutesApprovalView(await minutesCardData(this.deps.ctx, actor, minutesId), this.deps.links)));
  }
}

