import fs from 'node:fs';
import path from 'node:path';
import { FRAME_ANCESTORS } from '../../src/server/http/security-headers';
import { Harness, rawRequest, startHarness } from './harness';

const csp = (header: string | string[] | undefined): Record<string, string[]> =>
  Object.fromEntries(
    String(header)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name as string, values]),
  );

/** The security headers on every kind of answer: the tab, its assets, the API (200 and errors), the health check. */
describe('security headers', () => {
  let local: Harness;
  let production: Harness;
  beforeAll(async () => {
    local = await startHarness();
    production = await startHarness({ httpsOnly: true });
  });
  afterAll(async () => {
    await local.close();
    await production.close();
  });

  const answers = (h: Harness) =>
    Promise.all([
      rawRequest(h.base, { method: 'GET', path: '/' }),
      rawRequest(h.base, { method: 'GET', path: '/assets/app.js' }),
      rawRequest(h.base, { method: 'GET', path: '/api/me/work', headers: { 'x-dev-user': 'sam' } }),
      rawRequest(h.base, { method: 'GET', path: `/api/cases/${h.caseId}`, headers: { 'x-dev-user': 'sam' } }),
      rawRequest(h.base, { method: 'GET', path: '/api/me/work' }),
      rawRequest(h.base, { method: 'GET', path: '/api/no-such-route', headers: { 'x-dev-user': 'sam' } }),
      rawRequest(h.base, { method: 'POST', path: '/api/cases', headers: { 'content-type': 'application/json' }, body: `{"a":"${'x'.repeat(1_100_000)}"}` }),
      rawRequest(h.base, { method: 'GET', path: '/healthz' }),
    ]);

  it('sends a CSP that lets only Teams, Outlook and Microsoft 365 frame the tab, and runs only our own scripts and Office.js from Microsoft’s CDN', async () => {
    for (const res of await answers(local)) {
      const policy = csp(res.headers['content-security-policy']);
      expect(policy['frame-ancestors']).toEqual([...FRAME_ANCESTORS]);
      expect(policy['frame-ancestors']).toEqual(
        expect.arrayContaining([
          'https://teams.microsoft.com',
          'https://*.teams.microsoft.com',
          'https://*.cloud.microsoft',
          'https://outlook.office.com',
          'https://outlook.office365.com',
          'https://*.office.com',
          'https://*.microsoft365.com',
        ]),
      );
      expect(policy['default-src']).toEqual(["'self'"]);
      expect(policy['script-src']).toEqual(["'self'", 'https://appsforoffice.microsoft.com']);
      expect(policy['object-src']).toEqual(["'none'"]);
      expect(policy['base-uri']).toEqual(["'self'"]);
      // Fluent UI's Griffel inserts <style> at run time; TeamsJS may fetch Microsoft's list of hosts.
      expect(policy['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
      expect(policy['connect-src']).toEqual(["'self'", 'https://res.cdn.office.net', 'https://appsforoffice.microsoft.com']);
      expect(policy['script-src-attr']).toEqual(["'none'"]);
      expect(Object.values(policy).flat()).not.toContain("'unsafe-eval'");
      expect(Object.values(policy).flat()).not.toContain('*');
      // Local mode is http://127.0.0.1: asking the browser to upgrade would break it.
      expect(policy['upgrade-insecure-requests']).toBeUndefined();
    }
  });

  it('sends nosniff and no-referrer everywhere, and neither X-Frame-Options (it would stop Teams framing the tab) nor X-Powered-By', async () => {
    for (const res of await answers(local)) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-frame-options']).toBeUndefined();
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('marks every API answer (a child’s name, an error, a refusal) and the health check no-store; the tab’s assets may be cached', async () => {
    const [index, asset, work, detail, unauthenticated, notFound, tooLarge, health] = await answers(local);
    expect(detail!.body).toContain('Lily Rose Example');
    for (const res of [work, detail, unauthenticated, notFound, tooLarge, health]) expect(res!.headers['cache-control']).toBe('no-store');
    expect([work!.status, detail!.status, unauthenticated!.status, notFound!.status, tooLarge!.status, health!.status]).toEqual([200, 200, 401, 404, 413, 200]);
    expect(index!.headers['cache-control']).toMatch(/max-age/);
    expect(asset!.headers['cache-control']).toMatch(/max-age/);
  });

  it('sends HSTS for a year and upgrade-insecure-requests in production only', async () => {
    for (const res of await answers(local)) expect(res.headers['strict-transport-security']).toBeUndefined();
    for (const res of await answers(production)) {
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      expect(csp(res.headers['content-security-policy'])['upgrade-insecure-requests']).toEqual([]);
    }
  });

  it('keeps the tab within the CSP: its page has no inline script, style or event handler', () => {
    const page = fs.readFileSync(path.resolve(__dirname, '../../tab/index.html'), 'utf8');
    const scripts = [...page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc=/);
      expect(body!.trim()).toBe('');
    }
    expect(page).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=/i);
  });
});
