import { ApiErrorBody } from './api-types';
import { teamsJs } from './host';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.error.message);
  }
}

/** How the tab proves who it is: a Teams SSO token inside Teams, or the chosen demo user locally. */
export interface Credentials {
  headers(): Promise<Record<string, string>>;
}

export const devCredentials = (userId: string): Credentials => ({ headers: async () => ({ 'x-dev-user': userId }) });
export const teamsCredentials: Credentials = { headers: async () => ({ authorization: `Bearer ${await (await teamsJs()).authentication.getAuthToken()}` }) };

export type Fetch = typeof fetch;

/** A small client for the tab's API; errors come back as ApiError with the server's code and fields. */
export function apiClient(credentials: Credentials, fetchImpl: Fetch = fetch, base = '') {
  async function call<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
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
    put: <T>(path: string, body: unknown) => call<T>('PUT', path, body),
    del: <T>(path: string) => call<T>('DELETE', path),
  };
}
export type ApiClient = ReturnType<typeof apiClient>;

/** The server's problems with each field ("member.person.email" → "must be an email address"), from any error. */
export function fieldProblems(e: unknown): Record<string, string> {
  if (!(e instanceof ApiError)) return {};
  return Object.fromEntries((e.body.error.fields ?? []).map((f) => [f.field, f.problem]));
}

/** The message to show for any error: the server's words when it gave them. */
export const messageOf = (e: unknown): string => (e instanceof ApiError ? e.body.error.message : (e as Error).message);
export const codeOf = (e: unknown): string | undefined => (e instanceof ApiError ? e.body.error.code : undefined);
