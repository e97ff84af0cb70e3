import { addDays, LocalDate } from '../domain/calendar/local-date';
import { canChair, Member, takesPart } from '../domain/case/members';
import { Meeting } from '../domain/meeting/meeting';
import { calendarFor } from '../domain/policy';
import { obligationIds } from '../domain/policy/obligation';
import { awayDuring, awayThroughout, freeDuring, Interval, londonInstant } from '../domain/scheduling/slot-finder';
import { WorkingHours } from '../domain/meeting/booking-time';
import { mayHold } from '../domain/access/organisation-roles';
import { CalendarPort } from '../ports/calendar';
import { CaseRef, refOf } from './card-data';
import { AppContext, enqueue, londonDay, notFound, readOnce, todayOf, workingHoursOf } from './context';
import { Actor } from '../domain/access/access-rules';
import { DomainError } from '../domain/errors';
import { addMemberIn, newMember, runningCase } from './members';

/**
 * Who of those able to chair a meeting is there for it (pure: given who can chair and what their
 * calendars say): everyone not out of office over its time. A calendar that cannot be seen is never
 * taken to be away.
 */
export function thereToChair(
  meeting: Pick<Meeting, 'startsAt' | 'endsAt'>,
  chairs: readonly { readonly personId: string; readonly busy: readonly Interval[] | 'unknown' }[],
): string[] {
  const during = { start: meeting.startsAt ?? '', end: meeting.endsAt ?? '' };
  return chairs.filter((c) => !awayDuring(c.busy, during)).map((c) => c.personId);
}

/** Someone who could chair in the chair's place, as the manager is told of them. */
export interface CoverCandidate {
  readonly personId: string;
  readonly name: string;
}

/** How many the manager is offered: enough to find one free, few enough to read on a phone. */
const MOST_OFFERED = 3;

/**
 * Who could chair a meeting in the chair's place (pure): people the organisation lists as able to be
 * a vice chair, not already able to chair it, whose calendars show them free for the whole of its
 * time; at most three, by name. A calendar that cannot be seen offers nobody.
 */
export function freeToCover(
  meeting: Pick<Meeting, 'startsAt' | 'endsAt'>,
  chairs: readonly Pick<Member, 'personId'>[],
  candidates: readonly Candidate[],
): CoverCandidate[] {
  const during = { start: meeting.startsAt ?? '', end: meeting.endsAt ?? '' };
  return offered(chairs, candidates, (busy) => freeDuring(busy, during));
}

/**
 * Who could chair a core group not yet booked, in the chair's place (pure): people the organisation
 * lists as able to be a vice chair, not already able to chair it, whose calendars show them at work
 * for some of the working days left before its deadline (`days`, each day's working hours), so the
 * schedule can then find a time with them; at most three, by name. A calendar that cannot be seen
 * offers nobody.
 */
export function thereToCover(days: readonly Interval[], chairs: readonly Pick<Member, 'personId'>[], candidates: readonly Candidate[]): CoverCandidate[] {
  return offered(chairs, candidates, (busy) => busy !== 'unknown' && days.some((d) => !awayThroughout(busy, d)));
}

type Candidate = CoverCandidate & { readonly busy: readonly Interval[] | 'unknown' };

const offered = (chairs: readonly Pick<Member, 'personId'>[], candidates: readonly Candidate[], able: (busy: Candidate['busy']) => boolean) =>
  candidates
    .filter((c) => !chairs.some((m) => m.personId === c.personId) && able(c.busy))
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))
    .slice(0, MOST_OFFERED)
    .map(({ personId, name }) => ({ personId, name }));

/**
 * Whether nobody who can chair a core group is there on any working day left before its deadline
 * (pure): each of them out of office for the whole of each day's working hours. A calendar that
 * cannot be seen is never taken to be away.
 */
export const nobodyThereToChair = (days: readonly Interval[], chairs: readonly { readonly busy: readonly Interval[] | 'unknown' }[]): boolean =>
  days.length > 0 && chairs.length > 0 && chairs.every((c) => days.every((d) => awayThroughout(c.busy, d)));

/** How near its deadline a core group not yet booked must be before the manager is asked for a vice chair. */
export const WINDOW_NOTICE_WORKING_DAYS = 10;

/** The working hours of each working day from `from` to `to` (inclusive), as instants. */
export function workingDaysOf(calendar: { isWorkingDay(d: LocalDate): boolean }, from: LocalDate, to: LocalDate, hours: WorkingHours): Interval[] {
  const out: Interval[] = [];
  for (let d = from; d <= to; d = addDays(d, 1))
    if (calendar.isWorkingDay(d)) out.push({ start: londonInstant(d, hours.start).toISOString(), end: londonInstant(d, hours.end).toISOString() });
  return out;
}

/**
 * Who chairs what is about to happen, as the calendars of those able to chair say. Read from
 * calendars, so it runs beside the reminder scan (which reads only the store); each message's key
 * names the meeting and its time (or its deadline), so running it hourly, or on two servers, sends it
 * once.
 *
 * - A core group booked for today or the next working day, the chair off sick (or on leave) then
 *   and no vice chair there to chair it instead: the manager is told, with a day's notice where the
 *   calendar gave one, so they can add a vice chair (or move it) rather than the meeting being lost
 *   on the day. A chair off sick on the day lost about a hundred core groups of a simulated year,
 *   some on the last day of their window. With the chair away and a vice chair there, the vice chair
 *   is told they chair it (nothing else would tell them).
 * - A core group not yet booked, due within WINDOW_NOTICE_WORKING_DAYS, that nobody able to chair it
 *   can: each of them out of office on every working day left before its deadline (a chair off sick
 *   for weeks). The manager is asked for a vice chair, with the people at work then offered, once per
 *   deadline, and only when the manager is not out of office themselves (else the first hour they
 *   are back): asked while away, a manager cannot act, and the deadline passed with nobody asked
 *   again (a simulated year held one core group 31 working days late so).
 */
export async function checkChairCover(ctx: AppContext, calendar: CalendarPort): Promise<{ told: number }> {
  const today = todayOf(ctx);
  const now = ctx.clock.now();
  const hours = workingHoursOf(ctx);
  const { soon, waiting, people } = await ctx.store.transaction(async (tx) => {
    const caseOf = readOnce((id) => tx.cases.byId(id));
    const membersOf = readOnce((id) => tx.members.forCase(id));
    const meetingsOf = readOnce((id) => tx.meetings.forCase(id));
    // Today's and the next working day's core groups: never more than four calendar days on (a Friday
    // before a bank holiday Monday), then narrowed by each case's own working days.
    const booked = (await tx.meetings.bookedBetween(now, londonInstant(addDays(today, 5), '00:00').toISOString())).filter((m) => m.startsAt && m.endsAt);
    const soon: { meeting: Meeting; chairs: Member[]; day: LocalDate }[] = [];
    for (const meeting of booked) {
      const c = await caseOf(meeting.caseId);
      if (!c || c.status === 'closed') continue;
      const day = londonDay(meeting.startsAt as string);
      if (calendarFor(ctx.profiles.get(c.profileId, c.profileVersion)).workingDaysBetween(today, day) > 1) continue;
      soon.push({ meeting, day, chairs: (await membersOf(c.id)).filter(canChair) });
    }
    // Core groups not yet booked whose deadline is near (ten working days never span more than three weeks).
    const waiting: { meeting: Meeting; chairs: Member[]; managerId: string; days: Interval[] }[] = [];
    for (const o of await tx.obligations.openDueBetween(today, addDays(today, 21))) {
      if (o.kind !== 'core-group' || o.meetingNumber === undefined) continue;
      const c = await caseOf(o.caseId);
      if (!c || c.status === 'closed') continue;
      const workingDays = calendarFor(ctx.profiles.get(c.profileId, c.profileVersion));
      if (workingDays.workingDaysBetween(today, o.due) > WINDOW_NOTICE_WORKING_DAYS) continue;
      const meeting = (await meetingsOf(c.id)).find((m) => m.number === o.meetingNumber && m.status === 'planned');
      if (!meeting) continue;
      const from = meeting.earliest && meeting.earliest > today ? meeting.earliest : today;
      const days = workingDaysOf(workingDays, from, meeting.due, hours).filter((d) => d.end > now);
      waiting.push({ meeting, managerId: c.managerId, days, chairs: (await membersOf(c.id)).filter(canChair) });
    }
    const ids = [...soon.flatMap((s) => s.chairs.map((m) => m.personId)), ...waiting.flatMap((w) => [w.managerId, ...w.chairs.map((m) => m.personId)])];
    return { soon, waiting, people: await tx.people.byIds([...new Set(ids)]) };
  });
  if (soon.length === 0 && waiting.length === 0) return { told: 0 };
  const ends = [...soon.map((s) => s.meeting.endsAt as string), ...waiting.flatMap((w) => w.days.map((d) => d.end))].sort();
  const freeBusy = await calendar.freeBusy(
    people.map((p) => ({ personId: p.id, email: p.email, inTenant: Boolean(p.entraObjectId) })),
    { start: now, end: ends[ends.length - 1] as string },
  );
  const busyOf = (personId: string) => freeBusy.find((f) => f.personId === personId)?.busy ?? 'unknown';
  const needing = soon
    .map((s) => ({
      ...s,
      there: thereToChair(
        s.meeting,
        s.chairs.map((m) => ({ personId: m.personId, busy: busyOf(m.personId) })),
      ),
    }))
    .filter(({ chairs, there }) => {
      const chair = chairs.find((m) => m.role === 'chair');
      return there.length === 0 || (chair !== undefined && !there.includes(chair.personId));
    });
  // Out of office at this moment (an instant: the interval of one millisecond from now).
  const awayNow = (personId: string) => awayDuring(busyOf(personId), { start: now, end: new Date(Date.parse(now) + 1).toISOString() });
  const stranded = waiting.filter(
    (w) =>
      nobodyThereToChair(
        w.days,
        w.chairs.map((m) => ({ busy: busyOf(m.personId) })),
      ) && !awayNow(w.managerId),
  );
  const uncovered = needing.filter((n) => n.there.length === 0);
  const asked = [...uncovered.map((n) => ({ start: n.meeting.startsAt as string, end: n.meeting.endsAt as string })), ...stranded.flatMap((w) => w.days)];
  const candidates = asked.length
    ? await whoCouldCover(ctx, calendar, {
        start: asked.map((a) => a.start).sort()[0] as string,
        end: asked.map((a) => a.end).sort()[asked.length - 1] as string,
      })
    : [];
  let told = 0;
  for (const { meeting, chairs, day, there } of needing) {
    const key = `${meeting.id}:${meeting.startsAt}`;
    await ctx.store.transaction(async (tx) => {
      if (there.length === 0) {
        // Nobody: the manager is asked for a vice chair (another, when the one the case has is away too).
        await enqueue(ctx, tx, {
          kind: 'card',
          topic: 'compliance.chair-away',
          payload: {
            meetingId: meeting.id,
            obligationId: obligationIds.coreGroup(meeting.number),
            day,
            startsAt: meeting.startsAt as string,
            due: meeting.due,
            viceChairAway: chairs.some((m) => m.role === 'vice-chair'),
            cover: freeToCover(meeting, chairs, candidates),
          },
          idempotencyKey: `chair-away:${key}`,
          caseId: meeting.caseId,
        });
      } else
        for (const personId of there)
          await enqueue(ctx, tx, {
            kind: 'card',
            topic: 'meeting.vice-chair-chairs',
            payload: { meetingId: meeting.id, startsAt: meeting.startsAt as string, personId },
            idempotencyKey: `vice-chair-chairs:${key}:${personId}`,
            caseId: meeting.caseId,
          });
    });
    told++;
  }
  for (const { meeting, chairs, days } of stranded) {
    await ctx.store.transaction((tx) =>
      enqueue(ctx, tx, {
        kind: 'card',
        topic: 'compliance.chair-away',
        payload: {
          meetingId: meeting.id,
          obligationId: obligationIds.coreGroup(meeting.number),
          due: meeting.due,
          viceChairAway: chairs.some((m) => m.role === 'vice-chair'),
          cover: thereToCover(days, chairs, candidates),
        },
        idempotencyKey: `chair-away:${meeting.id}:by:${meeting.due}`,
        caseId: meeting.caseId,
      }),
    );
    told++;
  }
  return { told };
}

/**
 * Who could cover: everyone on the staff list who may be a vice chair and whom Core Groups can reach
 * and whose calendar it can read (someone it knows, in the organisation's tenant), with their
 * calendars read once over `window` (every time asked about).
 */
export async function whoCouldCover(ctx: AppContext, calendar: CalendarPort, window: Interval): Promise<Candidate[]> {
  const people = await ctx.store.transaction(async (tx) => {
    const able = (await tx.staff.list()).filter((e) => mayHold('vice-chair', e.roles));
    return (await tx.people.byEmails(able.map((e) => e.email))).filter((p) => p.entraObjectId);
  });
  if (people.length === 0) return [];
  const freeBusy = await calendar.freeBusy(
    people.map((p) => ({ personId: p.id, email: p.email, inTenant: true })),
    window,
  );
  return people.map((p) => ({ personId: p.id, name: p.displayName, busy: freeBusy.find((f) => f.personId === p.id)?.busy ?? ('unknown' as const) }));
}

/** The vice chair the manager made from the "nobody to chair it" card, and the core group they chair. */
export interface CoverAppointed {
  readonly case: CaseRef;
  readonly number: number;
  /** The time it is booked for; none when it is not booked yet. */
  readonly startsAt?: string;
  readonly personId: string;
  readonly name: string;
  /** They were already its vice chair (a second press, a Teams retry): nothing was changed. */
  readonly alreadyRecorded: boolean;
}

/**
 * "Make X vice chair" on the card that says nobody can chair a core group: X joins the case as vice
 * chair (as Add a member would add them: invited to the booked core groups, sent the agenda, audited;
 * refused to anyone who may not change the case's members, or for someone the staff list does not
 * back), all in one transaction. For a core group booked at `startsAt`, they are told they chair it
 * (the hourly check would tell them too, under the same key), and the press is refused when it is no
 * longer booked for that time. For one not yet booked (no `startsAt`), the press is refused once it is
 * held or cancelled; its schedule then offers times the new vice chair is free.
 */
export async function appointViceChair(
  ctx: AppContext,
  actor: Actor,
  input: { caseId: string; meetingId: string; startsAt?: string; personId: string },
): Promise<CoverAppointed> {
  return ctx.store.transaction(async (tx) => {
    const loaded = await runningCase(ctx, tx, actor, input.caseId, 'add members');
    const meeting = await tx.meetings.byId(input.meetingId);
    if (!meeting || meeting.caseId !== input.caseId) throw notFound('meeting');
    const { startsAt } = input;
    if (startsAt ? meeting.status !== 'booked' || meeting.startsAt !== startsAt : meeting.status !== 'planned' && meeting.status !== 'booked')
      throw new DomainError(
        'COVER.MOVED',
        'conflict',
        startsAt
          ? `Core group ${meeting.number} is no longer booked for the time this card was about. Open the case to see where it stands.`
          : `Core group ${meeting.number} is no longer waiting to be held. Open the case to see where it stands.`,
      );
    const person = await tx.people.byId(input.personId);
    if (!person) throw notFound('person');
    // A second press, or a Teams retry: they are its vice chair already, and nothing is written again.
    const alreadyRecorded = loaded.members.some((m) => m.personId === person.id && m.role === 'vice-chair' && !m.leftOn);
    if (!alreadyRecorded)
      await addMemberIn(
        ctx,
        tx,
        actor,
        loaded,
        newMember({
          person: { displayName: person.displayName, email: person.email, ...(person.entraObjectId ? { entraObjectId: person.entraObjectId } : {}) },
          agency: 'childrens-social-care',
          role: 'vice-chair',
        }),
      );
    if (startsAt)
      await enqueue(ctx, tx, {
        kind: 'card',
        topic: 'meeting.vice-chair-chairs',
        payload: { meetingId: meeting.id, startsAt, personId: person.id },
        idempotencyKey: `vice-chair-chairs:${meeting.id}:${startsAt}:${person.id}`,
        caseId: meeting.caseId,
      });
    return {
      case: refOf(loaded.case),
      number: meeting.number,
      ...(startsAt ? { startsAt } : {}),
      personId: person.id,
      name: person.displayName,
      alreadyRecorded,
    };
  });
}

/** What a vice chair is told when they chair in the chair's place; undefined once no longer true. */
export interface ViceChairCover {
  readonly case: CaseRef;
  readonly number: number;
  readonly startsAt: string;
  readonly chairName: string;
}

/**
 * The cover to tell a vice chair of, while it is still true as it goes out: the core group still
 * booked for that time, and they still its vice chair.
 */
export async function viceChairCover(ctx: AppContext, input: { meetingId: string; startsAt: string; personId: string }): Promise<ViceChairCover | undefined> {
  return ctx.store.transaction(async (tx) => {
    const meeting = await tx.meetings.byId(input.meetingId);
    if (!meeting || meeting.status !== 'booked' || meeting.startsAt !== input.startsAt) return undefined;
    const c = await tx.cases.byId(meeting.caseId);
    const members = await tx.members.forCase(meeting.caseId);
    if (!c || !members.some((m) => m.personId === input.personId && m.role === 'vice-chair' && takesPart(m))) return undefined;
    const chair = await tx.people.byId(c.socialWorkerId);
    return { case: refOf(c), number: meeting.number, startsAt: input.startsAt, chairName: chair?.displayName ?? 'The chair' };
  });
}
