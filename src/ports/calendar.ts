import { Interval } from '../domain/scheduling/slot-finder';

/** Someone whose calendar we ask about. Outside the tenant, nobody can see their calendar. */
export interface CalendarPerson {
  readonly personId: string;
  readonly email: string;
  readonly inTenant: boolean;
}

export interface FreeBusy {
  readonly personId: string;
  readonly busy: readonly Interval[] | 'unknown';
}

/** Someone invited, with the name the invitation shows. */
export type CalendarAttendee = CalendarPerson & { readonly displayName: string; readonly type: 'required' | 'optional' };

/**
 * A change to a booked event: its time and place, and (when given) everyone now invited, the
 * organiser aside. Someone no longer on the list is sent a cancellation; someone new, the invitation.
 */
export interface CalendarEventChange {
  readonly start: string;
  readonly end: string;
  readonly location?: string;
  readonly attendees?: readonly CalendarAttendee[];
}

export interface CalendarEventInput {
  readonly meetingId: string;
  /** Whose calendar holds the event (the chair). */
  readonly organizer: CalendarPerson & { readonly displayName: string };
  /** Case reference and initials only: invitations are read on phones and in shared mailboxes. */
  readonly subject: string;
  readonly bodyHtml: string;
  readonly start: string;
  readonly end: string;
  readonly attendees: readonly CalendarAttendee[];
  readonly location: string;
  readonly online: boolean;
  readonly category: string;
  /** Same key → same event: a retried create never makes a second one (Outlook's transactionId). */
  readonly idempotencyKey: string;
}

export interface CreatedEvent {
  readonly eventId: string;
  readonly joinUrl?: string;
}

/** A change someone made in their calendar app to an event we booked. */
export interface CalendarChange {
  readonly eventId: string;
  readonly meetingId?: string;
  readonly kind: 'moved' | 'cancelled';
  readonly start?: string;
  readonly end?: string;
}

export interface CalendarPort {
  freeBusy(people: readonly CalendarPerson[], window: Interval): Promise<FreeBusy[]>;
  createEvent(input: CalendarEventInput): Promise<CreatedEvent>;
  /** Several at once where the calendar can (Graph $batch); each result in the order given. */
  createEvents?(inputs: readonly CalendarEventInput[]): Promise<(CreatedEvent | { error: string })[]>;
  updateEvent(eventId: string, organizer: CalendarPerson, change: CalendarEventChange): Promise<void>;
  cancelEvent(eventId: string, organizer: CalendarPerson, comment: string): Promise<void>;
}
