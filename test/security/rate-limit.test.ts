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

  const as = (user: string, path = '/api/me/work') => rawRequest(h.base, { method: 'GET', path, headers: { 'x-dev-user': user } });
  const code = (res: { body: string }) => (JSON.parse(res.body) as { error?: { code: string } }).error?.code;

  it('refuses one person’s parallel requests beyond the cap at once (429), and /healthz answers meanwhile', async () => {
    const flood = Promise.all(Array.from({ length: 20 }, () => as('sam')));
    const health = await rawRequest(h.base, { method: 'GET', path: '/healthz' }, 2_000);
    const answers = await flood;
    expect(health.status).toBe(200);
    const refused = answers.filter((r) => r.status === 429);
    expect(answers.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(3);
    expect(refused.length).toBeGreaterThan(0);
    expect(answers.every((r) => r.status === 200 || r.status === 429)).toBe(true);
    expect(JSON.parse(refused[0]!.body)).toEqual({ error: { code: 'RATE.LIMITED', message: 'Too many requests from you in a short time. Wait a minute, then try again.' } });
    expect(refused[0]!.headers['retry-after']).toBeDefined();
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
    expect((JSON.parse(sixth.body) as { error: { message: string } }).error.message).toBe('Too many failed sign-ins from your network in a short time. Wait a minute, then try again.');
    // A colleague behind the same address signs in as usual.
    const maria = (await h.store.transaction((tx) => tx.people.byEmail('maria.lindqvist@anytown.gov.uk')))!.id;
    expect((await as(maria)).status).toBe(200);
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
