import { LocalDate } from '../domain/calendar/local-date';

/**
 * Every message the outbox carries, by topic, with its payload. A use case can only queue a topic
 * listed here with its payload's shape, and each delivery map must handle every topic of its kind:
 * a topic without a delivery does not compile (see the delivery maps' types).
 */
export interface CardTopics {
  'report.request': { reportId: string; meetingId: string; memberId: string };
  'report.submitted': { reportId: string; version: number };
  /** `memberId` puts the reminder in the same delivery lane as the form it reminds of, after it. */
  'report.chase': { reportId: string; memberId: string; workingDaysBefore: number };
  'report.missing-summary': { meetingId: string; workingDaysBefore: number };
  'minutes.approval-request': { minutesId: string; managerId: string };
  'minutes.decided': { minutesId: string; decision: 'approve' | 'return'; authorId: string };
  'minutes.circulate.teams': { minutesId: string; personId: string; memberId: string };
  /**
   * The agenda of a booked core group. Each person (and the case's chat) has one agenda card per
   * meeting, updated in place when the meeting moves; `reminder` (the working day before) posts a
   * fresh copy so it is seen again.
   */
  'agenda.post': { meetingId: string; reminder?: boolean };
  'agenda.chat': { meetingId: string; conversationId: string; reminder?: boolean };
  'agenda.send': { meetingId: string; personId: string; reminder?: boolean };
  'compliance.due-soon': { caseId: string; obligationId: string; due: LocalDate };
  'compliance.missed': { caseId: string; obligationId: string; due: LocalDate };
  'compliance.meeting-late': { meetingId: string; due: LocalDate; day: LocalDate };
  /** `chairAway`: the chair is out of office on some of the days looked at, and the case has no vice chair. */
  'compliance.no-compliant-slot': { meetingId: string; obligationId: string; due: LocalDate; chairAway?: boolean };
  /**
   * A core group nobody can chair: booked for today or the next working day (`day`, `startsAt`) with
   * the chair (and any vice chair) out of office at its time; or, without them, not yet booked and
   * its deadline near, with all of them out of office on every working day left before it.
   * `viceChairAway`: the case has a vice chair, away too. `cover`: people who may chair in the chair's
   * place, free then (or at work before the deadline), offered to the manager (none when nobody is
   * known to be).
   */
  'compliance.chair-away': {
    meetingId: string;
    obligationId: string;
    day?: LocalDate;
    startsAt?: string;
    due: LocalDate;
    viceChairAway: boolean;
    cover?: readonly { personId: string; name: string }[];
  };
  /** To a vice chair: the chair is out of office at this core group, so they chair it. */
  'meeting.vice-chair-chairs': { meetingId: string; startsAt: string; personId: string };
  /** A booked core group whose day a change earlier in its series has put outside its window. */
  'compliance.booking-outside-window': { meetingId: string; obligationId: string; due: LocalDate; earliest?: LocalDate; day: LocalDate };
  'plan.agreement-request': { planVersionId: string };
  'plan.agreement-send': { personId: string };
  'plan.discussion-requested': { caseId: string; planVersionId: string; personId: string };
  /** A card built when queued; `alert`, for a compliance alert, is checked again as it goes out (dropped once no longer true). */
  'notice.send': {
    personId: string;
    card: object;
    summary: string;
    alert?: {
      alert: 'due-soon' | 'missed' | 'meeting-late' | 'no-compliant-slot' | 'booking-outside-window' | 'chair-away';
      obligationId?: string;
      meetingId?: string;
      due: LocalDate;
      day?: LocalDate;
      earliest?: LocalDate;
      chairAway?: boolean;
      startsAt?: string;
      viceChairAway?: boolean;
      cover?: readonly { personId: string; name: string }[];
    };
  };
  'escalation.raised': { escalationId: string; to: string };
  /**
   * The welcome and the digest for someone whose first contact was a card action (its answer can
   * carry only the card in the pressed one's place); claimed with that first contact (see src/app/hand-over.ts).
   */
  'welcome.send': { personId: string; welcome: boolean; digest: boolean };
}

export interface MailTopics {
  'minutes.circulate.mail': { minutesId: string; personId: string; memberId: string };
  /** Someone the conference excluded: a note that minutes exist, never the minutes. */
  'minutes.circulate.restricted': { minutesId: string; personId: string; memberId: string };
  /** To the chair, when Teams has not accepted something a deadline depends on for a while (see delivery-at-risk). */
  'delivery.at-risk': { personId: string; subject: string; lines: string[] };
}

export interface CalendarTopics {
  'calendar.create-event': { meetingId: string };
  'calendar.update-event': { meetingId: string };
  /** `eventId`: an event other than the meeting's own (one replaced when a meeting is linked from Outlook). */
  'calendar.cancel-event': { meetingId: string; reason: string; eventId?: string };
  'calendar.create-series': { meetingIds: string[] };
}

/** Teams activity-feed notifications (Graph sendActivityNotification), one per recipient. */
export interface ActivityTopics {
  'activity.minutes-awaiting-approval': { minutesId: string; personId: string };
  'activity.minutes-returned': { minutesId: string; personId: string };
  'activity.booked-late': { meetingId: string; personId: string };
}

interface TopicsByKind {
  card: CardTopics;
  mail: MailTopics;
  calendar: CalendarTopics;
  activity: ActivityTopics;
}
export type OutboxKind = keyof TopicsByKind;

/** One message of a kind and topic, with that topic's payload. */
export type TopicMessage<K extends OutboxKind, T extends keyof TopicsByKind[K]> = {
  readonly kind: K;
  readonly topic: T;
  readonly payload: TopicsByKind[K][T];
  /** Same key → same message: a retried use case never queues it twice. */
  readonly idempotencyKey: string;
  readonly caseId?: string;
};

type MessagesOf<K extends OutboxKind> = { [T in keyof TopicsByKind[K]]: TopicMessage<K, T> }[keyof TopicsByKind[K]];

/** Anything the outbox may carry: the union of every kind's topics. */
export type OutboxMessage = MessagesOf<'card'> | MessagesOf<'mail'> | MessagesOf<'calendar'> | MessagesOf<'activity'>;

/** A message as a worker holds it: `queuedAt` is when its state change queued it, so how long it has waited. */
export type Claimed<M> = M & { readonly id: string; readonly attempts: number; readonly queuedAt: string };
export type ClaimedMessage = Claimed<OutboxMessage>;

/** A delivery for every topic of a kind: leaving one out is a compile error. */
export type DeliveryMap<K extends OutboxKind> = { readonly [T in keyof TopicsByKind[K]]: (message: Claimed<TopicMessage<K, T>>) => Promise<void> };

/** Routes a claimed message of a kind to its topic's delivery (the one cast: stored payloads are our own writes). */
export function dispatch<K extends OutboxKind>(map: DeliveryMap<K>, message: ClaimedMessage): Promise<void> | undefined {
  const handler = (map as Record<string, ((m: ClaimedMessage) => Promise<void>) | undefined>)[message.topic];
  return handler?.(message);
}
