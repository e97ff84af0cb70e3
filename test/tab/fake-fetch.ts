type Answer = { status?: number; body: unknown };

/**
 * A fetch that answers from canned server responses keyed by "METHOD /path" (a function answers
 * afresh each time it is asked), recording every request with its headers and parsed body.
 */
export function fakeFetch(routes: Record<string, Answer | (() => Answer)>) {
  const calls: { key: string; headers: Record<string, string>; body?: unknown }[] = [];
  const impl = (async (url: string, init?: RequestInit) => {
    const key = `${init?.method ?? 'GET'} ${url}`;
    calls.push({ key, headers: (init?.headers ?? {}) as Record<string, string>, ...(init?.body ? { body: JSON.parse(String(init.body)) as unknown } : {}) });
    const route = routes[key];
    if (!route) throw new Error(`no fake route for ${key}`);
    const hit = typeof route === 'function' ? route() : route;
    return { ok: (hit.status ?? 200) < 400, status: hit.status ?? 200, json: async () => hit.body } as Response;
  }) as typeof fetch;
  return { impl, calls };
}
