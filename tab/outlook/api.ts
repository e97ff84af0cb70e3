/// <reference types="office-js" />
import type { ApiErrorBody } from './api-types';

/**
 * How the add-in proves who it is to the same API the tab uses: Office single sign-on (a token for
 * the same Entra app and audience as the tab's Teams SSO token, so the server's one validator checks
 * both), or, when the server runs in local mode, the demo person chosen in dev sign-in (the same
 * X-Dev-User header the tab sends, remembered under the tab's key).
 */
export interface Credentials {
  headers(): Promise<Record<string, string>>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.error.message);
  }
}

export const DEV_USER_KEY = 'core-groups.dev-user';

export const devCredentials = (userId: string): Credentials => ({ headers: async () => ({ 'x-dev-user': userId }) });

/** Office SSO: Outlook asks Entra for a token for Core Groups' app registration (prompting only if it must). */
export const officeCredentials = (office: Pick<typeof Office, 'auth'>): Credentials => ({
  headers: async () => ({ authorization: `Bearer ${await office.auth.getAccessToken({ allowSignInPrompt: true, allowConsentPrompt: true, forMSGraphAccess: false })}` }),
});

export type Fetch = typeof fetch;

export interface DevUser {
  id: string;
  displayName: string;
  role: string;
}

/**
 * Whether the server offers dev sign-in (local mode only: production has no such route), and who
 * to act as. Asked of the server, not guessed from the host: a local server never checks tokens.
 */
export async function devSignInOffered(fetchImpl: Fetch, base = ''): Promise<DevUser[] | undefined> {
  try {
    const res = await fetchImpl(`${base}/api/dev/users`);
    if (!res.ok) return undefined;
    const body = (await res.json()) as { devSignIn?: boolean; people?: DevUser[] };
    return body.devSignIn ? (body.people ?? []) : undefined;
  } catch {
    return undefined;
  }
}

export function apiClient(credentials: Credentials, fetchImpl: Fetch = fetch, base = '') {
  async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const res = await fetchImpl(`${base}${path}`, {
      method,
      headers: { ...(await credentials.headers()), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await res.json()) as unknown;
    if (!res.ok) throw new ApiError(res.status, json as ApiErrorBody);
    return json as T;
  }
  return {
    get: <T>(path: string) => call<T>('GET', path),
    post: <T>(path: string, body: unknown) => call<T>('POST', path, body),
  };
}
export type ApiClient = ReturnType<typeof apiClient>;

/** What to tell the person about a refusal, in the server's words where it gave them. */
export function explain(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 403) return `${error.body.error.message} Only the chair, vice chair, manager or business support can set up its core groups from Outlook.`;
    return error.body.error.message;
  }
  return error instanceof Error ? error.message : 'Something went wrong.';
}
