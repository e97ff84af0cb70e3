import { ApiError, Credentials } from '../common/api-client';
import { teamsJs } from './host';

export { ApiError, apiClient, DEV_USER_KEY, devCredentials, devSignInOffered } from '../common/api-client';
export type { ApiClient, Credentials, DevUser, Fetch } from '../common/api-client';

/** Inside Teams: the Teams SSO token (TeamsJS is loaded only there, host.ts). */
export const teamsCredentials: Credentials = { headers: async () => ({ authorization: `Bearer ${await (await teamsJs()).authentication.getAuthToken()}` }) };

/**
 * A server problem as a sentence to show beside its field: "is required" → "Required.", "must be an
 * email address" → "Must be an email address.". The server words a problem to follow a field name;
 * beside the field, under its label, it must stand on its own.
 */
export function problemSentence(problem: string): string {
  const p = problem.trim();
  const s = /^is required\b/.test(p) ? `Required${p.slice('is required'.length)}` : /^is\b/.test(p) ? `This ${p}` : p.charAt(0).toUpperCase() + p.slice(1);
  return /[.!?]$/.test(s) ? s : `${s}.`;
}

/** The server's problems with each field, as sentences ("members.2.person.email" → "Must be an email address."), from any error. */
export function fieldProblems(e: unknown): Record<string, string> {
  if (!(e instanceof ApiError)) return {};
  return Object.fromEntries((e.body.error.fields ?? []).map((f) => [f.field, problemSentence(f.problem)]));
}

/** The message to show for any error: the server's words when it gave them. */
export const messageOf = (e: unknown): string => (e instanceof ApiError ? e.body.error.message : (e as Error).message);
export const codeOf = (e: unknown): string | undefined => (e instanceof ApiError ? e.body.error.code : undefined);
