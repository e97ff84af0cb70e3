/** The server's answers, as the tab reads them (the tab talks HTTP only, so these are its own copy). */
export type Colour = 'red' | 'amber' | 'green';
export type Status = 'met' | 'met-late' | 'booked-late' | 'due-soon' | 'overdue' | 'upcoming';

/** How late a core group is, in the words people read ("Core group 1 booked 3 working days late (reason: …)"). */
export interface Lateness {
  kind: 'booked-late' | 'held-late' | 'overdue';
  number?: number;
  due?: string;
  on?: string;
  workingDaysLate: number;
  reason?: string;
  text: string;
}

export interface CaseAtAGlance {
  caseId: string;
  reference: string;
  childInitials: string;
  socialWorkerId: string;
  next?: { obligationId: string; kind: string; due: string; workingDaysLeft?: number };
  overdue: number;
  late?: Lateness;
  colour: Colour;
}

export interface MyWork {
  today: string;
  cases: CaseAtAGlance[];
  reportsOwed: {
    reportId: string;
    caseId: string;
    reference: string;
    meetingId?: string;
    meetingNumber: number;
    meetingStartsAt?: string;
    meetingDue: string;
    required: boolean;
  }[];
  approvalsWaiting: { minutesId: string; caseId: string; reference: string; meetingNumber: number; submittedAt: string; childInitials?: string }[];
  /** Minutes the manager sent back for changes, for their writer or the case's chair. */
  minutesReturned: { minutesId: string; caseId: string; reference: string; meetingNumber: number; returnedAt: string; returnComments: string }[];
}

export interface TeamCompliance {
  today: string;
  totals: Record<Colour, number>;
  bySocialWorker: { socialWorkerId: string; displayName: string; cases: CaseAtAGlance[]; totals: Record<Colour, number> }[];
}

export interface Obligation {
  id: string;
  kind: string;
  due: string;
  earliest?: string;
  doneOn?: string;
  finalBeforeReview?: boolean;
  rule: string;
  source: { id: string; title: string; label: string };
  explanation: string;
  compliance: { status: Status; daysLate?: number; workingDaysLate?: number; workingDaysLeft?: number; bookedOn?: string };
  /** The viewer may record it done: the app cannot see it happen (a visit, a conference's record), and it is not done yet. */
  recordByHand?: boolean;
}

export interface CaseDetail {
  id: string;
  reference: string;
  childInitials: string;
  childName?: string;
  profile: { id: string; version: string; name: string };
  icpcDate: string;
  today: string;
  members: { memberId: string; personId: string; displayName: string; agency: string; role: string; excluded: boolean; excludedReason?: string }[];
  meetings: CaseMeeting[];
  /** True for a member the conference excluded: they see the outline and deadlines only. */
  restricted?: boolean;
  obligations: Obligation[];
  /** The child protection plan as it stands: outcomes, actions and each member's answer (for those who see the case's details). */
  plan?: {
    version: number;
    recordedAt: string;
    outcomes: string[];
    actions: { what: string; ownerMemberId: string; agency: string; byWhen: string; howWeWillKnow: string; status: string }[];
    agreement: { memberId: string; answer: 'agreed' | 'discuss' | 'waiting'; at?: string; comment?: string }[];
  };
}

export type { ApiErrorBody, DevUser } from '../common/api-client';

/** The minutes' sections, in the order a core group record reads. */
export const MINUTES_SECTIONS = [
  ['attendance', 'Who attended'],
  ['apologies', 'Apologies'],
  ['agenciesExpectedButAbsent', 'Agencies expected but absent'],
  ['recentEvents', 'Recent events'],
  ['agencyUpdates', 'Agency updates'],
  ['childsVoice', "The child's voice"],
  ['childsVoiceHowGathered', "How the child's views were gathered"],
  ['parentsViews', "Parents' and carers' views"],
  ['parentsViewsHowGathered', 'How their views were gathered'],
  ['planReview', 'Review of the plan'],
  ['newActions', 'New actions'],
  ['concernsAndDissent', 'Concerns and dissent'],
  ['reviewRecommendation', 'Recommendation to the review conference'],
  ['nextMeeting', 'Next core group'],
] as const;
export type MinutesSectionKey = (typeof MINUTES_SECTIONS)[number][0];

export interface MinutesView {
  minutes: {
    id: string;
    status: 'draft' | 'submitted' | 'returned' | 'approved' | 'circulated';
    version: number;
    sections: Record<MinutesSectionKey, string>;
    returnComments?: string;
    submittedAt?: string;
    decidedAt?: string;
  };
  case: { id: string; reference: string; childInitials: string };
  meetingNumber: number;
  heldOn?: string;
  authorName: string;
  canEdit: boolean;
  canDecide: boolean;
}

export interface CaseMeeting {
  id: string;
  number: number;
  status: string;
  earliest?: string;
  due: string;
  startsAt?: string;
  venue?: string;
  /** The day it was recorded as held (may be before the day it was booked for). */
  heldOn?: string;
  /** Why it was cancelled, as the chair recorded it. */
  cancelReason?: string;
  finalBeforeReview: boolean;
  minutesStatus?: string;
  minutesId?: string;
  /** For a core group still to come: each update asked for (by member) and whether it is in. */
  updates?: {
    memberId: string;
    submitted: boolean;
    /** When the viewer may open it (theirs, or business support's to send on their behalf). */ reportId?: string;
  }[];
  lateness?: Lateness;
  /** The window it is booked in when the core groups before it, held as booked, bring the plan's forward. */
  asBooked?: { earliest: string; due: string; after: { number: number; day: string } };
  version: number;
}

export interface Interval {
  start: string;
  end: string;
  /** Out of office (off sick, on leave): shown as away, not busy. */
  away?: boolean;
}

/** GET /api/meetings/:id/schedule: everything the chair needs to book one core group. */
export interface ScheduleView {
  case: { id: string; reference: string; childInitials: string };
  meeting: {
    id: string;
    number: number;
    status: string;
    due: string;
    earliest?: string;
    startsAt?: string;
    endsAt?: string;
    venue?: string;
    version: number;
    finalBeforeReview: boolean;
  };
  window: { earliest: string; due: string; explanation: string; source: string };
  lateness?: Lateness;
  range: Interval;
  /** Weekdays in the range the offices are closed, with why in words. */
  closedDays: { day: string; why: string }[];
  workingHours: { start: string; end: string };
  durationMinutes: number;
  /** `essential`: the core group cannot go ahead without them (the family), or without one of them to chair (the chair, a vice chair). */
  attendees: { personId: string; displayName: string; role: string; required: boolean; essential: boolean; busy: Interval[] | 'unknown' }[];
  /**
   * `canGoAhead`: the chair, the family and at least half of the agencies are free then; `leavesRoom`:
   * it can go ahead and a later day in the window can too, should this one be lost.
   */
  slots: {
    start: string;
    end: string;
    day: string;
    afterDeadline: boolean;
    canGoAhead: boolean;
    leavesRoom: boolean;
    free: string[];
    busy: string[];
    unknown: string[];
  }[];
  withinDeadline: boolean;
  everyoneRequiredFree: boolean;
  /** A time inside the window exists at which the core group can go ahead (the chair, the family and half of the agencies free). */
  compliant: boolean;
  warning?: string;
}

export type Venue = 'office' | 'family-home' | 'online';

export interface ReportContent {
  attendance: 'attending' | 'apologies';
  whatHasChanged: string;
  workingWell: string;
  worries: string;
  needsToHappen: string;
  actions: { actionId: string; progress: 'done' | 'on-track' | 'not-started' | 'blocked'; comment?: string }[];
  safetyScale: number;
}

/** GET /api/reports/:id: a professional's update for one core group, and whose it is. */
export interface ReportForm {
  case: { id: string; reference: string; childInitials: string };
  meeting: { id: string; number: number; status: string; due: string; startsAt?: string };
  report: {
    id: string;
    memberId: string;
    status: 'requested' | 'submitted';
    content?: ReportContent;
    version: number;
    submittedAt?: string;
    onBehalf: boolean;
  };
  actions: { id: string; what: string; agency: string; byWhen?: string }[];
  editable: boolean;
  /** Who the update is from (added to the API for the tab). */
  owner?: { displayName: string; agency: string; role: string };
  /** The person looking is not its owner: business support, writing it for them. */
  onBehalf?: boolean;
}

/** GET /api/me: who is signed in and what the tab should offer them. */
export interface Me {
  person: { id: string; displayName: string; email: string };
  devSignIn: boolean;
  can: { openCases: boolean; manage: boolean; keepStaffList: boolean };
}

/** The organisation's roles (GET /api/staff). */
export type StaffRole = 'social-worker' | 'team-manager' | 'business-support' | 'iro' | 'administrator';
/** One person on the organisation's staff list. */
export interface StaffEntry {
  email: string;
  displayName?: string;
  roles: StaffRole[];
  updatedAt: string;
}
