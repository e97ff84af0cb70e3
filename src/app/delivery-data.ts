import { withoutChildName } from '../domain/case/child-name';
import { agreesPlan } from '../domain/case/members';
import { ChatMember } from '../ports/messenger';
import { CardTopics, OutboxMessage, TopicMessage } from '../ports/outbox-topics';
import { agendaIn, CaseRef, refOf } from './card-data';
import { checkChat } from './case-chat';
import { AppContext } from './context';
import { StoreTx } from '../ports/store';

/**
 * What the outbox's card deliveries need, read as use cases: the deliveries (bot/deliveries.ts)
 * build cards and send them, and neither read the store nor apply the rules themselves. Each
 * answers for the record as it is when the card goes out; undefined when there is nothing to send.
 */

/** The person whose update this is (the member's person) and whether they have left the core group; undefined when the report or member is gone. */
export async function reportOwner(ctx: AppContext, reportId: string): Promise<{ personId: string; left: boolean } | undefined> {
  return ctx.store.transaction(async (tx) => {
    const report = await tx.reports.byId(reportId);
    const member = report && (await tx.members.forCase(report.caseId)).find((x) => x.id === report.memberId);
    return member && { personId: member.personId, left: member.leftOn !== undefined };
  });
}

/** What the author of an update is told when someone else submitted or changed it for them. */
export interface OnBehalfNotice {
  readonly personId: string;
  readonly case: CaseRef;
  readonly meetingNumber: number;
  readonly byName?: string;
  readonly version: number;
  readonly submittedAt: string;
}

/** The notice for version `version` of an update, when it was made on the author's behalf (and they are in Teams). */
export async function onBehalfNotice(ctx: AppContext, reportId: string, version: number): Promise<OnBehalfNotice | undefined> {
  return ctx.store.transaction(async (tx) => {
    const report = await tx.reports.byId(reportId);
    const saved = report && (await tx.reports.versions(report.id)).find((v) => v.version === version);
    if (!report || !saved?.onBehalf) return undefined;
    const owner = (await tx.members.forCase(report.caseId)).find((x) => x.id === report.memberId);
    const person = owner && (await tx.people.byId(owner.personId));
    const c = await tx.cases.byId(report.caseId);
    const meeting = await tx.meetings.byId(report.meetingId);
    const by = await tx.people.byId(saved.submittedBy);
    if (!person?.entraObjectId || !c || !meeting) return undefined;
    return {
      personId: person.id,
      case: refOf(c),
      meetingNumber: meeting.number,
      ...(by ? { byName: by.displayName } : {}),
      version: saved.version,
      submittedAt: saved.submittedAt,
    };
  });
}

/** The message being split; `queuedAt`, when it was queued, is kept by its parts (see below). */
type Source = { readonly idempotencyKey: string; readonly caseId?: string; readonly queuedAt?: string };
type PersonTopic = 'agenda.send' | 'plan.agreement-send' | 'notice.send';

/**
 * One message to many people, queued as one outbox row per person (keyed by the source message and
 * the person), so a failure is retried for that person alone and nobody gets a card twice. Each row
 * keeps the time its source was queued: a card queued before someone first reached the bot is their
 * digest's even when it is split after (src/app/hand-over.ts), and how long it has waited stays true.
 */
export async function queueForEach<T extends PersonTopic>(
  ctx: AppContext,
  source: Source,
  topic: T,
  personIds: readonly string[],
  payload: Omit<CardTopics[T], 'personId'>,
): Promise<void> {
  await ctx.store.transaction((tx) => queueForEachIn(ctx, tx, source, topic, personIds, payload));
}

/** The same, in the caller's transaction: one insert for everyone. */
async function queueForEachIn<T extends PersonTopic>(
  ctx: AppContext,
  tx: StoreTx,
  source: Source,
  topic: T,
  personIds: readonly string[],
  payload: Omit<CardTopics[T], 'personId'>,
): Promise<void> {
  const messages = [...new Set(personIds)].map(
    (personId) =>
      ({
        kind: 'card',
        topic,
        payload: { ...payload, personId },
        idempotencyKey: `${source.idempotencyKey}:${personId}`,
        ...(source.caseId ? { caseId: source.caseId } : {}),
      }) as TopicMessage<'card', T>,
  );
  await tx.outbox.enqueueAll(messages as OutboxMessage[], source.queuedAt ?? ctx.clock.now());
}

/**
 * Where a meeting's agenda goes: to the case's core group chat when it has one (its roster is
 * checked as the post goes out), otherwise to each recipient 1:1.
 */
export async function routeAgenda(ctx: AppContext, source: Source, meetingId: string, options: { reminder?: boolean } = {}): Promise<void> {
  await ctx.store.transaction(async (tx) => {
    const data = await agendaIn(ctx, tx, meetingId);
    // The reminder the working day before is posted afresh (not as an update of the agenda card), so it is seen.
    const reminder = options.reminder ? { reminder: true } : {};
    const chat = await tx.conversations.chatForCase(data.case.id);
    if (!chat) return queueForEachIn(ctx, tx, source, 'agenda.send', data.recipients, { meetingId: data.meeting.id, ...reminder });
    await tx.outbox.enqueue(
      {
        kind: 'card',
        topic: 'agenda.chat',
        payload: { meetingId: data.meeting.id, conversationId: chat.conversationId, ...reminder },
        idempotencyKey: `${source.idempotencyKey}:chat`,
        caseId: data.case.id,
      },
      ctx.clock.now(),
    );
  });
}

/** Who in a chat is on the case, by person id, and who is not. */
export async function chatMembers(ctx: AppContext, caseId: string, roster: readonly ChatMember[]) {
  return ctx.store.transaction((tx) => checkChat(tx, caseId, roster));
}

/** A case and its chair, for telling the chair something. */
export async function caseAndChair(ctx: AppContext, caseId: string): Promise<{ case: CaseRef; chairId: string } | undefined> {
  const c = await ctx.store.transaction((tx) => tx.cases.byId(caseId));
  return c && { case: refOf(c), chairId: c.socialWorkerId };
}

/** Who still owes an update for a meeting, in words ("Priya Desai (health visiting)"), for the chair. */
export async function missingUpdates(
  ctx: AppContext,
  meetingId: string,
): Promise<{ case: CaseRef; chairId: string; meetingNumber: number; missing: string[] } | undefined> {
  return ctx.store.transaction(async (tx) => {
    const meeting = await tx.meetings.byId(meetingId);
    const c = meeting && (await tx.cases.byId(meeting.caseId));
    if (!meeting || !c) return undefined;
    const members = await tx.members.forCase(c.id);
    const people = await tx.people.byIds(members.map((x) => x.personId));
    // Someone who has left the core group owes nothing any more.
    const onIt = (memberId: string) => members.find((x) => x.id === memberId && !x.leftOn);
    const missing = (await tx.reports.forMeeting(meetingId))
      .filter((r) => r.status === 'requested' && onIt(r.memberId))
      .map((r) => {
        const member = onIt(r.memberId);
        return `${people.find((p) => p.id === member?.personId)?.displayName ?? 'Unknown'} (${member?.agency.replace(/-/g, ' ') ?? ''})`;
      });
    return { case: refOf(c), chairId: c.socialWorkerId, meetingNumber: meeting.number, missing };
  });
}

/** The members asked to agree the plan who can be reached in Teams. */
export async function planAgreers(ctx: AppContext, caseId: string): Promise<string[]> {
  return ctx.store.transaction(async (tx) => {
    const members = (await tx.members.forCase(caseId)).filter(agreesPlan);
    const people = await tx.people.byIds(members.map((x) => x.personId));
    return people.filter((p) => p.entraObjectId).map((p) => p.id);
  });
}

/**
 * Who pressed "I want to discuss" on a case's plan, what they want to discuss (their comment on that
 * version, with the child's name as initials: it goes into Teams chat), and its chair, who is told.
 */
export async function planDiscussion(
  ctx: AppContext,
  caseId: string,
  personId: string,
  planVersionId: string,
): Promise<{ case: CaseRef; chairId: string; whoName?: string; comment?: string } | undefined> {
  return ctx.store.transaction(async (tx) => {
    const c = await tx.cases.byId(caseId);
    if (!c) return undefined;
    const who = await tx.people.byId(personId);
    const theirs = new Set((await tx.members.forCase(caseId)).filter((m) => m.personId === personId).map((m) => m.id));
    const said = (await tx.plan.signatures(planVersionId)).find((s) => theirs.has(s.memberId) && !s.agrees)?.comment;
    return {
      case: refOf(c),
      chairId: c.socialWorkerId,
      ...(who ? { whoName: who.displayName } : {}),
      ...(said ? { comment: withoutChildName(said, c.childName, c.childInitials) } : {}),
    };
  });
}

/** A raised escalation: what kind, who raised it, and to whom it goes. */
export async function raisedEscalation(
  ctx: AppContext,
  caseId: string | undefined,
  escalationId: string,
): Promise<{ case: CaseRef; to: string; kind: string; byName?: string } | undefined> {
  return ctx.store.transaction(async (tx) => {
    const c = caseId ? await tx.cases.byId(caseId) : undefined;
    const e = c && (await tx.escalations.forCase(c.id)).find((x) => x.id === escalationId);
    if (!c || !e) return undefined;
    const by = await tx.people.byId(e.raisedBy);
    return { case: refOf(c), to: e.raisedTo, kind: e.kind, ...(by ? { byName: by.displayName } : {}) };
  });
}
