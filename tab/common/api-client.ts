/**
 * The HTTP client every page of Core Groups uses (the tab, the group chat's configuration page and
 * the Outlook add-in): one way to call the API, to read its refusals and to find out whether the
 * server offers dev sign-in. Host-neutral: how a page proves who it is (Teams SSO, Office SSO, a
 * demo person) comes in as Credentials, so no page bundles another host's SDK.
 */

/** The server's refusal: a code, a sentence a person understands, and the fields at fault. */
export interface ApiErrorBody {
  error: { code: string; message: string; fields?: { field: string; problem: string }[] };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.error.message);
  }
}

/** How a page proves who it is. */
export interface Credentials {
  headers(): Promise<Record<string, string>>;
}

/** Where the chosen demo person is remembered, shared by every page so a choice holds across them. */
export const DEV_USER_KEY = 'core-groups.dev-user';

export const devCredentials = (userId: string): Credentials => ({ headers: async () => ({ 'x-dev-user': userId }) });

export type Fetch = typeof fetch;

/** A demo person offered by dev sign-in. */
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

/** A small client for the API; errors come back as ApiError with the server's code and fields. */
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
