import { LocalDate } from '../../../src/domain/calendar/local-date';
import { DomainError } from '../../../src/domain/errors';
import { ensureBookedInOrder } from '../../../src/domain/meeting/held-order';
import { Meeting } from '../../../src/domain/meeting/meeting';
import { catchError } from '../../support/catch-error';

const cg = (number: number, more: Partial<Meeting> = {}): Meeting => ({
  id: `cg${number}`,
  caseId: 'c',
  number,
  due: '2027-03-01' as LocalDate,
  rule: 'r',
  finalBeforeReview: false,
  status: 'planned',
  version: 1,
  ...more,
});
const booked = (number: number, startsAt: string) => cg(number, { status: 'booked', startsAt, endsAt: startsAt });

/** Core groups are booked in order: each on a later day than the one before, earlier than the one after. One line a case. */
describe('core groups booked in their order', () => {
  const series = [cg(1, { status: 'held', heldOn: '2027-01-05' as LocalDate }), booked(2, '2027-02-02T10:00:00Z'), cg(3), booked(4, '2027-04-06T10:00:00Z')];
  const cases: [string, Meeting, string, string | undefined][] = [
    ['core group 3 between 2 and 4', cg(3), '2027-03-02T10:00:00Z', undefined],
    [
      'core group 3 the same day as 2, later in it',
      cg(3),
      '2027-02-02T14:00:00Z',
      'Core group 3 must be on a later day than core group 2 (booked for Tue 2 Feb 2027). Choose a later day, or move core group 2 first.',
    ],
    [
      'core group 3 before 2',
      cg(3),
      '2027-01-20T10:00:00Z',
      'Core group 3 must be on a later day than core group 2 (booked for Tue 2 Feb 2027). Choose a later day, or move core group 2 first.',
    ],
    [
      'core group 3 after 4',
      cg(3),
      '2027-04-07T10:00:00Z',
      'Core group 3 must be on an earlier day than core group 4 (booked for Tue 6 Apr 2027). Choose an earlier day, or move core group 4 first.',
    ],
    [
      'core group 2 moved before 1 was held',
      series[1]!,
      '2027-01-04T10:00:00Z',
      'Core group 2 must be on a later day than core group 1 (held Tue 5 Jan 2027). Choose a later day.',
    ],
    ['core group 2 moved within its place', series[1]!, '2027-02-09T10:00:00Z', undefined],
    // 23:30 on 1 Feb in UTC is 1 Feb in London (GMT): a day before core group 2's.
    [
      'judged by the day in London',
      cg(3),
      '2027-02-01T23:30:00Z',
      'Core group 3 must be on a later day than core group 2 (booked for Tue 2 Feb 2027). Choose a later day, or move core group 2 first.',
    ],
  ];
  it.each(cases)('%s', (_what, meeting, startsAt, refusal) => {
    if (!refusal) return expect(() => ensureBookedInOrder(meeting, series, startsAt)).not.toThrow();
    const error = catchError(() => ensureBookedInOrder(meeting, series, startsAt));
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).message).toBe(refusal);
    expect((error as DomainError).fields.map((f) => f.field)).toEqual(['startsAt']);
  });

  it('is not held up by a cancelled core group, or one not yet booked', () => {
    expect(() =>
      ensureBookedInOrder(cg(3), [cg(2), cg(2, { id: 'x', status: 'cancelled', startsAt: '2027-05-01T10:00:00Z' })], '2027-01-10T10:00:00Z'),
    ).not.toThrow();
  });
});
