/**
 * The server's answers as the Outlook add-in reads them. The add-in talks HTTP only (like the tab),
 * so these are its own copy of the shapes, kept to the fields it uses.
 */
export type Colour = 'red' | 'amber' | 'green';

export interface CaseAtAGlance {
  caseId: string;
  reference: string;
  childInitials: string;
  socialWorkerId: string;
  next?: { obligationId: string; kind: string; due: string; workingDaysLeft?: number };
  overdue: number;
  late?: { text: string };
  colour: Colour;
}

export interface OwedReport {
  reportId: string;
  caseId: string;
  reference: string;
  meetingNumber: number;
  meetingDue: string;
  required: boolean;
}

export interface MyWork {
  today: string;
  cases: CaseAtAGlance[];
  reportsOwed: OwedReport[];
}

export interface Me {
  person: { id: string; displayName: string; email: string };
  devSignIn: boolean;
}

export interface CaseMeeting {
  id: string;
  number: number;
  status: string;
  earliest?: string;
  due: string;
  startsAt?: string;
  finalBeforeReview: boolean;
  calendarEventId?: string;
  lateness?: { text: string };
  version: number;
}

export interface CaseDetail {
  id: string;
  reference: string;
  childInitials: string;
  today: string;
  meetings: CaseMeeting[];
}

export interface ScheduleAttendee {
  personId: string;
  displayName: string;
  email?: string;
  /** The name for the invitation, beside the case reference: the family by role and initials. */
  invitedAs?: string;
  role: string;
  required: boolean;
}

export interface ScheduleSlot {
  start: string;
  end: string;
  day: string;
  afterDeadline: boolean;
  /** The chair, the family and at least half of the agencies are free then. */
  canGoAhead: boolean;
  /** A later day in the window could also go ahead: if this one is lost on the day, there is a day left to recover it in time. */
  leavesRoom: boolean;
  free: string[];
  busy: string[];
  unknown: string[];
}

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
    version: number;
    finalBeforeReview: boolean;
  };
  window: { earliest: string; due: string; explanation: string; source: string };
  lateness?: { text: string };
  workingHours: { start: string; end: string };
  durationMinutes: number;
  attendees: ScheduleAttendee[];
  slots: ScheduleSlot[];
  warning?: string;
}

export interface TimeCheck {
  meetingId: string;
  number: number;
  case: { id: string; reference: string; childInitials: string };
  window: { earliest: string; due: string };
  day: string;
  workingTime: string[];
  beforeWindow: boolean;
  afterDeadline: boolean;
  workingDaysLate?: number;
  problems: string[];
}

export interface MeetingAgenda {
  case: { id: string; reference: string; childInitials: string };
  number: number;
  finalBeforeReview: boolean;
  agenda: string[];
}

export type Venue = 'office' | 'family-home' | 'online';

export interface BookingResult {
  meeting: { id: string; number: number; status: string; startsAt: string; endsAt: string; calendarEventId?: string; version: number };
  late: boolean;
  lateness?: { kind: string; workingDaysLate: number };
}

export type { ApiErrorBody } from '../common/api-client';
