/** The personal tab every deep link opens: "My work" (manifest/declared.ts TAB_ENTITY_IDS.myWork). */
export const MY_WORK_ENTITY_ID = 'my-work';

/**
 * A Teams deep link to a page of the app's personal tab: Teams opens the tab (installing nothing)
 * and hands the page's path to it as the context's subPageId (subEntityId in the link), which the
 * tab routes to. `webUrl` is the fallback a client that cannot render the tab opens instead.
 * Format: https://teams.microsoft.com/l/entity/<appId>/<entityId>?webUrl=…&context={"subEntityId":…}
 */
export function teamsTabDeepLink(teamsAppId: string, tabPath: string, webUrl?: string): string {
  const context = encodeURIComponent(JSON.stringify({ subEntityId: tabPath }));
  const fallback = webUrl ? `webUrl=${encodeURIComponent(webUrl)}&` : '';
  return `https://teams.microsoft.com/l/entity/${encodeURIComponent(teamsAppId)}/${MY_WORK_ENTITY_ID}?${fallback}context=${context}`;
}
