import { render, screen } from '@testing-library/react';
import { app } from '@microsoft/teams-js';
import { App } from '../../tab/src/app';
import { HostWindow, insideTeams, mayBeHosted } from '../../tab/src/host';
import { fakeFetch } from './fake-fetch';

jest.mock('@microsoft/teams-js', () => ({ app: { initialize: jest.fn() }, authentication: { getAuthToken: jest.fn() } }));
const initialize = app.initialize as jest.Mock;

/** A window nothing holds: its own parent, opened by no one. */
function topWindow(extra: Partial<HostWindow> = {}): HostWindow {
  const win: { parent: unknown; opener: unknown; nativeInterface?: unknown } = { parent: undefined, opener: null, ...extra };
  win.parent = win;
  return win;
}

afterEach(() => {
  initialize.mockReset();
  localStorage.clear();
  window.location.hash = '';
});

describe('the first load outside Teams', () => {
  it('knows a plain browser tab is not hosted, and that a framed, opened or native-bridged page may be', () => {
    expect(mayBeHosted(topWindow())).toBe(false);
    expect(mayBeHosted({ parent: topWindow(), opener: null })).toBe(true);
    expect(mayBeHosted(topWindow({ opener: topWindow() }))).toBe(true);
    expect(mayBeHosted(topWindow({ nativeInterface: {} }))).toBe(true);
  });

  it('does not wait for TeamsJS in a plain browser tab (it is not even started)', async () => {
    await expect(insideTeams(topWindow())).resolves.toBe(false);
    expect(initialize).not.toHaveBeenCalled();
  });

  it('inside a frame, is in Teams when TeamsJS starts, and gives up after the timeout when no host answers', async () => {
    initialize.mockResolvedValueOnce(undefined);
    await expect(insideTeams({ parent: {}, opener: null }, 1000)).resolves.toBe(true);
    initialize.mockReturnValueOnce(new Promise(() => undefined));
    const started = Date.now();
    await expect(insideTeams({ parent: {}, opener: null }, 50)).resolves.toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('asks for my work at once when someone was chosen before, without waiting for the list of demo people', async () => {
    localStorage.setItem('core-groups.dev-user', 'sam');
    const { impl, calls } = fakeFetch({
      'GET /api/me/work': { body: { today: '2027-01-04', cases: [], reportsOwed: [], approvalsWaiting: [], minutesReturned: [] } },
      'GET /api/me': {
        body: { person: { id: 'sam', displayName: 'Sam Okafor', email: 'sam@x.example' }, devSignIn: true, can: { openCases: true, manage: false } },
      },
    });
    const asked: string[] = [];
    // The list of demo people never comes: my work must not wait for it.
    const fetchImpl = ((url: string, init?: RequestInit) => (
      asked.push(url),
      url === '/api/dev/users' ? new Promise<Response>(() => undefined) : impl(url, init)
    )) as typeof fetch;
    render(<App inTeams={false} fetchImpl={fetchImpl} />);
    expect(await screen.findByRole('heading', { name: 'My core groups' })).toBeTruthy();
    // The page and its menu (who may do what) are asked for together, neither after the demo people.
    expect(asked.sort()).toEqual(['/api/dev/users', '/api/me', '/api/me/work']);
    expect(calls.map((c) => c.headers['x-dev-user'])).toEqual(['sam', 'sam']);
  });

  it('opens a view that is not the first one from its own chunk, when it is asked for', async () => {
    localStorage.setItem('core-groups.dev-user', 'maria');
    window.location.hash = '#/team';
    const { impl } = fakeFetch({
      'GET /api/dev/users': { body: { people: [] } },
      'GET /api/team/compliance': { body: { today: '2027-01-04', totals: { red: 0, amber: 0, green: 0 }, bySocialWorker: [] } },
    });
    render(<App inTeams={false} fetchImpl={impl} />);
    expect(await screen.findByRole('heading', { name: 'Team compliance' })).toBeTruthy();
  });
});
