import { holidayCalendar, HolidaySource, SNAPSHOT } from '../calendar/bank-holidays';
import { formatShort, isoWeekdayIndex, LocalDate, toEpochDay } from '../calendar/local-date';
import { REGION_NAMES } from '../calendar/region';
import { SkippedDay, WorkingCalendar } from '../calendar/working-days';
import { listed } from '../listed';

/**
 * Names the non-working weekdays among skipped days, so a chair can check the count by hand:
 * "25 Dec and 28 Dec 2026 are bank holidays in England and Wales (Christmas Day, Boxing Day)".
 */
export function describeSkipped(skipped: readonly SkippedDay[], calendar: WorkingCalendar, contextYear: string): string[] {
  const holidays = skipped.filter((s) => s.reason.kind === 'bank-holiday');
  const closures = skipped.filter((s) => s.reason.kind === 'closure');
  const parts: string[] = [];
  if (holidays.length) {
    const dates = listed(holidays.map((h) => formatShort(h.date, contextYear)));
    const names = [...new Set(holidays.map((h) => (h.reason.kind === 'bank-holiday' ? h.reason.holiday.title : '')))];
    const verb = holidays.length === 1 ? 'is a bank holiday' : 'are bank holidays';
    parts.push(`${dates} ${verb} in ${REGION_NAMES[calendar.region]} (${names.join(', ')})`);
  }
  if (closures.length) {
    const dates = listed(closures.map((c) => formatShort(c.date, contextYear)));
    const reasons = [...new Set(closures.map((c) => (c.reason.kind === 'closure' ? c.reason.closure.reason : '')))];
    parts.push(`${dates} ${closures.length === 1 ? 'is a local closure day' : 'are local closure days'} (${reasons.join(', ')})`);
  }
  return parts;
}

/**
 * Says where bank holidays came from when any year relied on the rule-based fallback. The snapshot's
 * date is given as when GOV.UK last changed it, so it is not read as the end of what it covers.
 */
export function describeHolidaySources(calendar: WorkingCalendar, from: LocalDate, to: LocalDate): string | undefined {
  if (calendar.holidaySource(from) === 'gov-uk' && calendar.holidaySource(to) === 'gov-uk') return undefined;
  const ruleYears = [...calendar.holidaySources(from, to)].filter(([, s]) => s === ('rule' satisfies HolidaySource)).map(([y]) => y);
  if (!ruleYears.length) return undefined;
  const { first, last } = holidayCalendar(calendar.region).snapshotYears;
  const changed = formatShort(SNAPSHOT.lastChanged as LocalDate, '');
  return `Bank holidays for ${listed(ruleYears.map(String))} are computed by rule, because the GOV.UK list shipped with Core Groups covers ${first} to ${last} (it last changed on ${changed}).`;
}

// Epoch day 2 (3 Jan 1970) was a Saturday.
const SATURDAY = 2;
const saturdaysUpTo = (day: number): number => Math.floor((day - SATURDAY) / 7);

/**
 * How many weekends fall, wholly or partly, in (from, to]: each Saturday in it, and a Sunday that
 * opens it. Arithmetic rather than a walk, because every working-day explanation asks.
 */
export function weekendsBetween(from: LocalDate, to: LocalDate): number {
  const a = toEpochDay(from);
  const b = toEpochDay(to);
  if (b <= a) return 0;
  return saturdaysUpTo(b) - saturdaysUpTo(a) + (isoWeekdayIndex(a + 1) === 6 ? 1 : 0);
}

const skippedMemo = new WeakMap<WorkingCalendar, Map<number, readonly string[]>>();

/**
 * describeSkipped over (from, to], remembered per calendar: cases share days (fifty cases with an
 * ICPC on the same day skip the same holidays), and this is the costly part of an explanation.
 */
export function describeSkippedBetween(calendar: WorkingCalendar, from: LocalDate, to: LocalDate): readonly string[] {
  let memo = skippedMemo.get(calendar);
  if (!memo) skippedMemo.set(calendar, (memo = new Map()));
  // Two day numbers in one safe integer: days since 1970 stay far below 2^26 for millennia.
  const key = toEpochDay(from) * 67_108_864 + toEpochDay(to);
  let described = memo.get(key);
  if (!described) {
    described = describeSkipped(calendar.skippedBetween(from, to), calendar, from.slice(0, 4));
    if (memo.size >= 200_000) memo.clear();
    memo.set(key, described);
  }
  return described;
}
