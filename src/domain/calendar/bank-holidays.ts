import Holidays from 'date-holidays';
import snapshot from './uk-bank-holidays.json';
import { fromEpochDay, isWeekend, LocalDate, toEpochDay } from './local-date';
import { Region } from './region';

/**
 * Where a year's bank holidays came from. GOV.UK's published list is authoritative (it has one-off
 * holidays such as Scotland's 15 June 2026); for years it does not yet cover we compute them by rule
 * and say so in every explanation that relies on them.
 */
export type HolidaySource = 'gov-uk' | 'rule';

export interface BankHoliday {
  readonly date: LocalDate;
  readonly title: string;
  readonly source: HolidaySource;
}

/** Provenance of the shipped snapshot: see src/domain/calendar/README.md. */
export const SNAPSHOT = {
  name: 'GOV.UK bank holidays (alphagov/frontend lib/data/bank-holidays.json)',
  lastChanged: '2026-02-25',
  licence: 'Open Government Licence v3.0',
} as const;

interface GovUkFeed {
  readonly [division: string]: { readonly events: readonly { readonly title: string; readonly date: string }[] };
}

/** date-holidays' state codes for each division (England's list serves England and Wales). */
const RULE_STATE: Record<Region, string> = {
  'england-and-wales': 'ENG',
  scotland: 'SCT',
  'northern-ireland': 'NIR',
};

export interface HolidayCalendar {
  readonly region: Region;
  /** The bank holiday on this day, or undefined. */
  holidayOn(epochDay: number): BankHoliday | undefined;
  /** Which source covers the year of this day. */
  sourceFor(year: number): HolidaySource;
  readonly snapshotYears: { readonly first: number; readonly last: number };
}

function snapshotFor(region: Region): Map<number, BankHoliday> {
  const feed = snapshot as GovUkFeed;
  const events = feed[region]?.events ?? [];
  return new Map(events.map((e) => [toEpochDay(e.date as LocalDate), { date: e.date as LocalDate, title: e.title, source: 'gov-uk' as const }]));
}

/**
 * date-holidays' names in GOV.UK's form, so an explanation names a holiday the same way whichever
 * source gave it: curly apostrophes ("New Year’s Day"), "2nd January", and no "(substitute day)",
 * which GOV.UK keeps out of the title (a substitute is named for the holiday it stands in for).
 */
export function govUkTitle(ruleName: string): string {
  return ruleName
    .replace(/ \(substitute day\)$/, '')
    .replace(/'/g, '’')
    .replace(/^January 2nd$/, '2nd January');
}

/** Scotland's two New Year holidays, which GOV.UK names in date order on whichever days they fall. */
const NEW_YEAR_PAIR = ['New Year’s Day', '2nd January'];

/**
 * date-holidays lists a holiday on its weekend date and again on its weekday substitute; only public
 * holidays that fall Monday to Friday close an office, so the weekend entries are dropped here.
 */
export function ruleBasedHolidays(region: Region, year: number): BankHoliday[] {
  const holidays = new Holidays('GB', RULE_STATE[region]);
  const weekdays = holidays
    .getHolidays(year)
    .filter((h) => h.type === 'public')
    .map((h) => ({ date: h.date.slice(0, 10) as LocalDate, title: govUkTitle(h.name), source: 'rule' as const }))
    .filter((h) => !isWeekend(h.date));
  // When 1 or 2 January is a weekend, date-holidays names the substitutes the other way round
  // from GOV.UK (2023: it calls Mon 2 Jan "January 2nd"; GOV.UK calls it New Year’s Day).
  const newYear = weekdays
    .filter((h) => NEW_YEAR_PAIR.includes(h.title))
    .map((h) => h.date)
    .sort();
  if (newYear.length !== 2) return weekdays;
  return weekdays.map((h) => (NEW_YEAR_PAIR.includes(h.title) ? { ...h, title: NEW_YEAR_PAIR[newYear.indexOf(h.date)] as string } : h));
}

const cache = new Map<Region, HolidayCalendar>();

/** One calendar per region, built once: the snapshot is parsed and rule years computed lazily. */
export function holidayCalendar(region: Region): HolidayCalendar {
  const existing = cache.get(region);
  if (existing) return existing;
  const published = snapshotFor(region);
  const years = [...published.values()].map((h) => Number(h.date.slice(0, 4)));
  const snapshotYears = { first: Math.min(...years), last: Math.max(...years) };
  const ruleYears = new Map<number, Map<number, BankHoliday>>();

  const sourceFor = (year: number): HolidaySource => (year >= snapshotYears.first && year <= snapshotYears.last ? 'gov-uk' : 'rule');
  // Bounds as day numbers keep the hot path (every day a working-day loop visits) free of string work.
  const firstDay = toEpochDay(`${snapshotYears.first}-01-01` as LocalDate);
  const lastDay = toEpochDay(`${snapshotYears.last}-12-31` as LocalDate);

  const calendar: HolidayCalendar = {
    region,
    snapshotYears,
    sourceFor,
    holidayOn(epochDay) {
      if (epochDay >= firstDay && epochDay <= lastDay) return published.get(epochDay);
      const year = Number(fromEpochDay(epochDay).slice(0, 4));
      let computed = ruleYears.get(year);
      if (!computed) {
        computed = new Map(ruleBasedHolidays(region, year).map((h) => [toEpochDay(h.date), h]));
        ruleYears.set(year, computed);
      }
      return computed.get(epochDay);
    },
  };
  cache.set(region, calendar);
  return calendar;
}
