import { EmbeddedCalendar } from '../adapters/local/embedded-calendar';
import { londonDay } from '../domain/calendar/london-time';
import { Interval } from '../domain/scheduling/slot-finder';
import { CalendarEventChange, CalendarEventInput, CalendarPerson, CalendarPort, CreatedEvent, FreeBusy } from '../ports/calendar';
import { Clock } from '../ports/clock';
import { busyBetween, SimPerson, World } from './world';

interface Booked {
  readonly start: string;
  readonly end: string;
  readonly emails: readonly string[];
}

/**
 * The calendar the simulated people have: the embedded calendar holds the core groups booked (with
 * their invitations, as in local mode), and each person's diary (commitments, days off, school
 * holidays, sickness once reported) comes from the world. One CalendarPort, as Outlook would be.
 *
 * Free/busy is answered from an index of the events written through this port rather than by the
 * embedded calendar's own query, which reads and parses every event in the window for every person
 * asked about (see docs/timeliness.md: at a year of 1,000 cases it dominated the run).
 */
export class WorldCalendar implements CalendarPort {
  readonly writes = { created: 0, updated: 0, cancelled: 0 };
  private readonly events = new Map<string, Booked>();
  private readonly byEmail = new Map<string, Set<string>>();
  private readonly people = new Map<string, SimPerson>();

  constructor(
    private readonly world: World,
    private readonly embedded: EmbeddedCalendar,
    private readonly clock: Clock,
  ) {
    for (const p of world.people) this.people.set(p.email, p);
  }

  async freeBusy(people: readonly CalendarPerson[], window: Interval): Promise<FreeBusy[]> {
    const today = londonDay(this.clock.now());
    return people.map((p) => {
      const simPerson = this.people.get(p.email.toLowerCase());
      if (!p.inTenant || !simPerson) return { personId: p.personId, busy: 'unknown' as const };
      const booked = [...(this.byEmail.get(simPerson.email) ?? [])]
        .map((id) => this.events.get(id) as Booked)
        .filter((e) => e.end > window.start && e.start < window.end);
      return { personId: p.personId, busy: [...busyBetween(this.world, simPerson, window, today), ...booked.map((e) => ({ start: e.start, end: e.end }))] };
    });
  }

  /** Core groups already in this person's calendar that overlap [start, end). */
  bookedClash(email: string, start: string, end: string, except?: string): boolean {
    for (const id of this.byEmail.get(email) ?? []) {
      const e = this.events.get(id) as Booked;
      if (id !== except && e.start < end && start < e.end) return true;
    }
    return false;
  }

  async createEvent(input: CalendarEventInput): Promise<CreatedEvent> {
    const created = await this.embedded.createEvent(input);
    if (!this.events.has(created.eventId)) {
      this.writes.created++;
      this.index(created.eventId, {
        start: input.start,
        end: input.end,
        emails: [input.organizer.email, ...input.attendees.map((a) => a.email)].map((e) => e.toLowerCase()),
      });
    }
    return created;
  }

  async updateEvent(eventId: string, organizer: CalendarPerson, change: CalendarEventChange): Promise<void> {
    await this.embedded.updateEvent(eventId, organizer, change);
    this.writes.updated++;
    const e = this.events.get(eventId);
    if (!e) return;
    const emails = change.attendees ? [organizer.email, ...change.attendees.map((a) => a.email)].map((x) => x.toLowerCase()) : e.emails;
    for (const email of e.emails) this.byEmail.get(email)?.delete(eventId);
    this.index(eventId, { ...e, start: change.start, end: change.end, emails });
  }

  async cancelEvent(eventId: string, organizer: CalendarPerson, comment: string): Promise<void> {
    await this.embedded.cancelEvent(eventId, organizer, comment);
    this.writes.cancelled++;
    const e = this.events.get(eventId);
    if (!e) return;
    this.events.delete(eventId);
    for (const email of e.emails) this.byEmail.get(email)?.delete(eventId);
  }

  private index(eventId: string, e: Booked): void {
    this.events.set(eventId, e);
    for (const email of e.emails) {
      let set = this.byEmail.get(email);
      if (!set) this.byEmail.set(email, (set = new Set()));
      set.add(eventId);
    }
  }
}
