import { LocalDate } from '../../../src/domain/calendar/local-date';
import { workingCalendar } from '../../../src/domain/calendar/working-days';
import { nonWorkingWords } from '../../../src/domain/meeting/booking-time';

/** A day nobody is booked on, in words that follow "… is": the schedule's closed days and a refused booking say the same. */
describe('a day that is not a working day, in words', () => {
  const calendar = workingCalendar({ region: 'england-and-wales', closureDays: [{ date: '2026-12-29' as LocalDate, reason: 'council closed' }] });
  it.each([
    ['a Saturday', '2027-01-02', 'a weekend'],
    ['a bank holiday, by its name', '2026-12-25', 'a bank holiday (Christmas Day)'],
    ['a day the council closes, with its reason', '2026-12-29', 'a day the offices are closed (council closed)'],
  ])('%s', (_, day, words) => {
    expect(nonWorkingWords(calendar.nonWorkingReason(day as LocalDate)!)).toBe(words);
  });
});
