import {
  agendaCard,
  chairCoverCard,
  myCoreGroupsCard,
  digestCard,
  escalationFormCard,
  minutesApprovalCard,
  noticeCard,
  planAgreementCard,
  scheduleCard,
  updateFormCard,
  updateSubmittedCard,
} from '../../../bot/cards/cards';
import { AdaptiveCardJson } from '../../../bot/cards/expand';

/** Realistic data for every card. The child's full name is deliberately nowhere a card could take it from. */
export const CHILD_FULL_NAME = 'Lily Rose Example';
const label = { reference: 'CP-2026-0042', childInitials: 'LRE', caseUrl: 'https://teams.microsoft.com/l/entity/app/cases?context=CP-2026-0042' };
/** Core group 2's schedule, for the card with times and the one without. */
const scheduleOfCoreGroup2 = { ...label, meetingId: 'mt-2', meetingNumber: 2, expectedVersion: 3, due: 'Fri 29 Jan 2027' };
/** One set of submitted minutes, for the manager's card and everyone else's. */
const minutes = {
  ...label,
  minutesId: 'mi-1',
  minutesVersion: 3,
  meetingNumber: 2,
  heldOn: 'Tue 26 Jan 2027',
  authorName: 'Priya Desai',
  submittedAt: 'Wed 27 Jan 2027, 09:12',
  circulateBy: 'Tue 9 Feb 2027',
  minutesUrl: 'https://teams.microsoft.com/l/entity/app/minutes?context=mi-1',
  managerTeamsUserId: '29:1maria-teams-user-id',
};

const agendaSample = {
  ...label,
  meetingId: 'mt-2',
  meetingNumber: 3,
  when: 'Fri 12 Mar 2027, 10:00–11:30',
  where: 'Online (Teams)',
  due: 'Fri 12 Mar 2027',
  joinUrl: 'https://teams.microsoft.com/l/meetup-join/abc',
  finalBeforeReview: true,
  agenda: [
    'Recent events',
    'Agency updates',
    'Review of plan actions',
    "The child's voice",
    "Parents' views",
    'Recommendation to the review conference',
    'Date of the next meeting',
  ],
  expected: ['Sam Okafor (social worker, chair)', 'Priya Desai (health visiting)', 'Tom Farrell (school)'],
  apologies: ['Tom Farrell (written report received)'],
};

export const SAMPLES: Record<string, AdaptiveCardJson> = {
  'update-form': updateFormCard({
    ...label,
    reportId: 'r-1',
    meetingNumber: 2,
    meetingWhen: 'Tue 26 Jan 2027, 10:00–11:30',
    actions: [
      { actionId: 'a-1', what: 'Weekly health visitor visits', byWhen: '28 Feb 2027' },
      { actionId: 'a-2', what: 'Refer mum to the parenting group', byWhen: '15 Feb 2027', progress: 'blocked', comment: '' },
    ],
  }),
  'update-form-with-errors': updateFormCard({
    ...label,
    reportId: 'r-1',
    meetingNumber: 2,
    meetingWhen: 'Tue 26 Jan 2027, 10:00–11:30',
    values: { attendance: 'attending', whatHasChanged: 'Warmer flat', safetyScale: 6 },
    actions: [{ actionId: 'a-2', what: 'Refer mum to the parenting group', byWhen: '15 Feb 2027', progress: 'blocked' }],
    errors: { workingWell: 'is required', 'action.a-2.comment': 'say what is blocking it' },
    formError: 'Please fix the fields marked below.',
  }),
  'update-submitted': updateSubmittedCard({
    ...label,
    reportId: 'r-1',
    meetingNumber: 2,
    meetingWhen: 'Tue 26 Jan 2027, 10:00',
    submittedAt: 'Mon 25 Jan 2027, 16:02',
    version: 2,
    attendance: 'apologies',
    safetyScale: 6,
    editable: true,
  }),
  'minutes-approval-manager': minutesApprovalCard({
    ...minutes,
    statusText: 'Waiting for your approval',
    summary: '14 of 14 sections complete; updates from health visiting, school and police.',
    canDecide: true,
    resubmitted: true,
    returnComments: 'Add the parents’ views on the new action, and say who will tell the school.',
    circulateOverdue: true,
    sections: [
      {
        title: 'Decisions and review of the plan',
        text: 'Visits stay weekly. The plan continues unchanged until the review conference; housing repairs to be chased by the social worker.',
      },
      { title: 'Risks, concerns and dissent', text: 'Police dissent from reducing visits: two call-outs in January.' },
      { title: "The child's voice", text: 'LRE drew her family and put the partner outside the house.' },
      { title: 'New actions', text: 'Housing to fix the boiler by 1 Feb 2027.' },
    ],
  }),
  // The same minutes as anyone but the manager sees them once decided.
  'minutes-approval-others': minutesApprovalCard({
    ...minutes,
    statusText: 'Approved by Maria Lindqvist at 10:40 on Wed 27 Jan 2027',
    summary: '',
    canDecide: false,
  }),
  // Circulated after the circulate-by day: said so, never shown as met.
  'minutes-circulated-late': minutesApprovalCard({
    ...minutes,
    statusText: 'Approved by Maria Lindqvist and circulated at 09:10 on Tue 2 Feb 2027',
    summary: '',
    canDecide: false,
    circulatedLate: 'Tue 2 Feb 2027',
  }),
  // The 1:1 agenda of a member who owes an update: their buttons.
  agenda: agendaCard({ ...agendaSample, ownUpdate: 'owed' }),
  // The agenda as the core group chat shows it to everyone: no update buttons; each member who owes
  // an update gets their own view through the refresh.
  'agenda-chat': agendaCard({ ...agendaSample, sharedNote: true, refreshUserIds: ['29:1hv-teams-user-id'] }),
  // The 1:1 agenda of someone who owes no update (the manager): no buttons that would refuse them.
  'agenda-no-update': agendaCard(agendaSample),
  'my-core-groups': myCoreGroupsCard({
    asOf: 'as of Mon 4 Jan 2027',
    cases: [
      {
        reference: 'CP-2026-0042',
        line: '🔴 Late or overdue: CP-2026-0042 (LRE). Next: core group 2, due Fri 29 Jan 2027. 1 overdue. Core group 1 booked 3 working days late.',
        caseUrl: label.caseUrl,
        updates: [{ label: 'Update owed: CP-2026-0042 core group 2 (required)', reportId: 'r-1' }],
        approvals: [{ label: 'Minutes to approve: CP-2026-0042 core group 1', minutesId: 'mi-1' }],
        returned: [{ label: 'Minutes returned for changes: CP-2026-0042 core group 1. The manager asked: Add the parents’ views.', url: label.caseUrl }],
        toBook: [{ title: 'Book core group 2', meetingId: 'mt-2' }],
        plans: [{ label: 'Plan to agree: CP-2026-0042, version 2', caseId: 'c1' }],
      },
      {
        reference: 'CP-2026-0043',
        line: '🟢 On track: CP-2026-0043 (JS). Next: core group 1, due Wed 6 Jan 2027.',
        caseUrl: label.caseUrl,
        updates: [],
        approvals: [],
        returned: [],
        toBook: [],
        plans: [],
      },
    ],
  }),
  schedule: scheduleCard({
    ...scheduleOfCoreGroup2,
    // Pressed "Book …, late" without a reason: the card comes back saying so, the place kept.
    anyLate: true,
    venue: 'office',
    lateReason: 'Busy',
    formError: 'Mon 1 Feb 2027, 09:30 is after the deadline: say why under "Why after the deadline?" (at least 5 characters), then press its button again.',
    headline: 'No time has everyone free: each says who is busy, and whether the core group can go ahead then.',
    slots: [
      {
        start: '2027-01-27T10:00:00.000Z',
        end: '2027-01-27T11:30:00.000Z',
        when: 'Wed 27 Jan 2027, 10:00',
        label: 'Wed 27 Jan 2027, 10:00 — can go ahead if Alex Reed can come — busy: Tom Farrell — calendar not visible: Alex Reed',
      },
      // The longest a label gets: after the deadline, two named as busy and more, a calendar not visible.
      {
        start: '2027-02-01T09:30:00.000Z',
        end: '2027-02-01T11:00:00.000Z',
        when: 'Mon 1 Feb 2027, 09:30',
        late: true,
        label:
          'Mon 1 Feb 2027, 09:30 — after the deadline: needs a reason — cannot go ahead: the chair or the family is busy, or fewer than half of the agencies are free — busy: Tom Farrell, Sam Okafor and 2 more — calendar not visible: Alex Reed',
      },
    ],
  }),
  // The chair off sick on every day looked at: no times, no place to choose, and why in words.
  'schedule-nothing': scheduleCard({
    ...scheduleOfCoreGroup2,
    slots: [],
    headline: 'No time up to Fri 12 Feb 2027 can go ahead: Sam Okafor is out of office. The manager has been told. Look again when they are back.',
  }),
  'plan-agreement': planAgreementCard({
    ...label,
    caseId: 'c1',
    title: 'Do you agree with the child protection plan?',
    planVersion: 2,
    outcomes: ['LRE lives in a home free from violence', 'LRE attends nursery every day'],
    status: '',
    canSign: true,
  }),
  'escalation-form': escalationFormCard({ ...label, caseId: 'c1', recipient: 'Ruth Bannerman (IRO)' }),
  'compliance-alert': noticeCard({
    title: 'Core group 2 is due in 2 working days',
    subtitle: 'CP-2026-0042 (LRE)',
    colour: 'Warning',
    lines: ['It must be held by Fri 29 Jan 2027 (6 weeks after the initial conference). It is not booked yet.'],
    facts: [{ title: 'Rule', value: 'england.core-group.second' }],
    links: [{ title: 'Open the case', url: label.caseUrl }],
    fallback: 'Core Groups: a deadline is coming up on CP-2026-0042.',
  }),
  // Nobody to chair a core group tomorrow: the manager can make someone free then vice chair from here.
  'chair-cover': chairCoverCard({
    title: 'Core group 1: nobody to chair it',
    subtitle: 'CP-2026-0042 (LRE)',
    lines: [
      "The procedure's deadline is Wed 6 Jan 2027.",
      'It is booked for Tue 5 Jan 2027, 10:00, and the chair is out of office then.',
      'Make one of the people below vice chair: they are invited, sent the agenda and told they chair it. Or add someone else on the case page (Add a member, role Vice chair), or move it.',
    ],
    caseId: 'c1',
    meetingId: 'm1',
    startsAt: '2027-01-05T10:00:00.000Z',
    caseUrl: label.caseUrl,
    cover: [
      { personId: 'p-dev', name: 'Dev Patel' },
      { personId: 'p-maria', name: 'Maria Lindqvist' },
    ],
    readerId: 'p-maria',
    fallback: 'Core Groups: a deadline needs attention on CP-2026-0042.',
  }),
  // Not booked, and the chair away on every working day left before the deadline: the same offer, with no time.
  'chair-cover-before-deadline': chairCoverCard({
    title: 'Core group 1: nobody to chair it before its deadline',
    subtitle: 'CP-2026-0042 (LRE)',
    lines: [
      "The procedure's deadline is Wed 6 Jan 2027.",
      'It is not booked, and the chair is out of office on every working day left before the deadline.',
      'Make one of the people below vice chair: they can chair it, and its schedule then offers times they are free. Or add someone else on the case page (Add a member, role Vice chair).',
    ],
    caseId: 'c1',
    meetingId: 'm1',
    caseUrl: label.caseUrl,
    cover: [{ personId: 'p-dev', name: 'Dev Patel' }],
    fallback: 'Core Groups: a deadline needs attention on CP-2026-0042.',
  }),
  digest: digestCard({
    asOf: 'as of Wed 30 Dec 2026',
    updates: [{ reportId: 'r-1', label: 'CP-2026-0042: your update for core group 1 (Tue 5 Jan 2027, 10:00), required' }],
    approvals: [{ minutesId: 'mi-1', label: 'CP-2026-0042: minutes of core group 2, submitted Wed 27 Jan 2027, 09:12' }],
    upcoming: ['CP-2026-0042 (LRE): core group 1, Tue 5 Jan 2027, 10:00'],
    plans: [{ caseId: 'c1', label: 'CP-2026-0042 (LRE): plan version 2' }],
    missing: ['CP-2026-0042 core group 1: Tom Farrell (school), Priya Desai (health visiting)'],
    cases: [
      '🔴 Late or overdue: CP-2026-0042 (LRE). Next: minutes of core group 1 signed off by the manager, due Mon 18 Jan 2027. 1 overdue. Core group 1 booked 3 working days late.',
    ],
  }),
};
