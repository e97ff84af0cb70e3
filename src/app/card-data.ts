import { withoutChildName } from '../domain/case/child-name';
import { Actor, canDecideMinutes, canEditMinutes, canSeeMeetingDetails, canSignPlan, canSubmitReportFor, ensure } from '../domain/access/access-rules';
import { minutesWriters } from './minutes-writers';
import { CoreGroupCase } from '../domain/case/core-group-case';
import { asksForUpdate, nameBesideReference, takesPart } from '../domain/case/members';
import { DomainError } from '../domain/errors';
import { Meeting } from '../domain/meeting/meeting';
import { venueText } from '../domain/meeting/venue';
import { Minutes } from '../domain/minutes/minutes';
import { PlanAction } from '../domain/plan/child-protection-plan';
import { AgencyReport } from '../domain/report/agency-report';
import { AppContext, LoadedCase, loadCase, londonDay, notFound, todayOf } from './context';
import { LocalDate } from '../domain/calendar/local-date';
import { StoreTx } from '../ports/store';

/** What a card needs about its case: the label only (reference, initials), never the name. */
export interface CaseRef {
  readonly id: string;
  readonly reference: string;
  readonly childInitials: string;
}
export const refOf = (c: CoreGroupCase): CaseRef => ({ id: c.id, reference: c.reference, childInitials: c.childInitials });

export interface ReportFormData {
  readonly case: CaseRef;
  readonly meeting: Meeting;
  readonly report: AgencyReport;
  /** The plan actions owned by the report's agency, to report progress on. */
  readonly actions: PlanAction[];
  readonly editable: boolean;
  /** Whose update it is: their name, agency and role in words ("Priya Desai", "health visiting"). */
  readonly owner: { readonly personId: string; readonly name: string; readonly displayName: string; readonly agency: string; readonly role: string };
  /** The person acting is not the owner (business support, on their behalf). */
  readonly onBehalf: boolean;
}

/**
 * The update form for the person acting: by report id (the card sent to them), or by meeting (the
 * agenda's "submit my update" button, which finds the actor's own report).
 */
export async function reportFormData(ctx: AppContext, actor: Actor, by: { reportId: string } | { meetingId: string }): Promise<ReportFormData> {
  return ctx.store.transaction(async (tx) => {
    let report: (AgencyReport & { caseId: string }) | undefined;
    if ('reportId' in by) {
      report = await tx.reports.byId(by.reportId);
    } else {
      const meeting = await tx.meetings.byId(by.meetingId);
      if (meeting) {
        const members = await tx.members.forCase(meeting.caseId);
        const mine = new Set(members.filter((m) => m.personId === actor.personId).map((m) => m.id));
        const found = (await tx.reports.forMeeting(meeting.id)).find((r) => mine.has(r.memberId));
        report = found && { ...found, caseId: meeting.caseId };
      }
    }
    if (!report) throw new DomainError('REPORT.NOT_FOUND', 'not-found', 'No update has been asked of you for this core group.');
    const loaded = await loadCase(ctx, tx, actor, report.caseId);
    ensure(canSubmitReportFor(actor, loaded, report.memberId).allowed, 'REPORT.FORBIDDEN', "see this person's update");
    const meeting = await tx.meetings.byId(report.meetingId);
    if (!meeting) throw notFound('meeting');
    return reportFormOf(ctx, tx, actor, { loaded, report, meeting, caseActions: await tx.plan.actionsForCase(report.caseId) });
  });
}

/**
 * The update form from what the caller has read already, in its transaction, once it has checked
 * that the actor may see this update: a submit answers with it without reading it all again.
 */
export async function reportFormOf(
  ctx: AppContext,
  tx: StoreTx,
  actor: Actor,
  read: { readonly loaded: LoadedCase; readonly report: AgencyReport; readonly meeting: Meeting; readonly caseActions: readonly PlanAction[] },
): Promise<ReportFormData> {
  const { loaded, report, meeting } = read;
  const member = loaded.members.find((m) => m.id === report.memberId);
  const agency = member?.agency;
  const named = (text: string) => withoutChildName(text, loaded.case.childName, loaded.case.childInitials);
  const actions = read.caseActions.filter((a) => a.agency === agency).map((a) => ({ ...a, what: named(a.what), howWeWillKnow: named(a.howWeWillKnow) }));
  const editable =
    (meeting.status === 'planned' || meeting.status === 'booked') && !(meeting.startsAt && Date.parse(ctx.clock.now()) >= Date.parse(meeting.startsAt));
  const person = member && (await tx.people.byId(member.personId));
  const name = person?.displayName ?? 'Unknown';
  const owner = {
    personId: member?.personId ?? '',
    name,
    displayName: name,
    agency: agency ? agencyWords(agency) : '',
    role: member?.role ?? 'professional',
  };
  return { case: refOf(loaded.case), meeting, report, actions, editable, owner, onBehalf: owner.personId !== actor.personId };
}

export interface MinutesCardData {
  readonly case: CaseRef;
  readonly meeting: Meeting;
  readonly minutes: Minutes;
  readonly authorName: string;
  readonly decidedByName?: string;
  readonly managerTeamsUserId?: string;
  /** Whether this viewer may decide now. */
  readonly canDecide: boolean;
  readonly circulateBy?: string;
  /** The circulate-by day has passed and the minutes are not circulated. */
  readonly circulateOverdue: boolean;
  /** The minutes were returned and have been changed since (a resubmission, or a later state of one); not while they stand returned. */
  readonly resubmitted: boolean;
  /** Circulated after their circulate-by day: the day they went out. */
  readonly circulatedLateOn?: LocalDate;
  /** Whether this viewer may read what the minutes say (the people who write or approve them; never the family). */
  readonly mayRead: boolean;
}

/**
 * Minutes, their case as the person acting may see it and their meeting, in the caller's transaction.
 * Someone the conference excluded sees no minutes, drafts or approved (they are sent a note that the
 * group met); the tab refuses them the same (readMinutes).
 */
async function minutesInCase(
  ctx: AppContext,
  tx: StoreTx,
  actor: Actor,
  minutesId: string,
): Promise<{ minutes: Minutes; loaded: LoadedCase; meeting: Meeting }> {
  const minutes = await tx.minutes.byId(minutesId);
  if (!minutes) throw notFound('minutes');
  const loaded = await loadCase(ctx, tx, actor, minutes.caseId);
  ensure(canSeeMeetingDetails(actor, loaded), 'MINUTES.FORBIDDEN', 'see these minutes');
  const meeting = await tx.meetings.byId(minutes.meetingId);
  if (!meeting) throw notFound('meeting');
  return { minutes, loaded, meeting };
}

/** The minutes approval card's data, for a given viewer (so the manager sees buttons and others see status). */
export async function minutesCardData(ctx: AppContext, actor: Actor, minutesId: string): Promise<MinutesCardData> {
  return ctx.store.transaction(async (tx) => {
    const { minutes, loaded, meeting } = await minutesInCase(ctx, tx, actor, minutesId);
    const people = await tx.people.byIds([minutes.authorId, loaded.case.managerId, ...(minutes.decidedBy ? [minutes.decidedBy] : [])]);
    const name = (id: string) => people.find((p) => p.id === id)?.displayName ?? 'Unknown';
    const obligations = await tx.obligations.forCoreGroup(minutes.caseId, meeting.number);
    const circulateBy = obligations.find((o) => o.obligationId === `minutes-circulated-core-group-${meeting.number}`)?.due;
    // Teams names the people a card refreshes for by their Teams user ids (MRIs), known once the manager has reached the bot.
    const managerTeamsUserId = (await tx.teamsUsers.byPerson(loaded.case.managerId))?.teamsUserId;
    const writers = await minutesWriters(tx, minutes);
    const canDecide = minutes.status === 'submitted' && canDecideMinutes(actor, loaded, writers);
    // Returned just now is not yet a resubmission: the card says who returned them, and why.
    const resubmitted = minutes.status !== 'returned' && (await tx.minutes.versions(minutes.id)).some((v) => v.status === 'returned');
    const circulatedOn = minutes.circulatedAt ? londonDay(minutes.circulatedAt) : undefined;
    // What the card quotes leaves the record for Teams chat: the child's name becomes their initials.
    const forCard = (text: string) => withoutChildName(text, loaded.case.childName, loaded.case.childInitials);
    const sections = Object.fromEntries(
      Object.entries(minutes.sections).map(([k, v]) => [k, typeof v === 'string' ? forCard(v) : v]),
    ) as typeof minutes.sections;
    return {
      case: refOf(loaded.case),
      meeting,
      minutes: { ...minutes, sections, ...(minutes.returnComments ? { returnComments: forCard(minutes.returnComments) } : {}) },
      authorName: name(minutes.authorId),
      ...(minutes.decidedBy ? { decidedByName: name(minutes.decidedBy) } : {}),
      ...(managerTeamsUserId ? { managerTeamsUserId } : {}),
      canDecide,
      ...(circulateBy ? { circulateBy } : {}),
      circulateOverdue: Boolean(circulateBy && circulateBy < todayOf(ctx) && minutes.status !== 'circulated'),
      resubmitted,
      ...(circulateBy && circulatedOn && circulatedOn > circulateBy ? { circulatedLateOn: circulatedOn } : {}),
      mayRead: canEditMinutes(actor, loaded) || canDecideMinutes(actor, loaded, writers),
    };
  });
}

/** What the notice that approved minutes are out tells a member: which core group, and who approved them. */
export interface CirculationNotice {
  readonly case: CaseRef;
  readonly meetingNumber: number;
  readonly decidedByName?: string;
}

/**
 * The notice to one member, read once for each member of every circulation (so only what it says),
 * refused, like the minutes themselves, to anyone the conference excluded.
 */
export async function circulationNotice(ctx: AppContext, actor: Actor, minutesId: string): Promise<CirculationNotice> {
  return ctx.store.transaction(async (tx) => {
    const { minutes, loaded, meeting } = await minutesInCase(ctx, tx, actor, minutesId);
    const decidedBy = minutes.decidedBy ? await tx.people.byId(minutes.decidedBy) : undefined;
    return { case: refOf(loaded.case), meetingNumber: meeting.number, ...(decidedBy ? { decidedByName: decidedBy.displayName } : {}) };
  });
}

export interface AgendaData {
  readonly case: CaseRef;
  readonly meeting: Meeting;
  readonly agenda: string[];
  readonly expected: string[];
  readonly apologies: string[];
  /** Where it meets, in words (the office's address; never the family's). */
  readonly where: string;
  /** People in the tenant who should get the agenda in Teams (not excluded, not left). */
  readonly recipients: string[];
  /**
   * Who owes an update for this core group (the agenda's update buttons are theirs alone): each
   * with their Teams user id when known, and whether their update is already in.
   */
  readonly reporters: readonly AgendaReporter[];
}

export interface AgendaReporter {
  readonly personId: string;
  /** Their Teams user id (MRI), known once they have been in the case's chat: what a card's refresh names them by. */
  readonly teamsUserId?: string;
  readonly submitted: boolean;
}

const AGENCY: Record<string, string> = {
  'childrens-social-care': "children's social care",
  'health-visiting': 'health visiting',
  'school-nursing': 'school nursing',
  gp: 'GP',
  'early-years': 'early years',
  'adult-mental-health': 'adult mental health',
  'substance-misuse': 'substance misuse',
  'youth-justice': 'youth justice',
};

/** An agency in words: "health visiting", "GP". */
export const agencyWords = (agency: string): string => AGENCY[agency] ?? agency.replace(/-/g, ' ');

/**
 * The agenda the profile implies for a core group, who should come and who has sent apologies.
 * Read as the system (it goes to every member), so it carries no child's name and no report text.
 */
export async function agendaData(ctx: AppContext, meetingId: string): Promise<AgendaData> {
  return ctx.store.transaction((tx) => agendaIn(ctx, tx, meetingId));
}

/**
 * The agenda as the person acting asks for it (the refresh of the agenda posted in a chat, which
 * Teams sends for everyone there): refused, like every card action, to anyone not on the case.
 */
export async function agendaDataFor(ctx: AppContext, actor: Actor, meetingId: string): Promise<AgendaData> {
  return ctx.store.transaction(async (tx) => {
    const meeting = await tx.meetings.byId(meetingId);
    if (!meeting) throw notFound('meeting');
    // An excluded member reads the case's outline, never when, where or with whom the group meets.
    ensure(canSeeMeetingDetails(actor, await loadCase(ctx, tx, actor, meeting.caseId)), 'MEETING.FORBIDDEN', 'see this core group');
    return agendaIn(ctx, tx, meetingId);
  });
}

/** The agenda, in the caller's transaction. */
export async function agendaIn(ctx: AppContext, tx: StoreTx, meetingId: string): Promise<AgendaData> {
  const meeting = await tx.meetings.byId(meetingId);
  const c = meeting && (await tx.cases.byId(meeting.caseId));
  if (!meeting || !c) throw notFound('meeting');
  const profile = ctx.profiles.get(c.profileId, c.profileVersion);
  const members = (await tx.members.forCase(c.id)).filter(takesPart);
  const people = await tx.people.byIds(members.map((m) => m.personId));
  const reports = await tx.reports.forMeeting(meeting.id);
  // Professionals by name and agency; the family by role and initials (see nameBesideReference).
  const label = (m: (typeof members)[number]) => {
    const person = people.find((p) => p.id === m.personId);
    const name = person ? nameBesideReference(m, person) : 'Unknown';
    return m.role === 'parent-carer' || m.role === 'child' ? name : `${name} (${agencyWords(m.agency)})`;
  };
  // As "Submit my update" finds one (ownReportFor): a request made for them, or one they would be asked for.
  const reporters = members.filter((m) => reports.some((r) => r.memberId === m.id) || asksForUpdate(m, c.socialWorkerId));
  const teamsUsers = await tx.teamsUsers.byPeople(reporters.map((m) => m.personId));
  const obligations = await tx.obligations.forCoreGroup(c.id, meeting.number);
  const signs = obligations.some((o) => o.kind === 'plan-signed' && o.obligationId.endsWith(`core-group-${meeting.number}`));
  const setsDates = obligations.some((o) => o.kind === 'set-future-dates' && o.obligationId.endsWith(`core-group-${meeting.number}`));
  const agenda = [
    'Introductions; agencies who should be here and are not',
    'Recent events since the last meeting',
    'Agency updates: what has changed, what is working well, what we are worried about, what needs to happen',
    'Review of the plan’s actions (SMART), and new actions',
    "The child's voice, and how it was gathered",
    "Parents' views, and how they were sought",
    ...(signs ? ['Every member signs the Child Protection Plan'] : []),
    ...(meeting.finalBeforeReview && profile.finalCoreGroup.agencyReports ? ["Each agency's written report"] : []),
    ...(meeting.finalBeforeReview && profile.finalCoreGroup.recommendation ? ['Recommendation to the review conference'] : []),
    ...(setsDates ? ['Set the dates of the core groups up to the next review conference'] : ['Date of the next core group']),
  ];
  return {
    case: refOf(c),
    meeting,
    agenda,
    expected: members.filter((m) => m.role !== 'business-support').map(label),
    where: venueText(meeting.venue, ctx.officeAddress),
    apologies: members.filter((m) => reports.some((r) => r.memberId === m.id && r.content?.attendance === 'apologies')).map(label),
    recipients: members.filter((m) => people.find((p) => p.id === m.personId)?.entraObjectId).map((m) => m.personId),
    reporters: reporters.map((m) => {
      const teamsUserId = teamsUsers.find((u) => u.personId === m.personId)?.teamsUserId;
      return {
        personId: m.personId,
        ...(teamsUserId ? { teamsUserId } : {}),
        submitted: reports.some((r) => r.memberId === m.id && r.status === 'submitted'),
      };
    }),
  };
}

/** A case by its reference, for someone on it ("status CP-2026-0042" in chat). */
export async function caseIdByReference(ctx: AppContext, actor: Actor, reference: string): Promise<string> {
  return ctx.store.transaction(async (tx) => {
    const c = await tx.cases.byReference(reference.toUpperCase());
    if (!c) throw new DomainError('CASE.NOT_FOUND', 'not-found', 'There is no such case, or you are not a member of it.');
    await loadCase(ctx, tx, actor, c.id);
    return c.id;
  });
}

export interface PlanCardData {
  readonly case: CaseRef;
  readonly planVersion: number;
  readonly outcomes: readonly string[];
  /** This person's answer, when they have given one. */
  readonly answer?: { readonly agrees: boolean; readonly signedAt: string; readonly comment?: string };
  /** Whether this person is asked to agree the plan (the card offers its buttons only then). */
  readonly mayAgree: boolean;
}

/** The current plan as the plan-agreement card shows it to one member. */
export async function planCardData(ctx: AppContext, actor: Actor, caseId: string): Promise<PlanCardData> {
  return ctx.store.transaction(async (tx) => {
    const loaded = await loadCase(ctx, tx, actor, caseId);
    const plan = await tx.plan.latestVersion(caseId);
    if (!plan) throw new DomainError('PLAN.NONE', 'conflict', 'There is no plan to agree yet.');
    const mine = new Set(loaded.members.filter((m) => m.personId === actor.personId).map((m) => m.id));
    const answer = (await tx.plan.signatures(plan.id)).find((s) => mine.has(s.memberId));
    // The plan's words go to every member's chat: the child's name becomes their initials.
    const outcomes = plan.outcomes.map((o) => withoutChildName(o, loaded.case.childName, loaded.case.childInitials));
    return {
      case: refOf(loaded.case),
      planVersion: plan.version,
      outcomes,
      mayAgree: canSignPlan(actor, loaded),
      ...(answer
        ? {
            answer: {
              agrees: answer.agrees,
              signedAt: answer.signedAt,
              ...(answer.comment ? { comment: withoutChildName(answer.comment, loaded.case.childName, loaded.case.childInitials) } : {}),
            },
          }
        : {}),
    };
  });
}

/** Who an escalation from this case would go to (the IRO, else the manager). */
export async function escalationRecipient(ctx: AppContext, actor: Actor, caseId: string): Promise<{ case: CaseRef; recipient: string }> {
  return ctx.store.transaction(async (tx) => {
    const loaded = await loadCase(ctx, tx, actor, caseId);
    const iro = loaded.members.find((m) => m.role === 'iro' && !m.leftOn);
    const person = await tx.people.byId(iro?.personId ?? loaded.case.managerId);
    return { case: refOf(loaded.case), recipient: `${person?.displayName ?? 'the IRO'}${iro ? ' (IRO)' : ' (manager)'}` };
  });
}
