import { AgendaData, CaseRef, MinutesCardData, PlanCardData, ReportFormData } from '../src/app/card-data';
import { formatLong, LocalDate } from '../src/domain/calendar/local-date';
import { londonTime, londonTimeOfDay } from '../src/domain/calendar/london-time';
import { Digest } from '../src/app/late-deliveries';
import { CaseAtAGlance, MyWork, PlanToAgree } from '../src/app/my-work';
import { DigestView } from './cards/digest-view';
import {
  AgendaView,
  EscalationFormView,
  MinutesApprovalView,
  MyCoreGroupsView,
  PlanAgreementView,
  UpdateFormView,
  UpdateSubmittedView,
} from './cards/view-models';

/** Where cards link to: the tab's pages, built by the host from its public address. */
export interface Links {
  caseUrl(caseId: string): string;
  minutesUrl(minutesId: string): string;
}

/** An instant as a person in the UK reads it (the domain's, kept here for the bot's views and cards). */
export { londonTime };

export function meetingWhen(m: ReportFormData['meeting']): string {
  if (m.startsAt && m.endsAt) return `${londonTime(m.startsAt)}–${londonTimeOfDay(m.endsAt)}`;
  return `not booked yet; due by ${formatLong(m.due)}`;
}

/** What each kind of obligation is called, from its id's pattern; N is the number in the id. */
const OBLIGATION_WORDS: readonly [RegExp, (n: string) => string][] = [
  [/^core-group-(\d+)$/, (n) => `core group ${n}`],
  [/^review-conference-(\d+)$/, (n) => `review conference ${n}`],
  [/^minutes-to-manager-core-group-(\d+)$/, (n) => `minutes of core group ${n} to the manager`],
  [/^minutes-signed-off-core-group-(\d+)$/, (n) => `minutes of core group ${n} signed off by the manager`],
  [/^minutes-circulated-core-group-(\d+)$/, (n) => `minutes of core group ${n} circulated`],
  [/^set-future-dates-core-group-(\d+)$/, (n) => `dates of the next core groups set at core group ${n}`],
  [/^plan-signed-core-group-(\d+)$/, (n) => `plan signed at core group ${n}`],
  [/^agency-reports-core-group-(\d+)$/, (n) => `agency reports for core group ${n}`],
  [/^review-recommendation-core-group-(\d+)$/, (n) => `recommendation to the review conference from core group ${n}`],
  [/^conference-record-initial-conference$/, () => 'record of the initial conference circulated'],
  [/^conference-record-review-conference-(\d+)$/, (n) => `record of review conference ${n} circulated`],
  [/^child-seen-(\d+)$/, (n) => `child seen (visit ${n})`],
];

/** An obligation in words, never its internal id: "minutes-to-manager-core-group-2" → "minutes of core group 2 to the manager". */
export function obligationWords(id: string): string {
  for (const [pattern, words] of OBLIGATION_WORDS) {
    const m = pattern.exec(id);
    if (m) return words(m[1] ?? '');
  }
  return id.replace(/-/g, ' ');
}

/** A compliance colour in words as well as a dot, for people who cannot tell the colours apart. */
export const colourWords = (colour: 'red' | 'amber' | 'green'): string => ({ red: '🔴 Late or overdue', amber: '🟠 Due soon', green: '🟢 On track' })[colour];

/** What every card says about its case: the reference, the initials and a link to the tab. */
const caseLabel = (c: CaseRef, links: Links) => ({ reference: c.reference, childInitials: c.childInitials, caseUrl: links.caseUrl(c.id) });

/** What both views of an agency update say about it. */
const reportLabel = (d: ReportFormData, links: Links) => ({
  ...caseLabel(d.case, links),
  reportId: d.report.id,
  meetingNumber: d.meeting.number,
  meetingWhen: meetingWhen(d.meeting),
  whose: `${d.owner.name}'s update${d.owner.agency ? ` (${d.owner.agency})` : ''}`,
  onBehalf: d.onBehalf,
});

/**
 * The update form. `values` and `actions` are what the person submitted, when the form comes back
 * with errors: the card is rebuilt from them, never from the stored version, so nothing they typed
 * is lost.
 */
export function updateFormView(
  d: ReportFormData,
  links: Links,
  extra: {
    errors?: Record<string, string>;
    formError?: string;
    values?: UpdateFormView['values'];
    actions?: Readonly<Record<string, { progress?: string; comment?: string }>>;
  } = {},
): UpdateFormView {
  const content = d.report.content;
  return {
    ...reportLabel(d, links),
    values:
      extra.values ??
      (content
        ? {
            attendance: content.attendance,
            whatHasChanged: content.whatHasChanged,
            workingWell: content.workingWell,
            worries: content.worries,
            needsToHappen: content.needsToHappen,
            safetyScale: content.safetyScale,
          }
        : {}),
    actions: d.actions.map((a) => {
      const progress = extra.actions ? extra.actions[a.id] : content?.actions.find((x) => x.actionId === a.id);
      return {
        actionId: a.id,
        what: a.what,
        byWhen: formatLong(a.byWhen),
        ...(progress ? { progress: progress.progress, ...(progress.comment ? { comment: progress.comment } : {}) } : {}),
      };
    }),
    ...(extra.errors ? { errors: extra.errors } : {}),
    ...(extra.formError ? { formError: extra.formError } : {}),
  };
}

export function updateSubmittedView(d: ReportFormData, links: Links): UpdateSubmittedView {
  const content = d.report.content;
  return {
    ...reportLabel(d, links),
    submittedAt: d.report.submittedAt ? londonTime(d.report.submittedAt) : '',
    version: d.report.version,
    attendance: content?.attendance ?? 'attending',
    safetyScale: content?.safetyScale ?? 0,
    editable: d.editable,
  };
}

const STATUS: Record<string, (d: MinutesCardData) => string> = {
  draft: () => 'Draft',
  submitted: (d) => (d.canDecide ? 'Waiting for your approval' : 'Waiting for the manager’s approval'),
  returned: (d) => `Returned by ${d.decidedByName ?? 'the manager'}${d.minutes.decidedAt ? ` at ${londonTime(d.minutes.decidedAt)}` : ''}`,
  approved: (d) => `Approved by ${d.decidedByName ?? 'the manager'}${d.minutes.decidedAt ? ` at ${londonTime(d.minutes.decidedAt)}` : ''}`,
  circulated: (d) =>
    `Approved by ${d.decidedByName ?? 'the manager'} and circulated${d.minutes.circulatedAt ? ` at ${londonTime(d.minutes.circulatedAt)}` : ''}`,
};

/** The sections a manager needs to decide on, by their headings; the rest is a click away. */
const KEY_SECTIONS: readonly [keyof MinutesCardData['minutes']['sections'], string][] = [
  ['planReview', 'Decisions and review of the plan'],
  ['concernsAndDissent', 'Risks, concerns and dissent'],
  ['childsVoice', "The child's voice"],
  ['newActions', 'New actions'],
];
const EXCERPT = 600;
const excerpt = (text: string): string => (text.length > EXCERPT ? `${text.slice(0, EXCERPT - 1).trimEnd()}… (read in full for the rest)` : text);

export function minutesApprovalView(d: MinutesCardData, links: Links, formError?: string): MinutesApprovalView {
  const s = d.minutes.sections;
  const filled = Object.values(s).filter((v) => typeof v === 'string' && v.trim() !== '').length;
  // What the minutes say is shown only to people who may read them (a card can be forwarded).
  const sections = d.mayRead ? KEY_SECTIONS.map(([key, title]) => ({ title, text: s[key].trim() ? excerpt(s[key].trim()) : 'Nothing written.' })) : [];
  return {
    ...caseLabel(d.case, links),
    minutesId: d.minutes.id,
    minutesVersion: d.minutes.version,
    meetingNumber: d.meeting.number,
    heldOn: d.meeting.heldOn ? formatLong(d.meeting.heldOn) : 'not recorded',
    authorName: d.authorName,
    submittedAt: d.minutes.submittedAt ? londonTime(d.minutes.submittedAt) : '',
    circulateBy: d.circulateBy ? formatLong(d.circulateBy as LocalDate) : '',
    circulateOverdue: d.circulateOverdue,
    ...(d.circulatedLateOn ? { circulatedLate: formatLong(d.circulatedLateOn) } : {}),
    sections,
    resubmitted: d.resubmitted,
    // What the manager asked for: on the returned minutes, and on their resubmission.
    returnComments: (d.resubmitted || d.minutes.status === 'returned') && d.mayRead && d.minutes.returnComments ? d.minutes.returnComments : '',
    statusText: (STATUS[d.minutes.status] ?? (() => d.minutes.status))(d),
    // The notification preview (fallbackText) carries none of this.
    summary: `${filled} of ${Object.keys(s).length} sections written.`,
    minutesUrl: links.minutesUrl(d.minutes.id),
    ...(d.managerTeamsUserId ? { managerTeamsUserId: d.managerTeamsUserId } : {}),
    canDecide: d.canDecide,
    ...(formError ? { formError } : {}),
  };
}

/**
 * Who an agenda card is for. A 1:1 card is built for its recipient (`personId`). The card posted in
 * a chat is shared: without `personId` it is the view everyone sees, with it the view Teams fetches
 * for the person reading it (its refresh; see `agenda.refresh`).
 */
export type AgendaAudience = { readonly personId: string; readonly inChat?: false } | { readonly inChat: true; readonly personId?: string };

/**
 * The agenda; `now` decides whether its update buttons still lead anywhere (not once the meeting has
 * started). They are offered only to someone who owes an update for it: anyone else pressing them
 * would be told none is needed.
 */
export function agendaView(d: AgendaData, links: Links, audience: AgendaAudience, joinUrl?: string, now?: string): AgendaView {
  const started =
    d.meeting.status === 'held' || d.meeting.status === 'cancelled' || Boolean(now && d.meeting.startsAt && Date.parse(now) >= Date.parse(d.meeting.startsAt));
  const reporter = audience.personId ? d.reporters.find((r) => r.personId === audience.personId) : undefined;
  // Teams fetches the tailored view for these people (by their Teams user ids, remembered when the
  // chat was linked); in a chat of under 60 it does so for everyone.
  // Teams keeps its own view for at most 60 people per card.
  const refreshFor = audience.inChat && !started ? d.reporters.flatMap((r) => (r.teamsUserId ? [r.teamsUserId] : [])).slice(0, 60) : [];
  return {
    ...caseLabel(d.case, links),
    meetingId: d.meeting.id,
    meetingNumber: d.meeting.number,
    when: meetingWhen(d.meeting),
    where: d.where,
    due: formatLong(d.meeting.due),
    ...(joinUrl ? { joinUrl } : {}),
    finalBeforeReview: d.meeting.finalBeforeReview,
    agenda: d.agenda,
    expected: d.expected,
    apologies: d.apologies,
    updatesOpen: !started,
    ownUpdate: started || !reporter ? 'none' : reporter.submitted ? 'submitted' : 'owed',
    sharedNote: Boolean(audience.inChat && !reporter && !started),
    ...(refreshFor.length ? { refreshUserIds: refreshFor } : {}),
  };
}

/** The plan-agreement card for one member: their answer, if they gave one, else the buttons. */
export function planAgreementView(d: PlanCardData, links: Links, formError?: string): PlanAgreementView {
  return {
    ...caseLabel(d.case, links),
    caseId: d.case.id,
    title: 'Do you agree with the child protection plan?',
    planVersion: d.planVersion,
    outcomes: d.outcomes,
    status: d.answer
      ? d.answer.agrees
        ? `You agreed with this plan at ${londonTime(d.answer.signedAt)}.`
        : `You asked to discuss this plan (${londonTime(d.answer.signedAt)})${d.answer.comment ? `: “${d.answer.comment}”` : ''}; the chair has been told.`
      : d.mayAgree
        ? ''
        : 'For your information: the people who carry the plan out are asked to agree it.',
    canSign: d.mayAgree && !d.answer?.agrees,
    ...(formError ? { formError } : {}),
  };
}

/** The form for raising a concern about a case's plan, saying who it will go to. */
export function escalationFormView(
  c: CaseRef,
  recipient: string,
  links: Links,
  formError?: string,
  values: { kind?: string; concern?: string } = {},
): EscalationFormView {
  return {
    ...caseLabel(c, links),
    caseId: c.id,
    recipient,
    ...(formError ? { formError } : {}),
    ...(values.kind ? { kind: values.kind } : {}),
    ...(values.concern ? { concern: values.concern } : {}),
  };
}

/** One case at a glance, in words as well as colour: "🔴 Late or overdue: CP-2026-0042 (LRE). Next: core group 2, due Fri 29 Jan 2027. 1 overdue. …". */
export const caseGlanceLine = (c: CaseAtAGlance): string =>
  [
    `${colourWords(c.colour)}: ${c.reference} (${c.childInitials})`,
    c.next ? `Next: ${obligationWords(c.next.obligationId)}, due ${formatLong(c.next.due)}` : 'Nothing due',
    ...(c.overdue ? [`${c.overdue} overdue`] : []),
    ...(c.late ? [c.late.text] : []),
  ].join('. ') + '.';

/** The digest on install: forms and approvals waiting (each with its button), what is coming up, every case. */
export function digestView(d: Digest): DigestView {
  return {
    asOf: `as of ${formatLong(d.work.today)}`,
    updates: d.updatesOwed.map((r) => ({
      reportId: r.reportId,
      label: `${r.reference}: your update for core group ${r.meetingNumber}${r.meetingStartsAt ? ` (${londonTime(r.meetingStartsAt)})` : ''}${r.required ? ', required' : ''}`,
    })),
    approvals: d.work.approvalsWaiting.map((a) => ({
      minutesId: a.minutesId,
      label: `${a.reference}: minutes of core group ${a.meetingNumber}, submitted ${londonTime(a.submittedAt)}`,
    })),
    upcoming: d.upcoming.map((m) => `${m.reference} (${m.childInitials}): core group ${m.number}, ${londonTime(m.startsAt)}`),
    plans: d.plansToAgree.map((p) => ({ caseId: p.caseId, label: `${p.reference} (${p.childInitials}): plan version ${p.planVersion}` })),
    missing: d.missing.map((m) => `${m.reference} core group ${m.meetingNumber}: ${m.missing.join(', ')}`),
    cases: d.work.cases.map(caseGlanceLine),
  };
}

/**
 * "my core groups": each case with a link to open it and a button for what the person can do on it
 * now (their update while its core group has not started, minutes waiting for their approval or
 * returned to them, the plan still to agree, the next core group to book).
 * Anything they can act on in a case not in their list (a manager approving for a case they are not
 * a member of) still gets its own entry.
 */
export function myCoreGroupsView(
  work: MyWork,
  links: Links,
  now: string,
  toBook: readonly { readonly caseId: string; readonly meetingId: string; readonly number: number }[] = [],
  plans: readonly PlanToAgree[] = [],
): MyCoreGroupsView {
  // An update stops being owed once its core group has started: it can no longer be given.
  const owed = work.reportsOwed.filter((r) => !r.meetingStartsAt || Date.parse(r.meetingStartsAt) > Date.parse(now));
  const entries = work.cases.map((c) => ({ caseId: c.caseId, reference: c.reference, line: caseGlanceLine(c) }));
  for (const item of [...owed, ...work.approvalsWaiting, ...work.minutesReturned, ...plans])
    if (!entries.some((e) => e.caseId === item.caseId)) entries.push({ caseId: item.caseId, reference: item.reference, line: item.reference });
  return {
    asOf: `as of ${formatLong(work.today)}`,
    cases: entries.map((e) => ({
      reference: e.reference,
      line: e.line,
      caseUrl: links.caseUrl(e.caseId),
      updates: owed
        .filter((r) => r.caseId === e.caseId)
        .map((r) => ({ reportId: r.reportId, label: `Update owed: ${r.reference} core group ${r.meetingNumber}${r.required ? ' (required)' : ''}` })),
      approvals: work.approvalsWaiting
        .filter((a) => a.caseId === e.caseId)
        .map((a) => ({ minutesId: a.minutesId, label: `Minutes to approve: ${a.reference} core group ${a.meetingNumber}` })),
      returned: work.minutesReturned
        .filter((r) => r.caseId === e.caseId)
        .map((r) => ({
          label: `Minutes returned for changes: ${r.reference} core group ${r.meetingNumber}${r.returnComments ? `. The manager asked: ${r.returnComments}` : ''}`,
          url: links.minutesUrl(r.minutesId),
        })),
      toBook: toBook.filter((b) => b.caseId === e.caseId).map((b) => ({ meetingId: b.meetingId, title: `Book core group ${b.number}` })),
      plans: plans.filter((p) => p.caseId === e.caseId).map((p) => ({ caseId: p.caseId, label: `Plan to agree: ${p.reference}, version ${p.planVersion}` })),
    })),
  };
}
