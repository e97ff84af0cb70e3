import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { insideTeams } from './api';
import { App } from './app';
import { followDeepLink } from './teams-route';

void insideTeams().then(async (inTeams) => {
  if (inTeams) await followDeepLink();
  createRoot(document.getElementById('root') as HTMLElement).render(
    <StrictMode>
      <App inTeams={inTeams} />
    </StrictMode>,
  );
});
