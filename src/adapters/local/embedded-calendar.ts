import { htmlToText } from '../../domain/html-text';
import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { Kysely, Selectable } from 'kysely';
import { CalendarAttendee, CalendarChange, CalendarEventChange, CalendarEventInput, CalendarPort, CalendarPerson } from '../../ports/calendar';
import { Clock } from '../../ports/clock';
import { Mailer } from '../../ports/mailer';
import { Interval } from '../../domain/scheduling/slot-finder';
import { Database } from '../store/schema';
import { icsFor, IcsEvent } from './ics';

type Row = Selectable<Database['calendar_events']>;
interface StoredAttendee {
  readonly personId: string;
  readonly email: string;
  readonly displayName: string;
  readonly type: 'required' | 'optional';
}

export interface EmbeddedCalendarOptions {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  /** Invitations and cancellations go out by mail with an .ics attached, as Outlook's would. */
  readonly mailer: Mailer;
  readonly mailFrom: string;
  /** Signs the per-person feed URLs. */
  readonly feedSecret: string;
  /**
   * Demo people in local mode get realistic busy times (a couple of fixed commitments a day, the
   * same every run); off in tests that need an empty diary.
   */
  readonly demoBusy?: boolean;
  /** Told when someone moves or cancels an event in their calendar (the app re-checks the deadline). */
  readonly onChange?: (change: CalendarChange) => Promise<void>;
}

/**
 * Local mode's calendar: events kept in the app's own database, free/busy computed from them, an
 * iCalendar feed per person at a secret URL that Outlook can subscribe to, and invitations mailed as
 * .ics. The same CalendarPort as the Microsoft Graph adapter.
 */
export class EmbeddedCalendar implements CalendarPort {
  constructor(private readonly o: EmbeddedCalendarOptions) {}

  async freeBusy(people: readonly CalendarPerson[], window: Interval) {
    const rows = await this.o.db
      .selectFrom('calendar_events')
      .selectAll()
      .where('status', '=', 'confirmed')
      .where('starts_at', '<', window.end)
      .where('ends_at', '>', window.start)
      .execute();
    return people.map((p) => {
      if (!p.inTenant) return { personId: p.personId, busy: 'unknown' as const };
      const mine = rows
        .filter((r) => r.organizer_email === p.email || attendeesOf(r).some((a) => a.email === p.email))
        .map((r) => ({ start: r.starts_at, end: r.ends_at, ...(r.show_as === 'oof' ? { away: true } : {}) }));
      return { personId: p.personId, busy: [...mine, ...(this.o.demoBusy ? demoCommitments(p.email, window) : [])] };
    });
  }

  async createEvent(input: CalendarEventInput) {
    const existing = await this.o.db.selectFrom('calendar_events').selectAll().where('idempotency_key', '=', input.idempotencyKey).executeTakeFirst();
    if (existing) return { eventId: existing.id };
    const row: Row = {
      id: randomUUID(),
      idempotency_key: input.idempotencyKey,
      meeting_id: input.meetingId,
      organizer_email: input.organizer.email,
      subject: input.subject,
      body_html: input.bodyHtml,
      starts_at: input.start,
      ends_at: input.end,
      location: input.location,
      attendees: JSON.stringify([
        { personId: input.organizer.personId, email: input.organizer.email, displayName: input.organizer.displayName, type: 'required' },
        ...input.attendees.map(stored),
      ]),
      status: 'confirmed',
      sequence: 0,
      updated_at: this.o.clock.now(),
      show_as: 'busy',
    };
    await this.o.db.insertInto('calendar_events').values(row).execute();
    await this.mailInvitation(row, 'request');
    return { eventId: row.id };
  }

  /**
   * Someone marks time out of office in their own calendar (leave, sickness), as an Outlook event
   * shown as "Away" would: free/busy then says they are away, not merely busy. Local mode has no
   * Outlook, so this is how a person (or the demo) says so. The same time again changes nothing.
   */
  async markAway(person: Pick<CalendarAttendee, 'personId' | 'email' | 'displayName'>, start: string, end: string): Promise<{ eventId: string }> {
    const key = `away:${person.email}:${start}:${end}`;
    const existing = await this.o.db.selectFrom('calendar_events').select('id').where('idempotency_key', '=', key).executeTakeFirst();
    if (existing) return { eventId: existing.id };
    const row: Row = {
      id: randomUUID(),
      idempotency_key: key,
      meeting_id: null,
      organizer_email: person.email,
      subject: 'Out of office',
      body_html: '',
      starts_at: start,
      ends_at: end,
      location: '',
      attendees: JSON.stringify([{ personId: person.personId, email: person.email, displayName: person.displayName, type: 'required' }]),
      status: 'confirmed',
      sequence: 0,
      updated_at: this.o.clock.now(),
      show_as: 'oof',
    };
    await this.o.db.insertInto('calendar_events').values(row).execute();
    return { eventId: row.id };
  }

  async updateEvent(eventId: string, _organizer: CalendarPerson, change: CalendarEventChange) {
    const row = await this.get(eventId);
    const before = attendeesOf(row);
    const after = change.attendees ? [...before.filter((a) => a.email === row.organizer_email), ...change.attendees.map(stored)] : before;
    const listed = (xs: readonly StoredAttendee[]) => JSON.stringify(xs.map((a) => [a.email, a.type, a.displayName]).sort());
    // A retried update (its worker died after writing it) changes nothing: the invitation already
    // sent for this version is the one, not an "Updated:" second copy of it.
    if (row.starts_at === change.start && row.ends_at === change.end && (change.location ?? row.location) === row.location && listed(before) === listed(after))
      return this.mailInvitation(row, 'request');
    const updated: Row = {
      ...row,
      starts_at: change.start,
      ends_at: change.end,
      location: change.location ?? row.location,
      attendees: JSON.stringify(after),
      sequence: row.sequence + 1,
      updated_at: this.o.clock.now(),
    };
    await this.o.db.updateTable('calendar_events').set(updated).where('id', '=', eventId).execute();
    // Anyone taken off the list (they left, or were excluded) is sent a cancellation of their copy.
    const removed = before.filter((a) => !after.some((b) => b.email === a.email));
    if (removed.length) await this.mailInvitation({ ...updated, attendees: JSON.stringify(removed) }, 'cancel');
    await this.mailInvitation(updated, 'request');
  }

  async cancelEvent(eventId: string, _organizer: CalendarPerson, comment: string) {
    const row = await this.get(eventId);
    const cancelled: Row = {
      ...row,
      status: 'cancelled',
      sequence: row.sequence + 1,
      updated_at: this.o.clock.now(),
      body_html: `<p>${escapeHtml(comment)}</p>${row.body_html}`,
    };
    await this.o.db.updateTable('calendar_events').set(cancelled).where('id', '=', eventId).execute();
    await this.mailInvitation(cancelled, 'cancel');
  }

  /**
   * Someone moved the event in their own calendar (what Outlook would tell us through a change
   * notification). The app is told, and decides whether the new day still meets the procedure.
   */
  async moveInCalendarApp(eventId: string, start: string, end: string): Promise<void> {
    const row = await this.get(eventId);
    await this.o.db
      .updateTable('calendar_events')
      .set({ starts_at: start, ends_at: end, sequence: row.sequence + 1, updated_at: this.o.clock.now() })
      .where('id', '=', eventId)
      .execute();
    await this.o.onChange?.({ eventId, ...(row.meeting_id ? { meetingId: row.meeting_id } : {}), kind: 'moved', start, end });
  }

  /** The secret address of a person's feed: their id and a signature only the server can make. */
  feedToken(personId: string): string {
    return `${Buffer.from(personId).toString('base64url')}.${this.sign(personId)}`;
  }

  /** The person a feed token belongs to, or undefined for a forged or mistyped token. */
  personForToken(token: string): string | undefined {
    const [id, signature] = token.split('.');
    if (!id || !signature) return undefined;
    const personId = Buffer.from(id, 'base64url').toString();
    const expected = Buffer.from(this.sign(personId));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given) ? personId : undefined;
  }

  /** Every event a person is in, as a subscribable iCalendar feed. */
  async feedFor(email: string): Promise<string> {
    const rows = await this.o.db.selectFrom('calendar_events').selectAll().orderBy('starts_at').execute();
    const mine = rows.filter((r) => r.organizer_email === email || attendeesOf(r).some((a) => a.email === email));
    return icsFor(
      mine.map((r) => this.toIcs(r)),
      'publish',
      'Core Groups',
    );
  }

  private sign(personId: string): string {
    return createHmac('sha256', this.o.feedSecret).update(personId).digest('base64url');
  }

  private async get(eventId: string): Promise<Row> {
    const row = await this.o.db.selectFrom('calendar_events').selectAll().where('id', '=', eventId).executeTakeFirst();
    if (!row) throw new Error(`no calendar event ${eventId}`);
    return row;
  }

  private toIcs(r: Row): IcsEvent {
    const attendees = attendeesOf(r);
    const organizer = attendees.find((a) => a.email === r.organizer_email);
    return {
      id: `${r.id}@core-groups.local`,
      sequence: r.sequence,
      subject: r.subject,
      description: htmlToText(r.body_html),
      start: r.starts_at,
      end: r.ends_at,
      location: r.location,
      organizer: { name: organizer?.displayName ?? r.organizer_email, email: r.organizer_email },
      attendees: attendees.filter((a) => a.email !== r.organizer_email).map((a) => ({ name: a.displayName, email: a.email, required: a.type === 'required' })),
      cancelled: r.status === 'cancelled',
      stamp: r.updated_at,
      ...(r.show_as === 'oof' ? { away: true } : {}),
    };
  }

  private async mailInvitation(r: Row, method: 'request' | 'cancel'): Promise<void> {
    const attendees = attendeesOf(r).filter((a) => a.email !== r.organizer_email);
    if (attendees.length === 0) return;
    await this.o.mailer.send({
      from: this.o.mailFrom,
      to: attendees.map((a) => ({ name: a.displayName, address: a.email })),
      subject: `${method === 'cancel' ? 'Cancelled: ' : r.sequence > 0 ? 'Updated: ' : ''}${r.subject}`,
      html: r.body_html,
      attachments: [
        { filename: 'invite.ics', contentType: `text/calendar; charset=utf-8; method=${method.toUpperCase()}`, content: icsFor([this.toIcs(r)], method) },
      ],
      idempotencyKey: `calendar-${r.id}-${r.sequence}-${method}`,
    });
  }
}

const stored = (a: CalendarAttendee): StoredAttendee => ({ personId: a.personId, email: a.email, displayName: a.displayName, type: a.type });

function attendeesOf(r: Row): StoredAttendee[] {
  return JSON.parse(r.attendees) as StoredAttendee[];
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Two fixed commitments on each weekday (supervision, home visits), chosen from the person's email so
 * they are the same every run: enough to make the slot finder's choices visible in the demo.
 */
function demoCommitments(email: string, window: Interval): Interval[] {
  const out: Interval[] = [];
  const startDay = Date.parse(window.start.slice(0, 10));
  for (let t = startDay; t < Date.parse(window.end); t += 86_400_000) {
    const day = new Date(t);
    if (day.getUTCDay() === 0 || day.getUTCDay() === 6) continue;
    const seed = createHash('sha256')
      .update(`${email}:${day.toISOString().slice(0, 10)}`)
      .digest();
    const morning = 8 + ((seed[0] as number) % 3); // 08:00–10:00 UTC start
    const afternoon = 12 + ((seed[1] as number) % 3);
    out.push({ start: new Date(t + morning * 3_600_000).toISOString(), end: new Date(t + (morning + 1) * 3_600_000).toISOString() });
    if ((seed[2] as number) % 2)
      out.push({ start: new Date(t + afternoon * 3_600_000).toISOString(), end: new Date(t + (afternoon + 2) * 3_600_000).toISOString() });
  }
  return out.filter((i) => i.end > window.start && i.start < window.end);
}
