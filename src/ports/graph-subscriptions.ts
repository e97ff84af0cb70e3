/**
 * Where the Graph change subscriptions on chairs' Outlook calendars are kept: one per mailbox, with
 * when it lapses and the delta link the fallback query resumes from. Shared by every server
 * instance, so they renew one subscription rather than each making its own.
 */
export interface GraphSubscriptionState {
  readonly mailbox: string;
  readonly subscriptionId?: string;
  readonly expiresAt?: string;
  readonly deltaLink?: string;
}

export interface GraphSubscriptions {
  /** The mailboxes of chairs with booked meetings in Outlook: the calendars worth watching. */
  mailboxesToWatch(): Promise<string[]>;
  byMailbox(mailbox: string): Promise<GraphSubscriptionState | undefined>;
  /** A new subscription for the mailbox (its delta link, if any, is kept). */
  subscribed(mailbox: string, subscriptionId: string, expiresAt: string, at: string): Promise<void>;
  renewed(mailbox: string, expiresAt: string, at: string): Promise<void>;
  /** Where the next delta query resumes. */
  deltaLinkFor(mailbox: string, deltaLink: string, at: string): Promise<void>;
  /** Graph removed the subscription: forget it, so the keeper makes a new one. */
  removed(subscriptionId: string): Promise<void>;
}
