import { addDays, LocalDate } from '../domain/calendar/local-date';
import { canChair, Member } from '../domain/case/members';
import { Meeting } from '../domain/meeting/meeting';
import { calendarFor } from '../domain/policy';
import { obligationIds } from '../domain/policy/obligation';
import { londonInstant } from '../domain/scheduling/slot-finder';
import { CalendarPort } from '../ports/calendar';
import { AppContext, enqueue, londonDay, todayOf } from './context';

/** A booked core group with nobody to chair it: everyone who can is out of office at its time. */
export interface Uncovered {
  readonly meeting: Meeting;
  /** Who can chair it, all out of office then. */
  readonly away: readonly string[];
}

/**
 * Whether everyone able to chair a meeting is out of office over its time (pure: given who can chair
 * and what their calendars say). A calendar that cannot be seen is never taken to be away.
 */
export function nobodyToChair(
  meeting: Pick<Meeting, 'startsAt' | 'endsAt'>,
  chairs: readonly { readonly personId: string; readonly busy: readonly { start: string; end: string; away?: boolean }[] | 'unknown' }[],
): boolean {
  const { startsAt, endsAt } = meeting;
  if (!startsAt || !endsAt || chairs.length === 0) return false;
  const start = Date.parse(startsAt);
  const end = Date.parse(endsAt);
  return chairs.every((c) => c.busy !== 'unknown' && c.busy.some((b) => b.away && Date.parse(b.start) < end && Date.parse(b.end) > start));
}

/**
 * The chair off sick (or on leave) on the day of a core group booked for today or the next working
 * day, with no vice chair there to chair it instead: the manager is told, with a day's notice where
 * the calendar gave one, so they can add a vice chair (or move it) rather than the meeting being lost
 * on the day. A chair off sick on the day lost about a hundred core groups of a simulated year, some
 * on the last day of their window. Read from the chairs' calendars, so it runs beside the reminder
 * scan (which reads only the store); the alert's key names the meeting and its time, so running it
 * hourly, or on two servers, tells the manager once.
 */
export async function checkChairCover(ctx: AppContext, calendar: CalendarPort): Promise<{ told: number }> {
  const today = todayOf(ctx);
  const now = ctx.clock.now();
  // Today's and the next working day's core groups: never more than four calendar days on (a Friday
  // before a bank holiday Monday), then narrowed by each case's own working days.
  const { soon, people, members } = await ctx.store.transaction(async (tx) => {
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
    return { soon, people, members };
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
    if (
      !nobodyToChair(
        meeting,
        chairs.map((m) => ({ personId: m.personId, busy: busyOf(m.personId) })),
      )
    )
      continue;
    // A vice chair already on the case and away too: the manager is told all the same (another is needed).
    const hasViceChair = (members.get(meeting.caseId) ?? []).some((m) => m.role === 'vice-chair' && !m.leftOn);
    await ctx.store.transaction((tx) =>
      enqueue(ctx, tx, {
        kind: 'card',
        topic: 'compliance.chair-away',
        payload: {
          meetingId: meeting.id,
          obligationId: obligationIds.coreGroup(meeting.number),
          day,
          startsAt: meeting.startsAt as string,
          due: meeting.due,
          viceChairAway: hasViceChair,
        },
        idempotencyKey: `chair-away:${meeting.id}:${meeting.startsAt}`,
        caseId: meeting.caseId,
      }),
    );
    told++;
  }
  return { told };
}
