import { LocalDate } from '../../../src/domain/calendar/local-date';
import { workingCalendar } from '../../../src/domain/calendar/working-days';
import { Attendee, findSlots, lastDayLookedAt, SlotRequest } from '../../../src/domain/scheduling/slot-finder';

const calendar = workingCalendar({ region: 'england-and-wales' });
const request = (over: Partial<SlotRequest> = {}): SlotRequest => ({
  earliest: '2026-10-22' as LocalDate,
  due: '2026-10-27' as LocalDate,
  calendar,
  workingHours: { start: '09:30', end: '16:30' },
  durationMinutes: 90,
  attendees: [],
  notBefore: '2026-10-01T00:00:00Z',
  maxResults: 500,
  ...over,
});

describe('slot finder', () => {
  it('keeps to UK working hours across the clocks going back (25 Oct 2026)', () => {
    const { slots } = findSlots(request());
    const first = (day: string) =>
      slots
        .filter((s) => s.day === day)
        .map((s) => s.start)
        .sort()[0];
    const last = (day: string) =>
      slots
        .filter((s) => s.day === day)
        .map((s) => s.end)
        .sort()
        .pop();
    expect(first('2026-10-23')).toBe('2026-10-23T08:30:00.000Z'); // 09:30 BST
    expect(first('2026-10-26')).toBe('2026-10-26T09:30:00.000Z'); // 09:30 GMT
    expect(last('2026-10-23')).toBe('2026-10-23T15:30:00.000Z'); // ends 16:30 BST
    expect(last('2026-10-26')).toBe('2026-10-26T16:30:00.000Z');
    expect(slots.some((s) => s.day === '2026-10-24' || s.day === '2026-10-25')).toBe(false);
  });

  it('skips bank holidays and offers nothing after the deadline while something fits inside it', () => {
    const { slots, withinDeadline } = findSlots(request({ earliest: '2026-12-24' as LocalDate, due: '2026-12-29' as LocalDate }));
    expect(new Set(slots.map((s) => s.day))).toEqual(new Set(['2026-12-24', '2026-12-29']));
    expect(withinDeadline).toBe(true);
    expect(slots.every((s) => !s.afterDeadline)).toBe(true);
  });

  it('ranks slots by required attendees free, then optional attendees free, then earliest, saying who is busy', () => {
    const attendees: Attendee[] = [
      { id: 'chair', required: true, busy: [{ start: '2026-10-22T08:00:00Z', end: '2026-10-22T12:00:00Z' }] },
      { id: 'hv', required: true, busy: [] },
      { id: 'gp', required: false, busy: [{ start: '2026-10-22T12:00:00Z', end: '2026-10-22T13:00:00Z' }] },
    ];
    const { slots, everyoneRequiredFree } = findSlots(request({ due: '2026-10-22' as LocalDate, attendees, maxResults: 4 }));
    expect(everyoneRequiredFree).toBe(true);
    // 22 Oct is BST: working hours 08:30–15:30 UTC. The chair is free from 12:00 UTC, the GP from 13:00.
    expect(slots.map((s) => [s.start.slice(11, 16), s.busy])).toEqual([
      ['13:00', []],
      ['13:30', []],
      ['14:00', []],
      ['12:00', ['gp']],
    ]);
    expect(slots[0]).toMatchObject({ optionalFree: 1, allRequiredFree: true, requiredFree: 2 });
  });

  it('says so when a required attendee is busy all window, and offers flagged slots just after the deadline', () => {
    const attendees: Attendee[] = [
      { id: 'chair', required: true, busy: [{ start: '2026-10-01T00:00:00Z', end: '2026-10-28T00:00:00Z' }] },
      { id: 'hv', required: true, busy: [] },
    ];
    const result = findSlots(request({ attendees, maxResults: 2 }));
    expect(result.everyoneRequiredFree).toBe(false);
    expect(result.slots.slice(0, 2).every((s) => s.busy.includes('chair') && !s.afterDeadline)).toBe(true);
    const after = result.slots.filter((s) => s.afterDeadline);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((s) => s.day > '2026-10-27' && s.allRequiredFree)).toBe(true);
  });

  it('calls a time compliant when the chair and the family are free and enough of the agencies are; never with the chair busy', () => {
    const allWindow = [{ start: '2026-10-01T00:00:00Z', end: '2026-10-28T00:00:00Z' }];
    const agencies = (busy: number): Attendee[] => ['hv', 'school', 'police', 'gp'].map((id, i) => ({ id, required: true, busy: i < busy ? allWindow : [] }));
    const chair: Attendee = { id: 'chair', required: true, essential: 'chair', busy: [] };
    const parent: Attendee = { id: 'parent', required: true, essential: 'family:parent', busy: 'unknown' };
    // Two of four agencies busy the whole window: half can come, so the meeting can go ahead in time.
    const half = findSlots(request({ attendees: [chair, parent, ...agencies(2)], quorum: 0.5, maxResults: 1 }));
    expect(half).toMatchObject({ compliant: true, everyoneRequiredFree: false, withinDeadline: true });
    expect(half.slots[0]).toMatchObject({ canGoAhead: true, afterDeadline: false, busy: ['hv', 'school'] });
    // Three of four busy: not enough, so no compliant time (and the warning is due).
    expect(findSlots(request({ attendees: [chair, parent, ...agencies(3)], quorum: 0.5 })).compliant).toBe(false);
    // Every agency free but the chair busy all window: never compliant, however many others can come.
    expect(findSlots(request({ attendees: [{ ...chair, busy: allWindow }, parent, ...agencies(0)], quorum: 0.5 })).compliant).toBe(false);
    // Without a quorum every required attendee counts, as before.
    expect(findSlots(request({ attendees: [chair, parent, ...agencies(2)] })).compliant).toBe(false);
  });

  it('never offers a time when the chair is out of office, even late; a chair merely busy is still offered', () => {
    const hv: Attendee = { id: 'hv', required: true, busy: [] };
    // Off sick from Thu 22 Oct to the end of Mon 2 Nov (the window is 22-27 Oct).
    const sick = { start: '2026-10-22T00:00:00Z', end: '2026-11-03T00:00:00Z' };
    const away = findSlots(request({ attendees: [{ id: 'chair', required: true, essential: 'chair', busy: [{ ...sick, away: true }] }, hv], quorum: 0.5 }));
    expect(away.compliant).toBe(false);
    expect(away.slots.length).toBeGreaterThan(0);
    expect(away.slots.every((s) => s.afterDeadline && s.day >= '2026-11-03' && s.canGoAhead)).toBe(true);
    // The same days merely busy (a commitment they might move): offered as before, inside the window.
    const busy = findSlots(request({ attendees: [{ id: 'chair', required: true, essential: 'chair', busy: [sick] }, hv], quorum: 0.5 }));
    expect(busy.slots.some((s) => !s.afterDeadline && s.busy.includes('chair'))).toBe(true);
    // Away past every day looked at: nothing to offer, rather than times lost on the day.
    const longAway = { start: '2026-10-01T00:00:00Z', end: '2026-12-31T00:00:00Z', away: true };
    expect(findSlots(request({ attendees: [{ id: 'chair', required: true, essential: 'chair', busy: [longAway] }, hv] })).slots).toEqual([]);
    // An agency away is only busy: the core group can go ahead without them.
    const agencyAway = findSlots(
      request({
        attendees: [
          { id: 'chair', required: true, essential: 'chair', busy: [] },
          { ...hv, busy: [{ ...sick, away: true }] },
        ],
        quorum: 0.5,
      }),
    );
    expect(agencyAway.slots[0]).toMatchObject({ afterDeadline: false, busy: ['hv'] });
  });

  it('lets a vice chair chair in place of a chair out of office; with both away, nothing can go ahead', () => {
    const hv: Attendee = { id: 'hv', required: true, busy: [] };
    // The chair off sick for the whole window (22-27 Oct) and the days after it.
    const sick = { start: '2026-10-01T00:00:00Z', end: '2026-11-20T00:00:00Z', away: true };
    const chair: Attendee = { id: 'chair', required: true, essential: 'chair', busy: [sick] };
    const vice: Attendee = { id: 'vice', required: true, essential: 'chair', busy: [] };
    const covered = findSlots(request({ attendees: [chair, vice, hv], quorum: 0.5 }));
    expect(covered.compliant).toBe(true);
    expect(covered.slots[0]).toMatchObject({ afterDeadline: false, canGoAhead: true, busy: ['chair'] });
    // The vice chair busy at 09:30 on the 22nd: that time cannot go ahead (nobody to chair), 11:00 can.
    const busyVice = findSlots(request({ attendees: [chair, { ...vice, busy: [{ start: '2026-10-22T08:30:00Z', end: '2026-10-22T10:00:00Z' }] }, hv] }));
    const at = (start: string) => busyVice.slots.find((s) => s.start === start);
    expect(at('2026-10-22T08:30:00.000Z')).toMatchObject({ canGoAhead: false, busy: ['chair', 'vice'] });
    expect(at('2026-10-22T10:00:00.000Z')).toMatchObject({ canGoAhead: true, busy: ['chair'] });
    // Both out of office on the 22nd and 23rd: nothing those days; from the 26th the vice chair is back.
    const bothAway = findSlots(
      request({ attendees: [chair, { ...vice, busy: [{ start: '2026-10-22T00:00:00Z', end: '2026-10-24T00:00:00Z', away: true }] }, hv] }),
    );
    expect(bothAway.slots.some((s) => s.day < '2026-10-26')).toBe(false);
    expect(bothAway.compliant).toBe(true);
    expect(bothAway.slots[0]).toMatchObject({ day: '2026-10-26', canGoAhead: true });
    // A vice chair does not cover for the family: each member of it is a part of their own.
    const parent: Attendee = { id: 'parent', required: true, essential: 'family:parent', busy: [sick] };
    const noFamily = findSlots(request({ attendees: [{ ...chair, busy: [] }, vice, parent, hv] }));
    expect(noFamily.slots.filter((s) => !s.afterDeadline)).toEqual([]);
  });

  it('prefers a time that leaves a later day to rebook on over a better-attended time on the last day that can go ahead', () => {
    // Window 22–27 October. The school nurse is away until the 27th: every agency is free only on the
    // deadline day, half of them on the days before. Booked on the 27th and lost on the day (the chair
    // off sick), nothing would be left; booked on the 22nd, the 23rd to the 27th remain.
    const attendees: Attendee[] = [
      { id: 'chair', required: true, essential: 'chair', busy: [] },
      { id: 'hv', required: true, busy: [] },
      { id: 'school', required: true, busy: [{ start: '2026-10-01T00:00:00Z', end: '2026-10-27T00:00:00Z' }] },
    ];
    const result = findSlots(request({ attendees, quorum: 0.5, maxResults: 500 }));
    expect(result).toMatchObject({ compliant: true, withinDeadline: true });
    expect(result.slots[0]).toMatchObject({ day: '2026-10-22', canGoAhead: true, leavesRoom: true, busy: ['school'] });
    // The deadline day is still offered (everyone free there), after the times that leave room.
    const last = result.slots.find((s) => s.day === '2026-10-27');
    expect(last).toMatchObject({ allRequiredFree: true, leavesRoom: false });
    expect(result.slots.filter((s) => s.leavesRoom).every((s) => result.slots.indexOf(s) < result.slots.indexOf(last as (typeof result.slots)[number]))).toBe(
      true,
    );
    // When only the deadline day can go ahead (the health visitor away too) there is no room to leave: it is still the best time.
    const awayToo = attendees.map((a) => (a.id === 'hv' ? { ...a, busy: attendees[2]?.busy ?? [] } : a));
    expect(findSlots(request({ attendees: awayToo, quorum: 0.5 })).slots[0]).toMatchObject({ day: '2026-10-27', canGoAhead: true, leavesRoom: false });
  });

  it('offers an overdue core group the soonest time it can go ahead, not the first time every agency is free', () => {
    // Overdue since 27 October; the police officer is away until 9 November, the others are free.
    const attendees: Attendee[] = [
      { id: 'chair', required: true, essential: 'chair', busy: [] },
      { id: 'hv', required: true, busy: [] },
      { id: 'police', required: true, busy: [{ start: '2026-10-01T00:00:00Z', end: '2026-11-09T00:00:00Z' }] },
    ];
    const overdue = request({
      earliest: '2026-10-20' as LocalDate,
      due: '2026-10-27' as LocalDate,
      notBefore: '2026-10-29T00:00:00Z',
      overrunWorkingDays: 10,
      attendees,
      maxResults: 1,
    });
    expect(findSlots({ ...overdue, quorum: 0.5 }).slots[0]).toMatchObject({ day: '2026-10-29', afterDeadline: true, busy: ['police'] });
    // Asking for every agency, the first time is when the police officer is back.
    expect(findSlots(overdue).slots[0]).toMatchObject({ day: '2026-11-09', busy: [] });
  });

  it('looks past the deadline as many working days as asked and no further, the days whose free/busy the schedule reads', () => {
    // Due Tue 27 Oct 2026, two working days looked at past it (28, 29 Oct), the chair busy on all of
    // them: nothing can go ahead. Friday 30th was not asked about, so it must not be offered as free.
    const chair: Attendee = { id: 'chair', required: true, essential: 'chair', busy: [{ start: '2026-10-01T00:00:00Z', end: '2026-10-30T00:00:00Z' }] };
    const req = request({ attendees: [chair], overrunWorkingDays: 2 });
    expect(lastDayLookedAt(req)).toBe('2026-10-29');
    const { slots } = findSlots(req);
    expect(slots.length).toBeGreaterThan(0);
    expect(slots.some((s) => s.canGoAhead || s.day > '2026-10-29')).toBe(false);
  });

  it('offers nothing from the day the next core group is booked (they are held in order), even if that day is best', () => {
    // The next core group is booked on 26 October: 22 and 23 October are left, though the 26th and 27th are free too.
    const { slots } = findSlots(request({ attendees: [{ id: 'chair', required: true, essential: 'chair', busy: [] }], notAfter: '2026-10-25T23:00:00.000Z' }));
    expect(new Set(slots.map((s) => s.day))).toEqual(new Set(['2026-10-22', '2026-10-23']));
  });

  it('treats people outside the tenant as unknown, not busy', () => {
    const attendees: Attendee[] = [
      { id: 'parent', required: true, busy: 'unknown' },
      { id: 'school', required: true, busy: 'unknown' },
    ];
    const { slots, everyoneRequiredFree } = findSlots(request({ attendees, maxResults: 1 }));
    expect(everyoneRequiredFree).toBe(true);
    expect(slots[0]).toMatchObject({ start: '2026-10-22T08:30:00.000Z', unknown: ['parent', 'school'], busy: [] });
  });

  it('never proposes a time already past', () => {
    const { slots } = findSlots(request({ notBefore: '2026-10-26T12:00:00Z' }));
    expect(slots.every((s) => s.start >= '2026-10-26T12:00:00.000Z')).toBe(true);
  });

  it('gives a core group already overdue the soonest slots that exist, from today, each marked late, two a day so there are days to choose', () => {
    // Due Tue 27 Oct 2026; the chair asks on Mon 9 Nov at 11:00, with Priya busy all of Tuesday 10th.
    const priya: Attendee = { id: 'priya', required: true, busy: [{ start: '2026-11-10T00:00:00Z', end: '2026-11-11T00:00:00Z' }] };
    const { slots, withinDeadline, everyoneRequiredFree } = findSlots(request({ notBefore: '2026-11-09T11:00:00Z', attendees: [priya], maxResults: 5 }));
    expect(withinDeadline).toBe(false);
    expect(everyoneRequiredFree).toBe(true);
    expect(slots.map((s) => s.start)).toEqual([
      '2026-11-09T11:00:00.000Z',
      '2026-11-09T11:30:00.000Z',
      '2026-11-11T09:30:00.000Z',
      '2026-11-11T10:00:00.000Z',
      '2026-11-12T09:30:00.000Z',
    ]);
    expect(slots.every((s) => s.afterDeadline)).toBe(true);
    // Late on the 9th: the first slots are on the 11th, Priya's Tuesday skipped.
    const later = findSlots(request({ notBefore: '2026-11-09T16:00:00Z', attendees: [priya], maxResults: 1 }));
    expect(later.slots[0]?.day).toBe('2026-11-11');
  });
});
