import agenda from './templates/agenda.json';
import chairCover from './templates/chair-cover.json';
import minutesApproval from './templates/minutes-approval.json';
import escalationForm from './templates/escalation-form.json';
import notice from './templates/notice.json';
import digest from './templates/digest.json';
import myCoreGroups from './templates/my-core-groups.json';
import { DigestView } from './digest-view';
import planAgreement from './templates/plan-agreement.json';
import schedule from './templates/schedule.json';
import updateForm from './templates/update-form.json';
import updateSubmitted from './templates/update-submitted.json';
import { AdaptiveCardJson, expand } from './expand';
import {
  AgendaView,
  ChairCoverView,
  EscalationFormView,
  MinutesApprovalView,
  MyCoreGroupsView,
  NoticeView,
  PlanAgreementView,
  ScheduleView,
  UpdateFormView,
  UpdateSubmittedView,
} from './view-models';

/** Pure card builders: view model in, Adaptive Card 1.5 JSON out. */
export function updateFormCard(v: UpdateFormView): AdaptiveCardJson {
  const values = v.values ?? {};
  return expand(updateForm, {
    reportId: v.reportId,
    reference: v.reference,
    childInitials: v.childInitials,
    caseUrl: v.caseUrl,
    meetingNumber: v.meetingNumber,
    meetingWhen: v.meetingWhen,
    title: v.onBehalf && v.whose ? `${v.whose} for core group ${v.meetingNumber}` : `Your update for core group ${v.meetingNumber}`,
    whose: v.whose ?? '',
    onBehalf: v.onBehalf ?? false,
    attendance: values.attendance ?? '',
    whatHasChanged: values.whatHasChanged ?? '',
    workingWell: values.workingWell ?? '',
    worries: values.worries ?? '',
    needsToHappen: values.needsToHappen ?? '',
    safetyScale: values.safetyScale ?? '',
    // Which plan actions the form asks about, so one left unanswered is named rather than dropped.
    actionIds: v.actions.map((a) => a.actionId),
    actions: v.actions.map((a) => ({
      ...a,
      // No answer is chosen for the professional: an untouched default would be recorded as their judgement.
      progress: a.progress ?? '',
      comment: a.comment ?? '',
      error: v.errors?.[`action.${a.actionId}.comment`] ?? v.errors?.[`action.${a.actionId}.progress`] ?? '',
    })),
    errors: v.errors ?? {},
    formError: v.formError ?? '',
  });
}

export function updateSubmittedCard(v: UpdateSubmittedView): AdaptiveCardJson {
  return expand(updateSubmitted, {
    whose: '',
    onBehalf: false,
    note: '',
    ...v,
    attendanceText: v.attendance === 'apologies' ? 'Apologies, written report' : 'Attending',
  });
}

export function minutesApprovalCard(v: MinutesApprovalView): AdaptiveCardJson {
  const card = expand(minutesApproval, {
    circulateOverdue: false,
    circulatedLate: '',
    sections: [],
    resubmitted: false,
    returnComments: '',
    ...v,
    refreshUserIds: v.managerTeamsUserId ? [v.managerTeamsUserId] : [],
    formError: v.formError ?? '',
    note: v.note ?? '',
  });
  // Without a manager in the tenant there is nobody to refresh for: drop the refresh rather than send an empty list.
  if (!v.managerTeamsUserId) delete (card as Record<string, unknown>).refresh;
  return card;
}

export function agendaCard(v: AgendaView): AdaptiveCardJson {
  const card = expand(agenda, {
    updatesOpen: true,
    ownUpdate: 'none',
    sharedNote: false,
    ...v,
    refreshUserIds: v.refreshUserIds ?? [],
    joinUrl: v.joinUrl ?? '',
    expected: v.expected.join(', '),
    apologies: v.apologies.join(', '),
  });
  // Only the chat's shared card is refreshed per person, and only while someone there owes an update.
  if (!v.refreshUserIds?.length) delete (card as Record<string, unknown>).refresh;
  return card;
}

export function noticeCard(v: NoticeView): AdaptiveCardJson {
  return expand(notice, { subtitle: '', colour: 'Default', facts: [], links: [], ...v });
}

export function chairCoverCard(v: ChairCoverView): AdaptiveCardJson {
  return expand(chairCover, {
    ...v,
    // Not booked: the button carries no time (the action then checks it is still waiting to be booked).
    startsAt: v.startsAt ?? '',
    heading: v.startsAt ? 'Free then, and able to chair:' : 'At work before the deadline, and able to chair:',
    cover: v.cover.map((c) => ({ ...c, button: c.personId === v.readerId ? 'Chair it yourself, as vice chair' : `Make ${c.name} vice chair` })),
  });
}

export function scheduleCard(v: ScheduleView): AdaptiveCardJson {
  return expand(schedule, {
    anyLate: false,
    venue: 'online',
    lateReason: '',
    formError: '',
    ...v,
    // A late time says so on its button too, in words, not only in its line above.
    slots: v.slots.map((s) => ({ ...s, button: s.late ? `Book ${s.when}, late` : `Book ${s.when}` })),
  });
}

export function planAgreementCard(v: PlanAgreementView): AdaptiveCardJson {
  return expand(planAgreement, { formError: '', ...v });
}

export function escalationFormCard(v: EscalationFormView): AdaptiveCardJson {
  return expand(escalationForm, { formError: '', kind: 'concern-to-iro', concern: '', ...v });
}

export function myCoreGroupsCard(v: MyCoreGroupsView): AdaptiveCardJson {
  return expand(myCoreGroups, v);
}

export function digestCard(v: DigestView): AdaptiveCardJson {
  return expand(digest, v);
}

/** The card someone sees when they first open Core Groups in Teams: what it does for them, and the commands. */
export function welcomeCard(commands: readonly string[]): AdaptiveCardJson {
  return noticeCard({
    title: 'Welcome to Core Groups',
    subtitle: 'Child protection core groups, in Teams',
    lines: [
      'Before each core group of a case you are on, I send you your update form here: fill it in on your phone, and change it until the meeting starts.',
      'You also get the agenda, a reminder if your update is not in yet, and the minutes once the manager approves them. Chairs book meetings here; managers approve minutes here.',
      'Cards show a case reference and initials, never a child’s name. You can ask me:',
      ...commands,
    ],
    fallback: 'Core Groups: welcome',
  });
}
