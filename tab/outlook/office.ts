/// <reference types="office-js" />
import type { ApiClient } from './api';
import type { BookingResult, MeetingAgenda, ScheduleView, TimeCheck, Venue } from './api-types';
import { agendaBodyHtml, CORE_GROUP_CATEGORY, Invitees, notificationText, subjectFor } from './decisions';

/**
 * The Office.js glue: reads and writes the open appointment through the global `Office` (the real
 * office.js in Outlook; an office-addin-mock OfficeMockObject in tests; a small fake in the browser
 * test). Every decision it carries out is made in decisions.ts.
 */

/** Custom properties the add-in keeps on the organiser's appointment (never sent to attendees). */
export const MEETING_ID_PROPERTY = 'coreGroupsMeetingId';
/** The origin of the API that linked it, for the event runtime (classic Outlook's has no page address). */
export const API_ORIGIN_PROPERTY = 'coreGroupsApi';
/** The key of the notification the add-in shows on the appointment about its time. */
export const TIME_NOTIFICATION_KEY = 'coreGroupsTime';

type AsyncCall<T> = (callback: (result: Office.AsyncResult<T>) => void) => void;

/** One Office.js callback API as a promise, rejected with Office's own error message when it fails. */
export function officeAsync<T>(call: AsyncCall<T>): Promise<T> {
  return new Promise((resolve, reject) =>
    call((result) => {
      if (result.error || String(result.status) === 'failed') reject(new Error(result.error?.message ?? 'Outlook could not do that.'));
      else resolve(result.value);
    }),
  );
}

export const currentItem = (): Office.AppointmentCompose => Office.context.mailbox.item as Office.AppointmentCompose;

export interface Times {
  readonly startsAt: string;
  readonly endsAt: string;
}

/** The appointment's start and end as ISO instants (Office gives Dates in UTC). */
export async function readTimes(item: Office.AppointmentCompose): Promise<Times> {
  const start = await officeAsync<Date>((cb) => item.start.getAsync(cb));
  const end = await officeAsync<Date>((cb) => item.end.getAsync(cb));
  return { startsAt: new Date(start).toISOString(), endsAt: new Date(end).toISOString() };
}

/** Moves the appointment to a time (a slot the chair picked). */
export async function setTimes(item: Office.AppointmentCompose, times: Times): Promise<void> {
  await officeAsync<void>((cb) => item.start.setAsync(new Date(times.startsAt), cb));
  await officeAsync<void>((cb) => item.end.setAsync(new Date(times.endsAt), cb));
}

/** Calls onChange whenever the organiser changes the appointment's date or time. */
export async function watchTimeChanges(item: Office.AppointmentCompose, onChange: () => void): Promise<void> {
  await officeAsync<void>((cb) => item.addHandlerAsync(Office.EventType.AppointmentTimeChanged, onChange, cb));
}

export async function checkTime(api: ApiClient, meetingId: string, times: Times): Promise<TimeCheck> {
  return api.get<TimeCheck>(
    `/api/meetings/${encodeURIComponent(meetingId)}/time-check?startsAt=${encodeURIComponent(times.startsAt)}&endsAt=${encodeURIComponent(times.endsAt)}`,
  );
}

/** Shows (or clears) the bar on the appointment that says what is wrong with its time. */
export async function showTimeNotification(item: Office.AppointmentCompose, check: TimeCheck): Promise<void> {
  const message = notificationText(check);
  if (message) {
    await officeAsync<void>((cb) =>
      item.notificationMessages.replaceAsync(TIME_NOTIFICATION_KEY, { type: Office.MailboxEnums.ItemNotificationMessageType.ErrorMessage, message }, cb),
    );
  } else {
    await officeAsync<void>((cb) => item.notificationMessages.removeAsync(TIME_NOTIFICATION_KEY, cb));
  }
}

export interface Fill {
  readonly subject: string;
  readonly invitees: Invitees;
  readonly bodyHtml: string;
}

/** What the pane writes into the appointment for a core group. */
export function fillFor(view: Pick<ScheduleView, 'case' | 'meeting' | 'window'>, agenda: MeetingAgenda, invitees: Invitees): Fill {
  return {
    subject: subjectFor(view.case, view.meeting.number),
    invitees,
    bodyHtml: agendaBodyHtml(view.case, view.meeting.number, agenda.agenda, view.window.due),
  };
}

/** Subject, attendees (required and optional), the agenda as the body, and the Core group category. */
export async function fillAppointment(item: Office.AppointmentCompose, fill: Fill): Promise<void> {
  await officeAsync<void>((cb) => item.subject.setAsync(fill.subject, cb));
  await officeAsync<void>((cb) => item.requiredAttendees.setAsync(fill.invitees.required, cb));
  await officeAsync<void>((cb) => item.optionalAttendees.setAsync(fill.invitees.optional, cb));
  await officeAsync<void>((cb) => item.body.setAsync(fill.bodyHtml, { coercionType: Office.CoercionType.Html }, cb));
  await officeAsync<void>((cb) => item.categories.addAsync([CORE_GROUP_CATEGORY], cb));
}

export interface LinkRequest {
  readonly meetingId: string;
  readonly expectedVersion: number;
  readonly venue: Venue;
  /** Where the API is, kept on the item for the event runtime. */
  readonly apiOrigin: string;
  readonly lateReason?: string;
  readonly outsideHoursReason?: string;
}

/**
 * Links the appointment to the meeting record: keeps the meeting id on the item (for the time-change
 * event), saves the item to get its id, converts that to the Graph (REST v2.0) id the server tracks
 * moves by, and books the meeting with it. The server writes no event of its own.
 */
export async function linkAppointment(item: Office.AppointmentCompose, api: ApiClient, request: LinkRequest): Promise<BookingResult> {
  const times = await readTimes(item);
  const props = await officeAsync<Office.CustomProperties>((cb) => item.loadCustomPropertiesAsync(cb));
  props.set(MEETING_ID_PROPERTY, request.meetingId);
  props.set(API_ORIGIN_PROPERTY, request.apiOrigin);
  await officeAsync<void>((cb) => props.saveAsync(cb));
  const itemId = await officeAsync<string>((cb) => item.saveAsync(cb));
  const eventId = Office.context.mailbox.convertToRestId(itemId, Office.MailboxEnums.RestVersion.v2_0);
  return api.post<BookingResult>(`/api/meetings/${encodeURIComponent(request.meetingId)}/outlook-link`, {
    expectedVersion: request.expectedVersion,
    eventId,
    startsAt: times.startsAt,
    endsAt: times.endsAt,
    venue: request.venue,
    ...(request.lateReason ? { lateReason: request.lateReason } : {}),
    ...(request.outsideHoursReason ? { outsideHoursReason: request.outsideHoursReason } : {}),
  });
}

/** The meeting a linked appointment belongs to, and the API that linked it. */
export async function linkedMeeting(item: Office.AppointmentCompose): Promise<{ meetingId: string; apiOrigin?: string } | undefined> {
  const props = await officeAsync<Office.CustomProperties>((cb) => item.loadCustomPropertiesAsync(cb));
  const meetingId = props.get(MEETING_ID_PROPERTY) as unknown;
  const apiOrigin = props.get(API_ORIGIN_PROPERTY) as unknown;
  return typeof meetingId === 'string' && meetingId ? { meetingId, ...(typeof apiOrigin === 'string' && apiOrigin ? { apiOrigin } : {}) } : undefined;
}

/**
 * The appointmentTimeChanged handler: for an appointment linked to a core group, checks the new time
 * against its window and working time and says what is wrong on the appointment itself. Always ends
 * with event.completed(), whatever happens, so Outlook is never left waiting.
 */
export async function onAppointmentTimeChanged(
  event: { completed(options?: unknown): void },
  apiFor: (origin: string) => Promise<ApiClient>,
  log: (e: unknown) => void = () => undefined,
): Promise<void> {
  try {
    const item = currentItem();
    const linked = await linkedMeeting(item);
    if (!linked) return;
    const api = await apiFor(linked.apiOrigin ?? '');
    const check = await checkTime(api, linked.meetingId, await readTimes(item));
    await showTimeNotification(item, check);
  } catch (e) {
    log(e);
  } finally {
    event.completed();
  }
}
