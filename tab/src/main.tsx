import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { insideTeams, mayBeHosted } from './host';
import { followDeepLink } from './teams-route';

const render = (inTeams: boolean) =>
  createRoot(document.getElementById('root') as HTMLElement).render(
    <StrictMode>
      <App inTeams={inTeams} />
    </StrictMode>,
  );

// A plain browser (local mode) renders, and so starts its API calls, at once; only a page a host
// may be holding waits for TeamsJS, and that for at most a moment (host.ts). Inside Teams, a deep
// link's page is opened before the first draw.
if (mayBeHosted(window))
  void insideTeams().then(async (inTeams) => {
    if (inTeams) await followDeepLink();
    render(inTeams);
  });
else render(false);
