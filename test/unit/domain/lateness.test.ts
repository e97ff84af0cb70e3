import { LocalDate } from '../../../src/domain/calendar/local-date';
import { workingCalendar } from '../../../src/domain/calendar/working-days';
import { DomainError } from '../../../src/domain/errors';
import { ensureWorkingTime, outsideWorkingTime } from '../../../src/domain/meeting/booking-time';
import { caseLateness, describeLateness, meetingLateness } from '../../../src/domain/meeting/lateness';
import { Meeting } from '../../../src/domain/meeting/meeting';
import { catchError } from '../../support/catch-error';

const calendar = workingCalendar({ region: 'england-and-wales' });
const day = (d: string) => d as LocalDate;
type Facts = Pick<Meeting, 'number' | 'status' | 'due' | 'startsAt' | 'heldOn' | 'lateReason'>;
const cg = (number: number, due: string, more: Partial<Facts> = {}): Facts => ({ number, status: 'planned', due: day(due), ...more });

describe('lateness of core groups', () => {
  // CP-DEMO-001's first core group: window ends Thu 10 Dec 2026. One line a case.
  const cases: [string, Facts, string, string | undefined][] = [
    ['booked inside the window', cg(1, '2026-12-10', { status: 'booked', startsAt: '2026-12-09T10:00:00Z' }), '2026-12-01', undefined],
    [
      'moved to 15 Dec, after the window',
      cg(1, '2026-12-10', { status: 'booked', startsAt: '2026-12-15T10:00:00Z' }),
      '2026-12-01',
      'Core group 1 booked 3 working days late',
    ],
    [
      'booked late with the chair’s reason',
      cg(1, '2026-12-10', { status: 'booked', startsAt: '2026-12-11T10:00:00Z', lateReason: 'Mother in hospital until 11th' }),
      '2026-12-01',
      'Core group 1 booked 1 working day late (reason: Mother in hospital until 11th)',
    ],
    [
      'booked for 23:30 GMT on the deadline day in winter',
      cg(1, '2026-12-10', { status: 'booked', startsAt: '2026-12-10T23:30:00Z' }),
      '2026-12-01',
      undefined,
    ],
    [
      'booked for 00:30 BST on the day after a June deadline (23:30 UTC the day before)',
      cg(1, '2026-06-10', { status: 'booked', startsAt: '2026-06-10T23:30:00Z' }),
      '2026-06-01',
      'Core group 1 booked 1 working day late',
    ],
    ['held inside the window', cg(1, '2026-12-10', { status: 'held', heldOn: day('2026-12-10') }), '2027-01-05', undefined],
    ['held after it', cg(1, '2026-12-10', { status: 'held', heldOn: day('2026-12-14') }), '2027-01-05', 'Core group 1 held 2 working days late'],
    [
      'not held once the deadline passed, though booked later (the booking said beside it)',
      cg(1, '2026-12-10', { status: 'booked', startsAt: '2026-12-15T10:00:00Z' }),
      '2026-12-11',
      'Core group 1 1 working day overdue; booked for Tue 15 Dec 2026',
    ],
    [
      "overdue and booked with the chair's reason",
      cg(1, '2026-12-10', { status: 'booked', startsAt: '2026-12-15T10:00:00Z', lateReason: 'Chair on leave' }),
      '2026-12-11',
      'Core group 1 1 working day overdue; booked for Tue 15 Dec 2026 (reason: Chair on leave)',
    ],
    ['overdue and not booked', cg(1, '2026-12-10', { status: 'planned' }), '2026-12-14', 'Core group 1 2 working days overdue'],
    [
      'a Friday deadline with a Saturday booking',
      cg(1, '2026-12-11', { status: 'booked', startsAt: '2026-12-12T10:00:00Z' }),
      '2026-12-01',
      'Core group 1 booked 1 working day late',
    ],
    ['cancelled', cg(1, '2026-12-10', { status: 'cancelled' }), '2026-12-20', undefined],
  ];
  it.each(cases)('%s', (_, meeting, today, words) => {
    const late = meetingLateness(meeting, day(today), calendar);
    expect(late ? describeLateness(late) : undefined).toBe(words);
  });

  it('makes a case late for the earliest core group overdue or booked late, else its last held one if held late', () => {
    const today = day('2027-01-05');
    expect(
      caseLateness(
        [cg(1, '2026-12-10', { status: 'held', heldOn: day('2026-12-14') }), cg(2, '2027-01-07', { status: 'booked', startsAt: '2027-01-20T10:00:00Z' })],
        today,
        calendar,
      ),
    ).toMatchObject({ kind: 'booked-late', number: 2, workingDaysLate: 9 });
    expect(
      caseLateness(
        [cg(1, '2026-12-10', { status: 'held', heldOn: day('2026-12-14') }), cg(2, '2027-01-07', { status: 'booked', startsAt: '2027-01-06T10:00:00Z' })],
        today,
        calendar,
      ),
    ).toMatchObject({ kind: 'held-late', number: 1 });
    // Once a later core group is held in time, the case is back on track.
    expect(
      caseLateness(
        [cg(1, '2026-12-10', { status: 'held', heldOn: day('2026-12-14') }), cg(2, '2027-01-07', { status: 'held', heldOn: day('2027-01-05') })],
        today,
        calendar,
      ),
    ).toBeUndefined();
  });
});

describe('booking in working time', () => {
  const hours = { start: '09:30', end: '16:30' };
  const refused: [string, string, string, string][] = [
    ['a Saturday at 03:00', '2027-01-09T03:00:00Z', '2027-01-09T04:30:00Z', 'Sat 9 Jan 2027 is a weekend; 03:00–04:30 is outside working hours (09:30–16:30)'],
    ['a bank holiday', '2026-12-28T10:00:00Z', '2026-12-28T11:30:00Z', 'Mon 28 Dec 2026 is a bank holiday (Boxing Day)'],
    ['an evening', '2027-01-06T17:00:00Z', '2027-01-06T18:30:00Z', '17:00–18:30 is outside working hours (09:30–16:30)'],
    ['09:00 BST in summer (08:00 UTC)', '2027-06-08T08:00:00Z', '2027-06-08T09:30:00Z', '09:00–10:30 is outside working hours (09:30–16:30)'],
  ];
  it.each(refused)('refuses %s, saying why', (_, startsAt, endsAt, words) => {
    expect(
      outsideWorkingTime({ startsAt, endsAt }, calendar, hours)
        .map((p) => p.problem)
        .join('; '),
    ).toContain(words);
    const error = catchError(() => ensureWorkingTime({ startsAt, endsAt }, calendar, hours)) as DomainError;
    expect(error.code).toBe('MEETING.OUTSIDE_WORKING_TIME');
    expect(error.fields.map((f) => f.field)).toContain('outsideHoursReason');
  });

  it('accepts working hours in UK time, and anything with a reason', () => {
    expect(outsideWorkingTime({ startsAt: '2027-06-08T08:30:00Z', endsAt: '2027-06-08T10:00:00Z' }, calendar, hours)).toEqual([]); // 09:30 BST
    expect(outsideWorkingTime({ startsAt: '2027-01-06T15:00:00Z', endsAt: '2027-01-06T16:30:00Z' }, calendar, hours)).toEqual([]);
    expect(() =>
      ensureWorkingTime(
        { startsAt: '2027-01-06T17:00:00Z', endsAt: '2027-01-06T18:30:00Z', outsideHoursReason: 'Father works days; family asked for 5pm' },
        calendar,
        hours,
      ),
    ).not.toThrow();
  });
});
