import http from 'node:http';
import { AddressInfo } from 'node:net';
import express from 'express';
import { CloudAdapter, ConfigurationServiceClientCredentialFactory, InvokeResponse, TeamsActivityHandler, TurnContext } from 'botbuilder';
import { createAdapter } from '../../../bot/host/create-adapter';
import { messagesEndpoint } from '../../../bot/host/messages-endpoint';
import { cardActionInvoke, SERVICE_URL } from '../../support/activities';
import { startTestIdentityProvider, TestIdentityProvider } from '../../support/test-identity';

const APP_ID = '11111111-1111-4111-8111-111111111111';

/** Notes the clients each turn was given to send and look up tokens with. */
class ClientsSeen extends TeamsActivityHandler {
  readonly connectors: unknown[] = [];
  readonly userTokens: unknown[] = [];
  constructor(private readonly adapter: CloudAdapter) {
    super();
  }
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    this.connectors.push(context.turnState.get(this.adapter.ConnectorClientKey));
    this.userTokens.push(context.turnState.get(this.adapter.UserTokenClientKey));
    return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'ok' } };
  }
}

/**
 * The SDK makes a connector client (an HTTP pipeline and its credentials) and a user-token client for
 * every turn; the adapter keeps them, one per service URL, so a turn does not pay for making them.
 */
describe('the clients a turn sends with', () => {
  let idp: TestIdentityProvider;
  let server: http.Server;
  let url: string;
  let bot: ClientsSeen;

  beforeAll(async () => {
    idp = await startTestIdentityProvider();
    const adapter = createAdapter(
      {
        appId: APP_ID,
        appPassword: 'secret',
        tenantId: '22222222-2222-4222-8222-222222222222',
        openIdMetadataUrl: `${idp.baseUrl}/.well-known/openid-configuration`,
      },
      async () => undefined,
    );
    bot = new ClientsSeen(adapter);
    const app = express();
    app.use(express.json());
    app.post('/api/messages', messagesEndpoint(adapter, bot));
    server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await idp.close();
  });

  const send = (serviceUrl: string) =>
    fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${idp.sign({ iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: serviceUrl })}`,
      },
      body: JSON.stringify({ ...cardActionInvoke('report.edit', {}, { id: '29:sam', aadObjectId: 'aad-sam' }), serviceUrl }),
    });
  const press = async (serviceUrl: string) => {
    const res = await send(serviceUrl);
    expect(res.status).toBe(200);
    return bot.connectors[bot.connectors.length - 1];
  };

  it('are made once for each service URL and used by every turn from it', async () => {
    await press(SERVICE_URL);
    await press(SERVICE_URL);
    await press('https://smba.trafficmanager.net/emea/');
    const [first, second, elsewhere] = bot.connectors;
    expect(first).toBeDefined();
    expect(second).toBe(first);
    expect(elsewhere).toBeDefined();
    expect(elsewhere).not.toBe(first);
    // The user-token client names no service URL: one for the bot.
    expect(new Set(bot.userTokens).size).toBe(1);
  });

  it('are kept for the 32 service URLs used last: an older one gets a new client', async () => {
    const region = (i: number) => `https://smba.trafficmanager.net/region-${i}/`;
    const first = await press(region(0));
    expect(await press(region(0))).toBe(first);
    for (let i = 1; i <= 32; i++) await press(region(i));
    const again = await press(region(0));
    expect(again).toBeDefined();
    expect(again).not.toBe(first);
  });

  it('are not kept when making one failed: the next turn makes it afresh', async () => {
    const making = jest.spyOn(ConfigurationServiceClientCredentialFactory.prototype, 'createCredentials');
    try {
      making.mockRejectedValueOnce(new Error('the identity platform did not answer'));
      const serviceUrl = 'https://smba.trafficmanager.net/apac/';
      const failed = await send(serviceUrl);
      expect(failed.status).toBeGreaterThanOrEqual(400);
      expect(await press(serviceUrl)).toBeDefined();
      expect(making).toHaveBeenCalledTimes(2);
    } finally {
      making.mockRestore();
    }
  });
});
