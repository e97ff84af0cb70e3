import { holidayCalendar, ruleBasedHolidays, SNAPSHOT } from '../../../src/domain/calendar/bank-holidays';
import { LocalDate, parseLocalDate } from '../../../src/domain/calendar/local-date';
import { Region } from '../../../src/domain/calendar/region';
import { workingCalendar } from '../../../src/domain/calendar/working-days';
import snapshot from '../../../src/domain/calendar/uk-bank-holidays.json';

const d = (s: string) => parseLocalDate(s);
const cal = (region: Region) => workingCalendar({ region });
const ew = cal('england-and-wales');
const scot = cal('scotland');
const ni = cal('northern-ireland');

describe('working days: worked examples', () => {
  it('counts the ICPC as day 0 and skips Christmas, the substitute Boxing Day and New Year (POLICY.md)', () => {
    // Fri 18 Dec 2026: 21–24 Dec are days 1–4; 25 Dec and Mon 28 Dec (Boxing Day falls on a Saturday)
    // are bank holidays; 29–31 Dec are days 5–7; 1 Jan 2027 is a holiday; 4, 5, 6 Jan are days 8–10.
    expect(ew.addWorkingDays(d('2026-12-18'), 10)).toBe('2027-01-06');
    expect(ew.isWorkingDay(d('2026-12-28'))).toBe(false);
    expect(ew.nonWorkingReason(d('2026-12-28'))).toMatchObject({ kind: 'bank-holiday', holiday: { title: 'Boxing Day', source: 'gov-uk' } });
    expect(ew.workingDaysBetween(d('2026-12-18'), d('2027-01-06'))).toBe(10);
  });

  it('skips weekends', () => {
    expect(ew.addWorkingDays(d('2026-11-20'), 1)).toBe('2026-11-23'); // Fri → Mon
    expect(ew.addWorkingDays(d('2026-11-21'), 1)).toBe('2026-11-23'); // Sat → Mon
    expect(ew.addWorkingDays(d('2026-11-24'), 0)).toBe('2026-11-24');
  });

  it('skips Good Friday and Easter Monday in England and Wales, but only Good Friday in Scotland', () => {
    expect(ew.addWorkingDays(d('2027-03-25'), 1)).toBe('2027-03-30');
    expect(scot.addWorkingDays(d('2027-03-25'), 1)).toBe('2027-03-29');
  });

  it('skips the early May and spring bank holidays', () => {
    expect(ew.addWorkingDays(d('2026-05-01'), 1)).toBe('2026-05-05');
    expect(ew.addWorkingDays(d('2026-05-22'), 1)).toBe('2026-05-26');
  });

  it("skips St Patrick's Day and the Twelfth (with substitute days) in Northern Ireland only", () => {
    expect(ni.addWorkingDays(d('2026-03-16'), 1)).toBe('2026-03-18');
    expect(ew.addWorkingDays(d('2026-03-16'), 1)).toBe('2026-03-17');
    // 12 July 2025 was a Saturday and 12 July 2026 a Sunday: the holiday moved to the Monday.
    expect(ni.addWorkingDays(d('2025-07-11'), 1)).toBe('2025-07-15');
    expect(ni.addWorkingDays(d('2026-07-10'), 1)).toBe('2026-07-14');
    expect(ew.addWorkingDays(d('2026-07-10'), 1)).toBe('2026-07-13');
  });

  it("skips Scotland's 2 January and its one-off 15 June 2026 holiday", () => {
    expect(scot.addWorkingDays(d('2025-12-31'), 1)).toBe('2026-01-05');
    expect(ew.addWorkingDays(d('2025-12-31'), 1)).toBe('2026-01-02');
    expect(scot.addWorkingDays(d('2026-06-12'), 1)).toBe('2026-06-16');
  });

  it('skips local closure days a profile adds', () => {
    const closed = workingCalendar({
      region: 'england-and-wales',
      closureDays: ['2026-12-29', '2026-12-30', '2026-12-31'].map((date) => ({ date: date as LocalDate, reason: 'council closed' })),
    });
    expect(closed.addWorkingDays(d('2026-12-18'), 10)).toBe('2027-01-11');
    expect(closed.nonWorkingReason(d('2026-12-30'))).toEqual({ kind: 'closure', closure: { date: '2026-12-30', reason: 'council closed' } });
  });

  it('moves to the working day on or before / on or after a non-working day', () => {
    expect(ew.onOrBefore(d('2026-12-28'))).toBe('2026-12-24');
    expect(ew.onOrAfter(d('2026-12-25'))).toBe('2026-12-29');
    expect(ew.onOrBefore(d('2026-11-24'))).toBe('2026-11-24');
    expect(ew.subtractWorkingDays(d('2027-01-06'), 10)).toBe('2026-12-18');
  });

  it('lists the days it skipped, with why', () => {
    const skipped = ew.skippedBetween(d('2026-12-24'), d('2026-12-29'));
    expect(skipped.map((s) => [s.date, s.reason.kind])).toEqual([
      ['2026-12-25', 'bank-holiday'],
      ['2026-12-26', 'weekend'],
      ['2026-12-27', 'weekend'],
      ['2026-12-28', 'bank-holiday'],
    ]);
  });

  it('rejects a negative or fractional count', () => {
    expect(() => ew.addWorkingDays(d('2026-12-18'), -1)).toThrow(RangeError);
    expect(() => ew.addWorkingDays(d('2026-12-18'), 1.5)).toThrow(RangeError);
  });
});

describe('bank holiday sources', () => {
  it('uses the GOV.UK snapshot for the years it covers and the rules beyond, saying which', () => {
    const hols = holidayCalendar('england-and-wales');
    expect(hols.snapshotYears).toEqual({ first: 2019, last: 2028 });
    expect(hols.sourceFor(2028)).toBe('gov-uk');
    expect(hols.sourceFor(2029)).toBe('rule');
    // 2029: Christmas Tuesday, Boxing Day Wednesday, both computed by rule.
    expect(ew.addWorkingDays(d('2029-12-24'), 1)).toBe('2029-12-27');
    expect(ew.nonWorkingReason(d('2029-12-25'))).toMatchObject({ kind: 'bank-holiday', holiday: { source: 'rule' } });
    expect(SNAPSHOT.lastChanged).toBe('2026-02-25');
  });

  it('drops weekend entries from the rule-based list (the substitute weekday is listed too)', () => {
    // Christmas 2032 is a Saturday: the rules list 25, 26 (Sun), 27 and 28 Dec; only the weekdays close offices.
    const dec2032 = ruleBasedHolidays('england-and-wales', 2032).filter((h) => h.date.startsWith('2032-12'));
    expect(dec2032.map((h) => h.date)).toEqual(['2032-12-27', '2032-12-28']);
  });

  // An explanation names a holiday the same way in 2028 (GOV.UK) and 2029 (rules): same titles,
  // curly apostrophes, Scotland's New Year pair in GOV.UK's order, no "(substitute day)".
  it.each<[Region]>([['england-and-wales'], ['scotland'], ['northern-ireland']])(
    'the rule-based names are GOV.UK’s titles for %s, one-off royal holidays apart',
    (region) => {
      const feed = snapshot as Record<string, { events: { date: string; title: string }[] }>;
      const published = new Map((feed[region]?.events ?? []).map((e) => [e.date, e.title]));
      const ROYAL = ['2022-06-02', '2022-06-03', '2022-09-19', '2023-05-08'];
      const differ = [...new Set([...published.keys()].map((d) => Number(d.slice(0, 4))))]
        .flatMap((y) => ruleBasedHolidays(region, y))
        .filter((h) => published.has(h.date) && !ROYAL.includes(h.date) && published.get(h.date) !== h.title)
        .map((h) => `${h.date}: ${h.title} / ${published.get(h.date)}`);
      expect(differ).toEqual([]);
    },
  );

  it.each<[Region]>([['england-and-wales'], ['scotland'], ['northern-ireland']])(
    'the rule-based source agrees with the GOV.UK snapshot for %s except for one-off holidays',
    (region) => {
      const feed = snapshot as Record<string, { events: { date: string }[] }>;
      const published = new Set((feed[region]?.events ?? []).map((e) => e.date));
      const years = [...new Set([...published].map((day) => Number(day.slice(0, 4))))];
      const computed = new Set(years.flatMap((y) => ruleBasedHolidays(region, y).map((h) => h.date as string)));
      const onlyPublished = [...published].filter((day) => !computed.has(day));
      const onlyComputed = [...computed].filter((day) => !published.has(day));
      // Scotland's World Cup holiday (15 June 2026) was announced as a one-off: only GOV.UK has it.
      expect(onlyPublished).toEqual(region === 'scotland' ? ['2026-06-15'] : []);
      expect(onlyComputed).toEqual([]);
    },
  );
});
