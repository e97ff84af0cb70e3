import type { ScheduleView } from '../../tab/src/api-types';
import { proposeInOrder } from '../../tab/src/series-page';

type Slot = ScheduleView['slots'][number];
const slot = (day: string, afterDeadline = false): Slot => ({
  start: `${day}T10:00:00Z`,
  end: `${day}T11:30:00Z`,
  day,
  afterDeadline,
  canGoAhead: true,
  leavesRoom: true,
  free: [],
  busy: [],
  unknown: [],
});
const view = (...slots: Slot[]) => ({ slots }) as unknown as ScheduleView;

/** The series page proposes one time per core group, in their order: never two on one day, never the later first. */
describe('the series of core groups proposed in order', () => {
  it('gives two overdue core groups whose soonest time is the same day different, consecutive days', () => {
    const late = [slot('2026-11-30', true), slot('2026-12-01', true), slot('2026-12-02', true)];
    expect(proposeInOrder([view(...late), view(...late)])).toEqual([0, 1]);
  });

  it('takes the first time inside the deadline on a later day than the one before', () => {
    const second = view(slot('2027-01-05'), slot('2027-01-20'), slot('2027-01-22', true));
    expect(proposeInOrder([view(slot('2027-01-12')), second])).toEqual([0, 1]);
  });

  it('falls back to a late time on a later day, and to its own first when there is none', () => {
    expect(proposeInOrder([view(slot('2027-01-12')), view(slot('2027-01-05'), slot('2027-01-14', true))])).toEqual([0, 1]);
    expect(proposeInOrder([view(slot('2027-01-12')), view(slot('2027-01-05'))])).toEqual([0, 0]);
  });
});
