import { teamsTabDeepLink } from '../adapters/teams/tab-deep-link';

/** Links to the tab's pages, for cards, notifications and the Outlook add-in. */
export interface TabLinks {
  /** A page of the tab by its path ("cases/<id>", "minutes/<id>", "reports/<id>"). */
  at(tabPath: string): string;
  caseUrl(caseId: string): string;
  minutesUrl(minutesId: string): string;
  /** Where this server's own /open/ address sends a browser: as `at`, but same-origin (relative) in local mode. */
  redirect(tabPath: string): string;
}

/**
 * Where a link in a card should take its reader. In production the tab signs people in only inside
 * Teams (Teams SSO), so a plain web address would open a browser page that cannot sign anyone in:
 * links are Teams deep links into the personal tab, with the web address as the fallback. In local
 * mode (dev sign-in in any browser, no Teams app) they are the web addresses themselves.
 */
export function tabLinks(publicBaseUrl: string, teamsAppId?: string): TabLinks {
  const web = (tabPath: string) => `${publicBaseUrl}/#/${tabPath}`;
  const at = (tabPath: string) => (teamsAppId ? teamsTabDeepLink(teamsAppId, tabPath, web(tabPath)) : web(tabPath));
  return {
    at,
    caseUrl: (id) => at(`cases/${id}`),
    minutesUrl: (id) => at(`minutes/${id}`),
    redirect: (tabPath) => (teamsAppId ? at(tabPath) : `/#/${tabPath}`),
  };
}
