import { app, authentication } from '@microsoft/teams-js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ConfigurePage } from './configure-page';

const teamsCredentials = { headers: async () => ({ authorization: `Bearer ${await authentication.getAuthToken()}` }) };

// The configuration page runs only inside Teams; TeamsJS must be initialised before pages.config.
// Outside Teams (local mode, a browser) it still renders, for trying the case list.
void Promise.race([app.initialize(), new Promise((resolve) => setTimeout(resolve, 1500))])
  .catch(() => undefined)
  .then(() => {
    createRoot(document.getElementById('root') as HTMLElement).render(
      <StrictMode>
        <ConfigurePage teamsCredentials={teamsCredentials} origin={window.location.origin} />
      </StrictMode>,
    );
  });
