import {
  addDays,
  addMonths,
  addWeeks,
  daysBetween,
  formatLong,
  isLocalDate,
  LocalDate,
  parseLocalDate,
  weekdayOf,
} from '../../../src/domain/calendar/local-date';
import { DomainError } from '../../../src/domain/errors';

const d = (s: string) => parseLocalDate(s);

describe('LocalDate', () => {
  it('accepts real ISO days and rejects impossible or badly written ones', () => {
    expect(isLocalDate('2028-02-29')).toBe(true);
    expect(isLocalDate('2027-02-29')).toBe(false);
    expect(isLocalDate('2026-13-01')).toBe(false);
    expect(isLocalDate('2026-1-5')).toBe(false);
    expect(isLocalDate('2026-01-05T00:00')).toBe(false);
  });

  it('names the field (in fields, for programs) when a date is invalid; the message a person reads names no field and no format', () => {
    expect(() => parseLocalDate('2026-02-30', 'icpc')).toThrow(DomainError);
    expect(() => parseLocalDate('2026-02-30', 'icpc')).toThrow('The date must be a real date (got "2026-02-30").');
    expect(() => parseLocalDate('2026-02-30', 'icpc')).toThrow(expect.objectContaining({ fields: [{ field: 'icpc', problem: 'must be a real date' }] }));
  });

  it('adds days and weeks across month, year and daylight-saving boundaries', () => {
    expect(addDays(d('2026-12-31'), 1)).toBe('2027-01-01');
    expect(addDays(d('2026-03-28'), 2)).toBe('2026-03-30'); // clocks go forward on 29 Mar 2026
    expect(addDays(d('2026-10-24'), 2)).toBe('2026-10-26'); // and back on 25 Oct 2026
    expect(addWeeks(d('2026-12-18'), 6)).toBe('2027-01-29');
    expect(addDays(d('2027-01-29'), -42)).toBe('2026-12-18');
  });

  it('adds calendar months, clamping to the end of a shorter month', () => {
    expect(addMonths(d('2027-01-31'), 1)).toBe('2027-02-28');
    expect(addMonths(d('2028-01-31'), 1)).toBe('2028-02-29');
    expect(addMonths(d('2026-08-31'), 1)).toBe('2026-09-30');
    expect(addMonths(d('2026-11-30'), 3)).toBe('2027-02-28');
    expect(addMonths(d('2026-12-18'), 3)).toBe('2027-03-18');
    expect(addMonths(d('2027-03-31'), -1)).toBe('2027-02-28');
  });

  it('knows weekdays and counts days between', () => {
    expect(weekdayOf(d('2026-12-18'))).toBe('Friday');
    expect(weekdayOf(d('2026-11-24'))).toBe('Tuesday');
    expect(weekdayOf(d('1970-01-01'))).toBe('Thursday');
    expect(daysBetween(d('2026-12-18'), d('2027-01-06'))).toBe(19);
    expect(daysBetween(d('2027-01-06'), d('2026-12-18'))).toBe(-19);
  });

  it('formats days the way explanations show them', () => {
    expect(formatLong('2027-01-06' as LocalDate)).toBe('Wed 6 Jan 2027');
  });
});
