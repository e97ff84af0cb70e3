import { app, authentication } from '@microsoft/teams-js';
import { ApiError, Credentials } from '../common/api-client';

export { ApiError, apiClient, DEV_USER_KEY, devCredentials, devSignInOffered } from '../common/api-client';
export type { ApiClient, Credentials, DevUser, Fetch } from '../common/api-client';

export const teamsCredentials: Credentials = { headers: async () => ({ authorization: `Bearer ${await authentication.getAuthToken()}` }) };

/** True when the page runs inside Teams, Outlook or the Microsoft 365 app (TeamsJS initialises). */
export async function insideTeams(timeoutMs = 1500): Promise<boolean> {
  try {
    await Promise.race([app.initialize(), new Promise((_, reject) => setTimeout(() => reject(new Error('not in Teams')), timeoutMs))]);
    return true;
  } catch {
    return false;
  }
}

/** The server's problems with each field ("member.person.email" → "must be an email address"), from any error. */
export function fieldProblems(e: unknown): Record<string, string> {
  if (!(e instanceof ApiError)) return {};
  return Object.fromEntries((e.body.error.fields ?? []).map((f) => [f.field, f.problem]));
}

/** The message to show for any error: the server's words when it gave them. */
export const messageOf = (e: unknown): string => (e instanceof ApiError ? e.body.error.message : (e as Error).message);
export const codeOf = (e: unknown): string | undefined => (e instanceof ApiError ? e.body.error.code : undefined);
