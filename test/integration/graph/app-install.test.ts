import { createAdapter } from '../../../bot/host/create-adapter';
import { teamsMessenger } from '../../../bot/host/teams-messenger';
import { graphAppInstaller } from '../../../src/adapters/graph/graph-app-installer';
import { graphClient } from '../../../src/adapters/graph/graph-client';
import { openStore } from '../../../src/adapters/store/open-store';
import { DeliveryError } from '../../../src/ports/messenger';
import { Store } from '../../../src/ports/store';
import { GraphStandIn, startGraphStandIn } from '../../support/graph-stand-in/server';

/** Someone who never opened Core Groups still gets their cards: the app is installed for them first. */
describe('installing the app for members who have not', () => {
  let store: Store;
  let standIn: GraphStandIn;
  beforeEach(async () => {
    store = await openStore({ kind: 'sqlite', file: ':memory:' });
    standIn = await startGraphStandIn();
    await store.transaction((tx) => tx.people.insert({ id: 'hv', displayName: 'Priya Desai', email: 'priya@nhs.example', entraObjectId: '0a000000-0000-4000-8000-000000000003' }));
  });
  afterEach(async () => {
    await standIn.close();
    await store.close();
  });

  it('installs through Graph, then asks the outbox to retry once Teams has opened the chat', async () => {
    const client = graphClient({ authProvider: { getAccessToken: async () => 't' }, baseUrl: standIn.origin, retryDelaySeconds: 0 });
    const messenger = teamsMessenger(createAdapter({}, async () => undefined), '', store, undefined, graphAppInstaller(client, standIn.origin, 'catalog-app-id'));
    const first = (await messenger.sendToPerson('hv', { type: 'AdaptiveCard', version: '1.5' }, 'summary').catch((e: unknown) => e)) as DeliveryError;
    expect(first).toBeInstanceOf(DeliveryError);
    expect(first).toMatchObject({ permanent: false, retryAfterMs: 30_000 });
    expect(standIn.installs).toEqual(['0a000000-0000-4000-8000-000000000003']);
    // Installing again is harmless (Graph answers 409 Conflict).
    await messenger.sendToPerson('hv', { type: 'AdaptiveCard', version: '1.5' }, 'summary').catch(() => undefined);
    expect(standIn.installs).toHaveLength(1);
  });
});
