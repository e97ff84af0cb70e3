/// <reference types="office-js" />
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PaneApp } from './pane';

/** Office.js when the page is in Outlook (and ready), else undefined (a plain browser). */
async function officeReady(timeoutMs = 3000): Promise<typeof Office | undefined> {
  if (typeof Office === 'undefined' || typeof Office.onReady !== 'function') return undefined;
  try {
    await Promise.race([Office.onReady(), new Promise((_, reject) => setTimeout(() => reject(new Error('Office did not start')), timeoutMs))]);
    return Office;
  } catch {
    return undefined;
  }
}

void officeReady().then((office) => {
  createRoot(document.getElementById('root') as HTMLElement).render(
    <StrictMode>
      <PaneApp office={office} />
    </StrictMode>,
  );
});
