import { updatesClosedBecause } from '../domain/meeting/updates-closed';
import { Actor, canManageMeetings, canSubmitReportFor, ensure } from '../domain/access/access-rules';
import { asksForUpdate } from '../domain/case/members';
import { DomainError } from '../domain/errors';
import { AgencyReport, ReportContent, ReportContentInput } from '../domain/report/agency-report';
import { parseOrThrow } from '../domain/validation';
import { ReportFormData, reportFormData, reportFormOf } from './card-data';
import { AppContext, audit, enqueue, idFor, LoadedCase, loadCase, notFound } from './context';
import { Meeting } from '../domain/meeting/meeting';
import { PlanAction } from '../domain/plan/child-protection-plan';
import { StoreTx } from '../ports/store';
import { alreadyRecorded, Recorded } from './repeats';
import { isDeepStrictEqual } from 'node:util';

/** The outbox key of the card asking for an update (a reminder is timed against its delivery). */
export const reportRequestKey = (reportId: string): string => `report-request:${reportId}`;

/**
 * Asks every professional on the case for their update before a core group. Before the final core
 * group ahead of a review, procedures that require it (Sefton) make every agency's report required.
 */
export async function requestReports(ctx: AppContext, actor: Actor, input: { meetingId: string }): Promise<AgencyReport[]> {
  return ctx.store.transaction(async (tx) => {
    const meeting = await tx.meetings.byId(input.meetingId);
    if (!meeting) throw notFound('meeting');
    const loaded = await loadCase(ctx, tx, actor, meeting.caseId);
    ensure(canManageMeetings(actor, loaded), 'REPORT.FORBIDDEN', 'request reports');
    if (meeting.status !== 'planned' && meeting.status !== 'booked') {
      throw new DomainError('REPORT.MEETING_CLOSED', 'conflict', `Core group ${meeting.number} is ${meeting.status}; reports are requested before it.`);
    }
    const required = meeting.finalBeforeReview && Boolean(loaded.profile.finalCoreGroup.agencyReports);
    const reports: AgencyReport[] = [];
    for (const member of loaded.members.filter((m) => asksForUpdate(m, loaded.case.socialWorkerId))) {
      const report = await tx.reports.request({
        id: idFor(ctx),
        meetingId: meeting.id,
        memberId: member.id,
        caseId: meeting.caseId,
        required,
        requestedAt: ctx.clock.now(),
      });
      reports.push(report);
      await enqueue(ctx, tx, {
        kind: 'card',
        topic: 'report.request',
        payload: { reportId: report.id, meetingId: meeting.id, memberId: member.id },
        idempotencyKey: reportRequestKey(report.id),
        caseId: meeting.caseId,
      });
    }
    await audit(ctx, tx, actor, 'reports.requested', 'meeting', meeting.id, meeting.caseId, undefined, {
      meeting: meeting.number,
      requested: reports.length,
      required,
    });
    return reports;
  });
}

/**
 * The actor's own update for a core group, as the agenda's "Submit my update" button finds it: the
 * request made for them, or, for a reporting professional asked nothing yet (the core group was
 * booked and nobody requested updates), a request made now. Anyone else is told no update is needed.
 */
export async function ownReportFor(
  ctx: AppContext,
  actor: Actor,
  input: { meetingId: string },
): Promise<{ reportId: string } | { notNeeded: string; meetingNumber: number }> {
  return ctx.store.transaction(async (tx) => {
    const meeting = await tx.meetings.byId(input.meetingId);
    if (!meeting) throw notFound('meeting');
    const loaded = await loadCase(ctx, tx, actor, meeting.caseId);
    const mine = loaded.members.filter((m) => m.personId === actor.personId);
    const existing = (await tx.reports.forMeeting(meeting.id)).find((r) => mine.some((m) => m.id === r.memberId));
    if (existing) return { reportId: existing.id };
    const reporting = mine.find((m) => asksForUpdate(m, loaded.case.socialWorkerId));
    if (!reporting) {
      const chair = loaded.case.socialWorkerId === actor.personId;
      return {
        meetingNumber: meeting.number,
        notNeeded: chair
          ? `You chair core group ${meeting.number}, so no written update is asked of you.`
          : `No written update is needed from you for core group ${meeting.number}.`,
      };
    }
    const open =
      (meeting.status === 'planned' || meeting.status === 'booked') && !(meeting.startsAt && Date.parse(ctx.clock.now()) >= Date.parse(meeting.startsAt));
    if (!open)
      return {
        meetingNumber: meeting.number,
        notNeeded: `${updatesClosedBecause(meeting)}, so updates for it are closed. Share anything new with the chair.`,
      };
    const required = meeting.finalBeforeReview && Boolean(loaded.profile.finalCoreGroup.agencyReports);
    const report = await tx.reports.request({
      id: idFor(ctx),
      meetingId: meeting.id,
      memberId: reporting.id,
      caseId: meeting.caseId,
      required,
      requestedAt: ctx.clock.now(),
    });
    await audit(ctx, tx, actor, 'reports.requested', 'meeting', meeting.id, meeting.caseId, undefined, {
      meeting: meeting.number,
      requested: 1,
      required,
      by: 'own',
    });
    return { reportId: report.id };
  });
}

/**
 * Submits (or edits) an agency's update. Editable until the meeting starts; every version is kept.
 * Business support may submit on someone's behalf, and the record says so.
 */
export async function submitReport(ctx: AppContext, actor: Actor, input: { reportId: string; content: ReportContentInput }): Promise<Recorded<AgencyReport>> {
  const content = parseOrThrow(ReportContent, input.content, 'REPORT.INVALID', 'the update');
  return ctx.store.transaction(async (tx) => (await submitIn(ctx, tx, actor, input.reportId, content)).saved);
}

/**
 * Submits as submitReport does and, in the same transaction, reads the update form as it then
 * stands: what the update card shows in answer. One transaction rather than two, each queued for
 * the store's connection behind every other request's, and the form built from what the submit
 * read rather than read again.
 */
export async function submitReportAndForm(
  ctx: AppContext,
  actor: Actor,
  input: { reportId: string; content: ReportContentInput },
): Promise<{ saved: Recorded<AgencyReport>; form: ReportFormData }> {
  const content = parseOrThrow(ReportContent, input.content, 'REPORT.INVALID', 'the update');
  return ctx.store.transaction(async (tx) => {
    const { saved, read } = await submitIn(ctx, tx, actor, input.reportId, content);
    const { alreadyRecorded: _repeat, ...report } = saved;
    return { saved, form: await reportFormOf(ctx, tx, actor, { ...read, report }) };
  });
}

/** The submit, in the caller's transaction; with what it read, so an answer can be built from it. */
async function submitIn(
  ctx: AppContext,
  tx: StoreTx,
  actor: Actor,
  reportId: string,
  content: ReportContent,
): Promise<{ saved: Recorded<AgencyReport>; read: { loaded: LoadedCase; meeting: Meeting; caseActions: PlanAction[] } }> {
  const report = await tx.reports.byId(reportId);
  if (!report) throw notFound('report');
  const loaded = await loadCase(ctx, tx, actor, report.caseId);
  const { allowed, onBehalf } = canSubmitReportFor(actor, loaded, report.memberId);
  ensure(allowed, 'REPORT.FORBIDDEN', "submit this person's update");
  const meeting = await tx.meetings.byId(report.meetingId);
  const now = ctx.clock.now();
  if (!meeting || meeting.status === 'held' || meeting.status === 'cancelled' || (meeting.startsAt && Date.parse(now) >= Date.parse(meeting.startsAt))) {
    throw new DomainError(
      'REPORT.CLOSED',
      'conflict',
      'This core group has started, so its updates can no longer be changed. Share anything new with the chair.',
    );
  }
  const caseActions = await tx.plan.actionsForCase(report.caseId);
  const read = { loaded, meeting, caseActions };
  const unknown = content.actions.findIndex((a) => !caseActions.some((x) => x.id === a.actionId));
  if (unknown >= 0)
    throw new DomainError('REPORT.UNKNOWN_ACTION', 'invalid', 'The update refers to a plan action that is not on this case.', [
      { field: `actions.${unknown}.actionId`, problem: 'is not an action of this plan' },
    ]);
  // The same update sent twice by the same person (a double click, a retry): no second version,
  // and nobody is told it was changed.
  // The report carries its latest version (content, who sent it), so no history is read: a
  // submit costs the same however many versions came before.
  if (report.version > 0 && report.submittedBy === actor.personId && isDeepStrictEqual(JSON.parse(JSON.stringify(content)), report.content))
    return { saved: alreadyRecorded(report), read };
  const saved = await tx.reports.submit(report.id, content, actor.personId, onBehalf, now);
  // The audit records that a version was submitted, and by whom; never what it says.
  await audit(
    ctx,
    tx,
    actor,
    report.version === 0 ? 'report.submitted' : 'report.edited',
    'report',
    report.id,
    report.caseId,
    { version: report.version },
    { version: saved.version, attendance: content.attendance, onBehalf },
  );
  await enqueue(ctx, tx, {
    kind: 'card',
    topic: 'report.submitted',
    payload: { reportId: report.id, version: saved.version },
    idempotencyKey: `report-submitted:${report.id}:v${saved.version}`,
    caseId: report.caseId,
  });
  return { saved, read };
}

/** An update as its author (or business support) opens it in the tab; the read is audited. */
export async function readReport(ctx: AppContext, actor: Actor, reportId: string): Promise<ReportFormData> {
  const form = await reportFormData(ctx, actor, { reportId });
  await ctx.store.transaction((tx) => audit(ctx, tx, actor, 'report.read', 'report', reportId, form.case.id, undefined, { version: form.report.version }));
  return form;
}
