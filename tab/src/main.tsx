import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { insideTeams } from './api';
import { App } from './app';

void insideTeams().then((inTeams) => {
  createRoot(document.getElementById('root') as HTMLElement).render(
    <StrictMode>
      <App inTeams={inTeams} />
    </StrictMode>,
  );
});
