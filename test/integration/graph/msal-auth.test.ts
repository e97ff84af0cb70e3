import { appOnlyAuth, entraApp, onBehalfOfAuth } from '../../../src/adapters/graph/msal-auth';
import { EntraTokenService } from '../../support/entra-stand-in/token-service';

const TENANT = '22222222-2222-4222-8222-222222222222';
const CLIENT = '33333333-3333-4333-8333-333333333333';
const settings = { tenantId: TENANT, clientId: CLIENT, clientSecret: 'the-secret', authorityHost: 'https://login.microsoftonline.com' };
const GRAPH_PEOPLE = 'https://graph.microsoft.com/User.ReadBasic.All';

/**
 * The app's identity through MSAL, against a stand-in of Entra ID's token service: app-only tokens
 * and on-behalf-of tokens, each cached, and Entra's refusals surfaced.
 */
describe('MSAL: app-only and on-behalf-of tokens, cached', () => {
  let entra: EntraTokenService;
  beforeEach(() => {
    entra = new EntraTokenService(settings.authorityHost, TENANT, CLIENT, 'the-secret');
    entra.users.set('sam-sso-token', 'sam');
    entra.users.set('maria-sso-token', 'maria');
  });

  it('asks Entra once for an app token and serves later calls from the cache', async () => {
    const auth = appOnlyAuth(entraApp(settings, entra));
    const first = await auth.getAccessToken();
    expect(await auth.getAccessToken()).toBe(first);
    expect(entra.tokenRequests.map((r) => [r.form.get('grant_type'), r.form.get('scope')])).toEqual([
      ['client_credentials', 'https://graph.microsoft.com/.default'],
    ]);
  });

  it('exchanges the signed-in user’s token on their behalf, caching per user', async () => {
    const app = entraApp(settings, entra);
    const sam = await onBehalfOfAuth(app, 'sam-sso-token', [GRAPH_PEOPLE]).getAccessToken();
    expect(sam).toMatch(/^obo-sam-token-/);
    const request = entra.tokenRequests[0]!.form;
    expect(request.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
    expect(request.get('requested_token_use')).toBe('on_behalf_of');
    expect(request.get('assertion')).toBe('sam-sso-token');
    expect(request.get('scope')?.split(' ')).toContain(GRAPH_PEOPLE);
    // Sam again (a new provider for the next request, the same app): from the cache.
    expect(await onBehalfOfAuth(app, 'sam-sso-token', [GRAPH_PEOPLE]).getAccessToken()).toBe(sam);
    // Maria is someone else: her own token.
    expect(await onBehalfOfAuth(app, 'maria-sso-token', [GRAPH_PEOPLE]).getAccessToken()).toMatch(/^obo-maria-token-/);
    expect(entra.tokenRequests).toHaveLength(2);
  });

  it('surfaces what Entra refuses: a forged user token, a wrong secret', async () => {
    await expect(onBehalfOfAuth(entraApp(settings, entra), 'forged', [GRAPH_PEOPLE]).getAccessToken()).rejects.toThrow(/AADSTS50013/);
    await expect(appOnlyAuth(entraApp({ ...settings, clientSecret: 'wrong' }, entra)).getAccessToken()).rejects.toThrow(/AADSTS7000215/);
  });
});
