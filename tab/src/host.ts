/**
 * Whether the tab runs inside Teams (or Outlook, or the Microsoft 365 app), found without making the
 * first view wait. A host always frames the tab (desktop and web), opened it (a pop-out), or gives
 * it a native bridge (mobile, frameless); a page with none of these is a plain browser tab in local
 * mode, and starts its API calls at once: TeamsJS is not even loaded there (it would wait for a host
 * that never answers, and fetch its list of valid origins from a CDN first).
 */
export interface HostWindow {
  readonly parent: unknown;
  readonly opener: unknown;
  readonly nativeInterface?: unknown;
}

export const mayBeHosted = (win: HostWindow): boolean => win.parent !== win || Boolean(win.opener) || win.nativeInterface !== undefined;

/** TeamsJS, loaded only when a host may be there (its own chunk, left out of a plain browser's first load). */
export const teamsJs = () => import('./teams-sdk.js');

/**
 * Inside a possible host: TeamsJS initialised, but for no longer than timeoutMs (a page framed by
 * something other than a host never hears back, and must still show something).
 */
export async function insideTeams(win: HostWindow = window, timeoutMs = 1500): Promise<boolean> {
  if (!mayBeHosted(win)) return false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const { app } = await teamsJs();
    await Promise.race([app.initialize(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('not in Teams')), timeoutMs)))]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
