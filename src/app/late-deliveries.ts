import { londonDay } from '../domain/calendar/london-time';
import { Actor } from '../domain/access/access-rules';
import { LocalDate } from '../domain/calendar/local-date';
import { meetingLateness } from '../domain/meeting/lateness';
import { calendarFor } from '../domain/policy';
import {
  agendaIn,
  AgendaData,
  CaseRef,
  minutesCardData,
  MinutesCardData,
  planCardData,
  PlanCardData,
  refOf,
  reportFormData,
  ReportFormData,
} from './card-data';
import { AppContext, todayOf } from './context';
import { MyWork, myWork, PlanToAgree, plansToAgree as plansOf } from './my-work';
import { reportRequestKey } from './reports';
import { missingUpdates } from './delivery-data';
import { digestSentAtIn } from './hand-over';
import { StoreTx } from '../ports/store';

/**
 * Cards that wait — queued before someone first reached the bot, or held back by retries — are
 * delivered only while they are still true, and what waited for someone the bot could not reach yet
 * arrives as one digest of how things stand now, not as a flood of old cards.
 */

/** A reminder this soon after the form (or the digest offering it) reached the person would land with it. */
export const REMINDER_GAP_MS = 4 * 60 * 60 * 1000;

/** What one person is waiting on now, for the digest they get on their first contact with the bot. */
export interface Digest {
  readonly work: MyWork;
  /** Updates they owe whose core group has not started (so the form still opens). */
  readonly updatesOwed: MyWork['reportsOwed'];
  /** Core groups of their cases booked from now on, soonest first (what their agendas said). */
  readonly upcoming: readonly {
    readonly caseId: string;
    readonly reference: string;
    readonly childInitials: string;
    readonly number: number;
    readonly startsAt: string;
  }[];
  /** Plans they are asked to agree and have not agreed. */
  readonly plansToAgree: readonly PlanToAgree[];
  /** For the cases they chair: who still owes an update for a core group coming up. */
  readonly missing: readonly { readonly reference: string; readonly meetingNumber: number; readonly missing: readonly string[] }[];
}

/** How things stand for the person now; undefined when nothing waits for them (then no digest card). */
export async function digestFor(ctx: AppContext, actor: Actor): Promise<Digest | undefined> {
  const work = await myWork(ctx, actor);
  const now = Date.parse(ctx.clock.now());
  const updatesOwed = work.reportsOwed.filter((r) => !r.meetingStartsAt || Date.parse(r.meetingStartsAt) > now);
  const coreGroups = await ctx.store.transaction((tx) => tx.queries.coreGroupsOf(work.cases.map((c) => c.caseId)));
  const upcoming = coreGroups
    .filter((m): m is typeof m & { startsAt: string } => m.status === 'booked' && m.startsAt !== undefined && Date.parse(m.startsAt) > now)
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))
    .flatMap((m) => {
      const c = work.cases.find((x) => x.caseId === m.caseId);
      return c ? [{ caseId: c.caseId, reference: c.reference, childInitials: c.childInitials, number: m.number, startsAt: m.startsAt }] : [];
    });
  const plansToAgree = await plansOf(ctx, actor, work.cases);
  const chaired = new Set(work.cases.filter((c) => c.socialWorkerId === actor.personId).map((c) => c.caseId));
  const missing: Digest['missing'][number][] = [];
  for (const m of upcoming.filter((x) => chaired.has(x.caseId))) {
    const meetingId = (await ctx.store.transaction((tx) => tx.meetings.forCase(m.caseId))).find((g) => g.number === m.number)?.id;
    const found = meetingId ? await missingUpdates(ctx, meetingId) : undefined;
    if (found?.missing.length) missing.push({ reference: m.reference, meetingNumber: m.number, missing: found.missing });
  }
  const waiting =
    updatesOwed.length + work.approvalsWaiting.length + upcoming.length + plansToAgree.length + work.cases.filter((c) => c.colour !== 'green').length;
  return waiting > 0 ? { work, updatesOwed, upcoming, plansToAgree, missing } : undefined;
}

/** A card queued before the person's digest, of a kind the digest shows (forms, approvals, alerts): the digest said it. */
export async function coveredByDigest(ctx: AppContext, personId: string, queuedAt: string | undefined): Promise<boolean> {
  return ctx.store.transaction((tx) => coveredIn(tx, personId, queuedAt));
}

/** The same, in the caller's transaction. */
async function coveredIn(tx: StoreTx, personId: string, queuedAt: string | undefined): Promise<boolean> {
  if (!queuedAt) return false;
  const sentAt = await digestSentAtIn(tx, personId);
  return sentAt !== undefined && Date.parse(queuedAt) <= Date.parse(sentAt);
}

/**
 * The agenda of a core group to send one person, unless their digest (given after it was queued)
 * listed the core groups coming up. One transaction: it is read once per recipient of every agenda.
 */
export async function agendaToSend(ctx: AppContext, input: { personId: string; meetingId: string; queuedAt?: string }): Promise<AgendaData | undefined> {
  return ctx.store.transaction(async (tx) => ((await coveredIn(tx, input.personId, input.queuedAt)) ? undefined : agendaIn(ctx, tx, input.meetingId)));
}

/**
 * Whether a reminder about an update would land with the form it reminds of: the form (its
 * request card) or the digest offering it reached the person moments ago.
 */
export async function reminderTooSoon(ctx: AppContext, personId: string, reportId: string): Promise<boolean> {
  const [form, digestAt] = await ctx.store.transaction(async (tx) => [
    await tx.sentCards.byKey(`${reportRequestKey(reportId)}|person:${personId}`),
    await digestSentAtIn(tx, personId),
  ]);
  const now = Date.parse(ctx.clock.now());
  return [form?.sentAt, digestAt].some((at) => at !== undefined && now - Date.parse(at) < REMINDER_GAP_MS);
}

/** The compliance alerts, by what they say. */
export type AlertKind = 'due-soon' | 'missed' | 'meeting-late' | 'no-compliant-slot' | 'booking-outside-window' | 'chair-away';
export interface AlertFacts {
  readonly alert: AlertKind;
  readonly caseId: string;
  readonly obligationId?: string;
  readonly meetingId?: string;
  readonly due: LocalDate;
  /** booking-outside-window: the day it is booked for, and its window's first day (when it has one). */
  readonly day?: LocalDate;
  readonly earliest?: LocalDate;
  /** chair-away: the time it is booked for (none: not booked, nobody there to chair it before its deadline). */
  readonly startsAt?: string;
}

/** What a compliance alert card needs: the case, and who is told (its chair and manager). */
export interface AlertData {
  readonly case: CaseRef;
  readonly recipients: readonly string[];
}

/**
 * The alert's case and recipients while the alert is still true; undefined once it is not (the
 * deadline was met, the meeting moved inside it, the core group was held, the case closed): it is dropped.
 */
export async function alertData(ctx: AppContext, facts: AlertFacts): Promise<AlertData | undefined> {
  return ctx.store.transaction(async (tx) => {
    const c = await tx.cases.byId(facts.caseId);
    if (!c || c.status === 'closed') return undefined;
    const data = { case: refOf(c), recipients: [c.socialWorkerId, c.managerId] };
    if (facts.alert === 'due-soon' || facts.alert === 'missed') {
      const obligation = (await tx.obligations.forCase(c.id)).find((o) => o.obligationId === facts.obligationId);
      const done = obligation?.doneOn ?? (facts.obligationId ? (await tx.obligations.completions(c.id))[facts.obligationId] : undefined);
      return obligation && !done ? data : undefined;
    }
    const meeting = facts.meetingId ? await tx.meetings.byId(facts.meetingId) : undefined;
    if (!meeting) return undefined;
    // No time has every required member free: still worth saying until the core group is held (or cancelled).
    if (facts.alert === 'no-compliant-slot') return meeting.status === 'planned' || meeting.status === 'booked' ? data : undefined;
    // Nobody to chair it: for the manager (the chair is away), while it is still booked for that time,
    // or (not booked) still waiting to be, with the same deadline.
    if (facts.alert === 'chair-away') {
      const still = facts.startsAt
        ? meeting.status === 'booked' && meeting.startsAt === facts.startsAt
        : meeting.status === 'planned' && meeting.due === facts.due;
      return still ? { ...data, recipients: [c.managerId] } : undefined;
    }
    // Booked outside the window a change earlier in the series gave it: true while it is still booked on that day.
    if (facts.alert === 'booking-outside-window')
      return meeting.status === 'booked' && meeting.startsAt && londonDay(meeting.startsAt) === facts.day ? data : undefined;
    const late = meetingLateness(meeting, todayOf(ctx), calendarFor(ctx.profiles.get(c.profileId, c.profileVersion)));
    return late ? data : undefined;
  });
}

/**
 * The update form to send its owner, asking for it (`reminder` false) or reminding them of it,
 * while it is still wanted: not covered by their digest, not a reminder landing with its form, not
 * submitted, and its core group not yet started. Undefined when there is nothing to ask for.
 */
export async function updateFormToSend(
  ctx: AppContext,
  input: { ownerId: string; reportId: string; queuedAt?: string; reminder: boolean },
): Promise<ReportFormData | undefined> {
  if (await coveredByDigest(ctx, input.ownerId, input.queuedAt)) return undefined;
  if (input.reminder && (await reminderTooSoon(ctx, input.ownerId, input.reportId))) return undefined;
  const form = await reportFormData(ctx, { personId: input.ownerId }, { reportId: input.reportId });
  return form.report.status === 'submitted' || !form.editable ? undefined : form;
}

/** The minutes to ask the manager to approve, while they still wait for a decision (and the digest did not ask already). */
export async function approvalToAsk(ctx: AppContext, input: { managerId: string; minutesId: string; queuedAt?: string }): Promise<MinutesCardData | undefined> {
  if (await coveredByDigest(ctx, input.managerId, input.queuedAt)) return undefined;
  const data = await minutesCardData(ctx, { personId: input.managerId }, input.minutesId);
  // Decided (or returned and not yet resubmitted) by the time this goes out: nothing to ask.
  return data.minutes.status === 'submitted' ? data : undefined;
}

/** The plan to ask a member to agree, unless they already have (or their digest asked). */
export async function planToAgree(ctx: AppContext, input: { personId: string; caseId: string; queuedAt?: string }): Promise<PlanCardData | undefined> {
  if (await coveredByDigest(ctx, input.personId, input.queuedAt)) return undefined;
  const data = await planCardData(ctx, { personId: input.personId }, input.caseId);
  return data.answer?.agrees ? undefined : data;
}
