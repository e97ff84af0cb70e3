import { LocalDate } from '../calendar/local-date';

export const OBLIGATION_KINDS = [
  'core-group',
  'review-conference',
  'conference-record',
  'minutes-to-manager',
  'minutes-signed-off',
  'minutes-circulated',
  'plan-signed',
  'set-future-dates',
  'agency-reports',
  'review-recommendation',
  'child-seen',
] as const;
export type ObligationKind = (typeof OBLIGATION_KINDS)[number];

/** Where a rule comes from: a procedure text with enough detail for a chair to look it up. */
export interface Citation {
  readonly id: string;
  readonly title: string;
  readonly where?: string;
  /** The action, section or heading within the source. */
  readonly section?: string;
  /** How people see it: "Core Groups: local procedure action table, action 9". */
  readonly label: string;
}

/** The one way a citation is worded for people, wherever it is shown. */
export function citationLabel(title: string, section?: string, where?: string): string {
  return `${title}${section ? `, ${section}` : ''}${where ? ` (${where})` : ''}`;
}

/**
 * Something the procedure requires by a date. `earliest` is the first sensible day to do it (the
 * start of a booking window), `due` the last compliant day. Ids are stable across re-plans
 * (`core-group-3`, `minutes-circulated-core-group-3`) so records and alerts can refer to them.
 */
export interface Obligation {
  readonly id: string;
  readonly kind: ObligationKind;
  readonly due: LocalDate;
  readonly earliest?: LocalDate;
  /** For meetings: 1-based number in its series. */
  readonly number?: number;
  /** For obligations that hang off a meeting: the meeting's obligation id. */
  readonly meetingId?: string;
  /** Core groups: true for the last one before a review conference. */
  readonly finalBeforeReview?: boolean;
  /** The day it was done, when the history records it (a meeting held, minutes circulated). */
  readonly doneOn?: LocalDate;
  readonly rule: string;
  readonly source: Citation;
  readonly explanation: string;
}

export const COMPLIANCE_STATUSES = ['met', 'met-late', 'booked-late', 'due-soon', 'overdue', 'upcoming'] as const;
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number];

export interface Compliance {
  readonly status: ComplianceStatus;
  /** met-late, booked-late and overdue: calendar days past the due date (overdue: as of today). */
  readonly daysLate?: number;
  /** The same in working days, as people are told it ("booked 3 working days late"). */
  readonly workingDaysLate?: number;
  /** booked-late: the day it is booked for. */
  readonly bookedOn?: LocalDate;
  /** due-soon and upcoming: working days left until the due date. */
  readonly workingDaysLeft?: number;
}

export type AssessedObligation = Obligation & { readonly compliance: Compliance };

/** The stable id of core group N's obligation, and of the obligations that hang off it. */
export const obligationIds = {
  coreGroup: (n: number): string => `core-group-${n}`,
  minutesToManager: (n: number): string => `minutes-to-manager-core-group-${n}`,
  minutesSignedOff: (n: number): string => `minutes-signed-off-core-group-${n}`,
  minutesCirculated: (n: number): string => `minutes-circulated-core-group-${n}`,
} as const;
