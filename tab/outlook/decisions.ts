/// <reference types="office-js" />
import type { CaseAtAGlance, CaseMeeting, MyWork, ScheduleAttendee, ScheduleSlot, TimeCheck } from './api-types';

/**
 * The Outlook pane's decisions, with no Office.js and no network: what to flag about a time, what
 * to write into the appointment, which case and core group to offer. The glue (office.ts) and the
 * screens (pane.tsx) only carry them out.
 */

export interface Flag {
  readonly intent: 'error' | 'warning';
  readonly text: string;
}

/**
 * What to flag about the appointment's time: a day after the deadline is an error (it makes the core
 * group late); before the window opens, a weekend, a bank holiday or outside working hours (UK time)
 * are warnings (allowed with a reason).
 */
export function flagsFor(check: TimeCheck): Flag[] {
  const deadline = check.afterDeadline ? check.problems.filter((p) => p.includes('deadline')) : [];
  const rest = check.problems.filter((p) => !deadline.includes(p));
  return [...deadline.map((text) => ({ intent: 'error' as const, text })), ...rest.map((text) => ({ intent: 'warning' as const, text }))];
}

/** The one line Outlook's notification bar shows (it takes at most 150 characters). */
export function notificationText(check: TimeCheck): string | undefined {
  if (check.problems.length === 0) return undefined;
  const text = `Core group ${check.number} (${check.case.reference}): ${check.problems.join('; ')}.`;
  return text.length <= 150 ? text : `${text.slice(0, 149)}…`;
}

/** The appointment's subject: the case reference and the child's initials, never the child's name. */
export const subjectFor = (c: { reference: string; childInitials: string }, number: number): string =>
  `Core group ${number} — ${c.reference} (${c.childInitials})`;

/** The case reference in a subject this add-in wrote (so an attendee's pane finds the case). */
export function referenceInSubject(subject: string): string | undefined {
  return /\b([A-Z]{2,5}-[A-Z0-9]+-\d{2,6})\b/i.exec(subject)?.[1]?.toUpperCase();
}

export interface Invitees {
  readonly required: Office.EmailUser[];
  readonly optional: Office.EmailUser[];
}

/**
 * Who to invite: everyone taking part, required or optional as the schedule says (manager, IRO and
 * business support are optional), except the organiser (the appointment is theirs) and anyone
 * without an address.
 */
export function inviteesFor(attendees: readonly ScheduleAttendee[], organizerEmail?: string): Invitees {
  const me = organizerEmail?.toLowerCase();
  const invited = attendees.filter((a) => a.email && a.email.toLowerCase() !== me);
  // The appointment's attendees are seen by every attendee beside the case reference: the family by role and initials.
  const details = (a: ScheduleAttendee): Office.EmailUser => ({ emailAddress: a.email as string, displayName: a.invitedAs ?? a.displayName });
  return { required: invited.filter((a) => a.required).map(details), optional: invited.filter((a) => !a.required).map(details) };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string);

/** The appointment's body: the agenda as a list, and where it came from. No names, no report text. */
export function agendaBodyHtml(c: { reference: string; childInitials: string }, number: number, agenda: readonly string[], due: string): string {
  return [
    `<p><strong>${escapeHtml(subjectFor(c, number))}</strong></p>`,
    '<p>Agenda</p>',
    `<ol>${agenda.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ol>`,
    `<p>This core group must be held by ${escapeHtml(formatDay(due))}. Updates and minutes are in Core Groups in Teams.</p>`,
  ].join('');
}

/** The category the appointment is filed under in Outlook. */
export const CORE_GROUP_CATEGORY = 'Core group';

/** Cases whose reference or child's initials contain what was typed (case-insensitive). */
export function searchCases(cases: readonly CaseAtAGlance[], query: string): CaseAtAGlance[] {
  const q = query.trim().toLowerCase().replace(/[()]/g, '');
  if (!q) return [...cases];
  return cases.filter(
    (c) => c.reference.toLowerCase().includes(q) || c.childInitials.toLowerCase().includes(q) || `${c.reference} ${c.childInitials}`.toLowerCase().includes(q),
  );
}

/** The core groups that can still be booked (or moved), soonest first. */
export function bookableMeetings(meetings: readonly CaseMeeting[]): CaseMeeting[] {
  return meetings.filter((m) => m.status === 'planned' || m.status === 'booked').sort((a, b) => a.number - b.number);
}

/**
 * The core group the organiser's pane starts on: the one this appointment is already linked to (the
 * chair reopened it to move it), else the soonest not yet booked (a new appointment is for the next
 * meeting to book, not one already in the diary), else the soonest booked.
 */
export function meetingToOffer(meetings: readonly CaseMeeting[], linkedMeetingId?: string): CaseMeeting | undefined {
  const bookable = bookableMeetings(meetings);
  return bookable.find((m) => m.id === linkedMeetingId) ?? bookable.find((m) => m.status === 'planned') ?? bookable[0];
}

/** "Core group 3 — not booked yet, due by Wed 6 Jan 2027" or "Core group 2 — booked for Tue 5 Jan, 10:00 (due by …)". */
export function meetingChoiceLabel(m: CaseMeeting): string {
  const due = `due by ${formatDay(m.due)}`;
  return m.status === 'booked' && m.startsAt
    ? `Core group ${m.number} — booked for ${formatStart(m.startsAt)} (${due})`
    : `Core group ${m.number} — not booked yet, ${due}`;
}

/** Organiser (compose: start is a Time with getAsync) or attendee (read: start is a Date). */
export function paneModeOf(item: { start?: unknown } | undefined): 'organizer' | 'attendee' | 'none' {
  if (!item) return 'none';
  const start = item.start as { getAsync?: unknown } | undefined;
  return start && typeof start.getAsync === 'function' ? 'organizer' : 'attendee';
}

// Made when first used, not when the module loads: the event runtime loads this module too, and
// must register its handler even where it never formats a date.
const lazy = (options: Intl.DateTimeFormatOptions) => {
  let made: Intl.DateTimeFormat | undefined;
  return { format: (d: Date) => (made ??= new Intl.DateTimeFormat('en-GB', options)).format(d) };
};
const DAY = lazy({ weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const WHEN = lazy({ weekday: 'short', day: 'numeric', month: 'short', timeZone: 'Europe/London' });
const TIME = lazy({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/London' });

/** "Wed 6 Jan 2027" for a day (YYYY-MM-DD). */
export const formatDay = (day: string): string => DAY.format(new Date(`${day}T00:00:00Z`)).replace(',', '');

/** "Tue 5 Jan, 10:00–11:30" in UK time (GMT or BST as the day has it). */
export const formatSlot = (start: string, end: string): string =>
  `${WHEN.format(new Date(start)).replace(',', '')}, ${TIME.format(new Date(start))}–${TIME.format(new Date(end))}`;

/** "Tue 5 Jan, 10:00" in UK time. */
export const formatStart = (start: string): string => `${WHEN.format(new Date(start)).replace(',', '')}, ${TIME.format(new Date(start))}`;

/** Who can come, in a few words, for a slot button. */
export function slotSummary(slot: ScheduleSlot): string {
  const parts = [
    slot.afterDeadline
      ? 'after the deadline: will show as late'
      : slot.busy.length === 0
        ? 'everyone we can see is free'
        : slot.canGoAhead
          ? 'can go ahead: the chair, the family and at least half of the agencies are free'
          : 'cannot go ahead: the chair or the family is busy, or fewer than half of the agencies are free',
  ];
  if (slot.canGoAhead && !slot.afterDeadline && !slot.leavesRoom)
    parts.push('the last day in the window it can go ahead: if it is lost on the day, it can only be held late');
  if (slot.busy.length) parts.push(`busy: ${slot.busy.join(', ')}`);
  if (slot.unknown.length) parts.push(`not known: ${slot.unknown.join(', ')}`);
  return parts.join(' · ');
}

/** Where a case stands, in words, for the attendee's pane. */
export function complianceInWords(c: CaseAtAGlance): string {
  if (c.late) return `${c.late.text}.`;
  if (c.overdue > 0) return `${c.overdue} obligation${c.overdue === 1 ? ' is' : 's are'} overdue.`;
  if (c.colour === 'amber' && c.next)
    return `On track; the next deadline is close (${formatDay(c.next.due)}${c.next.workingDaysLeft !== undefined ? `, ${c.next.workingDaysLeft} working day${c.next.workingDaysLeft === 1 ? '' : 's'} left` : ''}).`;
  return 'On track.';
}

/**
 * Where the attendee's button goes: straight to the update they owe for this case (the earliest),
 * else to the case. Through the server's /open/ address, which opens the page inside Teams in
 * production (the tab signs in only there) and the web page in local mode.
 */
export function updateLink(origin: string, work: Pick<MyWork, 'reportsOwed'>, caseId: string): { url: string; owed: boolean } {
  const owed = work.reportsOwed.filter((r) => r.caseId === caseId).sort((a, b) => a.meetingDue.localeCompare(b.meetingDue))[0];
  return { url: owed ? `${origin}/open/reports/${owed.reportId}` : `${origin}/open/cases/${caseId}`, owed: Boolean(owed) };
}
