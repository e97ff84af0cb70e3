import { act, render, screen, waitFor } from '@testing-library/react';
import { apiClient, devCredentials } from '../../tab/src/api';
import { Me } from '../../tab/src/api-types';
import { Nav } from '../../tab/src/nav';
import { fakeFetch } from './fake-fetch';

const me = (can: Me['can']): Me => ({ person: { id: 'p', displayName: 'Someone', email: 'p@x.example' }, devSignIn: true, can });
const links = () => screen.getAllByRole('link').map((l) => l.textContent);

describe("the tab's menu offers only what the person can do", () => {
  const cases: [string, Me['can'], string[]][] = [
    ['a health visitor (nothing to manage or open)', { openCases: false, manage: false, keepStaffList: false }, ['My core groups']],
    ['a social worker who chairs', { openCases: true, manage: false, keepStaffList: false }, ['My core groups', 'Open a case']],
    ['a team manager', { openCases: true, manage: true, keepStaffList: false }, ['My core groups', 'Approvals', 'Team compliance', 'Open a case']],
    [
      'a team manager who keeps the staff list',
      { openCases: true, manage: true, keepStaffList: true },
      ['My core groups', 'Approvals', 'Team compliance', 'Open a case', 'Staff list'],
    ],
  ];
  it.each(cases)('%s', async (_who, can, expected) => {
    const { impl, calls } = fakeFetch({ 'GET /api/me': { body: me(can) } });
    render(<Nav api={apiClient(devCredentials('p'), impl)} />);
    // Let the answer arrive and render before reading the menu.
    await waitFor(() => expect(calls).toHaveLength(1));
    await act(() => new Promise((r) => setTimeout(r, 20)));
    expect(links()).toEqual(expected);
  });

  it('shows only "My core groups" while nobody is signed in', () => {
    render(<Nav />);
    expect(links()).toEqual(['My core groups']);
  });
});
