import { RETRYABLE_STATUS } from '../src/domain/delivery/retry-policy';
import { sendOnce } from '../src/app/send-once';
import { agendaData, circulationNotice, minutesCardData } from '../src/app/card-data';
import { formatLong, LocalDate } from '../src/domain/calendar/local-date';
import { AppContext } from '../src/app/context';
import { recordCirculationDelivered } from '../src/app/minutes';
import { agendaToSend, alertData, AlertKind, approvalToAsk, coveredByDigest, digestFor, planToAgree, updateFormToSend } from '../src/app/late-deliveries';
import { Deliver, deliverTopics } from '../src/app/outbox-worker';
import { ChatMember, DeliveryError, MayPost, Messenger } from '../src/ports/messenger';
import { cardMayGo } from '../src/app/hand-over';
import { outsidersAre, unlinkCaseChat } from '../src/app/case-chat';
import {
  caseAndChair,
  chatMembers,
  missingUpdates,
  onBehalfNotice,
  planAgreers,
  planDiscussion,
  queueForEach,
  raisedEscalation,
  reportOwner,
  routeAgenda,
} from '../src/app/delivery-data';
import { CardTopics, Claimed, ClaimedMessage, DeliveryMap, TopicMessage } from '../src/ports/outbox-topics';
import { agendaCard, chairCoverCard, digestCard, minutesApprovalCard, noticeCard, planAgreementCard, updateFormCard, welcomeCard } from './cards/cards';
import { viceChairCover } from '../src/app/chair-cover';
import { agendaView, digestView, Links, londonTime, minutesApprovalView, obligationWords, updateFormView } from './views';
import { helpOf } from './core/commands';

/** How many times a chat's roster is asked for before the chat is given up on (and the chair told). */
const ROSTER_TRIES = 3;

/**
 * Turns queued card messages into cards in Teams. Each card is built at delivery time from the
 * record as it is then, for the person receiving it, so a late delivery never shows stale buttons.
 */
export function cardDeliveries(ctx: AppContext, teams: Messenger, links: Links): Deliver {
  // Every card goes out once per message and recipient (see sendOnce): the handlers of each message
  // send through a messenger keyed by it (lanes deliver several messages side by side).
  const keyedBy = (key: string): Messenger => sendOnce(teams, ctx, key);
  /**
   * For a card the digest covers, queued at `queuedAt`: posted unless the person's digest, given
   * since, said it. Decided in the store as the card is posted, so it goes by one path only.
   */
  const unlessInDigest =
    (personId: string, queuedAt: string): MayPost =>
    (conversationId) =>
      cardMayGo(ctx, { personId, conversationId, queuedAt });
  /**
   * One agenda card per meeting and recipient: a moved meeting's agenda updates the card people
   * already have rather than posting another (the calendar update tells them it moved). The
   * reminder the working day before is posted afresh, once, so it is seen.
   */
  const agendaCards = (m: { readonly idempotencyKey: string; readonly payload: { readonly meetingId: string; readonly reminder?: boolean } }): Messenger =>
    sendOnce(teams, ctx, m.payload.reminder ? m.idempotencyKey : `agenda:${m.payload.meetingId}`);
  const handlersFor = (messenger: Messenger): DeliveryMap<'card'> => ({
    'report.request': async (m) => {
      const reportId = m.payload.reportId;
      const owner = await ownerOf(reportId);
      if (!owner) return;
      // Nothing to ask for any more, or the digest they got on first reaching the bot offered it.
      const form = await updateFormToSend(ctx, { ownerId: owner, reportId, queuedAt: m.queuedAt, reminder: false });
      if (!form) return;
      await messenger.sendToPerson(
        owner,
        updateFormCard(updateFormView(form, links)),
        `Core Groups: your update for ${form.case.reference} core group ${form.meeting.number} is requested.`,
        unlessInDigest(owner, m.queuedAt),
      );
    },
    'minutes.approval-request': async (m) => {
      const managerId = m.payload.managerId;
      const data = await approvalToAsk(ctx, { managerId, minutesId: m.payload.minutesId, queuedAt: m.queuedAt });
      if (!data) return;
      await messenger.sendToPerson(
        managerId,
        minutesApprovalCard(minutesApprovalView(data, links)),
        `Core Groups: minutes for ${data.case.reference} are waiting for your approval.`,
        unlessInDigest(managerId, m.queuedAt),
      );
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
          lines: returned
            ? [`${data.decidedByName ?? 'The manager'} asked for changes: ${data.minutes.returnComments ?? ''}`]
            : [`Approved by ${data.decidedByName ?? 'the manager'}. They are being circulated to every member.`],
          links: [{ title: 'Open the minutes', url: links.minutesUrl(data.minutes.id) }],
          fallback: `Core Groups: a decision on minutes for ${data.case.reference}.`,
        }),
        `Core Groups: a decision on minutes for ${data.case.reference}.`,
      );
    },
    'minutes.circulate.teams': async (m) => {
      const personId = m.payload.personId;
      const minutesId = m.payload.minutesId;
      const data = await circulationNotice(ctx, { personId }, minutesId);
      await messenger.sendToPerson(
        personId,
        noticeCard({
          title: `Minutes of core group ${data.meetingNumber}`,
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
      const found = await onBehalfNotice(ctx, m.payload.reportId, m.payload.version);
      if (!found) return;
      const what = found.version === 1 ? 'submitted' : 'changed';
      const summary = `Core Groups: your update for ${found.case.reference} was ${what} for you.`;
      await messenger.sendToPerson(
        found.personId,
        noticeCard({
          title: `${found.byName ?? 'Someone'} ${what} your update for core group ${found.meetingNumber}`,
          subtitle: `${found.case.reference} (${found.case.childInitials})`,
          colour: 'Warning',
          lines: [
            `They did this on your behalf at ${londonTime(found.submittedAt)} (version ${found.version}).`,
            'Check it says what you meant: you can change it until the meeting starts.',
          ],
          links: [{ title: 'Open the case', url: links.caseUrl(found.case.id) }],
          fallback: summary,
        }),
        summary,
      );
    },

    // One message to many people is split into one outbox row per person, so a failure for one
    // person is retried for that person alone and nobody gets a card twice.
    'agenda.post': async (m) => routeAgenda(ctx, m, m.payload.meetingId, { reminder: m.payload.reminder === true }),
    // Members in the core group chat see the agenda there; everyone else gets it 1:1. The chat's
    // roster is read as the agenda goes out, and the 1:1 copies are queued (once, by key) before the
    // post, so a retry after a failed post never sends anyone a second copy.
    'agenda.chat': async (m) => {
      const data = await agendaData(ctx, m.payload.meetingId);
      const conversationId = m.payload.conversationId;
      const inChat = await postableChat(m, conversationId, data.case.id);
      await fanOut(
        m,
        'agenda.send',
        data.recipients.filter((p) => !inChat?.has(p)),
        { meetingId: data.meeting.id, ...(m.payload.reminder ? { reminder: true } : {}) },
      );
      if (inChat)
        await agendaCards(m).sendToChat(
          conversationId,
          agendaCard(agendaView(data, links, { inChat: true }, data.meeting.joinUrl, ctx.clock.now())),
          `Core Groups: agenda for ${data.case.reference} core group ${data.meeting.number}.`,
        );
    },
    'agenda.send': async (m) => {
      // Queued before they first reached the bot: their digest listed the core groups coming up.
      const data = await agendaToSend(ctx, { personId: m.payload.personId, meetingId: m.payload.meetingId, queuedAt: m.queuedAt });
      if (!data) return;
      await agendaCards(m).sendToPerson(
        m.payload.personId,
        agendaCard(agendaView(data, links, { personId: m.payload.personId }, data.meeting.joinUrl, ctx.clock.now())),
        `Core Groups: agenda for ${data.case.reference} core group ${data.meeting.number}.`,
        unlessInDigest(m.payload.personId, m.queuedAt),
      );
    },
    'report.chase': async (m) => {
      const reportId = m.payload.reportId;
      const owner = await ownerOf(reportId);
      if (!owner) return;
      // The chaser stops as soon as the update is in (or the meeting has started), and never lands
      // in the same moment as the form it reminds of (or the digest offering it).
      const form = await updateFormToSend(ctx, { ownerId: owner, reportId, queuedAt: m.queuedAt, reminder: true });
      if (!form) return;
      const days = m.payload.workingDaysBefore;
      await messenger.sendToPerson(
        owner,
        updateFormCard(
          updateFormView(form, links, {
            formError: `Reminder: core group ${form.meeting.number} is in ${days} working day${days === 1 ? '' : 's'} and your update is not in yet.`,
          }),
        ),
        `Core Groups: reminder, your update for ${form.case.reference} is due.`,
        unlessInDigest(owner, m.queuedAt),
      );
    },
    'report.missing-summary': async (m) => {
      const summary = await missingUpdates(ctx, m.payload.meetingId);
      if (!summary || summary.missing.length === 0) return;
      // Queued before the chair first reached the bot: their digest listed who was missing.
      if (await coveredByDigest(ctx, summary.chairId, m.queuedAt)) return;
      await messenger.sendToPerson(
        summary.chairId,
        noticeCard({
          title: `Updates still missing for core group ${summary.meetingNumber}`,
          subtitle: `${summary.case.reference} (${summary.case.childInitials})`,
          colour: 'Warning',
          lines: summary.missing,
          links: [{ title: 'Open the case', url: links.caseUrl(summary.case.id) }],
          fallback: `Core Groups: updates are missing for ${summary.case.reference}.`,
        }),
        `Core Groups: updates are missing for ${summary.case.reference}.`,
        unlessInDigest(summary.chairId, m.queuedAt),
      );
    },
    // Each alert goes to the chair and the manager, one row each, and is checked again as each goes out.
    'compliance.due-soon': async (m) => alertChairAndManager(m, 'due-soon', { obligationId: m.payload.obligationId }),
    'compliance.missed': async (m) => alertChairAndManager(m, 'missed', { obligationId: m.payload.obligationId }),
    'compliance.meeting-late': async (m) => alertChairAndManager(m, 'meeting-late', { meetingId: m.payload.meetingId }),
    'compliance.chair-away': async (m) =>
      alertChairAndManager(m, 'chair-away', {
        meetingId: m.payload.meetingId,
        obligationId: m.payload.obligationId,
        ...(m.payload.day ? { day: m.payload.day } : {}),
        ...(m.payload.startsAt ? { startsAt: m.payload.startsAt } : {}),
        viceChairAway: m.payload.viceChairAway,
        ...(m.payload.cover?.length ? { cover: m.payload.cover } : {}),
      }),
    'compliance.no-compliant-slot': async (m) =>
      alertChairAndManager(m, 'no-compliant-slot', {
        meetingId: m.payload.meetingId,
        obligationId: m.payload.obligationId,
        ...(m.payload.chairAway ? { chairAway: true } : {}),
      }),
    'compliance.booking-outside-window': async (m) =>
      alertChairAndManager(m, 'booking-outside-window', {
        meetingId: m.payload.meetingId,
        obligationId: m.payload.obligationId,
        day: m.payload.day,
        ...(m.payload.earliest ? { earliest: m.payload.earliest } : {}),
      }),
    'plan.agreement-request': async (m) => queueForEach(ctx, m, 'plan.agreement-send', await planAgreers(ctx, m.caseId ?? ''), {}),
    'plan.agreement-send': async (m) => {
      const personId = m.payload.personId;
      const data = await planToAgree(ctx, { personId, caseId: m.caseId ?? '', queuedAt: m.queuedAt });
      if (!data) return;
      await messenger.sendToPerson(
        personId,
        planAgreementCard({
          reference: data.case.reference,
          childInitials: data.case.childInitials,
          caseUrl: links.caseUrl(data.case.id),
          caseId: data.case.id,
          title: 'Do you agree with the child protection plan?',
          planVersion: data.planVersion,
          outcomes: data.outcomes,
          status: '',
          canSign: true,
        }),
        `Core Groups: the plan for ${data.case.reference} is ready for your agreement.`,
        unlessInDigest(personId, m.queuedAt),
      );
    },
    'notice.send': async (m) => {
      const alert = m.payload.alert;
      if (alert) {
        // Queued before they first reached the bot: their digest showed how the case stands now.
        if (await coveredByDigest(ctx, m.payload.personId, m.queuedAt)) return;
        // No longer true by the time it goes out (the deadline met, the meeting moved, the case closed): dropped.
        if (!(await alertData(ctx, { ...alert, caseId: m.caseId ?? '' }))) return;
      }
      const personId = m.payload.personId;
      await messenger.sendToPerson(personId, m.payload.card, m.payload.summary, alert ? unlessInDigest(personId, m.queuedAt) : undefined);
    },
    // The chair is out of office at a core group about to happen: the vice chair is told they chair it.
    'meeting.vice-chair-chairs': async (m) => {
      const cover = await viceChairCover(ctx, m.payload);
      if (!cover) return;
      const ref = `${cover.case.reference} (${cover.case.childInitials})`;
      const summary = `Core Groups: you chair core group ${cover.number} of ${cover.case.reference} on ${londonTime(cover.startsAt)}.`;
      await messenger.sendToPerson(
        m.payload.personId,
        noticeCard({
          title: `You chair core group ${cover.number}`,
          subtitle: ref,
          colour: 'Warning',
          lines: [
            `${cover.chairName}, the chair, is out of office on ${londonTime(cover.startsAt)}, when it is booked. As vice chair, you chair it in their place.`,
            'The agenda, the plan and the updates sent in are on the case page.',
          ],
          links: [{ title: 'Open the case', url: links.caseUrl(cover.case.id) }],
          fallback: summary,
        }),
        summary,
      );
    },
    // "I want to discuss" on the plan: the chair is told who, and asked to take it to the core group.
    'plan.discussion-requested': async (m) => {
      const found = await planDiscussion(ctx, m.payload.caseId, m.payload.personId, m.payload.planVersionId);
      if (!found) throw new DeliveryError('the case no longer exists', undefined, undefined, true);
      const card = noticeCard({
        title: `${found.whoName ?? 'A member'} wants to discuss the plan`,
        subtitle: `${found.case.reference} (${found.case.childInitials})`,
        colour: 'Warning',
        lines: [
          'They pressed "I want to discuss" rather than agreeing to the plan.',
          ...(found.comment ? [`What they want to discuss: ${found.comment}`] : []),
          'Contact them, or put the plan on the next core group’s agenda.',
        ],
        links: [{ title: 'Open the case', url: links.caseUrl(found.case.id) }],
        fallback: `Core Groups: a member wants to discuss the plan for ${found.case.reference}.`,
      });
      await messenger.sendToPerson(found.chairId, card, `Core Groups: a member wants to discuss the plan for ${found.case.reference}.`);
    },
    // Someone's first contact was a card action: their welcome and digest, each its own card, sent once.
    'welcome.send': async (m) => {
      const personId = m.payload.personId;
      if (m.payload.welcome)
        await sendOnce(teams, ctx, `${m.idempotencyKey}:welcome`).sendToPerson(personId, welcomeCard(await helpOf(ctx, { personId })), 'Core Groups: welcome');
      const digest = m.payload.digest ? await digestFor(ctx, { personId }) : undefined;
      if (digest)
        await sendOnce(teams, ctx, `${m.idempotencyKey}:digest`).sendToPerson(
          personId,
          digestCard(digestView(digest)),
          'Core Groups: what is waiting for you.',
        );
    },
    'escalation.raised': async (m) => {
      const found = await raisedEscalation(ctx, m.caseId, m.payload.escalationId);
      if (!found) throw new DeliveryError('the escalation no longer exists', undefined, undefined, true);
      const what =
        found.kind === 'early-review-request' ? 'requests an early review conference' : found.kind === 'dissent' ? 'records dissent' : 'raises a concern';
      await messenger.sendToPerson(
        found.to,
        noticeCard({
          title: `${found.byName ?? 'A member'} ${what}`,
          subtitle: `${found.case.reference} (${found.case.childInitials})`,
          colour: 'Attention',
          lines: ['Open the case to read the concern and record what happens next.'],
          links: [{ title: 'Open the case', url: links.caseUrl(found.case.id) }],
          fallback: `Core Groups: an escalation on ${found.case.reference}.`,
        }),
        `Core Groups: an escalation on ${found.case.reference}.`,
      );
    },
  });

  /** Who owes the update; undefined once they have left the core group (nothing to ask of them any more). */
  async function ownerOf(reportId: string): Promise<string | undefined> {
    const owner = await reportOwner(ctx, reportId);
    if (!owner) throw new DeliveryError('the report or its member no longer exists', undefined, undefined, true);
    return owner.left ? undefined : owner.personId;
  }

  /** One message to many people: one outbox row per person, so a failure is retried for that person alone. */
  const fanOut = <T extends 'agenda.send' | 'plan.agreement-send' | 'notice.send'>(
    m: { readonly idempotencyKey: string; readonly caseId?: string; readonly queuedAt?: string },
    topic: T,
    personIds: readonly string[],
    payload: Omit<CardTopics[T], 'personId'>,
  ) => queueForEach(ctx, m, topic, personIds, payload);

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
      roster = await teams.chatRoster(conversationId);
    } catch (e) {
      const gone = e instanceof DeliveryError && (e.permanent || e.status === 403 || e.status === 404);
      const retryable = !(e instanceof DeliveryError) || e.status === undefined || RETRYABLE_STATUS.has(e.status);
      if (!gone && retryable && m.attempts < ROSTER_TRIES) throw e;
      const why = gone ? 'Core Groups is no longer in the chat' : 'Teams would not say who is in the chat';
      await unlinkCaseChat(ctx, { conversationId, reason: why });
      await tellChair(m, caseId, (c) => [
        `${why}, so members get the agenda 1:1 instead.`,
        gone
          ? `To use the chat again, add Core Groups back to it and say "@Core Groups link ${c.reference}" there.`
          : `Say "@Core Groups link ${c.reference}" in the chat again to link it once more (it is checked again then).`,
      ]);
      return undefined;
    }
    const membership = await chatMembers(ctx, caseId, roster);
    if (membership.outsiders.length === 0) return new Set(membership.members.keys());
    await unlinkCaseChat(ctx, { conversationId, reason: `${membership.outsiders.length} people in the chat are not members of the case` });
    await tellChair(m, caseId, (c) => [
      `${outsidersAre(membership.outsiders)} in the chat but not on the case, so members get the agenda 1:1 instead.`,
      'Remove them from the chat, then say "@Core Groups link ' + c.reference + '" there again.',
    ]);
    return undefined;
  }

  /** Tells the case's chair that its chat no longer gets agendas, and why. */
  async function tellChair(m: ClaimedMessage, caseId: string, lines: (c: { reference: string }) => string[]): Promise<void> {
    const found = await caseAndChair(ctx, caseId);
    if (!found) return;
    const c = found.case;
    const card = noticeCard({
      title: 'Agendas are no longer posted in the core group chat',
      subtitle: `${c.reference} (${c.childInitials})`,
      colour: 'Warning',
      lines: lines(c),
      fallback: `Core Groups: the core group chat for ${c.reference} needs attention.`,
    });
    await fanOut({ ...m, idempotencyKey: `${m.idempotencyKey}:chat-refused` }, 'notice.send', [found.chairId], {
      card,
      summary: `Core Groups: the core group chat for ${c.reference} needs attention.`,
    });
  }

  /** Queues one alert row for the chair and one for the manager, while the alert is still true (and checked again as each goes out). */
  type Alert = Claimed<
    TopicMessage<
      'card',
      | 'compliance.due-soon'
      | 'compliance.missed'
      | 'compliance.meeting-late'
      | 'compliance.no-compliant-slot'
      | 'compliance.booking-outside-window'
      | 'compliance.chair-away'
    >
  >;
  type About = {
    obligationId?: string;
    meetingId?: string;
    day?: LocalDate;
    earliest?: LocalDate;
    chairAway?: boolean;
    startsAt?: string;
    viceChairAway?: boolean;
    cover?: readonly { personId: string; name: string }[];
  };
  async function alertChairAndManager(m: Alert, alert: AlertKind, about: About): Promise<void> {
    const caseId = m.caseId ?? ('caseId' in m.payload ? m.payload.caseId : undefined);
    if (!caseId) throw new DeliveryError('the alert names no case', undefined, undefined, true);
    const data = await alertData(ctx, { alert, caseId, due: m.payload.due, ...about });
    if (!data) return;
    // The nobody-to-chair card goes to the manager alone, who may be offered themselves.
    const card = alertCard(data.case, { alert, due: m.payload.due, ...about }, data.recipients.length === 1 ? data.recipients[0] : undefined);
    await fanOut({ ...m, caseId }, 'notice.send', data.recipients, {
      card,
      // What the Teams notification shows before the card is opened.
      summary:
        alert === 'chair-away'
          ? `Core Groups: nobody can chair a core group of ${data.case.reference} ${about.day ? `on ${formatLong(about.day)}` : 'before its deadline'}.`
          : `Core Groups: a deadline needs attention on ${data.case.reference}.`,
      alert: { alert, due: m.payload.due, ...about },
    });
  }

  /** The alert card, in words: what is late or due, by when, and what to do. */
  function alertCard(c: { id: string; reference: string; childInitials: string }, facts: About & { alert: AlertKind; due: LocalDate }, readerId?: string) {
    const window = `${facts.earliest ? `${formatLong(facts.earliest)} to ` : 'up to '}${formatLong(facts.due)}`;
    const words: Record<AlertKind, { what: string; colour: 'Warning' | 'Attention'; lines: readonly string[] }> = {
      'due-soon': { what: 'due in 2 working days', colour: 'Warning', lines: [] },
      missed: { what: 'missed', colour: 'Attention', lines: [] },
      'meeting-late': { what: 'booked after its deadline', colour: 'Attention', lines: ['It was moved or booked to a day after that deadline.'] },
      'no-compliant-slot': {
        what: 'no time before the deadline for those who must attend',
        colour: 'Warning',
        lines: facts.chairAway
          ? [
              'No time before the deadline has the chair, the family and at least half of the agencies free: the chair is out of office for part of the window.',
              'Add a vice chair on the case page (Add a member, role Vice chair): either of them can chair, so the core group can go ahead.',
            ]
          : [
              'No time before the deadline has the chair, the family and at least half of the agencies free.',
              'Book the best time there is and record why, or ask members to move other commitments.',
            ],
      },
      'chair-away': facts.startsAt
        ? {
            what: 'nobody to chair it',
            colour: 'Attention',
            lines: [
              `It is booked for ${londonTime(facts.startsAt)}, and ${facts.viceChairAway ? 'the chair and the vice chair are' : 'the chair is'} out of office then.`,
              facts.cover?.length
                ? 'Make one of the people below vice chair: they are invited, sent the agenda and told they chair it. Or add someone else on the case page (Add a member, role Vice chair), or move it.'
                : `Add ${facts.viceChairAway ? 'another' : 'a'} vice chair on the case page (Add a member, role Vice chair) to chair it in their place, or move it.`,
            ],
          }
        : {
            // Not booked: nobody able to chair it is at work on any working day left before the deadline.
            what: 'nobody to chair it before its deadline',
            colour: 'Attention',
            lines: [
              `It is not booked, and ${facts.viceChairAway ? 'the chair and the vice chair are' : 'the chair is'} out of office on every working day left before the deadline.`,
              facts.cover?.length
                ? 'Make one of the people below vice chair: they can chair it, and its schedule then offers times they are free. Or add someone else on the case page (Add a member, role Vice chair).'
                : `Add ${facts.viceChairAway ? 'another' : 'a'} vice chair on the case page (Add a member, role Vice chair): its schedule then offers times they are free.`,
            ],
          },
      'booking-outside-window': {
        what: 'booked outside its window',
        colour: 'Warning',
        lines: [
          `It is booked for ${facts.day ? formatLong(facts.day) : 'a day'}; after a change earlier in the series its window is ${window}.`,
          'Move it from the case page.',
        ],
      },
    };
    const { what, colour, lines } = words[facts.alert];
    const subject = facts.obligationId ? obligationWords(facts.obligationId) : 'a core group';
    const due = formatLong(facts.due);
    const view = {
      title: `${subject.charAt(0).toUpperCase()}${subject.slice(1)}: ${what}`,
      subtitle: `${c.reference} (${c.childInitials})`,
      lines: [due ? `The procedure's deadline is ${due}.` : 'The procedure sets a deadline this meeting does not meet.', ...(facts.meetingId ? lines : [])],
      fallback: `Core Groups: a deadline needs attention on ${c.reference}.`,
    };
    // Nobody to chair it, and people free who could: each a button that makes them vice chair.
    if (facts.alert === 'chair-away' && facts.cover?.length && facts.meetingId)
      return chairCoverCard({
        ...view,
        caseId: c.id,
        meetingId: facts.meetingId,
        ...(facts.startsAt ? { startsAt: facts.startsAt } : {}),
        caseUrl: links.caseUrl(c.id),
        cover: facts.cover,
        ...(readerId ? { readerId } : {}),
      });
    return noticeCard({ ...view, colour, links: [{ title: 'Open the case', url: links.caseUrl(c.id) }] });
  }
  return (message) => deliverTopics(handlersFor(keyedBy(message.idempotencyKey)), 'card')(message);
}
