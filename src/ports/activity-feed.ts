/**
 * The three kinds of activity-feed notification the app manifest declares (manifest/declared.ts,
 * `activities.activityTypes`), each with the template parameters its text names.
 */
export interface ActivityTemplates {
  minutesAwaitingApproval: { caseRef: string; number: string };
  minutesReturned: { caseRef: string; number: string };
  coreGroupBookedLate: { caseRef: string; number: string; date: string; due: string };
}

export type ActivityNotification = {
  [K in keyof ActivityTemplates]: {
    /** The person's Microsoft Entra object id: the feed is theirs alone. */
    readonly recipientEntraObjectId: string;
    readonly activityType: K;
    readonly templateParameters: ActivityTemplates[K];
    /** What the notification preview shows: the case reference, never a name. */
    readonly previewText: string;
    /** Where opening it takes them: the tab page (a Teams deep link in Teams). */
    readonly tabPath: string;
  };
}[keyof ActivityTemplates];

/** Posts to a person's Teams activity feed (Graph in production; a file in local mode). */
export interface ActivityFeed {
  notify(notification: ActivityNotification): Promise<void>;
}
