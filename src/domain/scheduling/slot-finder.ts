import { TZDate } from '@date-fns/tz';
import { addDays, LocalDate, maxDate } from '../calendar/local-date';
import { londonDay } from '../calendar/london-time';
import { remembering } from '../remembering';
import { WorkingCalendar } from '../calendar/working-days';

/** An interval between two instants (ISO strings); end is exclusive. */
export interface Interval {
  readonly start: string;
  readonly end: string;
  /**
   * Out of office (off sick, on leave), as a calendar marks it: not a commitment someone could move
   * for a core group. A time when nobody who can play an essential part is there can never go ahead,
   * so it is never offered, even late (a chair off sick for weeks was booked day after day and lost
   * each time).
   */
  readonly away?: boolean;
}

/** Whether a calendar shows its owner out of office at any moment of `during`; one that cannot be seen never does. */
export const awayDuring = (busy: readonly Interval[] | 'unknown', during: Interval): boolean =>
  busy !== 'unknown' && busy.some((b) => b.away && overlaps(b, during));

/**
 * Out of office for the whole of an interval (one spell, or spells end to end): not merely away for
 * part of it. A calendar unseen is never taken to be away.
 */
export const awayThroughout = (busy: readonly Interval[] | 'unknown', during: Interval): boolean => {
  if (busy === 'unknown') return false;
  const end = Date.parse(during.end);
  let reached = Date.parse(during.start);
  for (const b of busy.filter((x) => x.away).sort((x, y) => Date.parse(x.start) - Date.parse(y.start))) {
    if (Date.parse(b.start) > reached) break;
    reached = Math.max(reached, Date.parse(b.end));
    if (reached >= end) return true;
  }
  return reached >= end;
};

/** Free for the whole of an interval, as far as their calendar shows: nothing booked in it, not away. A calendar unseen is not free. */
export const freeDuring = (busy: readonly Interval[] | 'unknown', during: Interval): boolean => busy !== 'unknown' && !busy.some((b) => overlaps(b, during));

const overlaps = (a: Interval, b: Interval): boolean => Date.parse(a.start) < Date.parse(b.end) && Date.parse(a.end) > Date.parse(b.start);

export interface Attendee {
  readonly id: string;
  readonly required: boolean;
  /**
   * The part they play that the meeting cannot go ahead without: chairing it, or being one of the
   * family (each their own part). Those who share a part cover for each other (the chair or a vice
   * chair is enough to chair it): a time is compliant only when every part has someone free to play
   * it, however many others are free.
   */
  readonly essential?: string;
  /** Busy times, or 'unknown' for people whose calendar we cannot see (outside the tenant). */
  readonly busy: readonly Interval[] | 'unknown';
}

export interface SlotRequest {
  /** The compliant window from the policy engine. */
  readonly earliest: LocalDate;
  readonly due: LocalDate;
  readonly calendar: WorkingCalendar;
  /** Local wall-clock working hours in Europe/London, "HH:mm". */
  readonly workingHours: { readonly start: string; readonly end: string };
  readonly durationMinutes: number;
  readonly stepMinutes?: number;
  readonly attendees: readonly Attendee[];
  /** No slot before this instant is proposed. */
  readonly notBefore: string;
  /** No slot starting at or after this instant is proposed (the next core group, already booked: they are held in order). */
  readonly notAfter?: string;
  readonly maxResults?: number;
  /**
   * How many working days past the deadline (or past today, for a core group already overdue) to
   * look when nothing fits inside it (default 5).
   */
  readonly overrunWorkingDays?: number;
  /**
   * Share of the required attendees who are not essential (the agencies) that must be free for a
   * time to be compliant; 1 (the default) means every one of them.
   */
  readonly quorum?: number;
}

export interface Slot extends Interval {
  readonly day: LocalDate;
  readonly busy: readonly string[];
  readonly unknown: readonly string[];
  readonly allRequiredFree: boolean;
  /** Every essential attendee free and at least the quorum of the other required ones: the meeting can go ahead then. */
  readonly canGoAhead: boolean;
  /**
   * The meeting can go ahead then and, should it be lost on the day (the chair off sick, a late
   * cancellation, too few able to come), another such time exists on a later working day inside the
   * window to rebook it: booking the last such day leaves nothing to recover with.
   */
  readonly leavesRoom: boolean;
  readonly requiredFree: number;
  readonly optionalFree: number;
  /** True when the slot is after the last compliant day: never offered without this flag. */
  readonly afterDeadline: boolean;
}

export interface SlotResult {
  readonly slots: readonly Slot[];
  /** Whether the best slot has every required attendee free (unknown calendars count as free). */
  readonly everyoneRequiredFree: boolean;
  /** Whether anything inside the deadline was found at all. */
  readonly withinDeadline: boolean;
  /** Whether a time inside the deadline exists at which the meeting can go ahead (see Slot.canGoAhead). */
  readonly compliant: boolean;
}

const TZ = 'Europe/London';

/**
 * Instants already worked out, by day and time: the time-zone arithmetic was a twentieth of a
 * simulated year, asked again and again for the same working-hours boundaries. The answer never
 * changes, so it is kept (bounded: cleared when full, a few days of slots at most are hot).
 */
const MAX_INSTANTS = 50_000;
/** `${day}T${hh:mm}` as the instant it is in the UK, in milliseconds. */
const instantOf = remembering((key) => {
  const [h, m] = key.slice(11).split(':').map(Number) as [number, number];
  return new TZDate(Number(key.slice(0, 4)), Number(key.slice(5, 7)) - 1, Number(key.slice(8, 10)), h, m, TZ).getTime();
}, MAX_INSTANTS);

/** A wall-clock time on a day in the UK, as an instant: 09:30 is 09:30 GMT in winter and BST in summer. */
export function londonInstant(day: LocalDate, hhmm: string): Date {
  return new Date(instantOf(`${day}T${hhmm}`));
}

/** Busy intervals as milliseconds, parsed once per request rather than once per candidate time. */
type ParsedBusy = readonly (readonly [number, number])[] | 'unknown';
/** Sorted by start, so candidate times (made in order) can walk each person's busy list once (see BusyCursor). */
const parseBusy = (busy: Attendee['busy']): ParsedBusy =>
  busy === 'unknown' ? busy : busy.map((b) => [Date.parse(b.start), Date.parse(b.end)] as const).sort((a, b) => a[0] - b[0]);

/**
 * Whether one person is busy at each candidate time, asked in order of start. Busy times that ended
 * before a candidate began cannot touch any later one and are passed over for good, so a window of
 * two hundred candidates costs one walk of the person's diary rather than two hundred.
 */
class BusyCursor {
  private from = 0;
  constructor(private readonly busy: readonly (readonly [number, number])[]) {}
  overlaps(start: number, end: number): boolean {
    while (this.from < this.busy.length && (this.busy[this.from] as readonly [number, number])[1] <= start) this.from++;
    for (let i = this.from; i < this.busy.length; i++) {
      const [s, e] = this.busy[i] as readonly [number, number];
      if (s >= end) return false;
      if (e > start) return true;
    }
    return false;
  }
}

/**
 * Candidate meeting times inside a core group's compliant window: working days only (bank holidays
 * and closure days skipped), inside working hours in UK time whatever the season, ranked by required
 * attendees free, then optional attendees free, then earliest. Each slot says who is busy and whose
 * calendar is unknown. If nothing fits before the deadline, later slots are offered, flagged.
 */
export function findSlots(req: SlotRequest): SlotResult {
  const inside = withRoom(candidates(req, maxDate(req.earliest, req.calendar.onOrAfter(req.earliest)), req.due, false));
  const ranked = rank(inside);
  const best = ranked[0];
  if (ranked.some((s) => s.allRequiredFree) || (ranked.length > 0 && !req.attendees.some((a) => a.required))) {
    return { slots: ranked.slice(0, req.maxResults ?? 5), everyoneRequiredFree: best?.allRequiredFree ?? true, withinDeadline: true, compliant: true };
  }
  // Nothing with everyone inside the window: look past it, flagged, beside the best inside. A core
  // group already overdue looks from today, so the chair who most needs a slot gets the soonest.
  const overrunStart = maxDate(addDays(req.due, 1), londonDay(req.notBefore));
  const afterAll = rank(candidates(req, overrunStart, lastDayLookedAt(req), true));
  // Past the deadline every day late counts: the soonest time the meeting can go ahead (with a
  // quorum, that need not be everyone), not a fortnight later when everyone happens to be free.
  const afterFree = afterAll.filter((s) => s.canGoAhead);
  if (ranked.length === 0) {
    // Overdue: every slot is late; the soonest that can go ahead first, else the best there are.
    const soonest = [...(afterFree.length ? afterFree : afterAll)].sort((a, b) => (afterFree.length ? a.start.localeCompare(b.start) : 0));
    return {
      slots: spreadOverDays(soonest, req.maxResults ?? 5),
      everyoneRequiredFree: soonest[0]?.allRequiredFree ?? false,
      withinDeadline: false,
      compliant: false,
    };
  }
  const slots = [...ranked.slice(0, req.maxResults ?? 5), ...afterFree.slice(0, 3)];
  return { slots, everyoneRequiredFree: false, withinDeadline: true, compliant: best?.canGoAhead ?? false };
}

/**
 * The last day findSlots offers a time on: `overrunWorkingDays` past the deadline, or past the first
 * day it may offer (today, or the day after the core group before it) when that is later. Whoever
 * reads the attendees' free/busy for a request reads it to the end of this day: a day not read has
 * no busy times, so it looked free for everyone and was offered first (the late core groups of a
 * simulated year were booked on it, eleven working days late, and lost again on the day).
 */
export function lastDayLookedAt(req: Pick<SlotRequest, 'due' | 'calendar' | 'notBefore' | 'overrunWorkingDays'>): LocalDate {
  return req.calendar.addWorkingDays(maxDate(req.due, londonDay(req.notBefore)), req.overrunWorkingDays ?? 5);
}

/**
 * The first `max` slots, at most two a day while there are others: the soonest times of an overdue
 * core group were eight half-hours of one afternoon, which left the chair no other day to choose, and
 * a series of overdue core groups (held one after another) no later day for the next one.
 */
export function spreadOverDays<T extends { day: string }>(slots: readonly T[], max: number, perDay = 2): T[] {
  const counts = new Map<string, number>();
  const first: T[] = [];
  const rest: T[] = [];
  for (const s of slots) {
    const n = counts.get(s.day) ?? 0;
    counts.set(s.day, n + 1);
    (n < perDay ? first : rest).push(s);
  }
  const chosen = new Set([...first, ...rest].slice(0, max));
  return slots.filter((s) => chosen.has(s));
}

/**
 * When everyone who can play a part is out of office: the chair off sick with no vice chair, or with
 * one away too. A calendar that cannot be seen is never taken to be away.
 */
function nobodyThere(part: readonly Attendee[]): (readonly [number, number])[] {
  const awayOf = (a: Attendee) => (a.busy === 'unknown' ? [] : [...(parseBusy(a.busy.filter((b) => b.away)) as readonly (readonly [number, number])[])]);
  return part.slice(1).reduce((both, a) => overlapOf(both, awayOf(a)), awayOf(part[0] as Attendee));
}

/** The times inside both lists of intervals (each sorted by start). */
function overlapOf(xs: readonly (readonly [number, number])[], ys: readonly (readonly [number, number])[]): (readonly [number, number])[] {
  const out: (readonly [number, number])[] = [];
  for (const [xs0, xe] of xs)
    for (const [ys0, ye] of ys) {
      const start = Math.max(xs0, ys0);
      const end = Math.min(xe, ye);
      if (start < end) out.push([start, end]);
    }
  return out.sort((a, b) => a[0] - b[0]);
}

function candidates(req: SlotRequest, from: LocalDate, to: LocalDate, afterDeadline: boolean): Slot[] {
  const step = req.stepMinutes ?? 30;
  const notBefore = Date.parse(req.notBefore);
  const notAfter = req.notAfter ? Date.parse(req.notAfter) : Infinity;
  const attendees = req.attendees.map((a) => {
    const busy = parseBusy(a.busy);
    return { id: a.id, required: a.required, busy, cursor: busy === 'unknown' ? undefined : new BusyCursor(busy) };
  });
  // Each essential part, with who can play it.
  const byPart = new Map<string, Attendee[]>();
  for (const a of req.attendees) if (a.essential !== undefined) byPart.set(a.essential, [...(byPart.get(a.essential) ?? []), a]);
  const parts = [...byPart.values()];
  const away = new BusyCursor(parts.flatMap(nobodyThere).sort((a, b) => a[0] - b[0]));
  const required = req.attendees.filter((a) => a.required);
  const playing = parts.map((part) => part.map((a) => a.id));
  const others = required.filter((a) => a.essential === undefined);
  const enough = Math.ceil((req.quorum ?? 1) * others.length - 1e-9);
  const out: Slot[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    if (!req.calendar.isWorkingDay(day)) continue;
    const dayStart = londonInstant(day, req.workingHours.start).getTime();
    const dayEnd = londonInstant(day, req.workingHours.end).getTime();
    for (let start = dayStart; start + req.durationMinutes * 60_000 <= dayEnd; start += step * 60_000) {
      if (start < notBefore || start >= notAfter) continue;
      const end = start + req.durationMinutes * 60_000;
      if (away.overlaps(start, end)) continue;
      const busy: string[] = [];
      const unknown: string[] = [];
      for (const a of attendees) {
        if (!a.cursor) unknown.push(a.id);
        else if (a.cursor.overlaps(start, end)) busy.push(a.id);
      }
      const othersFree = others.filter((a) => !busy.includes(a.id)).length;
      out.push({
        start: new Date(start).toISOString(),
        end: new Date(end).toISOString(),
        day,
        busy,
        unknown,
        allRequiredFree: required.every((a) => !busy.includes(a.id)),
        canGoAhead: playing.every((ids) => ids.some((id) => !busy.includes(id))) && othersFree >= enough,
        leavesRoom: false,
        requiredFree: required.filter((a) => !busy.includes(a.id)).length,
        optionalFree: req.attendees.filter((a) => !a.required && a.busy !== 'unknown' && !busy.includes(a.id)).length,
        afterDeadline,
      });
    }
  }
  return out;
}

/** Marks the times that can go ahead with another such day after them in the window (Slot.leavesRoom). */
function withRoom(slots: Slot[]): Slot[] {
  let last: LocalDate | undefined;
  for (const s of slots) if (s.canGoAhead && (!last || s.day > last)) last = s.day;
  return last ? slots.map((s) => (s.canGoAhead && s.day < last ? { ...s, leavesRoom: true } : s)) : slots;
}

/**
 * Times the meeting can go ahead first; among them those that leave a later day to recover on (a
 * core group booked on the last compliant day and lost on it is late, however good the time was);
 * then most required attendees free, then most optional attendees free, then earliest.
 */
function rank(slots: Slot[]): Slot[] {
  return [...slots].sort(
    (a, b) =>
      Number(b.canGoAhead) - Number(a.canGoAhead) ||
      Number(b.leavesRoom) - Number(a.leavesRoom) ||
      b.requiredFree - a.requiredFree ||
      b.optionalFree - a.optionalFree ||
      a.start.localeCompare(b.start),
  );
}
