import { addDays, LocalDate } from '../domain/calendar/local-date';
import { canChair, Member, takesPart } from '../domain/case/members';
import { Meeting } from '../domain/meeting/meeting';
import { calendarFor } from '../domain/policy';
import { obligationIds } from '../domain/policy/obligation';
import { awayDuring, Interval, londonInstant } from '../domain/scheduling/slot-finder';
import { CalendarPort } from '../ports/calendar';
import { CaseRef, refOf } from './card-data';
import { AppContext, enqueue, londonDay, todayOf } from './context';

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
  let told = 0;
  for (const { meeting, chairs, day } of soon) {
    const there = thereToChair(
      meeting,
      chairs.map((m) => ({ personId: m.personId, busy: busyOf(m.personId) })),
    );
    const chair = chairs.find((m) => m.role === 'chair');
    if (there.length > 0 && (!chair || there.includes(chair.personId))) continue;
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
