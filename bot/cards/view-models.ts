/**
 * What each card shows, already formatted by the caller (dates in words, Europe/London times). Cards
 * carry the case reference and the child's initials, never a name: there is no field for one.
 */
export interface CaseLabel {
  readonly reference: string;
  readonly childInitials: string;
  readonly caseUrl: string;
}

/** Whose update a form or its submitted view is, and whether the viewer acts for them. */
export interface Whose {
  /** "Priya Desai's update (health visiting)". */
  readonly whose?: string;
  /** Business support filling it in for them: the card says so (and the owner is told). */
  readonly onBehalf?: boolean;
}

export interface UpdateFormView extends CaseLabel, Whose {
  readonly reportId: string;
  readonly meetingNumber: number;
  readonly meetingWhen: string;
  readonly values?: Partial<Record<'attendance' | 'whatHasChanged' | 'workingWell' | 'worries' | 'needsToHappen', string>> & { safetyScale?: number };
  readonly actions: readonly { actionId: string; what: string; byWhen: string; progress?: string; comment?: string }[];
  /** Problems from the last submit, by field (`whatHasChanged`, `action.<id>.comment`, …). */
  readonly errors?: Readonly<Record<string, string>>;
  readonly formError?: string;
}

export interface UpdateSubmittedView extends CaseLabel, Whose {
  readonly reportId: string;
  readonly meetingNumber: number;
  readonly meetingWhen: string;
  readonly submittedAt: string;
  readonly version: number;
  readonly attendance: 'attending' | 'apologies';
  readonly safetyScale: number;
  readonly editable: boolean;
  /** Said when the same update was sent twice: "Already recorded…". */
  readonly note?: string;
}

export interface MinutesApprovalView extends CaseLabel {
  readonly minutesId: string;
  /** The version shown: the decision buttons carry it, so a decision is on what the manager read. */
  readonly minutesVersion: number;
  readonly meetingNumber: number;
  readonly heldOn: string;
  readonly authorName: string;
  readonly submittedAt: string;
  readonly circulateBy: string;
  /** The circulate-by day has passed: shown in red, with the word "overdue". */
  readonly circulateOverdue?: boolean;
  /** Circulated after the circulate-by day: the day they went out (shown as late, never as met). */
  readonly circulatedLate?: string;
  /** The key sections (headings and an excerpt each), for viewers who may read the minutes. */
  readonly sections?: readonly { readonly title: string; readonly text: string }[];
  /** The minutes were returned and changed since: this is a resubmission. */
  readonly resubmitted?: boolean;
  /** What the manager asked for when they returned them. */
  readonly returnComments?: string;
  readonly statusText: string;
  /** Short and non-sensitive: sections completed, agencies that reported. */
  readonly summary: string;
  readonly minutesUrl: string;
  /** The manager's Teams user id (MRI): Teams fetches their own view, with the buttons (Universal Actions refresh). */
  readonly managerTeamsUserId?: string;
  /** True in the view rendered for the manager while the minutes wait for a decision. */
  readonly canDecide: boolean;
  readonly formError?: string;
  /** A neutral line above the buttons ("This was already done…"). */
  readonly note?: string;
}

export interface AgendaView extends CaseLabel {
  readonly meetingId: string;
  readonly meetingNumber: number;
  readonly when: string;
  readonly where: string;
  readonly due: string;
  readonly joinUrl?: string;
  readonly finalBeforeReview: boolean;
  readonly agenda: readonly string[];
  readonly expected: readonly string[];
  readonly apologies: readonly string[];
  /** False once the meeting has started: the card then offers no update buttons. */
  readonly updatesOpen?: boolean;
  /**
   * The reader's own update, which decides the update buttons: owed (submit it, or send apologies
   * with it), already in (see or change it), or none to give (no buttons).
   */
  readonly ownUpdate?: 'owed' | 'submitted' | 'none';
  /** The card is the chat's shared view: it says where each member's update is asked for. */
  readonly sharedNote?: boolean;
  /** Teams user ids (MRIs) of the people Teams should fetch their own view of a chat's card for. */
  readonly refreshUserIds?: readonly string[];
}

export interface NoticeView {
  readonly title: string;
  readonly subtitle?: string;
  readonly colour?: 'Default' | 'Good' | 'Warning' | 'Attention' | 'Accent';
  readonly lines: readonly string[];
  readonly facts?: readonly { title: string; value: string }[];
  readonly links?: readonly { title: string; url: string }[];
  /** What a notification preview shows: never anything sensitive. */
  readonly fallback: string;
}

/** Nobody to chair a core group: what the manager is told, and who they can make vice chair from the card. */
export interface ChairCoverView {
  readonly title: string;
  readonly subtitle: string;
  readonly lines: readonly string[];
  readonly caseId: string;
  readonly meetingId: string;
  /**
   * The time it is booked for, as the alert saw it: a button pressed after it moved is refused. None
   * when it is not booked (nobody able to chair it is at work before its deadline).
   */
  readonly startsAt?: string;
  readonly caseUrl: string;
  /** Free then (or, not booked, at work before the deadline) and able to chair: each a button that makes them vice chair. */
  readonly cover: readonly { readonly personId: string; readonly name: string }[];
  /** Who the card is for: offered themselves, their button says so. */
  readonly readerId?: string;
  readonly fallback: string;
}

export interface ScheduleView extends CaseLabel {
  readonly meetingId: string;
  readonly meetingNumber: number;
  readonly expectedVersion: number;
  readonly due: string;
  /**
   * Above the times, when they are not what the chair might hope for: none at all, or none that can
   * go ahead in time (both with why, and whether the manager was told), or none with everyone free;
   * else ''.
   */
  readonly headline: string;
  /** Some time offered is after the deadline: the card asks why (a late booking needs a reason). */
  readonly anyLate?: boolean;
  /** What the chair entered, kept when the card comes back with a problem. */
  readonly venue?: string;
  readonly lateReason?: string;
  readonly formError?: string;
  /** Each slot: its label says when, and whether it is after the deadline or who is busy; its button says when, short enough for a phone. */
  readonly slots: readonly { readonly start: string; readonly end: string; readonly label: string; readonly when: string; readonly late?: boolean }[];
}

export interface PlanAgreementView extends CaseLabel {
  readonly caseId: string;
  readonly title: string;
  readonly planVersion: number;
  readonly outcomes: readonly string[];
  /** Shown after they answered; empty while the buttons are offered. */
  readonly status: string;
  readonly canSign: boolean;
  readonly formError?: string;
}

export interface EscalationFormView extends CaseLabel {
  readonly caseId: string;
  /** Who it will go to: the IRO, or the manager where the case has none. */
  readonly recipient: string;
  readonly formError?: string;
  /** What was entered, when the form comes back with a problem. */
  readonly kind?: string;
  readonly concern?: string;
}

/** "my core groups": each case in words, with a button for each thing the person can do on it now. */
export interface MyCoreGroupsView {
  /** "as of Mon 21 Dec 2026". */
  readonly asOf: string;
  readonly cases: readonly {
    readonly reference: string;
    /** The case in words and colour (caseGlanceLine). */
    readonly line: string;
    readonly caseUrl: string;
    /** Their updates still to give, while the core group has not started. */
    readonly updates: readonly { readonly label: string; readonly reportId: string }[];
    /** Minutes waiting for their approval. */
    readonly approvals: readonly { readonly label: string; readonly minutesId: string }[];
    /** Minutes returned for changes, theirs to change and resubmit (in the tab, where minutes are written). */
    readonly returned: readonly { readonly label: string; readonly url: string }[];
    /** The next core group they can book, when one is still to be booked (and a calendar is connected). */
    readonly toBook: readonly { readonly title: string; readonly meetingId: string }[];
    /** The child protection plan, when they are asked to agree it and have not. */
    readonly plans: readonly { readonly label: string; readonly caseId: string }[];
  }[];
}
