import { OrgRole } from '../domain/access/organisation-roles';
import { ClaimedMessage, OutboxKind, OutboxMessage } from './outbox-topics';
import { GraphSubscriptions } from './graph-subscriptions';
import { LocalDate } from '../domain/calendar/local-date';
import { CoreGroupCase } from '../domain/case/core-group-case';
import { Member, Person } from '../domain/case/members';
import { Meeting } from '../domain/meeting/meeting';
import { Minutes, MinutesSections } from '../domain/minutes/minutes';
import { ActionStatus, PlanAction } from '../domain/plan/child-protection-plan';
import { Obligation } from '../domain/policy/obligation';
import { AgencyReport, ReportContent } from '../domain/report/agency-report';

/** One row of the append-only audit trail. `before`/`after` are the changed record, never report text. */
export interface AuditEntry {
  readonly at: string;
  readonly actorId: string;
  readonly action: string;
  readonly entity: string;
  readonly entityId: string;
  readonly caseId?: string;
  readonly before?: unknown;
  readonly after?: unknown;
  /** False for a refused attempt (recorded too: who tried what, when). Default true. */
  readonly allowed?: boolean;
}

/** What a check of the audit's hash chain found. */
export interface ChainCheck {
  readonly rows: number;
  /** The first row whose link does not hold, and why; absent when the whole chain holds. */
  readonly broken?: { readonly seq: number; readonly problem: string };
}

export type { OutboxKind, OutboxMessage, ClaimedMessage } from './outbox-topics';

/** A message a state change must cause, delivered later by the worker, exactly once by its key. */

export interface Conference {
  readonly id: string;
  readonly caseId: string;
  readonly kind: 'initial' | 'review';
  readonly number: number;
  readonly heldOn: LocalDate;
  readonly outcome?: string;
}

export interface StoredObligation {
  readonly caseId: string;
  readonly obligationId: string;
  readonly kind: Obligation['kind'];
  readonly due: LocalDate;
  readonly earliest?: LocalDate;
  readonly doneOn?: LocalDate;
  readonly rule: string;
  readonly meetingNumber?: number;
}

export interface PlanVersion {
  readonly id: string;
  readonly caseId: string;
  readonly version: number;
  readonly outcomes: readonly string[];
  readonly createdAt: string;
  readonly createdBy: string;
}

/** A Teams conversation the bot can post into, as Teams described it (opaque to everything but the bot). */
export interface StoredConversation {
  readonly key: string;
  readonly personId?: string;
  readonly conversationId: string;
  readonly scope: 'personal' | 'groupChat' | 'team';
  readonly tenantId?: string;
  readonly reference: Record<string, unknown>;
  readonly updatedAt: string;
  /** Set on a group chat the chair linked to a case: the core group's own chat. */
  readonly caseId?: string;
}

/** What Teams calls a person, and where to reach them: enough to open a 1:1 chat with them. */
export interface TeamsUser {
  readonly personId: string;
  readonly teamsUserId: string;
  readonly serviceUrl: string;
  readonly tenantId?: string;
  readonly updatedAt: string;
}

export interface Escalation {
  readonly id: string;
  readonly caseId: string;
  readonly kind: string;
  readonly concern: string;
  readonly raisedBy: string;
  readonly raisedTo: string;
  readonly raisedAt: string;
  readonly outcome?: string;
  readonly resolvedAt?: string;
}

/** "My work": a person's open cases with what is next, the reports they owe, approvals waiting for them. */
export interface CaseSummaryRow {
  readonly caseId: string;
  readonly reference: string;
  readonly childInitials: string;
  readonly profileId: string;
  readonly profileVersion: string;
  readonly socialWorkerId: string;
  readonly nextObligationId?: string;
  readonly nextKind?: Obligation['kind'];
  readonly nextDue?: LocalDate;
  /** Obligations past due and not done. */
  readonly overdue: number;
}

export interface SentCard {
  readonly key: string;
  readonly conversationId: string;
  readonly activityId: string;
  readonly sentAt: string;
}

/** What a case's lateness needs to know of each of its core groups. */
export type CoreGroupFacts = Pick<Meeting, 'caseId' | 'number' | 'status' | 'due' | 'startsAt' | 'heldOn' | 'lateReason'>;

export interface OwedReportRow {
  readonly reportId: string;
  readonly caseId: string;
  readonly reference: string;
  readonly meetingId: string;
  readonly meetingNumber: number;
  readonly meetingStartsAt?: string;
  readonly meetingDue: LocalDate;
  readonly required: boolean;
}

export interface PendingApprovalRow {
  readonly minutesId: string;
  readonly caseId: string;
  readonly reference: string;
  readonly meetingNumber: number;
  readonly submittedAt: string;
  readonly authorId: string;
}

/** Minutes the manager sent back for changes, waiting for their writer or the case's chair. */
export interface ReturnedMinutesRow {
  readonly minutesId: string;
  readonly caseId: string;
  readonly reference: string;
  readonly meetingNumber: number;
  readonly returnedAt: string;
  readonly returnComments: string;
}

/**
 * Everything a use case reads or writes, inside one transaction. Writes that break optimistic
 * concurrency (a stale `version`) throw a DomainError with category 'conflict'.
 */
export interface StoreTx {
  readonly people: {
    insert(p: Person): Promise<void>;
    byId(id: string): Promise<Person | undefined>;
    byIds(ids: readonly string[]): Promise<Person[]>;
    byEmail(email: string): Promise<Person | undefined>;
    /** Everyone known by these addresses (any case; in no particular order). An address nobody has is left out. */
    byEmails(emails: readonly string[]): Promise<Person[]>;
    byEntraObjectId(oid: string): Promise<Person | undefined>;
  };
  readonly cases: {
    insert(c: CoreGroupCase, createdAt: string): Promise<void>;
    byId(id: string): Promise<CoreGroupCase | undefined>;
    byReference(reference: string): Promise<CoreGroupCase | undefined>;
  };
  readonly members: {
    insert(m: Member): Promise<void>;
    forCase(caseId: string): Promise<Member[]>;
    /** Saves exclusion and leaving (what changes about a membership over a case's life). */
    update(m: Member): Promise<void>;
  };
  readonly conferences: {
    insert(c: Conference): Promise<void>;
    forCase(caseId: string): Promise<Conference[]>;
  };
  readonly meetings: {
    insert(m: Meeting): Promise<void>;
    byId(id: string): Promise<Meeting | undefined>;
    forCase(caseId: string): Promise<Meeting[]>;
    /** Saves a changed meeting if nobody else changed it since `m.version` was read; returns it with the new version. */
    update(m: Meeting): Promise<Meeting>;
    /** The meeting an Outlook event belongs to (change notifications name only the event). */
    byCalendarEventId(eventId: string): Promise<Meeting | undefined>;
    /** Booked meetings starting in [fromIso, toIso), across all open cases (for reminders). */
    bookedBetween(fromIso: string, toIso: string): Promise<Meeting[]>;
    /** Drops planned (never booked) meetings from `fromNumber` on, so a re-plan can replace them. */
    deletePlannedFrom(caseId: string, fromNumber: number): Promise<void>;
  };
  readonly obligations: {
    replaceForCase(caseId: string, obligations: readonly StoredObligation[]): Promise<void>;
    forCase(caseId: string): Promise<StoredObligation[]>;
    /** The obligations of one core group (the meeting, its minutes, dates or plan signed at it): a card needs these, not the whole year's. */
    forCoreGroup(caseId: string, meetingNumber: number): Promise<StoredObligation[]>;
    complete(caseId: string, obligationId: string, doneOn: LocalDate): Promise<void>;
    /** Obligations not done with a due date in [from, to], across all open cases (for alerts). */
    openDueBetween(from: LocalDate, to: LocalDate): Promise<StoredObligation[]>;
    completions(caseId: string): Promise<Record<string, LocalDate>>;
  };
  readonly reports: {
    /** Creates the request if there is none; returns the report either way. */
    request(r: Omit<AgencyReport, 'status' | 'version' | 'onBehalf'> & { caseId: string; required: boolean; requestedAt: string }): Promise<AgencyReport>;
    byId(id: string): Promise<(AgencyReport & { caseId: string; required: boolean }) | undefined>;
    forMeeting(meetingId: string): Promise<(AgencyReport & { required: boolean })[]>;
    /** Records a new version of the content (every version kept). */
    submit(reportId: string, content: ReportContent, by: string, onBehalf: boolean, at: string): Promise<AgencyReport>;
    versions(reportId: string): Promise<{ version: number; content: ReportContent; submittedAt: string; submittedBy: string; onBehalf: boolean }[]>;
  };
  readonly attendance: {
    set(meetingId: string, memberId: string, status: 'attended' | 'apologies' | 'absent'): Promise<void>;
    forMeeting(meetingId: string): Promise<{ memberId: string; status: string }[]>;
  };
  readonly plan: {
    insertVersion(v: PlanVersion): Promise<void>;
    latestVersion(caseId: string): Promise<PlanVersion | undefined>;
    insertAction(a: PlanAction): Promise<void>;
    actionsForCase(caseId: string): Promise<PlanAction[]>;
    setActionStatus(actionId: string, status: ActionStatus, by: string, at: string, comment?: string, meetingId?: string): Promise<void>;
    sign(planVersionId: string, memberId: string, agrees: boolean, at: string, comment?: string): Promise<void>;
    signatures(planVersionId: string): Promise<{ memberId: string; agrees: boolean; comment?: string; signedAt: string }[]>;
  };
  readonly minutes: {
    insert(m: Minutes): Promise<void>;
    byId(id: string): Promise<Minutes | undefined>;
    byMeeting(meetingId: string): Promise<Minutes | undefined>;
    /** Optimistic: saves if the stored version is still `m.version`, else a 'conflict' error. Keeps every version. */
    update(m: Minutes, by: string, at: string): Promise<Minutes>;
    versions(minutesId: string): Promise<{ version: number; status: string; sections: MinutesSections; editedBy: string; editedAt: string }[]>;
    recordCirculation(minutesId: string, personId: string, channel: 'teams' | 'mail', at: string): Promise<void>;
    circulations(minutesId: string): Promise<{ personId: string; channel: string; sentAt: string }[]>;
  };
  readonly escalations: {
    insert(e: Escalation): Promise<void>;
    /** Records what came of it (once); false when it already had an outcome. */
    resolve(id: string, outcome: string, at: string): Promise<boolean>;
    forCase(caseId: string): Promise<Escalation[]>;
  };
  readonly conversations: {
    /** Saves or refreshes a conversation (by key: `personal:<personId>` or `conversation:<id>`). */
    save(c: StoredConversation): Promise<void>;
    personalFor(personId: string): Promise<StoredConversation | undefined>;
    byConversationId(conversationId: string): Promise<StoredConversation | undefined>;
    /** The most recently seen conversation in a tenant: where Teams' connector for it is. */
    latestInTenant(tenantId: string | undefined): Promise<StoredConversation | undefined>;
    /** The chat linked to a case (the most recently linked, if the chair moved it). */
    chatForCase(caseId: string): Promise<StoredConversation | undefined>;
    /** Links a known group chat to a case, or unlinks it (caseId undefined). */
    linkCase(conversationId: string, caseId: string | undefined): Promise<void>;
    remove(conversationId: string): Promise<void>;
  };
  /** Cards Teams accepted, by the key of the send: what a retry updates instead of posting again. */
  readonly sentCards: {
    byKey(key: string): Promise<SentCard | undefined>;
    record(card: SentCard): Promise<void>;
    /**
     * Records the card under its key only if nothing is recorded there yet: true for the one caller
     * that wrote it. Two transactions claiming one key at once (two server instances) never both win.
     */
    claim(card: SentCard): Promise<boolean>;
  };
  /** The organisation's list: who is a social worker, team manager, business support, IRO, administrator. */
  readonly staff: {
    /** Each email's roles (lower-cased emails; none listed: no roles). */
    rolesFor(emails: readonly string[]): Promise<Map<string, OrgRole[]>>;
    /** Sets a person's roles; an empty list removes them. */
    set(email: string, roles: readonly OrgRole[], by: string, at: string): Promise<void>;
    list(): Promise<{ email: string; roles: OrgRole[]; updatedBy: string; updatedAt: string }[]>;
  };
  readonly teamsUsers: {
    save(u: TeamsUser): Promise<void>;
    byPerson(personId: string): Promise<TeamsUser | undefined>;
    /** Those of these people known to Teams (a card's refresh names each by their Teams user id). */
    byPeople(personIds: readonly string[]): Promise<TeamsUser[]>;
  };
  readonly audit: {
    append(entry: AuditEntry): Promise<void>;
    forCase(caseId: string): Promise<(AuditEntry & { seq: number })[]>;
    /** Recomputes the hash chain over every row, in order: the first broken link, if any. */
    verify(): Promise<ChainCheck>;
  };
  readonly outbox: {
    /** Queues a message; a second message with the same idempotency key is ignored. */
    enqueue(message: OutboxMessage, at: string): Promise<void>;
    /** Queues several at once (one message for each of many people), each ignored as enqueue would. */
    enqueueAll(messages: readonly OutboxMessage[], at: string): Promise<void>;
    forCase(caseId: string): Promise<(OutboxMessage & { status: string })[]>;
  };
  readonly queries: {
    myCases(personId: string, today: LocalDate): Promise<CaseSummaryRow[]>;
    /** The updates this person has yet to give, the soonest meeting first (one not booked yet by its deadline). */
    reportsOwed(personId: string): Promise<OwedReportRow[]>;
    approvalsWaiting(managerId: string): Promise<PendingApprovalRow[]>;
    /** Minutes returned for changes that this person wrote, or on a case they chair: the longest waiting first. */
    minutesReturned(personId: string): Promise<ReturnedMinutesRow[]>;
    /** Open cases of every social worker managed by `managerId`. */
    teamCases(managerId: string, today: LocalDate): Promise<CaseSummaryRow[]>;
    /** What lateness is judged from: the core groups of these cases still planned or booked, and the last one held. */
    coreGroupsOf(caseIds: readonly string[]): Promise<CoreGroupFacts[]>;
  };
}

export interface Store {
  /** Runs `work` in one transaction: everything it wrote is committed together, or nothing is. */
  transaction<T>(work: (tx: StoreTx) => Promise<T>): Promise<T>;
  readonly outbox: {
    /**
     * Claims up to `limit` due messages of the given kinds for `workerId`; messages claimed by a
     * worker that died are reclaimed after `leaseMs`.
     */
    claim(workerId: string, now: string, limit: number, leaseMs: number, kinds?: readonly OutboxKind[]): Promise<ClaimedMessage[]>;
    /**
     * Fenced: only the worker that holds the claim completes it. False when the claim was lost (the
     * lease ran out and another worker took the message over), and then nothing is written.
     */
    delivered(id: string, at: string, workerId: string): Promise<boolean>;
    failed(id: string, error: string, retryAt: string | undefined, workerId: string): Promise<boolean>;
    /** Renews the holder's lease while a slow send is in flight; false when the claim was lost. */
    extend(id: string, workerId: string, now: string): Promise<boolean>;
  };
  /** The Graph change subscriptions on chairs' calendars (outside any case transaction). */
  readonly graphSubscriptions: GraphSubscriptions;
  /** A trivial round trip, for health checks and benchmark baselines. */
  ping(): Promise<void>;
  /** For health checks: resolves at once when a transaction committed in the last second (and none failed since), else pings. */
  health(): Promise<void>;
  close(): Promise<void>;
}
