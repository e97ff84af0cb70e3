import { Actor, canDecideMinutes, canSubmitReportFor, ensure } from '../domain/access/access-rules';
import { CoreGroupCase } from '../domain/case/core-group-case';
import { DomainError } from '../domain/errors';
import { Meeting } from '../domain/meeting/meeting';
import { Minutes } from '../domain/minutes/minutes';
import { PlanAction } from '../domain/plan/child-protection-plan';
import { AgencyReport } from '../domain/report/agency-report';
import { AppContext, loadCase, notFound } from './context';

/** What a card needs about its case: the label only (reference, initials), never the name. */
export interface CaseRef {
  readonly id: string;
  readonly reference: string;
  readonly childInitials: string;
}
const refOf = (c: CoreGroupCase): CaseRef => ({ id: c.id, reference: c.reference, childInitials: c.childInitials });

export interface ReportFormData {
  readonly case: CaseRef;
  readonly meeting: Meeting;
  readonly report: AgencyReport;
  /** The plan actions owned by the report's agency, to report progress on. */
  readonly actions: PlanAction[];
  readonly editable: boolean;
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
    const agency = loaded.members.find((m) => m.id === report?.memberId)?.agency;
    const actions = (await tx.plan.actionsForCase(report.caseId)).filter((a) => a.agency === agency);
    const editable = (meeting.status === 'planned' || meeting.status === 'booked') && !(meeting.startsAt && Date.parse(ctx.clock.now()) >= Date.parse(meeting.startsAt));
    return { case: refOf(loaded.case), meeting, report, actions, editable };
  });
}

export interface MinutesCardData {
  readonly case: CaseRef;
  readonly meeting: Meeting;
  readonly minutes: Minutes;
  readonly authorName: string;
  readonly decidedByName?: string;
  readonly managerObjectId?: string;
  /** Whether this viewer may decide now. */
  readonly canDecide: boolean;
  readonly circulateBy?: string;
}

/** The minutes approval card's data, for a given viewer (so the manager sees buttons and others see status). */
export async function minutesCardData(ctx: AppContext, actor: Actor, minutesId: string): Promise<MinutesCardData> {
  return ctx.store.transaction(async (tx) => {
    const minutes = await tx.minutes.byId(minutesId);
    if (!minutes) throw notFound('minutes');
    const loaded = await loadCase(ctx, tx, actor, minutes.caseId);
    const meeting = await tx.meetings.byId(minutes.meetingId);
    if (!meeting) throw notFound('meeting');
    const people = await tx.people.byIds([minutes.authorId, loaded.case.managerId, ...(minutes.decidedBy ? [minutes.decidedBy] : [])]);
    const name = (id: string) => people.find((p) => p.id === id)?.displayName ?? 'Unknown';
    const obligations = await tx.obligations.forCase(minutes.caseId);
    const circulateBy = obligations.find((o) => o.obligationId === `minutes-circulated-core-group-${meeting.number}`)?.due;
    const managerObjectId = people.find((p) => p.id === loaded.case.managerId)?.entraObjectId;
    return {
      case: refOf(loaded.case),
      meeting,
      minutes,
      authorName: name(minutes.authorId),
      ...(minutes.decidedBy ? { decidedByName: name(minutes.decidedBy) } : {}),
      ...(managerObjectId ? { managerObjectId } : {}),
      canDecide: minutes.status === 'submitted' && canDecideMinutes(actor, loaded, minutes),
      ...(circulateBy ? { circulateBy } : {}),
    };
  });
}
