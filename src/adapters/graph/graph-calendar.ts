import { Client } from '@microsoft/microsoft-graph-client';
import { Interval } from '../../domain/scheduling/slot-finder';
import {
  CalendarAttendee,
  CalendarChange,
  CalendarEventChange,
  CalendarEventInput,
  CalendarPerson,
  CalendarPort,
  CreatedEvent,
  FreeBusy,
} from '../../ports/calendar';
import { graphFailure } from './graph-errors';

/** getSchedule takes at most 20 schedules a call (documented limit). */
export const SCHEDULES_PER_CALL = 20;
/** A JSON batch holds at most 20 requests (documented limit). */
export const BATCH_LIMIT = 20;

/** The meeting id travels on the event in our own single-value extended property. */
export const MEETING_ID_PROPERTY = 'String {66f5a359-4659-4830-9070-00047ec6ac6e} Name CoreGroupsMeetingId';

const graphAttendee = (a: CalendarAttendee) => ({ emailAddress: { address: a.email, name: a.displayName }, type: a.type });
const utc = (iso: string) => ({ dateTime: new Date(iso).toISOString().replace(/\.\d{3}Z$/, ''), timeZone: 'UTC' });

/**
 * Outlook calendars through Microsoft Graph (app-only). Events are created in the chair's calendar;
 * free/busy comes from getSchedule called on a scheduling mailbox, in as few calls as Graph allows.
 */
export class GraphCalendar implements CalendarPort {
  constructor(
    private readonly client: Client,
    private readonly schedulingMailbox: string,
  ) {}

  async freeBusy(people: readonly CalendarPerson[], window: Interval): Promise<FreeBusy[]> {
    const inTenant = people.filter((p) => p.inTenant);
    const busy = new Map<string, Interval[]>();
    for (let i = 0; i < inTenant.length; i += SCHEDULES_PER_CALL) {
      const chunk = inTenant.slice(i, i + SCHEDULES_PER_CALL);
      let res: { value: { scheduleId: string; scheduleItems?: { status: string; start: { dateTime: string }; end: { dateTime: string } }[] }[] };
      try {
        res = (await this.client
          .api(`/users/${encodeURIComponent(this.schedulingMailbox)}/calendar/getSchedule`)
          .header('Prefer', 'outlook.timezone="UTC"')
          .post({ schedules: chunk.map((p) => p.email), startTime: utc(window.start), endTime: utc(window.end), availabilityViewInterval: 30 })) as typeof res;
      } catch (e) {
        throw graphFailure(e, 'schedule');
      }
      for (const s of res.value) {
        busy.set(
          s.scheduleId.toLowerCase(),
          (s.scheduleItems ?? [])
            .filter((x) => x.status !== 'free')
            .map((x) => ({
              start: new Date(`${x.start.dateTime.replace(/Z$/, '')}Z`).toISOString(),
              end: new Date(`${x.end.dateTime.replace(/Z$/, '')}Z`).toISOString(),
              // Out of office (leave, sickness): not a commitment that could be moved for a core group.
              ...(x.status === 'oof' ? { away: true } : {}),
            })),
        );
      }
    }
    return people.map((p) => ({ personId: p.personId, busy: p.inTenant ? (busy.get(p.email.toLowerCase()) ?? 'unknown') : 'unknown' }));
  }

  /** The request body of an event: also what a $batch entry carries. */
  static eventBody(input: CalendarEventInput): Record<string, unknown> {
    return {
      subject: input.subject,
      body: { contentType: 'html', content: input.bodyHtml },
      start: utc(input.start),
      end: utc(input.end),
      location: { displayName: input.location },
      attendees: input.attendees.map(graphAttendee),
      isOnlineMeeting: input.online,
      ...(input.online ? { onlineMeetingProvider: 'teamsForBusiness' } : {}),
      categories: [input.category],
      allowNewTimeProposals: false,
      transactionId: input.idempotencyKey,
      singleValueExtendedProperties: [{ id: MEETING_ID_PROPERTY, value: input.meetingId }],
    };
  }

  async createEvent(input: CalendarEventInput): Promise<CreatedEvent> {
    try {
      const created = (await this.client.api(`/users/${encodeURIComponent(input.organizer.email)}/events`).post(GraphCalendar.eventBody(input))) as {
        id: string;
        onlineMeeting?: { joinUrl?: string };
      };
      return { eventId: created.id, ...(created.onlineMeeting?.joinUrl ? { joinUrl: created.onlineMeeting.joinUrl } : {}) };
    } catch (e) {
      throw graphFailure(e, 'calendar');
    }
  }

  /**
   * Books a series in JSON $batch requests of at most 20. The client's retry handler does not retry a
   * 429 inside a batch, so throttled parts are retried here after the longest Retry-After they gave;
   * transactionId keeps a retried part from making a second event.
   */
  async createEvents(inputs: readonly CalendarEventInput[], maxRounds = 5): Promise<(CreatedEvent | { error: string })[]> {
    const results: (CreatedEvent | { error: string } | undefined)[] = inputs.map(() => undefined);
    let pending = inputs.map((_, i) => i);
    for (let round = 0; round < maxRounds && pending.length; round++) {
      const throttled: number[] = [];
      let waitMs = 0;
      for (let i = 0; i < pending.length; i += BATCH_LIMIT) {
        const chunk = pending.slice(i, i + BATCH_LIMIT);
        let res: {
          responses: {
            id: string;
            status: number;
            headers?: Record<string, string>;
            body?: { id?: string; onlineMeeting?: { joinUrl?: string }; error?: { message?: string } };
          }[];
        };
        try {
          res = (await this.client.api('/$batch').post({
            requests: chunk.map((k) => ({
              id: String(k),
              method: 'POST',
              url: `/users/${encodeURIComponent((inputs[k] as CalendarEventInput).organizer.email)}/events`,
              headers: { 'Content-Type': 'application/json' },
              body: GraphCalendar.eventBody(inputs[k] as CalendarEventInput),
            })),
          })) as typeof res;
        } catch (e) {
          throw graphFailure(e, 'calendar');
        }
        for (const r of res.responses) {
          const k = Number(r.id);
          if (r.status === 429 || r.status === 503) {
            throttled.push(k);
            waitMs = Math.max(waitMs, 1000 * Number(r.headers?.['Retry-After'] ?? r.headers?.['retry-after'] ?? 1));
          } else if (r.status >= 200 && r.status < 300 && r.body?.id) {
            results[k] = { eventId: r.body.id, ...(r.body.onlineMeeting?.joinUrl ? { joinUrl: r.body.onlineMeeting.joinUrl } : {}) };
          } else {
            results[k] = { error: `${r.status}: ${r.body?.error?.message ?? 'failed'}` };
          }
        }
      }
      pending = throttled;
      if (pending.length) await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
    return results.map((r) => r ?? { error: 'still throttled after retries' });
  }

  async updateEvent(eventId: string, organizer: CalendarPerson, change: CalendarEventChange): Promise<void> {
    try {
      // The attendees, when given, replace the event's list: Outlook invites anyone new and sends
      // anyone left off a cancellation.
      await this.client.api(`/users/${encodeURIComponent(organizer.email)}/events/${encodeURIComponent(eventId)}`).patch({
        start: utc(change.start),
        end: utc(change.end),
        ...(change.location ? { location: { displayName: change.location } } : {}),
        ...(change.attendees ? { attendees: change.attendees.map(graphAttendee) } : {}),
      });
    } catch (e) {
      throw graphFailure(e, 'calendar');
    }
  }

  async cancelEvent(eventId: string, organizer: CalendarPerson, comment: string): Promise<void> {
    try {
      await this.client.api(`/users/${encodeURIComponent(organizer.email)}/events/${encodeURIComponent(eventId)}/cancel`).post({ comment });
    } catch (e) {
      throw graphFailure(e, 'calendar');
    }
  }
}

/** A change to one event, as read back from Graph after a notification or a delta query. */
export interface GraphEventState {
  readonly eventId: string;
  readonly start?: string;
  readonly end?: string;
  readonly isCancelled: boolean;
}

const instant = (t?: { dateTime: string }) => (t ? new Date(`${t.dateTime.replace(/Z$/, '')}Z`).toISOString() : undefined);

type GraphEvent = { id: string; start?: { dateTime: string }; end?: { dateTime: string }; isCancelled?: boolean };

/** An event as Graph returns it (times in UTC, as asked for with Prefer: outlook.timezone). */
const toEventState = (e: GraphEvent): GraphEventState => ({
  eventId: e.id,
  ...(e.start ? { start: instant(e.start) as string } : {}),
  ...(e.end ? { end: instant(e.end) as string } : {}),
  isCancelled: e.isCancelled === true,
});

/** What the app makes of an event read back from Outlook: moved (to its current times) or cancelled. */
export const asCalendarChange = (state: GraphEventState): CalendarChange => ({
  eventId: state.eventId,
  kind: state.isCancelled ? 'cancelled' : 'moved',
  ...(state.start ? { start: state.start } : {}),
  ...(state.end ? { end: state.end } : {}),
});

/**
 * Knowing when someone moves a booked event in Outlook: change-notification subscriptions on the
 * chairs' calendars (they need a public HTTPS endpoint and last at most 7 days, so they are renewed),
 * reading the event back when notified, and a delta query as the fallback when notifications are
 * missed.
 */
export class GraphCalendarChanges {
  constructor(private readonly client: Client) {}

  async eventState(mailbox: string, eventId: string): Promise<GraphEventState> {
    try {
      return toEventState(
        (await this.client
          .api(`/users/${encodeURIComponent(mailbox)}/events/${encodeURIComponent(eventId)}`)
          .header('Prefer', 'outlook.timezone="UTC"')
          .get()) as GraphEvent,
      );
    } catch (e) {
      throw graphFailure(e, 'calendar');
    }
  }

  /** Subscribes to changes in a mailbox's calendar; Graph validates the endpoint before answering. */
  async subscribe(mailbox: string, notificationUrl: string, clientState: string, expires: Date): Promise<{ id: string; expirationDateTime: string }> {
    try {
      return (await this.client.api('/subscriptions').post({
        changeType: 'updated,deleted',
        notificationUrl,
        lifecycleNotificationUrl: notificationUrl,
        resource: `/users/${mailbox}/events`,
        expirationDateTime: expires.toISOString(),
        clientState,
      })) as { id: string; expirationDateTime: string };
    } catch (e) {
      throw graphFailure(e, 'calendar');
    }
  }

  async renew(subscriptionId: string, expires: Date): Promise<void> {
    try {
      await this.client.api(`/subscriptions/${encodeURIComponent(subscriptionId)}`).patch({ expirationDateTime: expires.toISOString() });
    } catch (e) {
      throw graphFailure(e, 'calendar');
    }
  }

  /** Everything changed in a mailbox's calendar since the last delta link (or in the window, the first time). */
  async delta(mailbox: string, since: { deltaLink: string } | { start: string; end: string }): Promise<{ changes: GraphEventState[]; deltaLink: string }> {
    try {
      // Graph returns the delta link as an absolute URL; as a path it works against whatever base the client has.
      const request =
        'deltaLink' in since
          ? this.client.api(`${new URL(since.deltaLink).pathname.replace(/^\/v1\.0/, '')}${new URL(since.deltaLink).search}`)
          : this.client.api(`/users/${encodeURIComponent(mailbox)}/calendarView/delta`).query({ startDateTime: since.start, endDateTime: since.end });
      const page = (await request.header('Prefer', 'outlook.timezone="UTC"').get()) as { value: GraphEvent[]; '@odata.deltaLink': string };
      return {
        changes: page.value.map(toEventState),
        deltaLink: page['@odata.deltaLink'],
      };
    } catch (e) {
      throw graphFailure(e, 'calendar');
    }
  }
}
