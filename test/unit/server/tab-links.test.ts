import http from 'node:http';
import { AddressInfo } from 'node:net';
import express from 'express';
import { openLinkRoute } from '../../../src/server/http/open-link';
import { tabLinks } from '../../../src/server/tab-links';

describe('links in cards and notifications', () => {
  const base = 'https://coregroups.anytown.gov.uk';
  const appId = '5e1a1c2b-8f0e-4e7a-9a57-0c7b2f1d3e4a';

  it('in production open the page inside Teams (the tab signs in only there), the web address as the fallback', () => {
    const url = new URL(tabLinks(base, appId).minutesUrl('m-1'));
    expect(`${url.origin}${url.pathname}`).toBe(`https://teams.microsoft.com/l/entity/${appId}/my-work`);
    expect(JSON.parse(url.searchParams.get('context')!)).toEqual({ subEntityId: 'minutes/m-1' });
    expect(url.searchParams.get('webUrl')).toBe(`${base}/#/minutes/m-1`);
    expect(tabLinks(base, appId).redirect('cases/c-1')).toBe(tabLinks(base, appId).caseUrl('c-1'));
  });

  it('in local mode are the web addresses, where dev sign-in works in any browser', () => {
    const links = tabLinks('http://127.0.0.1:3978');
    expect(links.caseUrl('c-1')).toBe('http://127.0.0.1:3978/#/cases/c-1');
    expect(links.at('reports/r-1')).toBe('http://127.0.0.1:3978/#/reports/r-1');
    // The server's own /open/ address redirects within itself, whatever port it ended up on.
    expect(links.redirect('reports/r-1')).toBe('/#/reports/r-1');
  });
});

describe('GET /open/<page>, the one address for places that can only open a browser', () => {
  const appId = '5e1a1c2b-8f0e-4e7a-9a57-0c7b2f1d3e4a';
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    const app = express();
    openLinkRoute(tabLinks('https://coregroups.anytown.gov.uk', appId))(app);
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((r) => server.close(r)));
  const open = (page: string) => fetch(`${base}/open/${page}`, { redirect: 'manual' });

  it('sends the browser into Teams at that page', async () => {
    const res = await open('reports/3042ed5f-6042-4435-bb95-60bfbfa42c72');
    expect(res.status).toBe(302);
    expect(JSON.parse(new URL(res.headers.get('location')!).searchParams.get('context')!)).toEqual({
      subEntityId: 'reports/3042ed5f-6042-4435-bb95-60bfbfa42c72',
    });
  });

  it.each(['admin/x', 'cases', 'cases/a/b/c', 'cases/a.b', 'meetings/x/delete'])('answers 404 for a page the tab does not have: %s', async (page) => {
    const res = await open(page);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('ROUTE.NOT_FOUND');
  });
});
