import { Harness, rawRequest, startHarness } from './harness';

/**
 * The tab API's limits, with small numbers so the test is quick: per person (after sign-in) a window
 * of requests and a cap on requests in progress; per address, failed sign-ins. /healthz is never
 * limited and still answers while one person floods the API.
 */
describe('rate limits on the tab API', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ limits: { perPersonPerMinute: 10, perPersonInFlight: 3, signInFailuresPerMinute: 5 } });
  });
  afterAll(() => h.close());

  const as = (user: string, path = '/api/me/work', base = h.base) => rawRequest(base, { method: 'GET', path, headers: { 'x-dev-user': user } });
  const code = (res: { body: string }) => (JSON.parse(res.body) as { error?: { code: string } }).error?.code;

  it('refuses one person’s parallel requests beyond the cap at once (429), serves the rest, and /healthz answers meanwhile', async () => {
    // A store whose every transaction takes 100 ms without holding the event loop (as PostgreSQL's do), so requests overlap.
    const slow = await startHarness({ limits: { perPersonPerMinute: 1_000, perPersonInFlight: 3, signInFailuresPerMinute: 1_000 }, slowStoreMs: 100 });
    try {
      const flood = Promise.all(Array.from({ length: 20 }, () => as('sam', '/api/me/work', slow.base)));
      await new Promise((resolve) => setTimeout(resolve, 50));
      const started = Date.now();
      const health = await rawRequest(slow.base, { method: 'GET', path: '/healthz' }, 2_000);
      const healthMs = Date.now() - started;
      const answers = await flood;
      expect(health.status).toBe(200);
      expect(healthMs).toBeLessThan(500);
      expect(answers.filter((r) => r.status === 200)).toHaveLength(3);
      const refused = answers.filter((r) => r.status === 429);
      expect(refused).toHaveLength(17);
      expect(JSON.parse(refused[0]!.body)).toEqual({
        error: { code: 'RATE.LIMITED', message: 'You already have 3 requests in progress. Wait for them to finish, then try again.' },
      });
      expect(refused[0]!.headers['retry-after']).toBe('1');
      // Once they are done, the same person is served again.
      expect((await as('sam', '/api/me/work', slow.base)).status).toBe(200);
    } finally {
      await slow.close();
    }
  });

  it('refuses requests over the per-minute window with the window’s sentence', async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, () => as('sam')));
    expect(answers.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(2);
    const refused = answers.find((r) => r.status === 429 && code(r) === 'RATE.LIMITED' && r.body.includes('short time'));
    expect(refused).toBeDefined();
    expect(JSON.parse(refused!.body)).toEqual({
      error: { code: 'RATE.LIMITED', message: 'Too many requests from you in a short time. Wait a minute, then try again.' },
    });
  });

  it('counts each person on their own, and refuses the 11th request in a minute with Retry-After', async () => {
    // Sam has used (or been refused) their 10 for this minute; the stranger has not.
    expect((await as('sam')).status).toBe(429);
    const first = await as('stranger');
    expect(first.status).toBe(200);
    expect(first.headers['ratelimit-policy']).toMatch(/q=10; w=60/);
    for (let i = 2; i <= 10; i += 1) expect((await as('stranger')).status).toBe(200);
    const eleventh = await as('stranger');
    expect(eleventh.status).toBe(429);
    expect(Number(eleventh.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('answers failed sign-ins from one address with 429 beyond the limit, and still lets good credentials in', async () => {
    for (let i = 1; i <= 5; i += 1) expect((await as('nobody')).status).toBe(401);
    const sixth = await as('nobody');
    expect(sixth.status).toBe(429);
    expect(code(sixth)).toBe('RATE.LIMITED');
    expect((JSON.parse(sixth.body) as { error: { message: string } }).error.message).toBe(
      'Too many failed sign-ins from your network in a short time. Wait a minute, then try again.',
    );
    // A colleague behind the same address signs in as usual.
    const maria = (await h.store.transaction((tx) => tx.people.byEmail('maria.lindqvist@anytown.gov.uk')))!.id;
    expect((await as(maria)).status).toBe(200);
  });

  it('counts failed sign-ins by the address a trusted proxy forwards (TRUST_PROXY), and by the connection otherwise', async () => {
    const behindProxy = await startHarness({ limits: { perPersonPerMinute: 100, perPersonInFlight: 10, signInFailuresPerMinute: 2 }, trustProxy: 1 });
    try {
      const from = (address: string) =>
        rawRequest(behindProxy.base, { method: 'GET', path: '/api/me/work', headers: { 'x-dev-user': 'nobody', 'x-forwarded-for': address } });
      expect([(await from('203.0.113.1')).status, (await from('203.0.113.1')).status, (await from('203.0.113.1')).status]).toEqual([401, 401, 429]);
      expect((await from('203.0.113.2')).status).toBe(401);
    } finally {
      await behindProxy.close();
    }
  });

  it('never limits /healthz', async () => {
    const answers = await Promise.all(Array.from({ length: 50 }, () => rawRequest(h.base, { method: 'GET', path: '/healthz' })));
    expect(answers.every((r) => r.status === 200)).toBe(true);
  });

  it('logs each 429 as one line, without a stack', () => {
    expect(h.logged).toEqual([]);
    expect(h.notices).toContain('[core-groups] 429 RATE.LIMITED GET /api/me/work');
  });
});
