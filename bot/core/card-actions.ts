import { agendaDataFor, escalationRecipient, minutesCardData, planCardData, ReportFormData, reportFormData } from '../../src/app/card-data';
import { bookMeeting } from '../../src/app/meetings';
import { appointViceChair } from '../../src/app/chair-cover';
import { checkMeetingTime } from '../../src/app/outlook';
import { scheduleCardFor } from './schedule-card';
import { decideMinutes } from '../../src/app/minutes';
import { raiseEscalation, signPlan } from '../../src/app/plan';
import { ownReportFor, submitReportAndForm } from '../../src/app/reports';
import { Actor } from '../../src/domain/access/access-rules';
import { DomainError, isDomainError } from '../../src/domain/errors';
import { z } from 'zod';
import { parseOrThrow } from '../../src/domain/validation';
import { agendaCard, escalationFormCard, minutesApprovalCard, noticeCard, planAgreementCard, updateFormCard, updateSubmittedCard } from '../cards/cards';
import { AdaptiveCardJson } from '../cards/expand';
import {
  ByCase,
  ByMeeting,
  ByReport,
  concernProblems,
  CoverPick,
  EscalationSubmit,
  formErrors,
  formErrorSummary,
  MinutesDecisionSubmit,
  SchedulePick,
  toReportContent,
  UpdateFormSubmit,
} from '../submit-schemas';
import { Verb, VERBS } from '../verbs';
import { agendaView, escalationFormView, Links, londonTime, minutesApprovalView, planAgreementView, updateFormView, updateSubmittedView } from '../views';
import { CoreDeps } from './deps';
import { updatesClosedBecause } from '../../src/domain/meeting/updates-closed';

/** One card action: who pressed it (already resolved and checked by the use cases), and its data; the card to show in its place. */
export type ActionHandler = (actor: Actor, data: Record<string, unknown>) => Promise<AdaptiveCardJson>;

/**
 * The update form, or once its core group has started (updates are closed) a read-only card that
 * says so: what was submitted, if anything, and never a button that cannot work.
 */
export function updateCard(form: ReportFormData, links: Links, extra: { attendance?: 'apologies' } = {}): AdaptiveCardJson {
  if (form.editable) {
    const view = updateFormView(form, links);
    return updateFormCard(extra.attendance ? { ...view, values: { ...view.values, attendance: extra.attendance } } : view);
  }
  if (form.report.status === 'submitted') return updateSubmittedCard(updateSubmittedView(form, links));
  return noticeCard({
    title: `Updates for core group ${form.meeting.number} are closed`,
    subtitle: `${form.case.reference} (${form.case.childInitials})`,
    colour: 'Warning',
    lines: [`${updatesClosedBecause(form.meeting)}, so updates can no longer be added or changed.`, 'Share anything new with the chair.'],
    links: [{ title: 'Open the case', url: links.caseUrl(form.case.id) }],
    fallback: `Core Groups: updates for ${form.case.reference} are closed.`,
  });
}

/**
 * What a card sent, read: a card marks no field for these, so a refusal says what to do (the card is
 * old or incomplete) rather than "see the one marked"; `fields` keeps the paths for the log.
 */
function readCard<T extends z.ZodType>(schema: T, data: unknown, what: string): z.output<T> {
  try {
    return parseOrThrow(schema, data, 'CARD.INVALID', what);
  } catch (e) {
    if (!isDomainError(e)) throw e;
    throw new DomainError(e.code, e.category, `Core Groups could not read ${what} from this card. Open the newest card for it and try again.`, e.fields);
  }
}

/** Every card action, by verb: a verb without a handler does not compile. */
export function cardActions(deps: CoreDeps): Readonly<Record<Verb, ActionHandler>> {
  const { ctx, links } = deps;

  const submitUpdate: ActionHandler = async (actor, data) => {
    const { reportId, content, actionIds } = toReportContent(readCard(UpdateFormSubmit, data, 'the update form'));
    let submitted;
    try {
      submitted = await submitReportAndForm(ctx, actor, { reportId, content });
    } catch (e) {
      if (isDomainError(e) && e.code === 'REPORT.CLOSED') return updateCard(await reportFormData(ctx, actor, { reportId }), links);
      if (!isDomainError(e) || e.category !== 'invalid' || e.fields.length === 0) throw e;
      // Show the form again as they filled it, with each problem beside its field.
      const form = await reportFormData(ctx, actor, { reportId });
      const values = {
        attendance: String(data.attendance ?? ''),
        whatHasChanged: String(data.whatHasChanged ?? ''),
        workingWell: String(data.workingWell ?? ''),
        worries: String(data.worries ?? ''),
        needsToHappen: String(data.needsToHappen ?? ''),
        ...(Number.isFinite(content.safetyScale) ? { safetyScale: content.safetyScale } : {}),
      };
      const actions = Object.fromEntries(
        actionIds.map((id) => [id, { progress: String(data[`action.${id}.progress`] ?? ''), comment: String(data[`action.${id}.comment`] ?? '') }]),
      );
      const errors = formErrors(e.fields, actionIds, data);
      return updateFormCard(updateFormView(form, links, { errors, formError: formErrorSummary(errors), values, actions }));
    }
    const view = updateSubmittedView(submitted.form, links);
    return updateSubmittedCard(
      submitted.saved.alreadyRecorded ? { ...view, note: 'Already recorded: this update was already in, exactly as sent. No second version was made.' } : view,
    );
  };

  /** What a decision pressed on minutes no longer waiting for one says (`approve`: the button pressed). */
  const decidedAlready = (status: string, approve: boolean): string => {
    const approved = status === 'approved' || status === 'circulated';
    if (status === 'returned')
      return approve
        ? 'These minutes were returned for changes, so they cannot be approved until they are resubmitted.'
        : 'Already recorded: the minutes were returned.';
    if (approved) return approve ? 'Already recorded: the minutes were approved.' : 'These minutes were already approved, so they can no longer be returned.';
    return 'These minutes have not been submitted for approval yet: nothing was changed.';
  };

  /** The manager's decision on minutes: approve, or return with comments. */
  const decide =
    (approve: boolean): ActionHandler =>
    async (actor, data) => {
      const { minutesId, comments, version } = readCard(MinutesDecisionSubmit, data, 'the decision');
      const before = await minutesCardData(ctx, actor, minutesId);
      if (before.minutes.status === 'submitted' && version !== undefined && version !== before.minutes.version) {
        // Changed since this card showed them (returned, rewritten, resubmitted): a decision is on what
        // the manager read, so nothing is decided and the card shows them as they are now.
        return minutesApprovalCard({
          ...minutesApprovalView(before, links),
          note: 'These minutes have changed since this card showed them: read them as they are now, then decide. Nothing was decided.',
        });
      }
      if (before.minutes.status !== 'submitted') {
        // A retried or double-clicked decision: nothing changes, the card shows what was decided. A
        // press of the other button on an old card is told why it did nothing, not "already recorded".
        return minutesApprovalCard({ ...minutesApprovalView(before, links), note: decidedAlready(before.minutes.status, approve) });
      }
      try {
        await decideMinutes(ctx, actor, approve ? { minutesId, decision: 'approve' } : { minutesId, decision: 'return', comments: comments ?? '' });
      } catch (e) {
        if (isDomainError(e) && e.code === 'MINUTES.COMMENTS_REQUIRED')
          return minutesApprovalCard(minutesApprovalView(before, links, 'Write what needs to change before returning the minutes.'));
        throw e;
      }
      return minutesApprovalCard(minutesApprovalView(await minutesCardData(ctx, actor, minutesId), links));
    };

  const answerPlan =
    (agrees: boolean): ActionHandler =>
    async (actor, data) => {
      const { caseId, comment } = readCard(ByCase, data, 'the plan answer');
      try {
        await signPlan(ctx, actor, { caseId, agrees, ...(comment ? { comment } : {}) });
      } catch (e) {
        if (!isDomainError(e) || e.code !== 'PLAN.INVALID') throw e;
        return planAgreementCard(planAgreementView(await planCardData(ctx, actor, caseId), links, 'Say what you would like to discuss.'));
      }
      return planAgreementCard(planAgreementView(await planCardData(ctx, actor, caseId), links));
    };

  const concernForm: ActionHandler = async (actor, data) => {
    const { caseId } = readCard(ByCase, data, 'what you pressed');
    const { case: c, recipient } = await escalationRecipient(ctx, actor, caseId);
    return escalationFormCard(escalationFormView(c, recipient, links));
  };

  return {
    [VERBS.reportSubmit]: submitUpdate,
    [VERBS.reportEdit]: async (actor, data) => {
      const { reportId } = readCard(ByReport, data, 'what you pressed');
      return updateCard(await reportFormData(ctx, actor, { reportId }), links);
    },
    // The agenda's buttons: "Submit my update", and "Send apologies with a written report".
    [VERBS.reportOpen]: async (actor, data) => {
      const { meetingId, attendance } = readCard(ByMeeting, data, 'what you pressed');
      const own = await ownReportFor(ctx, actor, { meetingId });
      if ('notNeeded' in own)
        return noticeCard({ title: `Core group ${own.meetingNumber}: no update needed`, lines: [own.notNeeded], fallback: 'Core Groups: no update needed' });
      return updateCard(await reportFormData(ctx, actor, { reportId: own.reportId }), links, attendance === 'apologies' ? { attendance } : {});
    },
    // The agenda posted in a chat, as the person reading it sees it: their own update buttons if
    // they owe one. Teams asks for it on everyone's behalf; anyone not on the case is refused.
    [VERBS.agendaRefresh]: async (actor, data) => {
      const { meetingId } = readCard(ByMeeting, data, 'what you pressed');
      const agenda = await agendaDataFor(ctx, actor, meetingId);
      return agendaCard(agendaView(agenda, links, { inChat: true, personId: actor.personId }, agenda.meeting.joinUrl, ctx.clock.now()));
    },
    [VERBS.minutesApprove]: decide(true),
    [VERBS.minutesReturn]: decide(false),
    [VERBS.minutesRefresh]: async (actor, data) => {
      const { minutesId } = readCard(MinutesDecisionSubmit, data, 'what you pressed');
      return minutesApprovalCard(minutesApprovalView(await minutesCardData(ctx, actor, minutesId), links));
    },
    [VERBS.planAgree]: answerPlan(true),
    [VERBS.planDiscuss]: answerPlan(false),
    // The digest's "Open the plan": the plan card, with its answer buttons while they have not agreed.
    [VERBS.planOpen]: async (actor, data) => {
      const { caseId } = readCard(ByCase, data, 'what you pressed');
      return planAgreementCard(planAgreementView(await planCardData(ctx, actor, caseId), links));
    },
    [VERBS.escalationForm]: concernForm,
    [VERBS.escalationRaise]: async (actor, data) => {
      const { caseId, kind, concern } = readCard(EscalationSubmit, data, 'the concern');
      let raised;
      try {
        raised = await raiseEscalation(ctx, actor, { caseId, kind: kind as 'concern-to-iro', concern: concern ?? '' });
      } catch (e) {
        if (!isDomainError(e) || e.code !== 'ESCALATION.INVALID') throw e;
        const { case: c, recipient } = await escalationRecipient(ctx, actor, caseId);
        return escalationFormCard(
          escalationFormView(c, recipient, links, concernProblems(e.fields, data) || e.message, { kind, ...(concern ? { concern } : {}) }),
        );
      }
      const { case: c, recipient } = await escalationRecipient(ctx, actor, caseId);
      return noticeCard({
        title: 'Concern raised',
        subtitle: `${c.reference} (${c.childInitials})`,
        colour: 'Good',
        lines: raised.alreadyRecorded
          ? [`Already recorded: you raised this concern at ${londonTime(raised.raisedAt)} and it went to ${recipient}. Nothing was sent a second time.`]
          : [`It has gone to ${recipient}, with your name and the time. They will record what happens next.`],
        fallback: 'Core Groups: concern raised.',
      });
    },
    // "Make X vice chair" on the card saying nobody can chair a core group (to the manager).
    [VERBS.chairCover]: async (actor, data) => {
      const pick = readCard(CoverPick, data, 'who to make vice chair');
      const done = await appointViceChair(ctx, actor, pick);
      // The manager may have made themselves vice chair: then the card speaks to them.
      const self = done.personId === actor.personId;
      // Booked: they chair it then. Not booked yet: they can chair it, at a time its schedule finds.
      const chairs = done.startsAt
        ? self
          ? `You chair core group ${done.number} on ${londonTime(done.startsAt)} in the chair's place.`
          : `They are told they chair core group ${done.number} on ${londonTime(done.startsAt)} in the chair's place.`
        : `Book core group ${done.number} from the case page: its schedule now offers times ${self ? 'you are' : 'they are'} free to chair it.`;
      // What they now do for it, in the third person: "chairs" it when booked, "can chair" it when not.
      const does = done.startsAt ? 'chairs' : 'can chair';
      return noticeCard({
        title: self ? `You ${done.startsAt ? 'chair' : 'can chair'} core group ${done.number}` : `${done.name} ${does} core group ${done.number}`,
        subtitle: `${done.case.reference} (${done.case.childInitials})`,
        colour: 'Good',
        lines: self
          ? [
              done.alreadyRecorded
                ? 'Already recorded: you are a vice chair of this case. Nothing was changed a second time.'
                : 'You are now a vice chair of this case, invited to its booked core groups and sent the agenda in Teams.',
              chairs,
            ]
          : [
              done.alreadyRecorded
                ? `Already recorded: ${done.name} is a vice chair of this case. Nothing was changed a second time.`
                : `${done.name} is now a vice chair of this case. They are invited to its booked core groups and sent the agenda in Teams.`,
              chairs,
            ],
        links: [{ title: 'Open the case', url: links.caseUrl(done.case.id) }],
        fallback: `Core Groups: ${done.name} ${does} core group ${done.number} of ${done.case.reference}.`,
      });
    },
    // "my core groups"'s "Book core group N": the schedule card, as the `schedule` command gives it.
    [VERBS.scheduleOpen]: async (actor, data) => {
      const { meetingId } = readCard(ByMeeting, data, 'what you pressed');
      return scheduleCardFor(deps, actor, meetingId);
    },
    [VERBS.schedulePick]: async (actor, data) => {
      const pick = readCard(SchedulePick, data, 'the chosen time');
      // A time after the deadline is booked only with the reason for it, as in the tab.
      const { afterDeadline } = await checkMeetingTime(ctx, actor, { meetingId: pick.meetingId, startsAt: pick.start, endsAt: pick.end });
      const lateReason = pick.lateReason?.trim() ?? '';
      if (afterDeadline && lateReason.length < 5) {
        const problem = `${londonTime(pick.start)} is after the deadline: say why under "Why after the deadline?" (at least 5 characters), then press its button again.`;
        if (!deps.scheduling) throw new DomainError('MEETING.LATE_REASON_REQUIRED', 'invalid', problem);
        return scheduleCardFor(deps, actor, pick.meetingId, { formError: problem, venue: pick.venue, lateReason });
      }
      const booked = await bookMeeting(ctx, actor, {
        meetingId: pick.meetingId,
        expectedVersion: pick.expectedVersion,
        startsAt: pick.start,
        endsAt: pick.end,
        venue: pick.venue,
        ...(afterDeadline ? { lateReason } : {}),
      });
      // A double click or a Teams retry: their first click booked this very time.
      if (booked.alreadyRecorded)
        return noticeCard({
          title: `Core group ${booked.meeting.number} booked`,
          colour: 'Good',
          lines: [`Already recorded: core group ${booked.meeting.number} is booked for ${londonTime(pick.start)}. Nothing was changed a second time.`],
          fallback: 'Core Groups: a core group was booked.',
        });
      return noticeCard({
        title: `Core group ${booked.meeting.number} booked`,
        colour: booked.late ? 'Warning' : 'Good',
        lines: [
          `${londonTime(pick.start)}. The invitation and the agenda are on their way.`,
          ...(booked.late
            ? [
                `This is after the procedure’s deadline, so it shows as late everywhere${afterDeadline ? ', with your reason beside it,' : ''} and your manager is told.`,
              ]
            : []),
        ],
        fallback: 'Core Groups: a core group was booked.',
      });
    },
  };
}
