import { caseIdByReference, escalationRecipient } from '../../src/app/card-data';
import { caseDetail } from '../../src/app/case-detail';
import { everyoneOnCase, linkCaseChat } from '../../src/app/case-chat';
import { myWork, plansToAgree } from '../../src/app/my-work';
import { Actor } from '../../src/domain/access/access-rules';
import { AppContext } from '../../src/app/context';
import { formatLong } from '../../src/domain/calendar/local-date';
import { DomainError, isDomainError } from '../../src/domain/errors';
import { ChatAbilities, chatAbilities, coreGroupsToBook } from '../../src/app/chat-abilities';
import { escalationFormCard, myCoreGroupsCard, noticeCard } from '../cards/cards';
import { scheduleCardFor } from './schedule-card';
import { AdaptiveCardJson } from '../cards/expand';
import { escalationFormView, londonTime, myCoreGroupsView, obligationWords } from '../views';
import { actorOf, CoreDeps, isShared, rosterOrNothing, SENT_PRIVATELY, sendPrivately } from './deps';
import { Reply, Where, Who } from './turn';

/** What a command is given: who said it, and where. */
export interface CommandTurn {
  readonly who: Who;
  readonly where: Where;
}

/** The commands that act on one case ("status CP-2026-0042"), each answering with replies. */
export type CaseCommand = 'status' | 'concern' | 'link' | 'schedule';
/** The commands of fixed words. */
export type WordCommand = 'my core groups' | 'my work' | 'help';
export type CaseCommandHandler = (turn: CommandTurn, reference: string) => Promise<Reply[]>;
export type WordCommandHandler = (turn: CommandTurn) => Promise<Reply[]>;

/** Every command, in words; `help` and the welcome list only those the person may use (helpLines). */
const HELP = [
  '**my core groups**: your cases, their next deadline, the updates you owe, approvals waiting for you, minutes returned to you and plans for you to agree',
  '**status CASE-REF**: where one case stands',
  '**schedule CASE-REF**: the next compliant times for its next core group; pick one to book it',
  '**concern CASE-REF**: raise a concern, request an early review conference, or record dissent',
  "**link CASE-REF** (in a group chat with the core group's members): post the case's agendas in this chat",
  '**help**: this list',
];

/** The commands this person may use, from what they may do on their cases. */
export function helpLines(may: ChatAbilities): string[] {
  const [mine, status, schedule, concern, link, help] = HELP as [string, string, string, string, string, string];
  return [
    mine,
    ...(may.readsCases ? [status] : []),
    ...(may.books ? [schedule] : []),
    ...(may.raisesConcerns ? [concern] : []),
    ...(may.linksChats ? [link] : []),
    help,
  ];
}

/** Help for whoever asked: someone Core Groups cannot name gets only the commands that need no case. */
export async function helpFor(deps: CoreDeps, who: Who): Promise<string[]> {
  let actor: Actor;
  try {
    actor = await actorOf(deps, who);
  } catch (e) {
    if (!isDomainError(e)) throw e;
    return helpLines({ readsCases: false, raisesConcerns: false, books: false, linksChats: false });
  }
  return helpOf(deps.ctx, actor);
}

/** The commands someone Core Groups knows may use (the welcome the outbox sends says the same). */
export const helpOf = async (ctx: AppContext, actor: Actor): Promise<string[]> => helpLines(await chatAbilities(ctx, actor));

const card = (c: AdaptiveCardJson): Reply[] => [{ card: c }];

/** Every case command, by name: a command without a handler does not compile. */
export function caseCommands(deps: CoreDeps): Readonly<Record<CaseCommand, CaseCommandHandler>> {
  const { ctx, links } = deps;

  /** Where one case stands, in words. */
  async function statusOf(actor: Actor, caseId: string): Promise<AdaptiveCardJson> {
    const detail = await caseDetail(ctx, actor, caseId);
    const open = detail.obligations.filter((o) => !o.doneOn);
    const overdue = open.filter((o) => o.compliance.status === 'overdue');
    const next = open.filter((o) => o.compliance.status !== 'overdue').slice(0, 3);
    // A core group booked after its deadline is late before the deadline comes: never "nothing overdue" in green.
    const bookedLate = detail.meetings.filter((m) => m.status === 'booked' && m.lateness?.kind === 'booked-late');
    // When a core group is booked (for those who may see it), say when.
    const bookedFor = (obligationId: string) => {
      const m = detail.meetings.find((x) => x.status === 'booked' && x.startsAt && `core-group-${x.number}` === obligationId);
      return m?.startsAt ? `; booked for ${londonTime(m.startsAt)}` : '';
    };
    // What is the asker's own to do on it: their updates still to give, the plan still to answer.
    const theirs = new Set(detail.members.filter((m) => m.personId === actor.personId).map((m) => m.memberId));
    const updatesOwed = detail.meetings.filter((m) => m.updates?.some((u) => u.yours && !u.submitted));
    const planToAnswer = detail.plan?.agreement.some((a) => theirs.has(a.memberId) && a.answer === 'waiting');
    return noticeCard({
      title: `${detail.reference} (${detail.childInitials})`,
      subtitle: `${detail.profile.name}; initial conference ${formatLong(detail.icpcDate)}`,
      colour: overdue.length || bookedLate.length ? 'Attention' : 'Default',
      lines: [
        ...updatesOwed.map(
          (m) => `Yours to do: your written update for core group ${m.number}${m.startsAt ? `, before it meets ${londonTime(m.startsAt)}` : ''}.`,
        ),
        ...(planToAnswer ? ['Yours to do: say whether you agree the child protection plan, on the plan’s card Core Groups sent you.'] : []),
        ...(overdue.length ? [`🔴 Overdue: ${overdue.map((o) => `${obligationWords(o.id)} (due ${formatLong(o.due)}${bookedFor(o.id)})`).join('; ')}`] : []),
        ...bookedLate.map((m) => `🔴 Late: ${m.lateness?.text ?? ''}`),
        ...(overdue.length || bookedLate.length ? [] : ['🟢 Nothing overdue.']),
        ...next.map((o) => `Next: ${obligationWords(o.id)} by ${formatLong(o.due)}${bookedFor(o.id)}`),
      ],
      links: [{ title: 'Open the case', url: links.caseUrl(detail.id) }],
      fallback: `Core Groups: status of ${detail.reference}`,
    });
  }

  return {
    /**
     * Where one case stands. Asked in a group chat or channel where anyone is not a current member of
     * the case, the answer goes to the asker's 1:1 chat and the chat is told only that.
     */
    status: async ({ who, where }, reference) => {
      const actor = await actorOf(deps, who);
      const caseId = await caseIdByReference(ctx, actor, reference);
      const answer = await statusOf(actor, caseId);
      if (isShared(where) && !(await everyoneOnCase(ctx, caseId, await rosterOrNothing(deps, where)))) {
        await sendPrivately(deps, where, actor, answer, 'Core Groups: the status you asked for');
        return [{ text: SENT_PRIVATELY }];
      }
      return card(answer);
    },
    concern: async ({ who }, reference) => {
      const actor = await actorOf(deps, who);
      const { case: c, recipient } = await escalationRecipient(ctx, actor, await caseIdByReference(ctx, actor, reference));
      return card(escalationFormCard(escalationFormView(c, recipient, links)));
    },
    link: async ({ who, where }, reference) => {
      const actor = await actorOf(deps, who);
      const caseId = await caseIdByReference(ctx, actor, reference);
      if (where.kind !== 'groupChat')
        throw new DomainError('CHAT.NOT_GROUP', 'invalid', 'Say this in a group chat with the core group’s members: that chat then gets the agendas.');
      const linked = await linkCaseChat(ctx, actor, { caseId, conversationId: where.conversationId, roster: await where.roster() });
      return card(
        noticeCard({
          title: `${linked.alreadyLinked ? 'This chat is already' : 'This is now'} the core group chat for ${linked.case.reference} (${linked.case.childInitials})`,
          colour: 'Good',
          lines: linked.alreadyLinked
            ? [
                'This chat is already the core group chat: agendas are posted here as each core group is booked. Update forms, approvals and minutes go to each person 1:1.',
              ]
            : [
                'Agendas are posted here. Update forms, approvals and minutes still go to each person 1:1.',
                ...(linked.nextMeetingId ? ['The agenda of the next core group follows.'] : []),
              ],
          links: [{ title: 'Open the case', url: links.caseUrl(linked.case.id) }],
          fallback: `Core Groups: linked to ${linked.case.reference}`,
        }),
      );
    },
    schedule: async ({ who }, reference) => {
      const scheduling = deps.scheduling;
      if (!scheduling) throw new DomainError('SCHEDULE.UNAVAILABLE', 'conflict', 'Scheduling is not available: no calendar is connected.');
      const actor = await actorOf(deps, who);
      const detail = await caseDetail(ctx, actor, await caseIdByReference(ctx, actor, reference));
      const meeting = detail.meetings.find((m) => m.status === 'planned');
      if (!meeting)
        return card(
          noticeCard({
            title: `${detail.reference}: nothing to book`,
            lines: ['Every planned core group up to the next review is already booked.'],
            fallback: `Core Groups: ${detail.reference}`,
          }),
        );
      return card(await scheduleCardFor(deps, actor, meeting.id));
    },
  };
}

/** Every command of fixed words: a command without a handler does not compile. */
export function wordCommands(deps: CoreDeps): Readonly<Record<WordCommand, WordCommandHandler>> {
  const { ctx } = deps;
  const mine: WordCommandHandler = async ({ who, where }) => {
    const actor = await actorOf(deps, who);
    // Booking is offered only where a calendar is connected: without one, `schedule` cannot work.
    const toBook = deps.scheduling ? await coreGroupsToBook(ctx, actor) : [];
    const work = await myWork(ctx, actor);
    const answer = myCoreGroupsCard(myCoreGroupsView(work, deps.links, ctx.clock.now(), toBook, await plansToAgree(ctx, actor, work.cases)));
    // A list of someone's cases is theirs alone: in a group chat it goes to their 1:1 chat.
    if (isShared(where)) {
      await sendPrivately(deps, where, actor, answer, 'Core Groups: your core groups');
      return [{ text: SENT_PRIVATELY }];
    }
    return card(answer);
  };
  return {
    'my core groups': mine,
    'my work': mine,
    help: async ({ who }) => card(noticeCard({ title: 'Core Groups', lines: await helpFor(deps, who), fallback: 'Core Groups: help' })),
  };
}
