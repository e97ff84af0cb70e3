/** The server's answers, as the tab reads them (the tab talks HTTP only, so these are its own copy). */
export type Colour = 'red' | 'amber' | 'green';
export type Status = 'met' | 'met-late' | 'due-soon' | 'overdue' | 'upcoming';

export interface CaseAtAGlance {
  caseId: string;
  reference: string;
  childInitials: string;
  socialWorkerId: string;
  next?: { obligationId: string; kind: string; due: string; workingDaysLeft?: number };
  overdue: number;
  colour: Colour;
}

export interface MyWork {
  today: string;
  cases: CaseAtAGlance[];
  reportsOwed: { reportId: string; caseId: string; reference: string; meetingNumber: number; meetingDue: string; required: boolean }[];
  approvalsWaiting: { minutesId: string; caseId: string; reference: string; meetingNumber: number; submittedAt: string }[];
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
  compliance: { status: Status; daysLate?: number; workingDaysLeft?: number };
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
  meetings: { id: string; number: number; status: string; earliest?: string; due: string; startsAt?: string; venue?: string; finalBeforeReview: boolean; minutesStatus?: string; minutesId?: string; version: number }[];
  obligations: Obligation[];
}

export interface DevUser {
  id: string;
  displayName: string;
  role: string;
}

export interface ApiErrorBody {
  error: { code: string; message: string; fields?: { field: string; problem: string }[] };
}

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
  minutes: { id: string; status: 'draft' | 'submitted' | 'returned' | 'approved' | 'circulated'; version: number; sections: Record<MinutesSectionKey, string>; returnComments?: string; submittedAt?: string; decidedAt?: string };
  case: { id: string; reference: string; childInitials: string };
  meetingNumber: number;
  authorName: string;
  canEdit: boolean;
  canDecide: boolean;
}
