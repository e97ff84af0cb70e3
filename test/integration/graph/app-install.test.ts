import http from 'node:http';
import { AddressInfo } from 'node:net';
import { createAdapter } from '../../../bot/host/create-adapter';
import { teamsMessenger, UNREACHABLE_RETRY_MS } from '../../../bot/host/teams-messenger';
import { retryDecision } from '../../../src/domain/delivery/retry-policy';
import { graphAppInstaller } from '../../../src/adapters/graph/graph-app-installer';
import { graphClient } from '../../../src/adapters/graph/graph-client';
import { openStore } from '../../../src/adapters/store/open-store';
import { DeliveryError } from '../../../src/ports/messenger';
import { fixedClock } from '../../../src/ports/clock';
import { Store } from '../../../src/ports/store';
import { GraphStandIn, startGraphStandIn } from '../../support/graph-stand-in/server';
import { loadCsdl } from '../../support/graph-stand-in/csdl-model';

/** Someone who never opened Core Groups still gets their cards: the app is installed for them first. */
describe('installing the app for members who have not', () => {
  const clock = fixedClock('2027-01-04T09:00:00.000Z');
  // Parsing Graph's 3 MB metadata takes seconds on a loaded machine: once, before the first test's hooks time it.
  beforeAll(() => void loadCsdl(), 60_000);
  let store: Store;
  let standIn: GraphStandIn;
  beforeEach(async () => {
    store = await openStore({ kind: 'sqlite', file: ':memory:' });
    standIn = await startGraphStandIn();
    await store.transaction((tx) =>
      tx.people.insert({ id: 'hv', displayName: 'Priya Desai', email: 'priya@nhs.example', entraObjectId: '0a000000-0000-4000-8000-000000000003' }),
    );
  });
  afterEach(async () => {
    await standIn.close();
    await store.close();
  });

  it('retries, slowly, someone the bot cannot reach and cannot install for (they may open the app later)', async () => {
    const messenger = teamsMessenger({ adapter: createAdapter({}, async () => undefined), appId: '', store, clock });
    const failure = (await messenger.sendToPerson('hv', { type: 'AdaptiveCard', version: '1.5' }, 'summary').catch((e: unknown) => e)) as DeliveryError;
    expect(failure).toMatchObject({ permanent: false, retryAfterMs: UNREACHABLE_RETRY_MS });
    expect(
      retryDecision({
        ...(failure.status !== undefined ? { status: failure.status } : {}),
        attempts: 1,
        now: 0,
        random: () => 0,
        retryAfterMs: UNREACHABLE_RETRY_MS,
      }).retry,
    ).toBe(true);
  });

  it('installs through Graph, then asks the outbox to retry once Teams has opened the chat', async () => {
    const client = graphClient({ authProvider: { getAccessToken: async () => 't' }, baseUrl: standIn.origin, retryDelaySeconds: 0 });
    const messenger = teamsMessenger({
      adapter: createAdapter({}, async () => undefined),
      appId: '',
      store,
      clock,
      installer: graphAppInstaller(client, standIn.origin, 'catalog-app-id'),
    });
    const first = (await messenger.sendToPerson('hv', { type: 'AdaptiveCard', version: '1.5' }, 'summary').catch((e: unknown) => e)) as DeliveryError;
    expect(first).toBeInstanceOf(DeliveryError);
    expect(first).toMatchObject({ permanent: false, retryAfterMs: 30_000 });
    // …and the outbox does retry it, no sooner than that.
    const now = Date.parse('2027-01-04T09:00:00Z');
    expect(
      retryDecision({
        ...(first.status !== undefined ? { status: first.status } : {}),
        retryAfterMs: first.retryAfterMs ?? 0,
        attempts: 1,
        now,
        random: () => 0,
      }),
    ).toEqual({ retry: true, at: now + 30_000 });
    expect(standIn.installs).toEqual(['0a000000-0000-4000-8000-000000000003']);
    // Installing again is harmless (Graph answers 409 Conflict).
    await messenger.sendToPerson('hv', { type: 'AdaptiveCard', version: '1.5' }, 'summary').catch(() => undefined);
    expect(standIn.installs).toHaveLength(1);
  });

  describe('opening a 1:1 chat by Entra object id, where the app is installed for the person', () => {
    let connector: http.Server;
    let serviceUrl: string;
    const installedFor = new Set<string>();
    const posted: string[] = [];
    beforeEach(async () => {
      installedFor.clear();
      posted.length = 0;
      // Teams' connector: it opens a personal chat only with someone who has the app, else 403.
      connector = http.createServer((req, res) => {
        let raw = '';
        req.on('data', (c: Buffer) => (raw += c.toString()));
        req.on('end', () => {
          const body = raw ? (JSON.parse(raw) as { members?: { id: string }[] }) : {};
          res.setHeader('content-type', 'application/json');
          if (req.method === 'POST' && req.url === '/v3/conversations') {
            const member = body.members?.[0]?.id ?? '';
            if (!installedFor.has(member))
              return void res.writeHead(403).end(JSON.stringify({ error: { code: 'Forbidden', message: 'The bot is not part of the conversation roster.' } }));
            return void res.writeHead(201).end(JSON.stringify({ id: `a:chat-with-${member}` }));
          }
          if (req.method === 'POST' && /^\/v3\/conversations\/[^/]+\/activities/.test(req.url ?? '')) {
            posted.push(decodeURIComponent((req.url ?? '').split('/')[3] ?? ''));
            return void res.writeHead(201).end(JSON.stringify({ id: `activity-${posted.length}` }));
          }
          res.writeHead(404).end('{}');
        });
      });
      await new Promise<void>((resolve) => connector.listen(0, '127.0.0.1', resolve));
      serviceUrl = `http://127.0.0.1:${(connector.address() as AddressInfo).port}/`;
      // Someone else's chat tells the bot where the tenant's connector is.
      await store.transaction((tx) =>
        tx.people.insert({ id: 'sam', displayName: 'Sam', email: 'sam@anytown.gov.uk', entraObjectId: '0a000000-0000-4000-8000-000000000001' }),
      );
      await store.transaction((tx) =>
        tx.conversations.save({
          key: 'personal:sam',
          personId: 'sam',
          conversationId: 'a:sam',
          scope: 'personal',
          reference: { serviceUrl, conversation: { id: 'a:sam' }, channelId: 'msteams', bot: { id: '' } },
          updatedAt: '2027-01-04T09:00:00.000Z',
        }),
      );
    });
    afterEach(() => new Promise<void>((resolve) => connector.close(() => resolve())));

    it('opens the chat, remembers it, and delivers', async () => {
      installedFor.add('0a000000-0000-4000-8000-000000000003');
      const messenger = teamsMessenger({ adapter: createAdapter({}, async () => undefined), appId: '', store, clock });
      await messenger.sendToPerson('hv', { type: 'AdaptiveCard', version: '1.5' }, 'summary');
      expect(posted).toEqual(['a:chat-with-0a000000-0000-4000-8000-000000000003']);
      // Stamped by the app's clock, as everything it stores is (not the machine's).
      expect(await store.transaction((tx) => tx.conversations.personalFor('hv'))).toMatchObject({
        conversationId: 'a:chat-with-0a000000-0000-4000-8000-000000000003',
        updatedAt: clock.now(),
      });
    });

    it('installs the app through Graph when Teams says it is not installed for them', async () => {
      const client = graphClient({ authProvider: { getAccessToken: async () => 't' }, baseUrl: standIn.origin, retryDelaySeconds: 0 });
      const messenger = teamsMessenger({
        adapter: createAdapter({}, async () => undefined),
        appId: '',
        store,
        clock,
        installer: graphAppInstaller(client, standIn.origin, 'catalog-app-id'),
      });
      await expect(messenger.sendToPerson('hv', { type: 'AdaptiveCard', version: '1.5' }, 'summary')).rejects.toMatchObject({ retryAfterMs: 30_000 });
      expect(standIn.installs).toEqual(['0a000000-0000-4000-8000-000000000003']);
      expect(posted).toEqual([]);
    });
  });
});
