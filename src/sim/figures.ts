import { LocalDate } from '../domain/calendar/local-date';
import { builtInRegistry, calendarFor } from '../domain/policy';
import { RawRun, StrategyName } from './run';

/** The measures of one strategy's year, as the report prints them. */
export interface Figures {
  readonly strategy: StrategyName;
  readonly coreGroups: {
    /** Core groups whose deadline fell inside the year. */
    readonly due: number;
    readonly inWindow: number;
    readonly inWindowShare: number;
    readonly late: number;
    /** Held late, by working days late: "1", "2", "3", "4-5", "6-10", "11+". */
    readonly lateWorkingDays: Record<string, number>;
    readonly lateMedianWorkingDays: number | null;
    /** Not held by the end of the run (the year and its tail). */
    readonly neverHeld: number;
    /** Held late or never held although a compliant time (the chair, the family and half of the agencies free, inside the window) was seen when booking it. */
    readonly lateAlthoughCompliantSlotSeen: number;
    /**
     * Of those, the ones whose last booking decision inside the window found no compliant time left:
     * a compliant time was booked and lost on the day (the chair off sick, a late cancellation, too
     * few able to come) with no other day in the window on which it could go ahead. The rest had a
     * compliant time left and still were not held in time: a failure of the scheduling itself.
     */
    readonly lateAlthoughNoneLeftAfterLoss: number;
    readonly cancelled: number;
    readonly moved: number;
    /** Vice chairs added by the manager when told the chair was out of office (Core Groups). */
    readonly viceChairsAdded: number;
    /** Of those, made with a press on the card that offered them (free then, by their calendars). */
    readonly viceChairsOffered: number;
    /** Held with a vice chair chairing, the chair off sick that day. */
    readonly chairedByViceChair: number;
  };
  readonly minutes: {
    readonly held: number;
    readonly circulatedOnTime: number;
    readonly onTimeShare: number;
    readonly circulatedLate: number;
    readonly notCirculated: number;
  };
  readonly updates: { readonly requested: number; readonly inBeforeMeeting: number; readonly share: number };
  readonly noCompliantSlot: {
    /** Core groups for which, at a booking decision before the deadline, no compliant time existed. */
    readonly times: number;
    readonly warnedAhead: number;
    readonly warnedAheadWorkingDays: { readonly min: number; readonly median: number; readonly max: number } | null;
  };
  /**
   * teams: cards posted; cardsUpdated: cards already posted changed in place (a moved meeting's
   * agenda); feed: Teams activity-feed notifications (minutes to approve or returned, a late booking).
   */
  readonly messages: {
    readonly teams: number;
    readonly cardsUpdated: number;
    readonly feed: number;
    readonly mail: number;
    readonly calendar: number;
    readonly perCase: number;
    readonly byTopic: Record<string, number>;
    readonly deadLettered: number;
  };
  /** By the month the deadline fell in: core groups due, and held inside the window. */
  readonly byMonth: readonly { readonly month: string; readonly due: number; readonly inWindow: number }[];
}

export const LATE_BUCKETS = ['1', '2', '3', '4-5', '6-10', '11+'] as const;
const bucketOf = (n: number): string => (n <= 3 ? String(n) : n <= 5 ? '4-5' : n <= 10 ? '6-10' : '11+');
const share = (a: number, b: number) => (b === 0 ? 1 : Math.round((a / b) * 10_000) / 10_000);
const median = (xs: number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] as number;
};

export async function figuresOf(run: RawRun): Promise<Figures> {
  const { world, store } = run;
  const from = world.params.from;
  const end = world.end;
  let due = 0;
  let inWindow = 0;
  let neverHeld = 0;
  let lateAlthough = 0;
  let noneLeft = 0;
  const lateDays: number[] = [];
  const lateWorkingDays: Record<string, number> = Object.fromEntries(LATE_BUCKETS.map((b) => [b, 0]));
  const months = new Map<string, { due: number; inWindow: number }>();
  let held = 0;
  let minutesOnTime = 0;
  let minutesLate = 0;
  let requested = 0;
  let inBefore = 0;
  let cancelled = 0;
  const warned: number[] = [];
  let noSlot = 0;

  for (const [idx, caseId] of run.caseIds.entries()) {
    if (!caseId) continue;
    const data = await store.transaction(async (tx) => {
      const c = await tx.cases.byId(caseId);
      const meetings = await tx.meetings.forCase(caseId);
      const obligations = await tx.obligations.forCase(caseId);
      const reports = await Promise.all(meetings.filter((m) => m.status === 'held' && m.heldOn && m.heldOn < end).map((m) => tx.reports.forMeeting(m.id)));
      return { c, meetings, obligations, reports };
    });
    if (!data.c) continue;
    const calendar = calendarFor(builtInRegistry.get(data.c.profileId, data.c.profileVersion));
    cancelled += data.meetings.filter((m) => m.status === 'cancelled').length;
    const heldOn = new Map<number, LocalDate>();
    for (const o of data.obligations.filter((x) => x.kind === 'core-group')) {
      const n = o.meetingNumber as number;
      if (o.doneOn) heldOn.set(n, o.doneOn);
      if (o.due < from || o.due >= end) continue;
      due++;
      const month = o.due.slice(0, 7);
      const m = months.get(month) ?? { due: 0, inWindow: 0 };
      m.due++;
      const record = run.records.get(`${idx}:${n}`);
      if (record?.noSlotSeen) {
        noSlot++;
        if (record.warnedAhead !== undefined) warned.push(record.warnedAhead);
      }
      if (o.doneOn && o.doneOn <= o.due) {
        inWindow++;
        m.inWindow++;
      } else {
        if (o.doneOn) {
          const late = Math.max(1, calendar.workingDaysBetween(o.due, o.doneOn));
          lateDays.push(late);
          lateWorkingDays[bucketOf(late)] = (lateWorkingDays[bucketOf(late)] ?? 0) + 1;
        } else neverHeld++;
        // Against the window as it finally stood: a compliant time seen for a window an earlier
        // meeting then moved is no evidence one existed for this one.
        if (record?.compliantSlotDues.has(o.due)) {
          lateAlthough++;
          if (record.lastDecisionCompliant?.get(o.due) === false) noneLeft++;
        }
      }
      months.set(month, m);
    }
    for (const o of data.obligations.filter((x) => x.kind === 'minutes-circulated')) {
      const n = Number(/core-group-(\d+)$/.exec(o.obligationId)?.[1]);
      const h = heldOn.get(n);
      if (!h || h < from || h >= end) continue;
      held++;
      if (o.doneOn && o.doneOn <= o.due) minutesOnTime++;
      else if (o.doneOn) minutesLate++;
    }
    for (const reports of data.reports) {
      requested += reports.length;
      inBefore += reports.filter((r) => r.status === 'submitted').length;
    }
  }
  const caseCount = run.caseIds.filter(Boolean).length;
  const sent = run.messages.teams + run.messages.feed + run.messages.mail + run.messages.calendar;
  return {
    strategy: run.strategy,
    coreGroups: {
      due,
      inWindow,
      inWindowShare: share(inWindow, due),
      late: lateDays.length,
      lateWorkingDays,
      lateMedianWorkingDays: median(lateDays),
      neverHeld,
      lateAlthoughCompliantSlotSeen: lateAlthough,
      lateAlthoughNoneLeftAfterLoss: noneLeft,
      cancelled,
      moved: run.moves,
      viceChairsAdded: run.cover.viceChairsAdded,
      viceChairsOffered: run.cover.viceChairsOffered,
      chairedByViceChair: run.cover.chairedByViceChair,
    },
    minutes: {
      held,
      circulatedOnTime: minutesOnTime,
      onTimeShare: share(minutesOnTime, held),
      circulatedLate: minutesLate,
      notCirculated: held - minutesOnTime - minutesLate,
    },
    updates: { requested, inBeforeMeeting: inBefore, share: share(inBefore, requested) },
    noCompliantSlot: {
      times: noSlot,
      warnedAhead: warned.length,
      warnedAheadWorkingDays: warned.length ? { min: Math.min(...warned), median: median(warned) as number, max: Math.max(...warned) } : null,
    },
    messages: {
      teams: run.messages.teams,
      cardsUpdated: run.messages.updated,
      feed: run.messages.feed,
      mail: run.messages.mail,
      calendar: run.messages.calendar,
      perCase: caseCount ? Math.round((sent / caseCount) * 10) / 10 : 0,
      byTopic: run.messages.byTopic,
      deadLettered: run.messages.dead,
    },
    byMonth: [...months.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([month, m]) => ({ month, ...m })),
  };
}
