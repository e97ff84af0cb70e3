import { teamsJs } from './host';

/** The tab's pages a deep link may open: a kind and an id, as the server's links write them. */
const PAGE = /^(cases|minutes|reports|meetings)\/[A-Za-z0-9-]{1,64}(\/(schedule|series))?$/;

/**
 * The hash to open when Teams starts the tab from a deep link (a card's "Open the case", an
 * activity-feed notification): its subPageId names the page. Only when the tab was not already
 * opened at a page, and only for paths the tab has: anything else opens My work.
 */
export function routeFromSubPage(subPageId: string | undefined, hash: string): string | undefined {
  if (!subPageId || (hash !== '' && hash !== '#' && hash !== '#/')) return undefined;
  return PAGE.test(subPageId) ? `#/${subPageId}` : undefined;
}

/** Inside Teams: opens the page a deep link names, before the app first draws. */
export async function followDeepLink(): Promise<void> {
  try {
    const { app } = await teamsJs();
    const context = await app.getContext();
    const next = routeFromSubPage(context.page.subPageId, window.location.hash);
    if (next) window.location.hash = next;
  } catch {
    // No context (not in Teams after all): nothing to follow.
  }
}
