import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { app, pages } from '@microsoft/teams-js';
import { caseTabConfig } from '../../tab/configure/case-tab-config';
import { ConfigurePage } from '../../tab/configure/configure-page';
import { fakeFetch } from './fake-fetch';

// TeamsJS mocked at the module boundary: the page talks to Teams only through these calls.
jest.mock('@microsoft/teams-js', () => ({
  app: { isInitialized: jest.fn(() => true), initialize: jest.fn(async () => undefined) },
  authentication: { getAuthToken: jest.fn(async () => 'teams-sso-token') },
  pages: { config: { registerOnSaveHandler: jest.fn(), setValidityState: jest.fn(), setConfig: jest.fn(async () => undefined) } },
}));

const config = pages.config as jest.Mocked<typeof pages.config>;
const work = {
  today: '2027-01-04',
  cases: [
    { caseId: 'c1', reference: 'CP-2026-0042', childInitials: 'LRE', socialWorkerId: 'sam', overdue: 0, colour: 'green' },
    { caseId: 'c2', reference: 'CP-2026-0077', childInitials: 'NJP', socialWorkerId: 'someone-else', overdue: 0, colour: 'green' },
  ],
  reportsOwed: [],
  approvalsWaiting: [],
  minutesReturned: [],
};
const me = { person: { id: 'sam', displayName: 'Sam Okafor', email: 'sam@anytown.example' }, devSignIn: false };
const teamsCredentials = { headers: async () => ({ authorization: 'Bearer teams-sso-token' }) };
const saveEvent = () => ({ notifySuccess: jest.fn(), notifyFailure: jest.fn() });
const saveHandler = () => config.registerOnSaveHandler.mock.calls.at(-1)?.[0] as unknown as (e: ReturnType<typeof saveEvent>) => void;

describe('the group chat tab’s configuration page', () => {
  beforeEach(() => {
    jest.clearAllMocks();
    localStorage.clear();
  });

  it('builds the tab’s configuration from the case: its page in the tab, the manifest’s entity id, the reference as its name', () => {
    expect(caseTabConfig('https://cg.example', { caseId: 'c1', reference: 'CP-2026-0042' })).toEqual({
      contentUrl: 'https://cg.example/#/cases/c1',
      websiteUrl: 'https://cg.example/#/cases/c1',
      entityId: 'case-chat',
      suggestedDisplayName: 'Core group CP-2026-0042',
    });
  });

  it('offers only the chair’s own cases, allows Save once one is chosen, and saves its configuration', async () => {
    const { impl, calls } = fakeFetch({
      'GET /api/dev/users': { status: 404, body: { error: { code: 'ROUTE.NOT_FOUND', message: '' } } },
      'GET /api/me': { body: me },
      'GET /api/me/work': { body: work },
    });
    render(<ConfigurePage teamsCredentials={teamsCredentials} origin="https://cg.example" fetchImpl={impl} />);
    const radio = await screen.findByRole('radio', { name: 'CP-2026-0042 (LRE)' });
    expect(screen.queryByRole('radio', { name: /CP-2026-0077/ })).toBeNull();
    expect(calls.find((c) => c.key === 'GET /api/me/work')?.headers).toMatchObject({ authorization: 'Bearer teams-sso-token' });
    expect(config.setValidityState).toHaveBeenLastCalledWith(false);

    // Save before choosing is refused with a reason Teams shows.
    const early = saveEvent();
    saveHandler()(early);
    expect(early.notifyFailure).toHaveBeenCalledWith('Choose a case first.');

    fireEvent.click(radio);
    expect(config.setValidityState).toHaveBeenLastCalledWith(true);
    const save = saveEvent();
    saveHandler()(save);
    await waitFor(() => expect(save.notifySuccess).toHaveBeenCalled());
    expect(config.setConfig).toHaveBeenCalledWith({
      contentUrl: 'https://cg.example/#/cases/c1',
      websiteUrl: 'https://cg.example/#/cases/c1',
      entityId: 'case-chat',
      suggestedDisplayName: 'Core group CP-2026-0042',
    });
  });

  it('tells Teams when it refuses the configuration', async () => {
    config.setConfig.mockRejectedValueOnce(new Error('Teams said no'));
    const { impl } = fakeFetch({ 'GET /api/dev/users': { status: 404, body: {} }, 'GET /api/me': { body: me }, 'GET /api/me/work': { body: work } });
    render(<ConfigurePage teamsCredentials={teamsCredentials} origin="https://cg.example" fetchImpl={impl} />);
    fireEvent.click(await screen.findByRole('radio', { name: 'CP-2026-0042 (LRE)' }));
    const save = saveEvent();
    saveHandler()(save);
    await waitFor(() => expect(save.notifyFailure).toHaveBeenCalledWith('Teams said no'));
  });

  it('uses dev sign-in in local mode, and offers no Save outside Teams', async () => {
    (app.isInitialized as jest.Mock).mockReturnValue(false);
    const { impl, calls } = fakeFetch({
      'GET /api/dev/users': { body: { devSignIn: true, people: [{ id: 'sam', displayName: 'Sam Okafor', role: 'Social worker (chair)' }] } },
      'GET /api/me': { body: me },
      'GET /api/me/work': { body: work },
    });
    render(<ConfigurePage teamsCredentials={teamsCredentials} origin="http://127.0.0.1:3978" fetchImpl={impl} />);
    fireEvent.change(await screen.findByLabelText(/Acting as/), { target: { value: 'sam' } });
    fireEvent.click(await screen.findByRole('radio', { name: 'CP-2026-0042 (LRE)' }));
    expect(calls.find((c) => c.key === 'GET /api/me/work')?.headers).toEqual({ 'x-dev-user': 'sam' });
    expect(config.registerOnSaveHandler).not.toHaveBeenCalled();
    expect(config.setValidityState).not.toHaveBeenCalled();
    (app.isInitialized as jest.Mock).mockReturnValue(true);
  });
});
