import ical, { ICalAttendeeRole, ICalCalendarMethod, ICalEventBusyStatus, ICalEventStatus } from 'ical-generator';

export interface IcsEvent {
  readonly id: string;
  readonly sequence: number;
  readonly subject: string;
  readonly description: string;
  readonly start: string;
  readonly end: string;
  readonly location: string;
  readonly organizer: { readonly name: string; readonly email: string };
  readonly attendees: readonly { readonly name: string; readonly email: string; readonly required: boolean }[];
  readonly cancelled: boolean;
  /** When this version of the event was written (DTSTAMP). */
  readonly stamp: string;
  /** Time marked out of office: Outlook shows it so (X-MICROSOFT-CDO-BUSYSTATUS:OOF), not as busy. */
  readonly away?: boolean;
  readonly url?: string;
}

/**
 * iCalendar text for one or more events: an invitation (METHOD:REQUEST), a cancellation
 * (METHOD:CANCEL) or a subscribable feed (METHOD:PUBLISH). Times are UTC; clients show them in their
 * own zone. The same UID and a rising SEQUENCE make a calendar update the event instead of adding one.
 */
export function icsFor(events: readonly IcsEvent[], method: 'request' | 'cancel' | 'publish', name = 'Core Groups'): string {
  const cal = ical({
    name,
    prodId: { company: 'Core Groups', product: 'core-groups', language: 'EN' },
    method: method === 'request' ? ICalCalendarMethod.REQUEST : method === 'cancel' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.PUBLISH,
  });
  for (const e of events) {
    cal.createEvent({
      id: e.id,
      sequence: e.sequence,
      start: new Date(e.start),
      end: new Date(e.end),
      summary: e.subject,
      description: e.description,
      location: e.location,
      organizer: { name: e.organizer.name, email: e.organizer.email },
      attendees: e.attendees.map((a) => ({ name: a.name, email: a.email, role: a.required ? ICalAttendeeRole.REQ : ICalAttendeeRole.OPT, rsvp: true })),
      status: e.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      ...(e.url ? { url: e.url } : {}),
      ...(e.away ? { busystatus: ICalEventBusyStatus.OOF } : {}),
      stamp: new Date(e.stamp),
    });
  }
  return cal.toString();
}
