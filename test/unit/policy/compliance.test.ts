import { LocalDate } from '../../../src/domain/calendar/local-date';
import { workingCalendar } from '../../../src/domain/calendar/working-days';
import { assess, assessCompliance, builtInRegistry, calendarFor, Obligation, planObligations } from '../../../src/domain/policy';

const calendar = workingCalendar({ region: 'england-and-wales' });
const due = (d: string, doneOn?: string): Obligation => ({
  id: 'core-group-1',
  kind: 'core-group',
  due: d as LocalDate,
  ...(doneOn ? { doneOn: doneOn as LocalDate } : {}),
  rule: 'test.rule',
  source: { id: 'x', title: 'test', label: 'test' },
  explanation: 'test',
});
const today = (d: string) => d as LocalDate;

describe('compliance', () => {
  it('is met when done on or before the due day', () => {
    expect(assess(due('2027-01-06', '2027-01-06'), today('2027-02-01'), calendar)).toEqual({ status: 'met' });
    expect(assess(due('2027-01-06', '2027-01-04'), today('2027-01-05'), calendar)).toEqual({ status: 'met' });
  });

  it('is met-late with the calendar days late when done after the due day', () => {
    expect(assess(due('2027-01-06', '2027-01-11'), today('2027-02-01'), calendar)).toEqual({ status: 'met-late', daysLate: 5, workingDaysLate: 3 });
  });

  it('is booked-late, never on track, when booked for a day after its deadline', () => {
    const bookedOn = new Map([['core-group-1', '2027-01-11' as LocalDate]]);
    expect(assess(due('2027-01-06'), today('2027-01-04'), calendar, { bookedOn })).toEqual({
      status: 'booked-late',
      daysLate: 5,
      workingDaysLate: 3,
      bookedOn: '2027-01-11',
    });
    // Booked inside the window: the usual due-soon; once the day has passed unheld: overdue, whatever the booking.
    expect(assess(due('2027-01-06'), today('2027-01-04'), calendar, { bookedOn: new Map([['core-group-1', '2027-01-05' as LocalDate]]) }).status).toBe(
      'due-soon',
    );
    expect(assess(due('2027-01-06'), today('2027-01-08'), calendar, { bookedOn }).status).toBe('overdue');
  });

  it('is overdue once the due day has passed without it being done', () => {
    expect(assess(due('2027-01-06'), today('2027-01-07'), calendar)).toEqual({ status: 'overdue', daysLate: 1, workingDaysLate: 1 });
  });

  it('is due-soon within 5 working days (the due day itself included) and upcoming before that', () => {
    expect(assess(due('2027-01-06'), today('2027-01-06'), calendar)).toEqual({ status: 'due-soon', workingDaysLeft: 0 });
    // From Wed 30 Dec 2026 to Wed 6 Jan 2027: 31 Dec, 4, 5, 6 Jan (1 Jan is a bank holiday).
    expect(assess(due('2027-01-06'), today('2026-12-30'), calendar)).toEqual({ status: 'due-soon', workingDaysLeft: 4 });
    expect(assess(due('2027-01-06'), today('2026-12-18'), calendar)).toEqual({ status: 'upcoming', workingDaysLeft: 10 });
    expect(assess(due('2027-01-06'), today('2026-12-30'), calendar, { dueSoonWorkingDays: 2 })).toEqual({ status: 'upcoming', workingDaysLeft: 4 });
  });

  it('assesses a whole plan against a pinned day', () => {
    const profile = builtInRegistry.get('england');
    const obligations = planObligations(profile, { icpc: '2026-12-18', coreGroupsHeld: ['2027-01-07'] });
    const assessed = assessCompliance(obligations, today('2027-02-01'), calendarFor(profile));
    const status = (id: string) => assessed.find((o) => o.id === id)?.compliance;
    expect(status('core-group-1')).toEqual({ status: 'met-late', daysLate: 1, workingDaysLate: 1 });
    expect(status('core-group-2')).toEqual({ status: 'overdue', daysLate: 3, workingDaysLate: 1 });
    expect(status('minutes-to-manager-core-group-2')).toEqual({ status: 'due-soon', workingDaysLeft: 4 });
    expect(status('review-conference-1')).toMatchObject({ status: 'upcoming' });
  });
});
