import { addDays, LocalDate } from '../domain/calendar/local-date';
import { calendarFor } from '../domain/policy';
import { londonInstant } from '../domain/scheduling/slot-finder';
import { AppContext, londonDay, readOnce, todayOf } from './context';

/** Chasers go out this many working days before a meeting to anyone whose update is missing. */
export const CHASE_WORKING_DAYS = [3, 1] as const;
/** A deadline this many working days away raises an alert to the chair and manager. */
export const ALERT_WORKING_DAYS = 2;

const AT_MEETING = new Set(['core-group', 'set-future-dates', 'plan-signed', 'agency-reports', 'review-recommendation']);

/**
 * Midnight in the UK as a UTC ('Z') string, the form stored instants take: they are compared as
 * strings, and TZDate's own toISOString writes '+01:00' in summer, which sorts differently.
 */
const londonMidnight = (day: LocalDate): string => londonInstant(day, '00:00').toISOString();

/**
 * The daily scan: chasers for missing updates (3 and 1 working days before the meeting, stopping as
 * soon as the update is in), the chair's summary of who is missing, the agenda again the working
 * day before, and compliance alerts (deadline in 2 working days; deadline missed). Every message has
 * an idempotency key naming its day, so running the scan twice, or on two servers, sends it once.
 */
export async function scheduleReminders(ctx: AppContext): Promise<{ considered: number }> {
  const today = todayOf(ctx);
  // Counts what the scan asked for; the outbox ignores anything it already holds by key.
  let considered = 0;
  await ctx.store.transaction(async (tx) => {
    // Each case and its meetings read once per scan, however many of its obligations fall due: the
    // scan walks every open case's near deadlines every day, and read them again for each. The scan
    // only queues messages, so nothing it reads changes while it runs.
    const caseOf = readOnce((id) => tx.cases.byId(id));
    const meetingsOf = readOnce((id) => tx.meetings.forCase(id));
    // A core group already booked inside its window needs no "due soon" alert: it is in hand.
    const bookedInTime = async (number: number | undefined, due: LocalDate, caseId: string) =>
      (await meetingsOf(caseId)).some((m) => m.number === number && m.status === 'booked' && m.startsAt !== undefined && londonDay(m.startsAt) <= due);
    const enqueue = async (m: Parameters<typeof tx.outbox.enqueue>[0]) => {
      await tx.outbox.enqueue(m, ctx.clock.now());
      considered += 1;
    };
    // Meetings in the next ~week (5 working days never spans more than 11 calendar days with holidays).
    const meetings = await tx.meetings.bookedBetween(londonMidnight(addDays(today, 1)), londonMidnight(addDays(today, 12)));
    for (const meeting of meetings) {
      const c = await caseOf(meeting.caseId);
      if (!c || !meeting.startsAt) continue;
      const calendar = calendarFor(ctx.profiles.get(c.profileId, c.profileVersion));
      const ahead = calendar.workingDaysBetween(today, londonDay(meeting.startsAt));
      if (ahead === 1)
        await enqueue({
          kind: 'card',
          topic: 'agenda.post',
          payload: { meetingId: meeting.id, reminder: true },
          idempotencyKey: `agenda:${meeting.id}:eve:${today}`,
          caseId: c.id,
        });
      if (!(CHASE_WORKING_DAYS as readonly number[]).includes(ahead)) continue;
      const missing = (await tx.reports.forMeeting(meeting.id)).filter((r) => r.status === 'requested');
      for (const r of missing) {
        await enqueue({
          kind: 'card',
          topic: 'report.chase',
          payload: { reportId: r.id, memberId: r.memberId, workingDaysBefore: ahead },
          idempotencyKey: `chase:${r.id}:${ahead}`,
          caseId: c.id,
        });
      }
      if (missing.length) {
        await enqueue({
          kind: 'card',
          topic: 'report.missing-summary',
          payload: { meetingId: meeting.id, workingDaysBefore: ahead },
          idempotencyKey: `missing:${meeting.id}:${ahead}`,
          caseId: c.id,
        });
      }
    }
    // Alerts: due in exactly 2 working days (computed per case's calendar), or missed (due before today).
    for (const o of await tx.obligations.openDueBetween(addDays(today, -400), addDays(today, 7))) {
      const c = await caseOf(o.caseId);
      if (!c) continue;
      if (o.due < today) {
        await enqueue({
          kind: 'card',
          topic: 'compliance.missed',
          payload: { caseId: c.id, obligationId: o.obligationId, due: o.due },
          idempotencyKey: `missed:${c.id}:${o.obligationId}:${o.due}`,
          caseId: c.id,
        });
        continue;
      }
      const calendar = calendarFor(ctx.profiles.get(c.profileId, c.profileVersion));
      // Things done at a core group (the meeting itself, setting dates, signing the plan, the final
      // group's reports) are in hand when that meeting is booked inside its deadline.
      const atMeeting = AT_MEETING.has(o.kind) ? Number(/core-group-(\d+)$/.exec(o.obligationId)?.[1]) : undefined;
      if (atMeeting !== undefined && (await bookedInTime(atMeeting, o.due, c.id))) continue;
      if (calendar.workingDaysBetween(today, o.due) === ALERT_WORKING_DAYS) {
        await enqueue({
          kind: 'card',
          topic: 'compliance.due-soon',
          payload: { caseId: c.id, obligationId: o.obligationId, due: o.due },
          idempotencyKey: `due-soon:${c.id}:${o.obligationId}:${o.due}`,
          caseId: c.id,
        });
      }
    }
  });
  return { considered };
}
