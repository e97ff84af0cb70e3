import { londonTime, meetingWhen } from '../../../bot/views';
import { Meeting } from '../../../src/domain/meeting/meeting';

/** The times cards show are UK wall-clock times, whatever the server's own zone (this runs in two). */
describe('times on cards', () => {
  it.each([
    ['2027-01-05T10:00:00.000Z', 'Tue 5 Jan 2027, 10:00'],
    ['2027-09-14T08:30:00Z', 'Tue 14 Sep 2027, 09:30'],
    // Midnight in London is still the day before in UTC during summer time.
    ['2027-06-30T23:30:00Z', 'Thu 1 Jul 2027, 00:30'],
    // The clocks go forward at 01:00 UTC on Sun 28 Mar 2027 and back at 01:00 UTC on Sun 31 Oct 2027.
    ['2027-03-28T00:59:00Z', 'Sun 28 Mar 2027, 00:59'],
    ['2027-03-28T01:00:00Z', 'Sun 28 Mar 2027, 02:00'],
    ['2027-10-31T00:30:00Z', 'Sun 31 Oct 2027, 01:30'],
    ['2027-10-31T01:30:00Z', 'Sun 31 Oct 2027, 01:30'],
    ['2026-12-31T23:59:00Z', 'Thu 31 Dec 2026, 23:59'],
  ])('shows %s as "%s"', (iso, shown) => {
    expect(londonTime(iso)).toBe(shown);
  });

  it('gives a booked core group its day, start and end, and an unbooked one its deadline', () => {
    const booked = { startsAt: '2027-07-06T09:00:00Z', endsAt: '2027-07-06T10:30:00Z', due: '2027-07-07' } as Meeting;
    expect(meetingWhen(booked)).toBe('Tue 6 Jul 2027, 10:00–11:30');
    expect(meetingWhen({ due: '2027-01-06' } as Meeting)).toBe('not booked yet; due by Wed 6 Jan 2027');
  });
});
