import { ScheduleSlot, ScheduleView } from '../../../src/app/schedule';
import { scheduleHeadline, slotLine } from '../../../bot/core/schedule-card';

const attendees: ScheduleView['attendees'] = [
  { personId: 'sam', displayName: 'Sam Okafor', email: 's@x', invitedAs: 'Sam Okafor', role: 'social-worker', required: true, essential: true, busy: [] },
  {
    personId: 'alex',
    displayName: 'Alex Reed',
    email: 'a@x',
    invitedAs: 'Parent (LR)',
    role: 'parent-carer',
    required: true,
    essential: true,
    busy: 'unknown',
  },
  { personId: 'tom', displayName: 'Tom Farrell', email: 't@x', invitedAs: 'Tom Farrell', role: 'school', required: true, essential: false, busy: [] },
];

const slot = (over: Partial<ScheduleSlot>): ScheduleSlot => ({
  start: '2027-01-05T10:00:00.000Z',
  end: '2027-01-05T11:30:00.000Z',
  day: '2027-01-05' as ScheduleSlot['day'],
  afterDeadline: false,
  canGoAhead: true,
  leavesRoom: true,
  free: ['Sam Okafor', 'Tom Farrell'],
  busy: [],
  unknown: [],
  ...over,
});

describe('a time on the schedule card, in words', () => {
  it.each([
    ['everyone free', slot({}), 'Tue 5 Jan 2027, 10:00 — everyone free'],
    [
      'the family unseen, everyone else free',
      slot({ unknown: ['Alex Reed'] }),
      'Tue 5 Jan 2027, 10:00 — can go ahead if Alex Reed can come — calendar not visible: Alex Reed',
    ],
    ['an agency busy, enough free', slot({ busy: ['Tom Farrell'] }), 'Tue 5 Jan 2027, 10:00 — can go ahead — busy: Tom Farrell'],
    [
      'the chair busy',
      slot({ busy: ['Sam Okafor'], canGoAhead: false }),
      'Tue 5 Jan 2027, 10:00 — cannot go ahead: the chair or the family is busy, or fewer than half of the agencies are free — busy: Sam Okafor',
    ],
    [
      'after the deadline, three busy',
      slot({ afterDeadline: true, busy: ['Sam Okafor', 'Tom Farrell', 'Priya Desai'], canGoAhead: false }),
      'Tue 5 Jan 2027, 10:00 — after the deadline: needs a reason — cannot go ahead: the chair or the family is busy, or fewer than half of the agencies are free — busy: Sam Okafor, Tom Farrell and 1 more',
    ],
  ])('%s', (_what, s, line) => expect(slotLine({ attendees }, s)).toBe(line));
});

describe('what the schedule card says above its times', () => {
  it.each([
    ['a time inside the window with everyone seen free', {}, [slot({ busy: ['Tom Farrell'] }), slot({ unknown: ['Alex Reed'] })], ''],
    [
      'every time inside the window has someone busy',
      {},
      [slot({ busy: ['Tom Farrell'] }), slot({ afterDeadline: true })],
      'No time has everyone free: each says who is busy, and whether the core group can go ahead then.',
    ],
    [
      'none can go ahead in time: the schedule’s own words',
      { warning: 'No time before the deadline has the chair free.' },
      [slot({})],
      'No time before the deadline has the chair free.',
    ],
  ])('%s', (_what, view, slots, headline) => expect(scheduleHeadline(view, slots)).toBe(headline));
});
