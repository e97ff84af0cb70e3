import { addDays, LocalDate } from '../domain/calendar/local-date';
import { canChair, Member, takesPart } from '../domain/case/members';
import { Meeting } from '../domain/meeting/meeting';
import { calendarFor } from '../domain/policy';
import { obligationIds } from '../domain/policy/obligation';
import { awayDuring, freeDuring, Interval, londonInstant } from '../domain/scheduling/slot-finder';
import { mayHold } from '../domain/access/organisation-roles';
import { CalendarPort } from '../ports/calendar';
import { CaseRef, refOf } from './card-data';
import { AppContext, enqueue, londonDay, notFound, todayOf } from './context';
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
  candidates: readonly (CoverCandidate & { readonly busy: readonly Interval[] | 'unknown' })[],
): CoverCandidate[] {
  const during = { start: meeting.startsAt ?? '', end: meeting.endsAt ?? '' };
  return candidates
    .filter((c) => !chairs.some((m) => m.personId === c.personId) && freeDuring(c.busy, during))
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))
    .slice(0, MOST_OFFERED)
    .map(({ personId, name }) => ({ personId, name }));
}

/**
 * The chair off sick (or on leave) on the day of a core group booked for today or the next working
 * day, with no vice chair there to chair it instead: the manager is told, with a day's notice where
 * the calendar gave one, so they can add a vice chair (or move it) rather than the meeting being lost
 * on the day. A chair off sick on the day lost about a hundred core groups of a simulated year, some
 * on the last day of their window. With the chair away and a vice chair there, the vice chair is
 * told they chair it (nothing else would tell them). Read from the chairs' calendars, so it runs
 * beside the reminder scan (which reads only the store); each message's key names the meeting and
 * its time, so running it hourly, or on two servers, sends it once.
 */
export async function checkChairCover(ctx: AppContext, calendar: CalendarPort): Promise<{ told: number }> {
  const today = todayOf(ctx);
  const now = ctx.clock.now();
  // Today's and the next working day's core groups: never more than four calendar days on (a Friday
  // before a bank holiday Monday), then narrowed by each case's own working days.
  const { soon, people } = await ctx.store.transaction(async (tx) => {
    const booked = (await tx.meetings.bookedBetween(now, londonInstant(addDays(today, 5), '00:00').toISOString())).filter((m) => m.startsAt && m.endsAt);
    const soon: { meeting: Meeting; chairs: Member[]; day: LocalDate }[] = [];
    const members = new Map<string, Member[]>();
    for (const meeting of booked) {
      const c = await tx.cases.byId(meeting.caseId);
      if (!c || c.status === 'closed') continue;
      const day = londonDay(meeting.startsAt as string);
      if (calendarFor(ctx.profiles.get(c.profileId, c.profileVersion)).workingDaysBetween(today, day) > 1) continue;
      const ms = members.get(c.id) ?? (await tx.members.forCase(c.id));
      members.set(c.id, ms);
      soon.push({ meeting, day, chairs: ms.filter(canChair) });
    }
    const people = await tx.people.byIds([...new Set(soon.flatMap((s) => s.chairs.map((m) => m.personId)))]);
    return { soon, people };
  });
  if (soon.length === 0) return { told: 0 };
  const last = soon.map((s) => s.meeting.endsAt as string).sort()[soon.length - 1] as string;
  const freeBusy = await calendar.freeBusy(
    people.map((p) => ({ personId: p.id, email: p.email, inTenant: Boolean(p.entraObjectId) })),
    { start: now, end: last },
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
  const uncovered = needing.filter((n) => n.there.length === 0);
  const cover = uncovered.length > 0 ? await whoCouldCover(ctx, calendar, uncovered) : () => [];
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
            cover: cover(meeting, chairs),
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
  return { told };
}

/**
 * Who could cover each of these meetings: everyone on the staff list who may be a vice chair and
 * whom Core Groups can reach and whose calendar it can read (someone it knows, in the organisation's
 * tenant), their calendars read once for all the meetings.
 */
async function whoCouldCover(
  ctx: AppContext,
  calendar: CalendarPort,
  meetings: readonly { readonly meeting: Meeting }[],
): Promise<(meeting: Meeting, chairs: readonly Member[]) => CoverCandidate[]> {
  const people = await ctx.store.transaction(async (tx) => {
    const able = (await tx.staff.list()).filter((e) => mayHold('vice-chair', e.roles));
    return (await tx.people.byEmails(able.map((e) => e.email))).filter((p) => p.entraObjectId);
  });
  if (people.length === 0) return () => [];
  const starts = meetings.map((m) => m.meeting.startsAt as string).sort();
  const ends = meetings.map((m) => m.meeting.endsAt as string).sort();
  const freeBusy = await calendar.freeBusy(
    people.map((p) => ({ personId: p.id, email: p.email, inTenant: true })),
    { start: starts[0] as string, end: ends[ends.length - 1] as string },
  );
  const candidates = people.map((p) => ({
    personId: p.id,
    name: p.displayName,
    busy: freeBusy.find((f) => f.personId === p.id)?.busy ?? ('unknown' as const),
  }));
  return (meeting, chairs) => freeToCover(meeting, chairs, candidates);
}

/** The vice chair the manager made from the "nobody to chair it" card, and the core group they chair. */
export interface CoverAppointed {
  readonly case: CaseRef;
  readonly number: number;
  readonly startsAt: string;
  readonly personId: string;
  readonly name: string;
  /** They were already its vice chair (a second press, a Teams retry): nothing was changed. */
  readonly alreadyRecorded: boolean;
}

/**
 * "Make X vice chair" on the card that says nobody can chair a core group: X joins the case as vice
 * chair (as Add a member would add them: invited to the booked core groups, sent the agenda, audited;
 * refused to anyone who may not change the case's members, or for someone the staff list does not
 * back), and is told they chair this one (the hourly check would tell them too, under the same key),
 * all in one transaction. Refused when the core group is no longer booked for the time the card named.
 */
export async function appointViceChair(
  ctx: AppContext,
  actor: Actor,
  input: { caseId: string; meetingId: string; startsAt: string; personId: string },
): Promise<CoverAppointed> {
  return ctx.store.transaction(async (tx) => {
    const loaded = await runningCase(ctx, tx, actor, input.caseId, 'add members');
    const meeting = await tx.meetings.byId(input.meetingId);
    if (!meeting || meeting.caseId !== input.caseId) throw notFound('meeting');
    if (meeting.status !== 'booked' || meeting.startsAt !== input.startsAt)
      throw new DomainError(
        'COVER.MOVED',
        'conflict',
        `Core group ${meeting.number} is no longer booked for the time this card was about. Open the case to see where it stands.`,
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
    await enqueue(ctx, tx, {
      kind: 'card',
      topic: 'meeting.vice-chair-chairs',
      payload: { meetingId: meeting.id, startsAt: input.startsAt, personId: person.id },
      idempotencyKey: `vice-chair-chairs:${meeting.id}:${input.startsAt}:${person.id}`,
      caseId: meeting.caseId,
    });
    return { case: refOf(loaded.case), number: meeting.number, startsAt: input.startsAt, personId: person.id, name: person.displayName, alreadyRecorded };
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
