import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { apiClient, devCredentials } from '../../tab/src/api';
import { CaseDetail, MyWork } from '../../tab/src/api-types';
import { CasePage } from '../../tab/src/case-page';
import { MinutesDecision } from '../../tab/src/minutes-decision';
import { MyWorkPage } from '../../tab/src/my-work-page';
import { fakeFetch } from './fake-fetch';

const work: MyWork = {
  today: '2027-01-04',
  cases: [
    {
      caseId: 'c1',
      reference: 'CP-2026-0042',
      childInitials: 'LRE',
      socialWorkerId: 'sam',
      next: { obligationId: 'core-group-1', kind: 'core-group', due: '2027-01-06', workingDaysLeft: 2 },
      overdue: 0,
      colour: 'amber',
    },
    {
      caseId: 'c2',
      reference: 'CP-2026-0077',
      childInitials: 'NJP',
      socialWorkerId: 'sam',
      next: { obligationId: 'minutes-circulated-core-group-2', kind: 'minutes-circulated', due: '2026-12-30' },
      overdue: 2,
      colour: 'red',
    },
  ],
  reportsOwed: [{ reportId: 'r1', caseId: 'c1', reference: 'CP-2026-0042', meetingNumber: 1, meetingDue: '2027-01-06', required: false }],
  approvalsWaiting: [],
  minutesReturned: [],
};

const detail = (childName?: string): CaseDetail => ({
  id: 'c1',
  reference: 'CP-2026-0042',
  childInitials: 'LRE',
  ...(childName ? { childName } : {}),
  profile: { id: 'england', version: '2018-07', name: 'England' },
  icpcDate: '2026-12-18',
  today: '2027-01-04',
  members: [
    {
      memberId: 'm1',
      personId: 'p1',
      displayName: 'Kim Reed',
      agency: 'family',
      role: 'parent-carer',
      excluded: true,
      excludedReason: 'Excluded by the ICPC chair',
    },
  ],
  meetings: [],
  obligations: [
    {
      id: 'core-group-1',
      kind: 'core-group',
      due: '2027-01-06',
      rule: 'england.core-group.first',
      source: { id: 'seed-000', title: 'Core Groups: local procedure action table', label: 'Core Groups: local procedure action table, action 1' },
      explanation:
        '10 working days after the ICPC (day 0) is Wed 6 Jan 2027. Not counted: weekends; 25 Dec, 28 Dec and 1 Jan 2027 are bank holidays in England and Wales.',
      compliance: { status: 'due-soon', workingDaysLeft: 2 },
    },
  ],
});

describe('the tab', () => {
  it('shows my cases with their compliance in words, the next deadline and the updates I owe', async () => {
    const { impl, calls } = fakeFetch({ 'GET /api/me/work': { body: work } });
    render(<MyWorkPage api={apiClient(devCredentials('sam'), impl)} />);
    expect(await screen.findByText('CP-2026-0042 (LRE)')).toBeTruthy();
    expect(within(screen.getByRole('row', { name: /CP-2026-0042/ })).getByText('Due soon')).toBeTruthy();
    expect(within(screen.getByRole('row', { name: /CP-2026-0077/ })).getByText('Overdue')).toBeTruthy();
    expect(screen.getByText('Wed 6 Jan 2027 (2 working days)')).toBeTruthy();
    expect(screen.getByText('Minutes circulated (core group 2)')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Write your update for CP-2026-0042, core group 1' }).getAttribute('href')).toBe('#/reports/r1');
    expect(calls[0]?.headers['x-dev-user']).toBe('sam');
  });

  it('explains why a date is the date when asked, and shows the child’s name only when the server sent it', async () => {
    const { impl } = fakeFetch({ 'GET /api/cases/c1': { body: detail() } });
    render(<CasePage api={apiClient(devCredentials('hv'), impl)} caseId="c1" />);
    expect(await screen.findByRole('heading', { name: 'CP-2026-0042 (LRE)' })).toBeTruthy();
    expect(screen.queryByText(/Why this date/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /Core group 1/ }));
    expect(await screen.findByText(/Why this date: .*25 Dec, 28 Dec and 1 Jan 2027 are bank holidays/)).toBeTruthy();
    expect(screen.getByText('excluded from meetings')).toBeTruthy();
  });

  it('shows the name when the viewer may see it', async () => {
    const { impl } = fakeFetch({ 'GET /api/cases/c1': { body: detail('Lily Rose Example') } });
    render(<CasePage api={apiClient(devCredentials('sam'), impl)} caseId="c1" />);
    expect(await screen.findByRole('heading', { name: 'CP-2026-0042 (LRE) — Lily Rose Example' })).toBeTruthy();
  });

  it('refuses to return minutes without a comment, and shows the server’s refusal in words', async () => {
    const { impl, calls } = fakeFetch({
      'POST /api/minutes/mi-1/decision': {
        status: 403,
        body: { error: { code: 'MINUTES.NOT_APPROVER', message: 'You are not allowed to approve or return these minutes on this case.' } },
      },
    });
    render(<MinutesDecision api={apiClient(devCredentials('sam'), impl)} minutesId="mi-1" />);
    fireEvent.click(screen.getByRole('button', { name: 'Return with comments' }));
    expect(await screen.findByText('Say what needs to change before returning the minutes.')).toBeTruthy();
    expect(calls).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('You are not allowed to approve or return these minutes on this case.'));
  });
});
