import { escapeHtml, MARKING } from '../domain/html-text';
import { formatLong } from '../domain/calendar/local-date';
import { Member, nameBesideReference, Person, takesPart } from '../domain/case/members';
import { Meeting } from '../domain/meeting/meeting';
import { venueText } from '../domain/meeting/venue';
import { CalendarChange, CalendarEventInput, CalendarPerson, CalendarPort } from '../ports/calendar';
import { DeliveryError } from '../ports/messenger';
import { DeliveryMap } from '../ports/outbox-topics';
import { StoreTx } from '../ports/store';
import { AgendaData, agendaData } from './card-data';
import { AppContext, audit, enqueue, londonDay, notifyBookedLate } from './context';
import { Deliver, deliverTopics } from './outbox-worker';
import { replan } from './replan';

const SYSTEM = { personId: 'system' };

const personOf = (p: Person): CalendarPerson => ({ personId: p.id, email: p.email, inTenant: Boolean(p.entraObjectId) });

/** Who is invited: current members not excluded from meetings. The family and the professionals are required. */
function invitees(members: readonly Member[], people: readonly Person[], organizerId: string) {
  return members
    .filter((m) => takesPart(m) && m.personId !== organizerId)
    .flatMap((m) => {
      const p = people.find((x) => x.id === m.personId);
      // The mail goes to their address; the name every attendee sees beside the reference is by role for the family.
      return p
        ? [
            {
              ...personOf(p),
              displayName: nameBesideReference(m, p),
              type: (['manager', 'iro', 'business-support'].includes(m.role) ? 'optional' : 'required') as 'required' | 'optional',
            },
          ]
        : [];
    })
    .filter((p, i, all) => all.findIndex((q) => q.personId === p.personId) === i);
}

/**
 * The invitation's words, the same for every attendee (one event): true of a core group booked after
 * its deadline too, and a way to send apologies that works for everyone invited, the family included
 * (they have no Teams): tell the chair; professionals also send their written update in Teams.
 */
function invitationBody(meeting: Meeting, c: { reference: string; childInitials: string }, agenda: AgendaData, chairName: string): string {
  const late = meeting.startsAt !== undefined && londonDay(meeting.startsAt) > meeting.due;
  const deadline = late
    ? `It is held after the procedure's deadline of ${formatLong(meeting.due)}${meeting.lateReason ? ` (the chair's reason: ${escapeHtml(meeting.lateReason)})` : ''}.`
    : `The procedure's deadline for it is ${formatLong(meeting.due)}.`;
  const items = agenda.agenda.map((a) => `<li>${escapeHtml(a)}</li>`).join('');
  return `<p><strong>${MARKING}</strong></p><p>Core group ${meeting.number} for ${c.reference} (${c.childInitials}). ${deadline}</p><ol>${items}</ol><p>If you cannot attend, tell ${escapeHtml(chairName)}, who chairs it. Professionals on the case: send your written update through Core Groups in Teams before the meeting.</p>`;
}

async function eventFor(tx: StoreTx, meeting: Meeting, agenda: AgendaData): Promise<CalendarEventInput> {
  const c = await tx.cases.byId(meeting.caseId);
  if (!c || !meeting.startsAt || !meeting.endsAt) throw new DeliveryError(`meeting ${meeting.id} is not booked`, undefined, undefined, true);
  const members = await tx.members.forCase(c.id);
  const people = await tx.people.byIds(members.map((m) => m.personId));
  const organizer = people.find((p) => p.id === c.socialWorkerId);
  if (!organizer) throw new DeliveryError('the chair is not known', undefined, undefined, true);
  return {
    meetingId: meeting.id,
    organizer: { ...personOf(organizer), displayName: organizer.displayName },
    // The case reference and initials only: invitations are read on phones and in shared mailboxes.
    subject: `Core group ${meeting.number} — ${c.reference} (${c.childInitials})`,
    bodyHtml: invitationBody(meeting, c, agenda, organizer.displayName),
    start: meeting.startsAt,
    end: meeting.endsAt,
    attendees: invitees(members, people, organizer.id),
    location: agenda.where,
    online: meeting.venue === 'online',
    category: 'Core group',
    idempotencyKey: `core-group-${meeting.id}`,
  };
}

/** Calendar writes queued by the use cases, done through the calendar port (Outlook or the embedded one). */
export function calendarDeliveries(ctx: AppContext, calendar: CalendarPort): Deliver {
  /** The meeting and its organiser (the chair), as they are now. */
  const load = async (meetingId: string) => {
    const meeting = await ctx.store.transaction((tx) => tx.meetings.byId(meetingId));
    if (!meeting) throw new DeliveryError('the meeting no longer exists', undefined, undefined, true);
    const organizer = await ctx.store.transaction(async (tx) => {
      const c = await tx.cases.byId(meeting.caseId);
      const p = c && (await tx.people.byId(c.socialWorkerId));
      return p && personOf(p);
    });
    if (!organizer) throw new DeliveryError('the chair is not known', undefined, undefined, true);
    return { meeting, organizer };
  };
  const write = async (meetingId: string) => {
    const { meeting, organizer } = await load(meetingId);
    if (meeting.status !== 'booked') return; // cancelled or held since: nothing to write
    if (meeting.calendarEventId) {
      // Everyone invited as the core group now stands: someone who joined since it was booked is
      // invited, someone who left or was excluded has their copy cancelled.
      const attendees = await ctx.store.transaction(async (tx) => {
        const members = await tx.members.forCase(meeting.caseId);
        return invitees(members, await tx.people.byIds(members.map((m) => m.personId)), organizer.personId);
      });
      await calendar.updateEvent(meeting.calendarEventId, organizer, {
        start: meeting.startsAt as string,
        end: meeting.endsAt as string,
        location: venueText(meeting.venue, ctx.officeAddress),
        attendees,
      });
      return;
    }
    // Read outside the transaction below: a store transaction never opens another inside it.
    const agenda = await agendaData(ctx, meeting.id);
    const input = await ctx.store.transaction((tx) => eventFor(tx, meeting, agenda));
    const created = await calendar.createEvent(input);
    await recordEvent(ctx, meeting.id, created.eventId, created.joinUrl);
  };
  const deliveries: DeliveryMap<'calendar'> = {
    'calendar.create-event': (m) => write(m.payload.meetingId),
    'calendar.update-event': (m) => write(m.payload.meetingId),
    'calendar.cancel-event': async (m) => {
      // An event named in the message (one replaced by a meeting linked from Outlook), else the meeting's own.
      const { meeting, organizer } = await load(m.payload.meetingId);
      const eventId = m.payload.eventId ?? meeting.calendarEventId;
      if (eventId) await calendar.cancelEvent(eventId, organizer, m.payload.reason);
    },
    'calendar.create-series': (m) => createSeries(ctx, calendar, m.payload.meetingIds),
  };
  return deliverTopics(deliveries, 'calendar');
}

/** A series in one go where the calendar supports it ($batch), else one by one; already-booked events are skipped. */
async function createSeries(ctx: AppContext, calendar: CalendarPort, ids: readonly string[]): Promise<void> {
  const meetings = (await Promise.all(ids.map((id) => ctx.store.transaction((tx) => tx.meetings.byId(id))))).filter((x): x is Meeting =>
    Boolean(x && x.status === 'booked' && !x.calendarEventId),
  );
  if (meetings.length === 0) return;
  const inputs: CalendarEventInput[] = [];
  for (const meeting of meetings) {
    const agenda = await agendaData(ctx, meeting.id);
    inputs.push(await ctx.store.transaction((tx) => eventFor(tx, meeting, agenda)));
  }
  const results = calendar.createEvents ? await calendar.createEvents(inputs) : await Promise.all(inputs.map((i) => calendar.createEvent(i)));
  const failed: string[] = [];
  for (const [i, r] of results.entries()) {
    if ('eventId' in r) await recordEvent(ctx, (meetings[i] as Meeting).id, r.eventId, r.joinUrl);
    else failed.push(r.error);
  }
  // The outbox retries the message; the ones already made are skipped next time (and transactionId guards the rest).
  if (failed.length) throw new DeliveryError(`${failed.length} of ${results.length} events were not created: ${failed[0]}`, 503);
}

async function recordEvent(ctx: AppContext, meetingId: string, eventId: string, joinUrl: string | undefined): Promise<void> {
  await ctx.store.transaction(async (tx) => {
    const meeting = await tx.meetings.byId(meetingId);
    if (!meeting) return;
    const saved = await tx.meetings.update({ ...meeting, calendarEventId: eventId, ...(joinUrl ? { joinUrl } : {}) });
    await audit(
      ctx,
      tx,
      SYSTEM,
      'meeting.calendar-event',
      'meeting',
      meetingId,
      meeting.caseId,
      { calendarEventId: meeting.calendarEventId },
      { calendarEventId: saved.calendarEventId, online: Boolean(joinUrl) },
    );
  });
}

/**
 * Someone moved (or cancelled) the event in Outlook. The meeting follows; if the new day is after the
 * procedure's deadline, the chair and manager are alerted.
 */
export async function recordCalendarChange(ctx: AppContext, change: CalendarChange): Promise<void> {
  await ctx.store.transaction(async (tx) => {
    const meeting = change.meetingId ? await tx.meetings.byId(change.meetingId) : await tx.meetings.byCalendarEventId(change.eventId);
    if (!meeting || meeting.calendarEventId !== change.eventId || meeting.status !== 'booked') return;
    const c = await tx.cases.byId(meeting.caseId);
    if (!c) return;
    if (change.kind === 'cancelled') {
      const cancelled = await tx.meetings.update({ ...meeting, status: 'cancelled', cancelReason: 'Cancelled in Outlook by the organiser' });
      await audit(ctx, tx, SYSTEM, 'meeting.cancelled-in-calendar', 'meeting', meeting.id, c.id, { status: meeting.status }, { status: cancelled.status });
      await replan(ctx, tx, c, ctx.profiles.get(c.profileId, c.profileVersion));
      return;
    }
    if (!change.start || !change.end || change.start === meeting.startsAt) return;
    const moved = await tx.meetings.update({ ...meeting, startsAt: new Date(change.start).toISOString(), endsAt: new Date(change.end).toISOString() });
    await audit(ctx, tx, SYSTEM, 'meeting.moved-in-calendar', 'meeting', meeting.id, c.id, { startsAt: meeting.startsAt }, { startsAt: moved.startsAt });
    const day = londonDay(change.start);
    if (day > meeting.due) {
      await enqueue(ctx, tx, {
        kind: 'card',
        topic: 'compliance.meeting-late',
        payload: { meetingId: meeting.id, due: meeting.due, day },
        idempotencyKey: `late:${meeting.id}:v${moved.version}`,
        caseId: c.id,
      });
      await notifyBookedLate(ctx, tx, moved, c);
    }
  });
}
