import http from 'node:http';
import { AddressInfo } from 'node:net';
import express from 'express';
import { ActivityTypes, InvokeResponse, TeamsActivityHandler, TurnContext } from 'botbuilder';
import { createAdapter } from '../../../bot/host/create-adapter';
import { messagesEndpoint } from '../../../bot/host/messages-endpoint';
import { cardActionInvoke, SERVICE_URL } from '../../support/activities';
import { startTestIdentityProvider, TestIdentityProvider } from '../../support/test-identity';

const APP_ID = '11111111-1111-4111-8111-111111111111';

/** Answers every card action with a message naming the verb: enough to see the turn ran. */
class VerbEchoBot extends TeamsActivityHandler {
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const value = context.activity.value as { action: { verb: string } };
    return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: `ran ${value.action.verb}` } };
  }
}

async function serve(appId: string | undefined, idp?: TestIdentityProvider) {
  const adapter = createAdapter(
    {
      appId,
      appPassword: appId ? 'secret' : undefined,
      tenantId: appId ? '22222222-2222-4222-8222-222222222222' : undefined,
      ...(idp ? { openIdMetadataUrl: `${idp.baseUrl}/.well-known/openid-configuration` } : {}),
    },
    async () => undefined,
  );
  const app = express();
  app.use(express.json());
  app.post('/api/messages', messagesEndpoint(adapter, new VerbEchoBot()));
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const post = (url: string, body: unknown, token?: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });

const invoke = cardActionInvoke('report.submit', {}, { id: '29:sam', aadObjectId: 'aad-sam' });

// The SDK logs every refused token with console.error; the assertions below are what matters.
beforeAll(() => jest.spyOn(console, 'error').mockImplementation(() => undefined));
afterAll(() => jest.restoreAllMocks());

describe('POST /api/messages in production mode (an app id is configured)', () => {
  let idp: TestIdentityProvider;
  let bot: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    idp = await startTestIdentityProvider();
    bot = await serve(APP_ID, idp);
  });
  afterAll(async () => {
    await bot.close();
    await idp.close();
  });
  const channelToken = (overrides: Record<string, unknown> = {}) =>
    idp.sign({ iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: SERVICE_URL, ...overrides });

  it('runs a card action carrying a valid Bot Framework token', async () => {
    const res = await post(bot.url, invoke, channelToken());
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'ran report.submit' });
  });

  it('refuses an activity with no token', async () => {
    expect((await post(bot.url, invoke)).status).toBe(401);
  });

  it('refuses a token for another bot', async () => {
    expect((await post(bot.url, invoke, channelToken({ aud: '99999999-9999-4999-8999-999999999999' }))).status).toBe(401);
  });

  it('refuses a token from another issuer', async () => {
    expect((await post(bot.url, invoke, channelToken({ iss: 'https://evil.example' }))).status).toBe(401);
  });

  it('refuses a token signed by a key the Bot Framework does not publish', async () => {
    const forged = idp.signWithForeignKey({ iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: SERVICE_URL });
    const res = await post(bot.url, invoke, forged);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'BOT.UNAUTHENTICATED', message: 'The request is not from the Bot Framework.' } });
  });

  it('refuses an expired token', async () => {
    const expired = idp.sign({ iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: SERVICE_URL }, { expiresIn: -3600 });
    expect((await post(bot.url, invoke, expired)).status).toBe(401);
  });
});

describe('POST /api/messages in local mode (no app id)', () => {
  it('accepts unsigned traffic from the Agents Playground', async () => {
    const bot = await serve(undefined);
    try {
      const res = await post(bot.url, invoke);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { value: string }).value).toBe('ran report.submit');
    } finally {
      await bot.close();
    }
  });
});

it('uses the activity types botbuilder defines', () => {
  expect(ActivityTypes.Invoke).toBe(invoke.type);
});
