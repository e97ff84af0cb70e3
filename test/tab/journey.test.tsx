import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { apiClient, devCredentials } from '../../tab/src/api';
import { CaseDetail, MINUTES_SECTIONS, MinutesView, MyWork, ReportForm, ScheduleView, TeamCompliance } from '../../tab/src/api-types';
import { App } from '../../tab/src/app';
import { ApprovalsPage } from '../../tab/src/approvals-page';
import { CasePage } from '../../tab/src/case-page';
import { CancelMeeting } from '../../tab/src/meeting-actions';
import { MinutesPage } from '../../tab/src/minutes-page';
import { MyWorkPage } from '../../tab/src/my-work-page';
import { ReportPage } from '../../tab/src/report-page';
import { SchedulePage } from '../../tab/src/schedule-page';
import { SeriesPage } from '../../tab/src/series-page';
import { TeamPage } from '../../tab/src/team-page';
import { fakeFetch } from './fake-fetch';

const LATE = 'Core group 1 booked 3 working days late (reason: Health visitor on leave until the 11th)';
const api = (impl: typeof fetch, who = 'sam') => apiClient(devCredentials(who), impl);
const me = { body: { person: { id: 'sam', displayName: 'Sam Okafor', email: 'sam@x.example' } } };

const work = (over: Partial<MyWork> = {}): MyWork => ({
  today: '2027-01-04',
  cases: [
    {
      caseId: 'c1',
      reference: 'CP-2026-0042',
      childInitials: 'LRE',
      socialWorkerId: 'sam',
      overdue: 0,
      colour: 'red',
      late: { kind: 'booked-late', workingDaysLate: 3, text: LATE },
    },
    // Defensive: even if a late case ever came back green, it is shown late, never "On track".
    {
      caseId: 'c2',
      reference: 'CP-2026-0077',
      childInitials: 'NJP',
      socialWorkerId: 'sam',
      overdue: 0,
      colour: 'green',
      late: { kind: 'overdue', workingDaysLate: 1, text: 'Core group 2 1 working day overdue' },
    },
    {
      caseId: 'c3',
      reference: 'CP-2026-0099',
      childInitials: 'AB',
      socialWorkerId: 'sam',
      next: { obligationId: 'core-group-1', kind: 'core-group', due: '2027-01-06', workingDaysLeft: 2 },
      overdue: 0,
      colour: 'amber',
    },
  ],
  reportsOwed: [],
  approvalsWaiting: [],
  minutesReturned: [],
  ...over,
});

const member = (memberId: string, displayName: string, role: string, agency: string, excluded = false) => ({
  memberId,
  personId: memberId === 'm-sam' ? 'sam' : memberId,
  displayName,
  role,
  agency,
  excluded,
});

const detail = (over: Partial<CaseDetail> = {}): CaseDetail => ({
  id: 'c1',
  reference: 'CP-2026-0042',
  childInitials: 'LRE',
  profile: { id: 'england', version: '2018-07', name: 'England' },
  icpcDate: '2026-12-18',
  today: '2027-01-04',
  members: [
    member('m-sam', 'Sam Okafor', 'chair', 'childrens-social-care'),
    member('m-ruth', 'Ruth Bannerman', 'iro', 'childrens-social-care'),
    member('m-jo', 'Jo Whitby', 'business-support', 'childrens-social-care'),
    member('m-alex', 'Alex Reed', 'parent-carer', 'family'),
    member('m-priya', 'Priya Desai', 'professional', 'health-visiting'),
  ],
  meetings: [
    {
      id: 'mt1',
      number: 1,
      status: 'booked',
      due: '2027-01-06',
      startsAt: '2027-01-11T10:00:00Z',
      venue: 'family-home',
      finalBeforeReview: false,
      version: 3,
      lateness: { kind: 'booked-late', workingDaysLate: 3, text: LATE },
    },
  ],
  restricted: false,
  obligations: [
    {
      id: 'core-group-1',
      kind: 'core-group',
      due: '2027-01-06',
      rule: 'england.core-group.first',
      source: { id: 's', title: 't', label: 'Local procedure, action 1' },
      explanation: '10 working days after the ICPC.',
      compliance: { status: 'booked-late', daysLate: 5, workingDaysLate: 3, bookedOn: '2027-01-11' },
    },
  ],
  ...over,
});

const slot = (dayIso: string, hour: string, afterDeadline = false, over: Partial<ScheduleView['slots'][number]> = {}): ScheduleView['slots'][number] => ({
  start: `${dayIso}T${hour}:00:00.000Z`,
  end: `${dayIso}T${String(Number(hour) + 1).padStart(2, '0')}:30:00.000Z`,
  day: dayIso,
  afterDeadline,
  canGoAhead: !afterDeadline,
  leavesRoom: !afterDeadline,
  free: ['Priya Desai'],
  busy: [],
  unknown: ['Alex Reed'],
  ...over,
});
const schedule = (over: Partial<ScheduleView> = {}): ScheduleView => ({
  case: { id: 'c1', reference: 'CP-2026-0042', childInitials: 'LRE' },
  meeting: { id: 'mt1', number: 1, status: 'planned', due: '2027-01-06', earliest: '2026-12-21', version: 2, finalBeforeReview: false },
  window: {
    earliest: '2026-12-21',
    due: '2027-01-06',
    explanation: '10 working days after the ICPC (day 0) is Wed 6 Jan 2027. Not counted: weekends; 25 Dec, 28 Dec and 1 Jan 2027 are bank holidays.',
    source: 'Local procedure, action 1',
  },
  range: { start: '2027-01-04T00:00:00.000Z', end: '2027-01-20T23:59:00.000Z' },
  closedDays: [],
  workingHours: { start: '09:30', end: '16:30' },
  durationMinutes: 90,
  attendees: [
    {
      personId: 'priya',
      displayName: 'Priya Desai',
      role: 'Professional',
      required: true,
      essential: false,
      busy: [{ start: '2027-01-05T13:00:00.000Z', end: '2027-01-05T14:00:00.000Z' }],
    },
    { personId: 'alex', displayName: 'Alex Reed', role: 'Parent or carer', required: true, essential: true, busy: 'unknown' },
  ],
  slots: [slot('2027-01-05', '10'), slot('2027-01-11', '10', true)],
  withinDeadline: true,
  everyoneRequiredFree: true,
  compliant: true,
  ...over,
});

describe('compliance that tells the truth', () => {
  it('shows a late case red with the words in my work, and never green', async () => {
    const { impl } = fakeFetch({ 'GET /api/me/work': { body: work() } });
    render(<MyWorkPage api={api(impl)} />);
    const row = await screen.findByRole('row', { name: /CP-2026-0042/ });
    expect(within(row).getByText('Late')).toBeTruthy();
    expect(within(row).getByText(LATE)).toBeTruthy();
    const green = screen.getByRole('row', { name: /CP-2026-0077/ });
    expect(within(green).getByText('Late')).toBeTruthy();
    expect(within(green).queryByText('On track')).toBeNull();
    expect(within(screen.getByRole('row', { name: /CP-2026-0099/ })).getByText('Due soon')).toBeTruthy();
    // The badge is Fluent's danger colour: red in every theme.
    expect(within(row).getByText('Late').className).toMatch(/cg-badge/);
  });

  it('shows late cases in team compliance with the words and counts them as late', async () => {
    const team: TeamCompliance = {
      today: '2027-01-04',
      totals: { red: 1, amber: 0, green: 0 },
      bySocialWorker: [{ socialWorkerId: 'sam', displayName: 'Sam Okafor', totals: { red: 1, amber: 0, green: 0 }, cases: [work().cases[0]!] }],
    };
    const { impl } = fakeFetch({ 'GET /api/team/compliance': { body: team } });
    render(<TeamPage api={api(impl, 'maria')} />);
    expect(await screen.findByText(LATE)).toBeTruthy();
    expect(screen.getByText(/1 late or overdue · 0 due soon · 0 on track/)).toBeTruthy();
  });

  it('shows a core group booked late in the case timeline and meetings, red with the words', async () => {
    const { impl } = fakeFetch({ 'GET /api/cases/c1': { body: detail() }, 'GET /api/me': me });
    render(<CasePage api={api(impl)} caseId="c1" />);
    expect(await screen.findByText('Booked 3 working days late')).toBeTruthy();
    expect(screen.getAllByText(LATE)).toHaveLength(2);
    expect(within(screen.getByRole('table', { name: 'Meetings' })).getByText('Late')).toBeTruthy();
  });
});

describe("the chair's meetings table", () => {
  it('offers a core group not booked yet only booking; a booked one also updates, cancelling and recording', async () => {
    const planned = { id: 'mt2', number: 2, status: 'planned', due: '2027-02-01', earliest: '2027-01-18', finalBeforeReview: false, version: 1 } as const;
    const { impl } = fakeFetch({ 'GET /api/cases/c1': { body: detail({ meetings: [...detail().meetings, planned] }) }, 'GET /api/me': me });
    render(<CasePage api={api(impl)} caseId="c1" />);
    const table = await screen.findByRole('table', { name: 'Meetings' });
    const row = (n: number) =>
      within(table)
        .getAllByRole('row')
        .find((r) => r.querySelector('td')?.textContent === String(n))!;
    const names = (n: number) =>
      [...within(row(n)).queryAllByRole('link'), ...within(row(n)).queryAllByRole('button')].map((e) => e.getAttribute('aria-label'));
    expect(names(2)).toEqual(['Book core group 2']);
    expect(names(1)).toEqual(['Move core group 1', 'Request updates for core group 1', 'Cancel core group 1', 'Record held: core group 1']);
  });

  it('links business support to each update they may write for someone, and a member to their own', async () => {
    const booked = {
      ...detail().meetings[0]!,
      updates: [
        { memberId: 'm-priya', submitted: false, reportId: 'r-priya' },
        { memberId: 'm-alex', submitted: true, reportId: 'r-alex', yours: true },
      ],
    };
    const { impl } = fakeFetch({ 'GET /api/cases/c1': { body: detail({ meetings: [booked] }) }, 'GET /api/me': me });
    render(<CasePage api={api(impl)} caseId="c1" />);
    const table = await screen.findByRole('table', { name: 'Meetings' });
    expect(within(table).getByRole('link', { name: 'Write Priya Desai’s update' }).getAttribute('href')).toBe('#/reports/r-priya');
    expect(within(table).getByRole('link', { name: 'Open your update' }).getAttribute('href')).toBe('#/reports/r-alex');
  });

  it('shows a core group held before the day it was booked for as held that day, and why one was cancelled', async () => {
    const held = { ...detail().meetings[0]!, status: 'held', heldOn: '2027-01-07', lateness: undefined };
    const cancelled = {
      id: 'mt2',
      number: 2,
      status: 'cancelled',
      due: '2027-02-01',
      finalBeforeReview: false,
      version: 4,
      cancelReason: 'The family asked to move it: a funeral.',
    };
    const { impl } = fakeFetch({ 'GET /api/cases/c1': { body: detail({ meetings: [held, cancelled] }) }, 'GET /api/me': me });
    render(<CasePage api={api(impl)} caseId="c1" />);
    const table = await screen.findByRole('table', { name: 'Meetings' });
    expect(within(table).getByText('Held on Thu 7 Jan 2027; it had been booked for Mon 11 Jan 2027, 10:00')).toBeTruthy();
    expect(within(table).getByText('Cancelled: The family asked to move it: a funeral.')).toBeTruthy();
  });

  it('says by name whose updates are in and who is still awaited, beside the core group and when the chair asks', async () => {
    const booked = {
      ...detail().meetings[0]!,
      updates: [
        { memberId: 'm-priya', submitted: true },
        { memberId: 'm-alex', submitted: false },
      ],
    };
    const { impl, calls } = fakeFetch({
      'GET /api/cases/c1': { body: detail({ meetings: [booked] }) },
      'GET /api/me': me,
      'POST /api/meetings/mt1/report-requests': {
        body: [
          { memberId: 'm-priya', status: 'submitted' },
          { memberId: 'm-alex', status: 'requested' },
        ],
      },
    });
    render(<CasePage api={api(impl)} caseId="c1" />);
    const table = await screen.findByRole('table', { name: 'Meetings' });
    expect(within(table).getByText('1 of 2 updates in (Priya Desai); waiting for Alex Reed.')).toBeTruthy();
    fireEvent.click(within(table).getByRole('button', { name: 'Request updates for core group 1' }));
    expect(
      await screen.findByText(
        'Core group 1: 1 of 2 updates in (Priya Desai); waiting for Alex Reed. Each has been asked in Teams (once: asking again sends no second card).',
      ),
    ).toBeTruthy();
    // The chair opens nobody's update from here.
    expect(within(table).queryByRole('link', { name: /update$/ })).toBeNull();
    // The row is read again, so it shows any update that came in meanwhile.
    expect(calls.filter((c) => c.key === 'GET /api/cases/c1').length).toBeGreaterThanOrEqual(2);
  });

  it('shows the window a core group is booked in when the one before, booked early, brings it forward, and why', async () => {
    const planned = {
      id: 'mt2',
      number: 2,
      status: 'planned',
      due: '2027-02-19',
      earliest: '2027-02-05',
      finalBeforeReview: false,
      version: 1,
      asBooked: { earliest: '2027-01-26', due: '2027-02-09', after: { number: 1, day: '2026-12-29' } },
    } as const;
    const { impl } = fakeFetch({ 'GET /api/cases/c1': { body: detail({ meetings: [...detail().meetings, planned] }) }, 'GET /api/me': me });
    render(<CasePage api={api(impl)} caseId="c1" />);
    const table = await screen.findByRole('table', { name: 'Meetings' });
    const row = within(table)
      .getAllByRole('row')
      .find((r) => r.querySelector('td')?.textContent === '2')!;
    expect(row.textContent).toContain('Tue 26 Jan 2027 – Tue 9 Feb 2027');
    expect(row.textContent).toContain('With core group 1 booked for Tue 29 Dec 2026. Until it is held, the plan says Fri 5 Feb 2027 – Fri 19 Feb 2027.');
  });
});

describe("the chair's schedule view", () => {
  it('shows someone out of office as away in the grid, not busy, and says what away means', async () => {
    const view = schedule();
    const priya = { ...view.attendees[0]!, busy: [{ start: '2027-01-05T00:00:00.000Z', end: '2027-01-06T00:00:00.000Z', away: true }] };
    const { impl } = fakeFetch({ 'GET /api/meetings/mt1/schedule': { body: { ...view, attendees: [priya, view.attendees[1]!] } } });
    render(<SchedulePage api={api(impl)} meetingId="mt1" />);
    const row = await screen.findByRole('row', { name: /Priya Desai/ });
    expect(within(row).getAllByText('Away')).toHaveLength(14);
    expect(within(row).queryByText('Busy')).toBeNull();
    expect(screen.getByText(/“Away” means out of office \(off sick or on leave\)/)).toBeTruthy();
  });

  it('shows the window and why, ranked times with free/busy by name, and the grid', async () => {
    const { impl } = fakeFetch({
      'GET /api/meetings/mt1/schedule': { body: schedule({ warning: 'No time before the deadline has every required member free.' }) },
    });
    render(<SchedulePage api={api(impl)} meetingId="mt1" />);
    expect(await screen.findByRole('heading', { name: 'Book core group 1 — CP-2026-0042 (LRE)' })).toBeTruthy();
    expect(screen.getByText(/Why: 10 working days after the ICPC/)).toBeTruthy();
    expect(screen.getByText('Source: Local procedure, action 1')).toBeTruthy();
    expect(screen.getByText('No time before the deadline has every required member free.')).toBeTruthy();
    expect(screen.getAllByText(/Free: Priya Desai · Not known: Alex Reed/)).toHaveLength(2);
    const grid = screen.getByRole('table');
    const priya = within(grid).getByRole('row', { name: /Priya Desai/ });
    expect(within(priya).getAllByText('Busy').length).toBe(2);
    expect(within(within(grid).getByRole('row', { name: /Alex Reed/ })).getAllByText('?').length).toBe(14);
    expect(screen.getByText(/The address is never put in the invitation/)).toBeTruthy();
    expect(screen.getByText(/A Teams meeting link goes in the invitation/)).toBeTruthy();
  });

  it('says which times the core group can go ahead at, and which is the last day left to recover a loss on', async () => {
    const { impl } = fakeFetch({
      'GET /api/meetings/mt1/schedule': {
        body: schedule({
          slots: [
            slot('2027-01-04', '10', false, { busy: ['Priya Desai'], free: [] }),
            slot('2027-01-06', '10', false, { leavesRoom: false }),
            slot('2027-01-05', '10', false, { canGoAhead: false, leavesRoom: false, busy: ['Alex Reed'], unknown: [] }),
            slot('2027-01-05', '14', false, { busy: ['Priya Desai'], free: ['Alex Reed'], unknown: [] }),
          ],
        }),
      },
    });
    render(<SchedulePage api={api(impl)} meetingId="mt1" />);
    await screen.findByRole('radio', { name: /Mon 4 Jan 2027/ });
    // The 4th: Priya Desai busy but enough free, the parent's calendar not seen; the 5th at 2: the
    // parent seen free; the 6th: everyone who can be seen free, the last such day.
    expect(screen.getAllByText('Can go ahead if Alex Reed can come: the chair and at least half of the agencies are free')).toHaveLength(1);
    expect(screen.getAllByText(/Can go ahead: the chair, the family and at least half of the agencies are free/)).toHaveLength(1);
    expect(screen.getByText(/Cannot go ahead: the chair or the family is busy, or fewer than half of the agencies are free/)).toBeTruthy();
    // Only the deadline day is flagged as the last chance; the 4th leaves room.
    expect(screen.getAllByText(/The last day in the window it can go ahead/)).toHaveLength(1);
  });

  it('says a bank holiday is closed rather than showing people free on it, and marks the time a core group is booked for now', async () => {
    const booked = schedule({
      meeting: { ...schedule().meeting, status: 'booked', startsAt: '2027-01-05T10:00:00.000Z', endsAt: '2027-01-05T11:30:00.000Z' },
      range: { start: '2026-12-31T00:00:00.000Z', end: '2027-01-06T23:59:00.000Z' },
      closedDays: [{ day: '2027-01-01', why: 'a bank holiday (New Year’s Day)' }],
    });
    const { impl } = fakeFetch({ 'GET /api/meetings/mt1/schedule': { body: booked } });
    render(<SchedulePage api={api(impl)} meetingId="mt1" />);
    const now = await screen.findByRole('radio', { name: /Tue 5 Jan 2027/ });
    expect(now.closest('label, span, div')?.parentElement?.textContent).toContain('The time it is booked for now');
    const dayShown = screen.getByRole('combobox', { name: 'Day shown' }) as HTMLSelectElement;
    expect([...dayShown.options].map((o) => o.textContent)).toContain('Fri 1 Jan 2027 (closed: a bank holiday (New Year’s Day))');
    fireEvent.change(dayShown, { target: { value: '2027-01-01' } });
    expect(await screen.findByText('Fri 1 Jan 2027 is a bank holiday (New Year’s Day): no core group is booked then.')).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Free and busy on Fri 1 Jan 2027' })).toBeNull();
  });

  it('asks why when the chosen time is after the deadline, says it will show as late, and books with the reason', async () => {
    const { impl, calls } = fakeFetch({
      'GET /api/meetings/mt1/schedule': { body: schedule() },
      'POST /api/meetings/mt1/booking': { body: { late: true, lateness: { kind: 'booked-late', workingDaysLate: 3 }, meeting: {} } },
    });
    render(<SchedulePage api={api(impl)} meetingId="mt1" />);
    fireEvent.click(await screen.findByRole('radio', { name: /Mon 11 Jan 2027/ }));
    expect(screen.getByText(/will show as late, in red, in my work, team compliance and the case timeline/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Book late, with the reason' }));
    expect(await screen.findByText(/Say why the core group cannot be held by the deadline/)).toBeTruthy();
    expect(calls.filter((c) => c.key.startsWith('POST'))).toHaveLength(0);
    fireEvent.change(screen.getByRole('textbox', { name: /Why it cannot be held by the deadline/ }), {
      target: { value: 'Health visitor on leave until the 11th' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Book late, with the reason' }));
    expect(await screen.findByText(/It will show as late, in red: booked 3 working days after the deadline/)).toBeTruthy();
    expect(calls.find((c) => c.key === 'POST /api/meetings/mt1/booking')?.body).toEqual({
      expectedVersion: 2,
      startsAt: '2027-01-11T10:00:00.000Z',
      endsAt: '2027-01-11T11:30:00.000Z',
      venue: 'office',
      lateReason: 'Health visitor on leave until the 11th',
    });
  });

  it('shows the refusal for a time outside working hours, asks why, and books again with the reason', async () => {
    let posts = 0;
    const { impl, calls } = fakeFetch({
      'GET /api/meetings/mt1/schedule': { body: schedule() },
      'POST /api/meetings/mt1/booking': () =>
        ++posts === 1
          ? {
              status: 400,
              body: {
                error: {
                  code: 'MEETING.OUTSIDE_WORKING_TIME',
                  message:
                    '18:00–19:30 is outside working hours (09:30–16:30). Choose a time in working hours, or give the reason this meeting must be held then.',
                  fields: [
                    { field: 'startsAt', problem: 'x' },
                    { field: 'outsideHoursReason', problem: 'is needed to book outside working hours' },
                  ],
                },
              },
            }
          : { body: { late: false, meeting: {} } },
    });
    render(<SchedulePage api={api(impl)} meetingId="mt1" />);
    fireEvent.click(await screen.findByRole('radio', { name: 'Another day or time' }));
    fireEvent.change(screen.getByLabelText('Day'), { target: { value: '2027-01-05' } });
    fireEvent.change(screen.getByLabelText(/Start/), { target: { value: '18:00' } });
    fireEvent.click(screen.getByRole('radio', { name: /Family home/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Book this time' }));
    expect((await screen.findByRole('alert')).textContent).toContain('18:00–19:30 is outside working hours');
    fireEvent.change(screen.getByRole('textbox', { name: /Why it must be held then/ }), {
      target: { value: 'Father works days; the family asked for the evening' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Book with this reason' }));
    expect(await screen.findByText(/Booked: core group 1 on .* family home/)).toBeTruthy();
    const posted = calls.filter((c) => c.key === 'POST /api/meetings/mt1/booking').map((c) => c.body);
    expect(posted[0]).toEqual({ expectedVersion: 2, startsAt: '2027-01-05T18:00:00.000Z', endsAt: '2027-01-05T19:30:00.000Z', venue: 'family-home' });
    expect(posted[1]).toEqual({ ...(posted[0] as object), outsideHoursReason: 'Father works days; the family asked for the evening' });
  });

  it('keeps the chosen time and reason when the meeting changed meanwhile, and books again against the new version', async () => {
    let posts = 0;
    let loads = 0;
    const { impl, calls } = fakeFetch({
      'GET /api/meetings/mt1/schedule': () =>
        ++loads === 1
          ? { body: schedule() }
          : {
              body: schedule({
                meeting: {
                  ...schedule().meeting,
                  status: 'booked',
                  version: 4,
                  startsAt: '2027-01-05T10:00:00.000Z',
                  endsAt: '2027-01-05T11:30:00.000Z',
                  venue: 'office',
                },
              }),
            },
      'POST /api/meetings/mt1/booking': () =>
        ++posts === 1
          ? {
              status: 409,
              body: { error: { code: 'STORE.CONFLICT', message: 'Someone else changed this meeting while you were working on it. Reload and try again.' } },
            }
          : { body: { late: true, lateness: { kind: 'booked-late', workingDaysLate: 3 }, meeting: {} } },
    });
    render(<SchedulePage api={api(impl)} meetingId="mt1" />);
    fireEvent.click(await screen.findByRole('radio', { name: /Mon 11 Jan 2027/ }));
    fireEvent.change(screen.getByRole('textbox', { name: /Why it cannot be held by the deadline/ }), {
      target: { value: 'Health visitor on leave until the 11th' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Book late, with the reason' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Core group 1 changed while you were choosing: it is now booked for Tue 5 Jan 2027, 10:00. Your choice is kept below',
    );
    expect((screen.getByRole('textbox', { name: /Why it cannot be held by the deadline/ }) as HTMLTextAreaElement).value).toBe(
      'Health visitor on leave until the 11th',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Move late, with the reason' }));
    expect(await screen.findByText(/^Moved: core group 1/)).toBeTruthy();
    const posted = calls.filter((c) => c.key === 'POST /api/meetings/mt1/booking').map((c) => c.body as { expectedVersion: number; lateReason: string });
    expect(posted.map((p) => p.expectedVersion)).toEqual([2, 4]);
    expect(posted[1]?.lateReason).toBe('Health visitor on leave until the 11th');
  });

  it('needs a reason of at least 10 characters to cancel, and sends it', async () => {
    const cancelled = jest.fn();
    const { impl, calls } = fakeFetch({ 'POST /api/meetings/mt1/cancellation': { body: { cancelled: {} } } });
    render(<CancelMeeting api={api(impl)} meetingId="mt1" number={1} onCancelled={cancelled} />);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel core group 1' }));
    fireEvent.change(screen.getByRole('textbox', { name: /Why is core group 1 cancelled/ }), { target: { value: 'ill' } });
    fireEvent.click(screen.getByRole('button', { name: 'Cancel core group 1' }));
    expect(await screen.findByText(/only in exceptional circumstances: say why \(at least 10 characters\)/)).toBeTruthy();
    expect(calls).toHaveLength(0);
    fireEvent.change(screen.getByRole('textbox', { name: /Why is core group 1 cancelled/ }), {
      target: { value: 'The family home is flooded; no safe venue this week' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Cancel core group 1' }));
    await waitFor(() => expect(cancelled).toHaveBeenCalled());
    expect(calls[0]?.body).toEqual({ reason: 'The family home is flooded; no safe venue this week' });
  });
});

describe('people, words and access', () => {
  it('explains plainly to an excluded viewer what they can and cannot see', async () => {
    const restricted = detail({
      restricted: true,
      members: [member('m-alex', 'Alex Reed', 'parent-carer', 'family', true)],
      meetings: [{ id: 'mt1', number: 1, status: 'booked', due: '2027-01-06', finalBeforeReview: false, version: 3 }],
    });
    const { impl } = fakeFetch({ 'GET /api/cases/c1': { body: restricted }, 'GET /api/me': { body: { person: { id: 'm-alex' } } } });
    render(<CasePage api={api(impl, 'alex')} caseId="c1" />);
    expect(await screen.findByText('You were excluded from this core group’s meetings')).toBeTruthy();
    expect(screen.getByText(/You will not be shown when or where meetings are held, who else is in the group, or draft minutes/)).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Members' })).toBeNull();
    expect(screen.queryByRole('link', { name: /Book|Move/ })).toBeNull();
  });

  it('shows roles, agencies and statuses in words, never internal names', async () => {
    const { impl } = fakeFetch({ 'GET /api/cases/c1': { body: detail() }, 'GET /api/me': me });
    const { container } = render(<CasePage api={api(impl)} caseId="c1" />);
    expect(await screen.findByText(/Independent Reviewing Officer, Children's social care/)).toBeTruthy();
    expect(screen.getByText(/Parent or carer, Family/)).toBeTruthy();
    const text = container.textContent ?? '';
    for (const internal of [/\biro\b/i, /childrens-social-care/, /parent-carer/, /business-support/, /health-visiting/, /family-home/, /\bbooked-late\b/])
      expect(text).not.toMatch(internal);
    // The chair runs the case: book/move, cancel and member actions are offered.
    expect(screen.getByRole('link', { name: 'Move core group 1' }).getAttribute('href')).toBe('#/meetings/mt1/schedule');
    expect(screen.getByRole('button', { name: 'Exclude Alex Reed from meetings' })).toBeTruthy();
  });

  it('says who was added, and that they are invited to the core group already booked', async () => {
    const { impl, calls } = fakeFetch({
      'GET /api/cases/c1': { body: detail() },
      'GET /api/me': me,
      'POST /api/cases/c1/members': { status: 201, body: { id: 'm-dev' } },
    });
    render(<CasePage api={api(impl)} caseId="c1" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Add a member…' }));
    fireEvent.change(screen.getByRole('textbox', { name: /^Name/ }), { target: { value: 'Dev Patel' } });
    fireEvent.change(screen.getByRole('textbox', { name: /^Email/ }), { target: { value: 'dev.patel@anytown.gov.uk' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Role in the core group' }), { target: { value: 'vice-chair' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add to the core group' }));
    expect(await screen.findByText('Added Dev Patel (Vice chair). They are invited to the core group already booked.')).toBeTruthy();
    expect(calls.find((c) => c.key === 'POST /api/cases/c1/members')?.body).toMatchObject({ member: { role: 'vice-chair' } });
  });

  it('says that an excluded member’s invitation to the core group already booked is cancelled', async () => {
    const { impl } = fakeFetch({
      'GET /api/cases/c1': { body: detail() },
      'GET /api/me': me,
      'POST /api/cases/c1/members/m-alex/exclusion': { body: { id: 'm-alex' } },
    });
    render(<CasePage api={api(impl)} caseId="c1" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Exclude Alex Reed from meetings' }));
    fireEvent.change(screen.getByRole('textbox', { name: /reason for excluding Alex Reed/ }), {
      target: { value: 'A risk to the other parent, the conference decided.' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Exclude Alex Reed' }));
    expect(await screen.findByText('Alex Reed is excluded from meetings. Their invitation to the core group already booked is cancelled.')).toBeTruthy();
  });

  it('labels the minutes sections in words (no "agencyUpdates")', async () => {
    const empty = Object.fromEntries(MINUTES_SECTIONS.map(([k]) => [k, 'x'])) as MinutesView['minutes']['sections'];
    const view: MinutesView = {
      minutes: { id: 'mi-1', status: 'submitted', version: 1, sections: empty },
      case: { id: 'c1', reference: 'CP-1', childInitials: 'AB' },
      meetingNumber: 1,
      authorName: 'Sam',
      canEdit: false,
      canDecide: false,
    };
    const { impl } = fakeFetch({ 'GET /api/minutes/mi-1': { body: view } });
    const { container } = render(<MinutesPage api={api(impl)} minutesId="mi-1" />);
    expect(await screen.findByRole('heading', { name: 'Agency updates' })).toBeTruthy();
    expect(screen.getByText('Waiting for approval')).toBeTruthy();
    expect(container.textContent).not.toMatch(/agencyUpdates|childsVoice|submitted\b/);
  });
});

describe('the series of core groups', () => {
  // Core group 1 held; 2 and 3 to book. Core group 3 counts from core group 2 as it will be held.
  const planned = (id: string, number: number, due: string) => ({ id, number, status: 'planned' as const, due, finalBeforeReview: number === 3, version: 1 });
  const seriesCase = detail({
    meetings: [{ ...detail().meetings[0]!, status: 'held', lateness: undefined }, planned('mt2', 2, '2027-01-29'), planned('mt3', 3, '2027-03-12')],
  });
  const second = schedule({
    meeting: { id: 'mt2', number: 2, status: 'planned', due: '2027-01-29', version: 1, finalBeforeReview: false },
    window: { earliest: '2027-01-05', due: '2027-01-29', explanation: '6 weeks after the ICPC.', source: 'Procedure' },
    slots: [slot('2027-01-12', '10'), slot('2027-01-19', '10')],
  });
  const third = (due: string, day: string) =>
    schedule({
      meeting: { id: 'mt3', number: 3, status: 'planned', due: '2027-03-12', version: 1, finalBeforeReview: true },
      window: { earliest: '2027-02-01', due, explanation: `Core group 2 is to be booked: this one is due by ${due}.`, source: 'Procedure' },
      slots: [slot(day, '10')],
    });
  const asked = (start: string) => `GET /api/meetings/mt3/schedule?proposed=${encodeURIComponent(`mt2@${start}`)}`;

  it("proposes core group 3's times from the time proposed for core group 2, and asks again when that time changes", async () => {
    const { impl, calls } = fakeFetch({
      'GET /api/cases/c1': { body: seriesCase },
      'GET /api/meetings/mt2/schedule': { body: second },
      [asked('2027-01-12T10:00:00.000Z')]: { body: third('2027-02-23', '2027-02-16') },
      [asked('2027-01-19T10:00:00.000Z')]: { body: third('2027-03-02', '2027-02-23') },
    });
    render(<SeriesPage api={api(impl)} caseId="c1" />);
    expect(await screen.findByText(/Core group 3/)).toBeTruthy();
    expect(screen.getByText(/must happen Mon 1 Feb 2027 to Tue 23 Feb 2027/)).toBeTruthy();
    fireEvent.change(screen.getByRole('combobox', { name: 'Time for core group 2' }), { target: { value: '1' } });
    expect(await screen.findByText(/must happen Mon 1 Feb 2027 to Tue 2 Mar 2027/)).toBeTruthy();
    expect(calls.map((c) => c.key)).toEqual([
      'GET /api/cases/c1',
      'GET /api/meetings/mt2/schedule',
      asked('2027-01-12T10:00:00.000Z'),
      asked('2027-01-19T10:00:00.000Z'),
    ]);
    // The time proposed for core group 3 is the one inside its new window.
    expect((screen.getByRole('combobox', { name: 'Time for core group 3' }) as HTMLSelectElement).selectedOptions[0]?.textContent).toMatch(/Tue 23 Feb 2027/);
  });
});

describe('the plan on the case page', () => {
  it('shows its outcomes and actions in words, and where each member stands on it, with what they want to discuss', async () => {
    const plan: CaseDetail['plan'] = {
      version: 2,
      recordedAt: '2027-01-04T10:00:00Z',
      outcomes: ['LRE lives in a home free from violence'],
      actions: [
        { what: 'Weekly visits', ownerMemberId: 'm-priya', agency: 'health-visiting', byWhen: '2027-02-28', howWeWillKnow: 'Visit log', status: 'on-track' },
      ],
      agreement: [
        { memberId: 'm-priya', answer: 'agreed', at: '2027-01-04T11:00:00Z' },
        { memberId: 'm-alex', answer: 'discuss', at: '2027-01-05T09:00:00Z', comment: 'The visits are too early in the day.' },
        { memberId: 'm-sam', answer: 'waiting' },
      ],
    };
    const { impl } = fakeFetch({ 'GET /api/cases/c1': { body: detail({ plan }) }, 'GET /api/me': me });
    render(<CasePage api={api(impl)} caseId="c1" />);
    expect(await screen.findByRole('heading', { name: 'Child protection plan' })).toBeTruthy();
    expect(screen.getByText('Version 2, recorded Mon 4 Jan 2027.')).toBeTruthy();
    const actions = screen.getByRole('table', { name: 'The plan’s actions' });
    expect(within(actions).getByText('Priya Desai (Health visiting)')).toBeTruthy();
    expect(within(actions).getByText('On track')).toBeTruthy();
    expect(screen.getByText('Agreed by 1 of 3')).toBeTruthy();
    const who = screen.getByRole('list', { name: 'Who has agreed the plan' });
    expect(within(who).getByText('Alex Reed: wants to discuss it (Tue 5 Jan 2027): “The visits are too early in the day.”')).toBeTruthy();
    expect(within(who).getByText('Sam Okafor: not answered yet')).toBeTruthy();
  });

  it('says when there is no plan yet', async () => {
    const { impl } = fakeFetch({ 'GET /api/cases/c1': { body: detail() }, 'GET /api/me': me });
    render(<CasePage api={api(impl)} caseId="c1" />);
    expect(await screen.findByText('No plan has been recorded yet.')).toBeTruthy();
  });
});

describe('what the chair records by hand from the timeline', () => {
  /** A Northern Ireland child-seen visit on the timeline. */
  const aVisit = (n: number, due: string, compliance: CaseDetail['obligations'][number]['compliance']) => ({
    id: `child-seen-${n}`,
    kind: 'child-seen',
    due,
    rule: 'northern-ireland.child-seen',
    source: { id: 's', title: 't', label: 'Regional core group guidance, section 6' },
    explanation: '4 weeks after the last visit.',
    compliance,
    // The chair may record it (the server says so of each obligation).
    recordByHand: true,
  });

  it('records the child seen on a visit, in words, and reads the case again; never shows rule ids', async () => {
    const visit = aVisit(1, '2027-01-15', { status: 'due-soon', workingDaysLeft: 4 });
    let reads = 0;
    const { impl, calls } = fakeFetch({
      'GET /api/cases/c1': () => (reads++, { body: detail({ obligations: [visit] }) }),
      'GET /api/me': me,
      'POST /api/cases/c1/obligations/child-seen-1/done': { body: { obligationId: 'child-seen-1', doneOn: '2027-01-04' } },
    });
    render(<CasePage api={api(impl)} caseId="c1" />);
    fireEvent.click(await screen.findByRole('button', { name: /Child seen 1/ }));
    expect(screen.getByText('Source: Regional core group guidance, section 6')).toBeTruthy();
    expect(screen.queryByText(/northern-ireland\.child-seen/)).toBeNull();
    fireEvent.click(await screen.findByRole('button', { name: 'Record the visit' }));
    await waitFor(() => expect(reads).toBe(2));
    expect(calls.find((c) => c.key === 'POST /api/cases/c1/obligations/child-seen-1/done')?.body).toEqual({ on: '2027-01-04' });
  });

  it('shows the refusal beside the day, in words', async () => {
    const visit = aVisit(2, '2027-02-05', { status: 'upcoming' });
    const problem = 'The child was last recorded as seen on Fri 8 Jan 2027: this visit must be after it.';
    const { impl } = fakeFetch({
      'GET /api/cases/c1': { body: detail({ obligations: [visit] }) },
      'GET /api/me': me,
      'POST /api/cases/c1/obligations/child-seen-2/done': {
        status: 400,
        body: { error: { code: 'OBLIGATION.INVALID', message: problem, fields: [{ field: 'on', problem }] } },
      },
    });
    render(<CasePage api={api(impl)} caseId="c1" />);
    fireEvent.click(await screen.findByRole('button', { name: /Child seen 2/ }));
    fireEvent.click(await screen.findByRole('button', { name: 'Record the visit' }));
    expect(await screen.findByText(problem)).toBeTruthy();
  });

  it('is offered only where the case says the viewer may record it', async () => {
    const visit = { ...detail().obligations[0]!, id: 'child-seen-1', kind: 'child-seen', compliance: { status: 'upcoming' as const }, recordByHand: true };
    const { impl } = fakeFetch({ 'GET /api/cases/c1': { body: detail({ obligations: [...detail().obligations, visit] }) }, 'GET /api/me': me });
    const { unmount } = render(<CasePage api={api(impl)} caseId="c1" />);
    fireEvent.click(await screen.findByRole('button', { name: /Core group 1/ }));
    fireEvent.click(await screen.findByRole('button', { name: /Child seen 1/ }));
    await screen.findByRole('button', { name: 'Record the visit' });
    expect(screen.getAllByRole('button', { name: /^Record (the visit|it received)$/ })).toHaveLength(1);
    unmount();
    const priya = { body: { person: { id: 'm-priya', displayName: 'Priya Desai', email: 'priya@x.example' } } };
    const { recordByHand: _notHers, ...asPriyaSeesIt } = visit;
    const { impl: asPriya } = fakeFetch({ 'GET /api/cases/c1': { body: detail({ obligations: [asPriyaSeesIt] }) }, 'GET /api/me': priya });
    render(<CasePage api={api(asPriya, 'm-priya')} caseId="c1" />);
    fireEvent.click(await screen.findByRole('button', { name: /Child seen 1/ }));
    await screen.findByText('Source: Local procedure, action 1');
    expect(screen.queryByRole('button', { name: 'Record the visit' })).toBeNull();
  });
});

describe('minutes returned for changes', () => {
  it('are on the chair’s home with what the manager asked for, linking to the minutes', async () => {
    const returned = work({
      minutesReturned: [
        {
          minutesId: 'mn1',
          caseId: 'c1',
          reference: 'CP-2026-0042',
          meetingNumber: 1,
          returnedAt: '2027-01-04T10:00:00Z',
          returnComments: 'Add the parents’ views.',
        },
      ],
    });
    const { impl } = fakeFetch({ 'GET /api/me/work': { body: returned }, 'GET /api/me': me });
    render(<MyWorkPage api={api(impl)} />);
    expect(await screen.findByRole('heading', { name: 'Minutes returned for changes' })).toBeTruthy();
    const link = screen.getByRole('link', { name: 'Change and resubmit the minutes of CP-2026-0042, core group 1' });
    expect(link.getAttribute('href')).toBe('#/minutes/mn1');
    expect(link.closest('li')?.textContent).toContain('— returned on Mon 4 Jan 2027: “Add the parents’ views.”');
  });
});

describe("managers' approvals", () => {
  it('lists minutes waiting oldest first, each with how long it has waited', async () => {
    const waiting = work({
      today: '2027-01-08',
      approvalsWaiting: [
        { minutesId: 'new', caseId: 'c1', reference: 'CP-NEW', meetingNumber: 2, submittedAt: '2027-01-08T09:00:00Z' },
        { minutesId: 'old', caseId: 'c2', reference: 'CP-OLD', meetingNumber: 1, submittedAt: '2027-01-05T09:00:00Z' },
        { minutesId: 'mid', caseId: 'c3', reference: 'CP-MID', meetingNumber: 1, submittedAt: '2027-01-07T16:00:00Z' },
      ],
    });
    const empty = Object.fromEntries(MINUTES_SECTIONS.map(([k]) => [k, ''])) as MinutesView['minutes']['sections'];
    const minutes: MinutesView = {
      minutes: { id: 'old', status: 'submitted', version: 2, sections: { ...empty, planReview: 'All actions on track.' } },
      case: { id: 'c2', reference: 'CP-OLD', childInitials: 'AB' },
      meetingNumber: 1,
      authorName: 'Sam Okafor',
      canEdit: false,
      canDecide: true,
    };
    const { impl, calls } = fakeFetch({
      'GET /api/me/work': { body: waiting },
      'GET /api/minutes/old': { body: minutes },
      'POST /api/minutes/old/decision': { body: { status: 'approved' } },
    });
    render(<ApprovalsPage api={api(impl, 'maria')} />);
    const headers = await screen.findAllByRole('button', { name: /CP-/ });
    expect(headers.map((h) => h.textContent)).toEqual([
      'CP-OLD: core group 1 — submitted Tue 5 Jan 2027, waiting 3 days',
      'CP-MID: core group 1 — submitted Thu 7 Jan 2027, waiting 1 day',
      'CP-NEW: core group 2 — submitted Fri 8 Jan 2027, waiting since today',
    ]);
    fireEvent.click(headers[0]!);
    expect(await screen.findByText('All actions on track.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Approve' }));
    expect(await screen.findByText('Approved. The minutes are being circulated to every member.')).toBeTruthy();
    expect(calls.map((c) => c.key)).toContain('POST /api/minutes/old/decision');
  });
});

describe("a professional's update", () => {
  const form = (over: Partial<ReportForm['report']> = {}): ReportForm => ({
    case: { id: 'c1', reference: 'CP-2026-0042', childInitials: 'LRE' },
    meeting: { id: 'mt1', number: 1, status: 'booked', due: '2027-01-06', startsAt: '2027-01-05T10:00:00Z' },
    report: { id: 'r1', memberId: 'm-priya', status: 'requested', version: 0, onBehalf: false, ...over },
    actions: [{ id: 'a1', what: 'Weekly health visitor home visits', agency: 'health-visiting' }],
    editable: true,
    owner: { displayName: 'Priya Desai', agency: 'health visiting', role: 'professional' },
  });

  it('says whose update it is, names the refused field, and keeps the text on a save clash', async () => {
    let puts = 0;
    const theirs = {
      attendance: 'apologies',
      whatHasChanged: 'Jo typed this from the phone call',
      workingWell: 'w',
      worries: 'x',
      needsToHappen: 'y',
      actions: [],
      safetyScale: 4,
    };
    const { impl, calls } = fakeFetch({
      'GET /api/reports/r1': () =>
        puts < 2
          ? { body: form() }
          : { body: { ...form({ status: 'submitted', version: 2 }), report: { ...form().report, status: 'submitted', version: 2, content: theirs } } },
      'PUT /api/reports/r1': () =>
        ++puts === 1
          ? {
              status: 400,
              body: { error: { code: 'REPORT.INVALID', message: 'The update has problems.', fields: [{ field: 'worries', problem: 'is required' }] } },
            }
          : { status: 409, body: { error: { code: 'STORE.CONFLICT', message: 'Someone else saved this update while you were working on it.' } } },
    });
    render(<ReportPage api={api(impl, 'priya')} reportId="r1" />);
    expect(await screen.findByText(/This is the update from/)).toBeTruthy();
    expect(screen.getByText('Priya Desai, Health visiting (Professional)')).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: /What has changed/ }), { target: { value: 'Heating repaired.' } });
    for (const name of [/What is working well/, /What are you worried about/, /What needs to happen next/])
      fireEvent.change(screen.getByRole('textbox', { name }), { target: { value: 'Said.' } });
    fireEvent.click(screen.getByRole('radio', { name: /Yes, I will attend/ }));
    fireEvent.change(screen.getByRole('combobox', { name: /Progress: Weekly health visitor/ }), { target: { value: 'on-track' } });
    fireEvent.change(screen.getByRole('combobox', { name: /How safe is the child now/ }), { target: { value: '6' } });
    fireEvent.click(screen.getByRole('button', { name: 'Submit my update' }));
    expect(await screen.findByText('Say what you are worried about.')).toBeTruthy();
    expect(screen.getByRole('textbox', { name: /What are you worried about/ }).getAttribute('aria-invalid')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'Submit my update' }));
    expect(await screen.findByRole('group', { name: /What has changed.*: the version someone else saved/ })).toBeTruthy();
    expect((screen.getByRole('textbox', { name: /What has changed/ }) as HTMLTextAreaElement).value).toBe('Heating repaired.');
    expect(screen.getByText('Jo typed this from the phone call')).toBeTruthy();
    expect(calls.filter((c) => c.key === 'PUT /api/reports/r1')[0]?.body).toMatchObject({
      content: { whatHasChanged: 'Heating repaired.', actions: [{ actionId: 'a1', progress: 'on-track' }] },
    });
  });
});

describe('the theme', () => {
  it('draws with the theme named in ?theme= outside Teams (dark, high contrast), else the light one', async () => {
    const { impl } = fakeFetch({ 'GET /api/dev/users': { body: { people: [] } } });
    for (const [query, expected] of [
      ['?theme=dark', 'dark'],
      ['?theme=contrast', 'contrast'],
      ['?theme=pink', 'default'],
      ['', 'default'],
    ] as const) {
      window.history.pushState({}, '', `/${query}`);
      const { container, unmount } = render(<App inTeams={false} fetchImpl={impl} />);
      expect(container.querySelector('[data-theme]')?.getAttribute('data-theme')).toBe(expected);
      expect(container.textContent).toContain('Choose who to act as above.');
      unmount();
    }
    window.history.pushState({}, '', '/');
  });
});
