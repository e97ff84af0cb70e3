import { AsyncLocalStorage } from 'node:async_hooks';
import { RETRYABLE_STATUS } from '../src/domain/delivery/retry-policy';
import { sendOnce } from '../src/app/send-once';
import { agendaData, minutesCardData, planCardData, reportFormData } from '../src/app/card-data';
import { formatLong, LocalDate } from '../src/domain/calendar/local-date';
import { agreesPlan } from '../src/domain/case/members';
import { AppContext } from '../src/app/context';
import { recordCirculationDelivered } from '../src/app/minutes';
import { alertData, AlertKind, coveredByDigest, reminderTooSoon } from '../src/app/late-deliveries';
import { Deliver, deliverTopics } from '../src/app/outbox-worker';
import { ChatMember, DeliveryError, Messenger } from '../src/ports/messenger';
import { checkChat, outsidersAre, unlinkCaseChat } from '../src/app/case-chat';
import { CardTopics, Claimed, ClaimedMessage, DeliveryMap, OutboxMessage, TopicMessage } from '../src/ports/outbox-topics';
import { agendaCard, minutesApprovalCard, noticeCard, planAgreementCard, updateFormCard } from './cards/cards';
import { agendaView, Links, londonTime, minutesApprovalView, obligationWords, updateFormView } from './views';


/** How many times a chat's roster is asked for before the chat is given up on (and the chair told). */
const ROSTER_TRIES = 3;

/**
 * Turns queued card messages into cards in Teams. Each card is built at delivery time from the
 * record as it is then, for the person receiving it, so a late delivery never shows stale buttons.
 */
export function cardDeliveries(ctx: AppContext, teams: Messenger, links: Links): Deliver {
  // Every card goes out once per message and recipient (see sendOnce); the message being delivered
  // is carried in async context, since lanes deliver several messages side by side.
  const delivering = new AsyncLocalStorage<string>();
  const messenger: Messenger = {
    sendToPerson: (personId, card, summary) => keyed().sendToPerson(personId, card, summary),
    sendToChat: (conversationId, card, summary) => keyed().sendToChat(conversationId, card, summary),
    updateCard: (conversationId, activityId, card, summary) => teams.updateCard(conversationId, activityId, card, summary),
    chatRoster: (conversationId) => teams.chatRoster(conversationId),
  };
  const keyed = (): Messenger => {
    const key = delivering.getStore();
    return key ? sendOnce(teams, ctx.store, ctx.clock, key) : teams;
  };
  /**
   * One agenda card per meeting and recipient: a moved meeting's agenda updates the card people
   * already have rather than posting another (the calendar update tells them it moved). The
   * reminder the working day before is posted afresh, once, so it is seen.
   */
  const agendaCards = (m: { readonly idempotencyKey: string; readonly payload: { readonly meetingId: string; readonly reminder?: boolean } }): Messenger =>
    sendOnce(teams, ctx.store, ctx.clock, m.payload.reminder ? m.idempotencyKey : `agenda:${m.payload.meetingId}`);
  const handlers: DeliveryMap<'card'> = {
    'report.request': async (m) => {
      const reportId = m.payload.reportId;
      const owner = await ownerOf(reportId);
      // Queued before they installed the app: the digest they got then offered this form.
      if (await coveredByDigest(ctx, owner, m.queuedAt)) return;
      const form = await reportFormData(ctx, { personId: owner }, { reportId });
      if (form.report.status === 'submitted' || !form.editable) return; // Nothing to ask for any more.
      await messenger.sendToPerson(owner, updateFormCard(updateFormView(form, links)), `Core Groups: your update for ${form.case.reference} core group ${form.meeting.number} is requested.`);
    },
    'minutes.approval-request': async (m) => {
      const managerId = m.payload.managerId;
      if (await coveredByDigest(ctx, managerId, m.queuedAt)) return;
      const data = await minutesCardData(ctx, { personId: managerId }, m.payload.minutesId);
      // Decided (or returned and not yet resubmitted) by the time this goes out: nothing to ask.
      if (data.minutes.status !== 'submitted') return;
      await messenger.sendToPerson(managerId, minutesApprovalCard(minutesApprovalView(data, links)), `Core Groups: minutes for ${data.case.reference} are waiting for your approval.`);
    },
    'minutes.decided': async (m) => {
      const authorId = m.payload.authorId;
      const data = await minutesCardData(ctx, { personId: authorId }, m.payload.minutesId);
      const returned = data.minutes.status === 'returned';
      await messenger.sendToPerson(
        authorId,
        noticeCard({
          title: returned ? `Minutes of core group ${data.meeting.number} were returned` : `Minutes of core group ${data.meeting.number} were approved`,
          subtitle: `${data.case.reference} (${data.case.childInitials})`,
          colour: returned ? 'Warning' : 'Good',
          lines: returned ? [`${data.decidedByName ?? 'The manager'} asked for changes: ${data.minutes.returnComments ?? ''}`] : [`Approved by ${data.decidedByName ?? 'the manager'}. They are being circulated to every member.`],
          links: [{ title: 'Open the minutes', url: links.minutesUrl(data.minutes.id) }],
          fallback: `Core Groups: a decision on minutes for ${data.case.reference}.`,
        }),
        `Core Groups: a decision on minutes for ${data.case.reference}.`,
      );
    },
    'minutes.circulate.teams': async (m) => {
      const personId = m.payload.personId;
      const minutesId = m.payload.minutesId;
      const data = await minutesCardData(ctx, { personId }, minutesId);
      await messenger.sendToPerson(
        personId,
        noticeCard({
          title: `Minutes of core group ${data.meeting.number}`,
          subtitle: `${data.case.reference} (${data.case.childInitials})`,
          lines: [`Approved by ${data.decidedByName ?? 'the manager'}. Please read them and check the actions that are yours.`],
          links: [{ title: 'Read the minutes', url: links.minutesUrl(minutesId) }],
          fallback: `Core Groups: minutes for ${data.case.reference} are ready.`,
        }),
        `Core Groups: minutes for ${data.case.reference} are ready.`,
      );
      await recordCirculationDelivered(ctx, { minutesId, personId, channel: 'teams' });
    },
    // The chaser checks the report's status before it sends, so a submitted update needs no message,
    // except to its author when someone else (business support) submitted or edited it for them.
    'report.submitted': async (m) => {
      const found = await ctx.store.transaction(async (tx) => {
        const report = await tx.reports.byId(m.payload.reportId);
        const version = report && (await tx.reports.versions(report.id)).find((v) => v.version === m.payload.version);
        if (!report || !version?.onBehalf) return undefined;
        const owner = (await tx.members.forCase(report.caseId)).find((x) => x.id === report.memberId);
        const person = owner && (await tx.people.byId(owner.personId));
        const c = await tx.cases.byId(report.caseId);
        const meeting = await tx.meetings.byId(report.meetingId);
        const by = await tx.people.byId(version.submittedBy);
        return person?.entraObjectId && c && meeting ? { person, c, meeting, by, version } : undefined;
      });
      if (!found) return;
      const what = found.version.version === 1 ? 'submitted' : 'changed';
      const summary = `Core Groups: your update for ${found.c.reference} was ${what} for you.`;
      await messenger.sendToPerson(
        found.person.id,
        noticeCard({
          title: `${found.by?.displayName ?? 'Someone'} ${what} your update for core group ${found.meeting.number}`,
          subtitle: `${found.c.reference} (${found.c.childInitials})`,
          colour: 'Warning',
          lines: [`They did this on your behalf at ${londonTime(found.version.submittedAt)} (version ${found.version.version}).`, 'Check it says what you meant: you can change it until the meeting starts.'],
          links: [{ title: 'Open the case', url: links.caseUrl(found.c.id) }],
          fallback: summary,
        }),
        summary,
      );
    },

    // One message to many people is split into one outbox row per person, so a failure for one
    // person is retried for that person alone and nobody gets a card twice.
    'agenda.post': async (m) => {
      const data = await agendaData(ctx, m.payload.meetingId);
      const reminder = m.payload.reminder ? { reminder: true } : {};
      const chat = await ctx.store.transaction((tx) => tx.conversations.chatForCase(data.case.id));
      if (!chat) return fanOut(m, 'agenda.send', data.recipients, { meetingId: data.meeting.id, ...reminder });
      await ctx.store.transaction((tx) => tx.outbox.enqueue({ kind: 'card', topic: 'agenda.chat', payload: { meetingId: data.meeting.id, conversationId: chat.conversationId, ...reminder }, idempotencyKey: `${m.idempotencyKey}:chat`, caseId: data.case.id }, ctx.clock.now()));
    },
    // Members in the core group chat see the agenda there; everyone else gets it 1:1. The chat's
    // roster is read as the agenda goes out, and the 1:1 copies are queued (once, by key) before the
    // post, so a retry after a failed post never sends anyone a second copy.
    'agenda.chat': async (m) => {
      const data = await agendaData(ctx, m.payload.meetingId);
      const conversationId = m.payload.conversationId;
      const inChat = await postableChat(m, conversationId, data.case.id);
      await fanOut(m, 'agenda.send', data.recipients.filter((p) => !inChat?.has(p)), { meetingId: data.meeting.id, ...(m.payload.reminder ? { reminder: true } : {}) });
      if (inChat) await agendaCards(m).sendToChat(conversationId, agendaCard(agendaView(data, links, data.meeting.joinUrl, ctx.clock.now())), `Core Groups: agenda for ${data.case.reference} core group ${data.meeting.number}.`);
    },
    'agenda.send': async (m) => {
      // Queued before they installed the app: their digest listed the core groups coming up.
      if (await coveredByDigest(ctx, m.payload.personId, m.queuedAt)) return;
      const data = await agendaData(ctx, m.payload.meetingId);
      await agendaCards(m).sendToPerson(m.payload.personId, agendaCard(agendaView(data, links, data.meeting.joinUrl, ctx.clock.now())), `Core Groups: agenda for ${data.case.reference} core group ${data.meeting.number}.`);
    },
    'report.chase': async (m) => {
      const reportId = m.payload.reportId;
      const owner = await ownerOf(reportId);
      // Never a reminder in the same moment as the form it reminds of (or the digest offering it).
      if ((await coveredByDigest(ctx, owner, m.queuedAt)) || (await reminderTooSoon(ctx, owner, reportId))) return;
      const form = await reportFormData(ctx, { personId: owner }, { reportId });
      // The chaser stops as soon as the update is in (or the meeting has started).
      if (form.report.status === 'submitted' || !form.editable) return;
      const days = m.payload.workingDaysBefore;
      await messenger.sendToPerson(owner, updateFormCard(updateFormView(form, links, { formError: `Reminder: core group ${form.meeting.number} is in ${days} working day${days === 1 ? '' : 's'} and your update is not in yet.` })), `Core Groups: reminder, your update for ${form.case.reference} is due.`);
    },
    'report.missing-summary': async (m) => {
      const meetingId = m.payload.meetingId;
      const summary = await ctx.store.transaction(async (tx) => {
        const meeting = await tx.meetings.byId(meetingId);
        const c = meeting && (await tx.cases.byId(meeting.caseId));
        if (!meeting || !c) return undefined;
        const members = await tx.members.forCase(c.id);
        const people = await tx.people.byIds(members.map((x) => x.personId));
        const missing = (await tx.reports.forMeeting(meetingId)).filter((r) => r.status === 'requested').map((r) => {
          const member = members.find((x) => x.id === r.memberId);
          return `${people.find((p) => p.id === member?.personId)?.displayName ?? 'Unknown'} (${member?.agency.replace(/-/g, ' ') ?? ''})`;
        });
        return { c, meeting, missing };
      });
      if (!summary || summary.missing.length === 0) return;
      await messenger.sendToPerson(
        summary.c.socialWorkerId,
        noticeCard({ title: `Updates still missing for core group ${summary.meeting.number}`, subtitle: `${summary.c.reference} (${summary.c.childInitials})`, colour: 'Warning', lines: summary.missing, links: [{ title: 'Open the case', url: links.caseUrl(summary.c.id) }], fallback: `Core Groups: updates are missing for ${summary.c.reference}.` }),
        `Core Groups: updates are missing for ${summary.c.reference}.`,
      );
    },
    // Each alert goes to the chair and the manager, one row each, and is checked again as each goes out.
    'compliance.due-soon': async (m) => alertChairAndManager(m, 'due-soon', { obligationId: m.payload.obligationId }),
    'compliance.missed': async (m) => alertChairAndManager(m, 'missed', { obligationId: m.payload.obligationId }),
    'compliance.meeting-late': async (m) => alertChairAndManager(m, 'meeting-late', { meetingId: m.payload.meetingId }),
    'compliance.no-compliant-slot': async (m) => alertChairAndManager(m, 'no-compliant-slot', { meetingId: m.payload.meetingId, obligationId: m.payload.obligationId }),
    'compliance.booking-outside-window': async (m) =>
      alertChairAndManager(m, 'booking-outside-window', { meetingId: m.payload.meetingId, obligationId: m.payload.obligationId, day: m.payload.day, ...(m.payload.earliest ? { earliest: m.payload.earliest } : {}) }),
    'plan.agreement-request': async (m) => {
      const caseId = m.caseId ?? '';
      const recipients = await ctx.store.transaction(async (tx) => {
        const members = (await tx.members.forCase(caseId)).filter(agreesPlan);
        const people = await tx.people.byIds(members.map((x) => x.personId));
        return people.filter((p) => p.entraObjectId).map((p) => p.id);
      });
      await fanOut(m, 'plan.agreement-send', recipients, {});
    },
    'plan.agreement-send': async (m) => {
      const personId = m.payload.personId;
      const data = await planCardData(ctx, { personId }, m.caseId ?? '');
      if (data.answer?.agrees) return;
      await messenger.sendToPerson(
        personId,
        planAgreementCard({ reference: data.case.reference, childInitials: data.case.childInitials, caseUrl: links.caseUrl(data.case.id), caseId: data.case.id, title: 'Do you agree with the child protection plan?', planVersion: data.planVersion, outcomes: data.outcomes, status: '', canSign: true }),
        `Core Groups: the plan for ${data.case.reference} is ready for your agreement.`,
      );
    },
    'notice.send': async (m) => {
      const alert = m.payload.alert;
      if (alert) {
        // Queued before they installed the app: their digest showed how the case stands now.
        if (await coveredByDigest(ctx, m.payload.personId, m.queuedAt)) return;
        // No longer true by the time it goes out (the deadline met, the meeting moved, the case closed): dropped.
        if (!(await alertData(ctx, { ...alert, caseId: m.caseId ?? '' }))) return;
      }
      await messenger.sendToPerson(m.payload.personId, m.payload.card, m.payload.summary);
    },
    // "I want to discuss" on the plan: the chair is told who, and asked to take it to the core group.
    'plan.discussion-requested': async (m) => {
      const found = await ctx.store.transaction(async (tx) => {
        const c = await tx.cases.byId(m.payload.caseId);
        const who = await tx.people.byId(m.payload.personId);
        return c && { c, who };
      });
      if (!found) throw new DeliveryError('the case no longer exists', undefined, undefined, true);
      const card = noticeCard({
        title: `${found.who?.displayName ?? 'A member'} wants to discuss the plan`,
        subtitle: `${found.c.reference} (${found.c.childInitials})`,
        colour: 'Warning',
        lines: ['They pressed "I want to discuss" rather than agreeing to the plan.', 'Contact them, or put the plan on the next core group’s agenda.'],
        links: [{ title: 'Open the case', url: links.caseUrl(found.c.id) }],
        fallback: `Core Groups: a member wants to discuss the plan for ${found.c.reference}.`,
      });
      await messenger.sendToPerson(found.c.socialWorkerId, card, `Core Groups: a member wants to discuss the plan for ${found.c.reference}.`);
    },
    'escalation.raised': async (m) => {
      const escalationId = m.payload.escalationId;
      const found = await ctx.store.transaction(async (tx) => {
        const c = m.caseId ? await tx.cases.byId(m.caseId) : undefined;
        const e = c && (await tx.escalations.forCase(c.id)).find((x) => x.id === escalationId);
        const by = e && (await tx.people.byId(e.raisedBy));
        return c && e && { c, e, by };
      });
      if (!found) throw new DeliveryError('the escalation no longer exists', undefined, undefined, true);
      const what = found.e.kind === 'early-review-request' ? 'requests an early review conference' : found.e.kind === 'dissent' ? 'records dissent' : 'raises a concern';
      await messenger.sendToPerson(
        found.e.raisedTo,
        noticeCard({ title: `${found.by?.displayName ?? 'A member'} ${what}`, subtitle: `${found.c.reference} (${found.c.childInitials})`, colour: 'Attention', lines: ['Open the case to read the concern and record what happens next.'], links: [{ title: 'Open the case', url: links.caseUrl(found.c.id) }], fallback: `Core Groups: an escalation on ${found.c.reference}.` }),
        `Core Groups: an escalation on ${found.c.reference}.`,
      );
    },
  };

  async function ownerOf(reportId: string): Promise<string> {
    const owner = await ctx.store.transaction(async (tx) => {
      const report = await tx.reports.byId(reportId);
      const member = report && (await tx.members.forCase(report.caseId)).find((x) => x.id === report.memberId);
      return member?.personId;
    });
    if (!owner) throw new DeliveryError('the report or its member no longer exists', undefined, undefined, true);
    return owner;
  }

  /** One message to many people: one outbox row per person, so a failure is retried for that person alone. */
  async function fanOut<T extends 'agenda.send' | 'plan.agreement-send' | 'notice.send'>(m: { readonly idempotencyKey: string; readonly caseId?: string }, topic: T, personIds: readonly string[], payload: Omit<CardTopics[T], 'personId'>): Promise<void> {
    await ctx.store.transaction(async (tx) => {
      for (const personId of new Set(personIds)) {
        const message = { kind: 'card', topic, payload: { ...payload, personId }, idempotencyKey: `${m.idempotencyKey}:${personId}`, ...(m.caseId ? { caseId: m.caseId } : {}) } as TopicMessage<'card', T>;
        await tx.outbox.enqueue(message as OutboxMessage, ctx.clock.now());
      }
    });
  }

  /**
   * The people in a case's chat, by person id, when the chat may carry the case's cards; undefined
   * when it may not, in which case the link is dropped and the chair is told why, so nothing is
   * posted there until it is fixed. It may not when someone in it is not a current member, when the
   * bot is no longer in it, or when Teams will not say who is in it (a failure that cannot be retried,
   * or one that persisted over a few tries): a chat nobody can vouch for gets nothing.
   */
  async function postableChat(m: ClaimedMessage, conversationId: string, caseId: string): Promise<ReadonlySet<string> | undefined> {
    let roster: ChatMember[];
    try {
      roster = await messenger.chatRoster(conversationId);
    } catch (e) {
      const gone = e instanceof DeliveryError && (e.permanent || e.status === 403 || e.status === 404);
      const retryable = !(e instanceof DeliveryError) || e.status === undefined || RETRYABLE_STATUS.has(e.status);
      if (!gone && retryable && m.attempts < ROSTER_TRIES) throw e;
      const why = gone ? 'Core Groups is no longer in the chat' : 'Teams would not say who is in the chat';
      await unlinkCaseChat(ctx, { conversationId, reason: why });
      await tellChair(m, caseId, (c) => [
        `${why}, so members get the agenda 1:1 instead.`,
        gone ? `To use the chat again, add Core Groups back to it and say "@Core Groups link ${c.reference}" there.` : `Say "@Core Groups link ${c.reference}" in the chat again to link it once more (it is checked again then).`,
      ]);
      return undefined;
    }
    const membership = await ctx.store.transaction((tx) => checkChat(tx, caseId, roster));
    if (membership.outsiders.length === 0) return new Set(membership.members.keys());
    await unlinkCaseChat(ctx, { conversationId, reason: `${membership.outsiders.length} people in the chat are not members of the case` });
    await tellChair(m, caseId, (c) => [`${outsidersAre(membership.outsiders)} in the chat but not on the case, so members get the agenda 1:1 instead.`, 'Remove them from the chat, then say "@Core Groups link ' + c.reference + '" there again.']);
    return undefined;
  }

  /** Tells the case's chair that its chat no longer gets agendas, and why. */
  async function tellChair(m: ClaimedMessage, caseId: string, lines: (c: { reference: string }) => string[]): Promise<void> {
    const c = await ctx.store.transaction((tx) => tx.cases.byId(caseId));
    if (!c) return;
    const card = noticeCard({
      title: 'Agendas are no longer posted in the core group chat',
      subtitle: `${c.reference} (${c.childInitials})`,
      colour: 'Warning',
      lines: lines(c),
      fallback: `Core Groups: the core group chat for ${c.reference} needs attention.`,
    });
    await fanOut({ ...m, idempotencyKey: `${m.idempotencyKey}:chat-refused` }, 'notice.send', [c.socialWorkerId], { card, summary: `Core Groups: the core group chat for ${c.reference} needs attention.` });
  }

  /** Queues one alert row for the chair and one for the manager, while the alert is still true (and checked again as each goes out). */
  type Alert = Claimed<TopicMessage<'card', 'compliance.due-soon' | 'compliance.missed' | 'compliance.meeting-late' | 'compliance.no-compliant-slot' | 'compliance.booking-outside-window'>>;
  type About = { obligationId?: string; meetingId?: string; day?: LocalDate; earliest?: LocalDate };
  async function alertChairAndManager(m: Alert, alert: AlertKind, about: About): Promise<void> {
    const caseId = m.caseId ?? ('caseId' in m.payload ? m.payload.caseId : undefined);
    if (!caseId) throw new DeliveryError('the alert names no case', undefined, undefined, true);
    const data = await alertData(ctx, { alert, caseId, due: m.payload.due, ...about });
    if (!data) return;
    const card = alertCard(data.case, { alert, due: m.payload.due, ...about });
    await fanOut({ ...m, caseId }, 'notice.send', data.recipients, { card, summary: `Core Groups: a deadline needs attention on ${data.case.reference}.`, alert: { alert, due: m.payload.due, ...about } });
  }

  /** The alert card, in words: what is late or due, by when, and what to do. */
  function alertCard(c: { id: string; reference: string; childInitials: string }, facts: About & { alert: AlertKind; due: LocalDate }) {
    const window = `${facts.earliest ? `${formatLong(facts.earliest)} to ` : 'up to '}${formatLong(facts.due)}`;
    const words: Record<AlertKind, { what: string; colour: 'Warning' | 'Attention'; lines: readonly string[] }> = {
      'due-soon': { what: 'due in 2 working days', colour: 'Warning', lines: [] },
      missed: { what: 'missed', colour: 'Attention', lines: [] },
      'meeting-late': { what: 'booked after its deadline', colour: 'Attention', lines: ['It was moved or booked to a day after that deadline.'] },
      'no-compliant-slot': {
        what: 'no time before the deadline for those who must attend',
        colour: 'Warning',
        lines: ['No time before the deadline has the chair, the family and at least half of the agencies free.', 'Book the best time there is and record why, or ask members to move other commitments.'],
      },
      'booking-outside-window': {
        what: 'booked outside its window',
        colour: 'Warning',
        lines: [`It is booked for ${facts.day ? formatLong(facts.day) : 'a day'}; after a change earlier in the series its window is ${window}.`, 'Move it from the case page.'],
      },
    };
    const { what, colour, lines } = words[facts.alert];
    const subject = facts.obligationId ? obligationWords(facts.obligationId) : 'a core group';
    const due = formatLong(facts.due);
    return noticeCard({
      title: `${subject.charAt(0).toUpperCase()}${subject.slice(1)}: ${what}`,
      subtitle: `${c.reference} (${c.childInitials})`,
      colour,
      lines: [due ? `The procedure's deadline is ${due}.` : 'The procedure sets a deadline this meeting does not meet.', ...(facts.meetingId ? lines : [])],
      links: [{ title: 'Open the case', url: links.caseUrl(c.id) }],
      fallback: `Core Groups: a deadline needs attention on ${c.reference}.`,
    });
  }
  const deliverCard = deliverTopics(handlers, 'card');
  return (message) => delivering.run(message.idempotencyKey, () => deliverCard(message));
}
