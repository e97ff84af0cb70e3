import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import express from 'express';
import { openStore } from '../../../src/adapters/store/open-store';
import { builtInRegistry } from '../../../src/domain/policy';
import { fixedClock } from '../../../src/ports/clock';
import { devSignInAuthenticator } from '../../../src/server/auth/dev-sign-in';
import { createHttpApp } from '../../../src/server/http/create-app';
import { chooseEncoding, staticTab } from '../../../src/server/http/static-tab';

const bundle = `console.log(${JSON.stringify('core groups '.repeat(500))});\n`;
let dir: string;
let server: http.Server;
let base: string;

function get(urlPath: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${base}${urlPath}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'static-tab-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.mkdirSync(path.join(dir, 'outlook'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Core Groups</title><script type="module" src="./assets/index-abc123.js"></script>');
  fs.writeFileSync(path.join(dir, 'configure.html'), '<!doctype html><title>Configure</title>');
  fs.writeFileSync(path.join(dir, 'outlook', 'pane.html'), '<!doctype html><title>Pane</title>');
  fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), bundle);
  fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.js.map'), '{"version":3}');
  fs.writeFileSync(path.join(dir, '.env'), 'SECRET=1');
  const app = express();
  app.get('/api/ping', (_req, res) => res.json({ ok: true }));
  app.use(staticTab({ dir }));
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the tab served for a fast first load', () => {
  it('compresses a script with brotli when asked, else gzip, else sends it as is', async () => {
    const br = await get('/assets/index-abc123.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(zlib.brotliDecompressSync(br.body).toString()).toBe(bundle);
    expect(br.body.length).toBeLessThan(bundle.length / 10);
    const gz = await get('/assets/index-abc123.js', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).toString()).toBe(bundle);
    const plain = await get('/assets/index-abc123.js', { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(bundle);
    expect(plain.headers['content-type']).toMatch(/^text\/javascript/);
  });

  it('caches hashed assets for a year as immutable, and revalidates the page every time', async () => {
    expect((await get('/assets/index-abc123.js')).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('public, max-age=0, must-revalidate');
    expect(page.body.toString()).toContain('<title>Core Groups</title>');
    const again = await get('/', { 'if-none-match': String(page.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it('answers a missing asset with 404, not the page', async () => {
    for (const missing of ['/assets/index-old999.js', '/assets/nothing', '/favicon-missing.png']) {
      const r = await get(missing);
      expect(r.status).toBe(404);
      expect(r.body.toString()).not.toContain('<title>');
    }
  });

  it('does not serve source maps (unless told to), hidden files or anything outside its folder', async () => {
    expect((await get('/assets/index-abc123.js.map')).status).toBe(404);
    expect((await get('/.env')).status).toBe(404);
    expect((await get('/..%2f..%2fetc%2fpasswd')).status).toBe(404);
    expect((await get('/assets/..%2f..%2f' + path.basename(dir) + '%2findex.html')).status).toBe(404);
  });

  it("sends the tab's own routes the page, finds configure.html and the Outlook pages, and leaves /api alone", async () => {
    const route = await get('/cases/case-1');
    expect(route.status).toBe(200);
    expect(route.body.toString()).toContain('<title>Core Groups</title>');
    expect((await get('/configure')).body.toString()).toContain('<title>Configure</title>');
    expect((await get('/outlook/pane.html')).body.toString()).toContain('<title>Pane</title>');
    expect(JSON.parse((await get('/api/ping')).body.toString())).toEqual({ ok: true });
    expect((await get('/api/nothing')).status).toBe(404);
  });

  it('serves source maps when told to (development)', async () => {
    const app = express().use(staticTab({ dir, sourceMaps: true, warm: false }));
    const dev = http.createServer(app);
    await new Promise<void>((resolve) => dev.listen(0, '127.0.0.1', resolve));
    const status = await new Promise<number>((resolve) =>
      http.get(`http://127.0.0.1:${(dev.address() as AddressInfo).port}/assets/index-abc123.js.map`, (res) => (res.resume(), resolve(res.statusCode ?? 0))),
    );
    await new Promise((resolve) => dev.close(resolve));
    expect(status).toBe(200);
  });
});

describe('the HTTP app serves the built tab this way', () => {
  it('compresses the script, revalidates the page, answers a stale chunk 404 and still routes /api', async () => {
    const store = await openStore({ kind: 'sqlite', file: ':memory:' });
    const ctx = { store, clock: fixedClock('2027-01-04T09:00:00.000Z'), profiles: builtInRegistry };
    const app = createHttpApp({
      ctx,
      authenticator: devSignInAuthenticator(async () => false),
      devSignIn: true,
      tabDir: dir,
      log: () => undefined,
      notice: () => undefined,
    });
    const whole = http.createServer(app);
    await new Promise<void>((resolve) => whole.listen(0, '127.0.0.1', resolve));
    const at = `http://127.0.0.1:${(whole.address() as AddressInfo).port}`;
    try {
      const script = await fetch(`${at}/assets/index-abc123.js`, { headers: { 'accept-encoding': 'br' } });
      expect(script.headers.get('content-encoding')).toBe('br');
      expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(await script.text()).toBe(bundle);
      expect((await fetch(`${at}/cases/case-1`)).headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
      expect((await fetch(`${at}/assets/index-old999.js`)).status).toBe(404);
      expect((await fetch(`${at}/assets/index-abc123.js.map`)).status).toBe(404);
      // The API keeps answering for itself (here: signed out), never with the page.
      const api = await fetch(`${at}/api/me/work`);
      expect([api.status, ((await api.json()) as { error: { code: string } }).error.code]).toEqual([401, 'AUTH.UNAUTHENTICATED']);
    } finally {
      await new Promise((resolve) => whole.close(resolve));
      await store.close();
    }
  });
});

describe('chooseEncoding', () => {
  it.each([
    [undefined, 'identity'],
    ['gzip, deflate, br', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['*', 'br'],
    ['identity', 'identity'],
    ['gzip;q=0, br;q=0', 'identity'],
  ])('%s gives %s', (header, expected) => expect(chooseEncoding(header)).toBe(expected));
});
