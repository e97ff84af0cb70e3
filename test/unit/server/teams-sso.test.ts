import { DomainError } from '../../../src/domain/errors';
import { teamsSsoAuthenticator } from '../../../src/server/auth/teams-sso';
import { startTestIdentityProvider, TestIdentityProvider } from '../../support/test-identity';

const tenantId = '22222222-2222-4222-8222-222222222222';
const clientId = '33333333-3333-4333-8333-333333333333';
const appIdUri = `api://coregroups.example.gov.uk/${clientId}`;

describe('Teams SSO token validation', () => {
  let idp: TestIdentityProvider;
  beforeAll(async () => {
    idp = await startTestIdentityProvider();
  });
  afterAll(() => idp.close());

  const auth = () => teamsSsoAuthenticator({ tenantId, clientId, appIdUri, authorityHost: idp.baseUrl });
  const claims = (overrides: Record<string, unknown> = {}) => ({
    aud: clientId,
    iss: `${idp.baseUrl}/${tenantId}/v2.0`,
    tid: tenantId,
    oid: 'aad-object-id-of-sam',
    name: 'Sam Social Worker',
    preferred_username: 'sam@example.gov.uk',
    scp: 'access_as_user',
    azp: '5e3ce6c0-2b1f-4285-8d4b-75ee78787346', // Teams web, pre-authorised
    ...overrides,
  });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const rejects = async (headers: Record<string, string>, reason: RegExp) => {
    const attempt = auth().authenticate(headers);
    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    await expect(attempt).rejects.toMatchObject({ code: 'AUTH.UNAUTHENTICATED', category: 'unauthenticated', message: expect.stringMatching(reason) });
  };

  it('accepts a v2 token for this app from this tenant and names the user', async () => {
    await expect(auth().authenticate(bearer(idp.sign(claims())))).resolves.toEqual({
      objectId: 'aad-object-id-of-sam',
      tenantId,
      name: 'Sam Social Worker',
      email: 'sam@example.gov.uk',
      via: 'teams-sso',
    });
  });

  it('accepts a v1 token whose audience is the application ID URI', async () => {
    const token = idp.sign(
      claims({
        aud: appIdUri,
        iss: `https://sts.windows.net/${tenantId}/`,
        preferred_username: undefined,
        upn: 'sam@example.gov.uk',
        azp: undefined,
        appid: '1fec8e78-bce4-4aaf-ab1b-5451cc387264',
      }),
    );
    await expect(auth().authenticate(bearer(token))).resolves.toMatchObject({ objectId: 'aad-object-id-of-sam', email: 'sam@example.gov.uk' });
  });

  // Office SSO (Office.auth.getAccessToken in the Outlook add-in) gets a token for the same app
  // registration and audience; only the client that asked differs (azp in v2, appid in v1). The
  // validator does not look at the client: Entra issues such tokens only to the clients the
  // registration pre-authorises (docs/deploy.md), so Outlook's own are accepted like Teams'.
  it.each([
    ['Outlook on the web (v2, azp)', { azp: 'bc59ab01-8403-45c6-8796-ac3ef710b3e3' }],
    ['Outlook on the desktop (v2, azp)', { azp: 'd3590ed6-52b3-4102-aeff-aad2292ab01c' }],
    ['Outlook on the desktop (v1, appid)', { aud: appIdUri, iss: `https://sts.windows.net/${tenantId}/`, appid: 'd3590ed6-52b3-4102-aeff-aad2292ab01c' }],
  ])('accepts an Office SSO token from %s, for the same audience', async (_client, overrides) => {
    await expect(auth().authenticate(bearer(idp.sign(claims(overrides))))).resolves.toMatchObject({ objectId: 'aad-object-id-of-sam', via: 'teams-sso' });
  });

  it('refuses a token for another app', () => rejects(bearer(idp.sign(claims({ aud: 'api://someone-else' }))), /audience invalid/));
  it('refuses a token from another issuer', () => rejects(bearer(idp.sign(claims({ iss: 'https://evil.example/v2.0' }))), /issuer invalid/));
  it('refuses a token from another tenant', () => rejects(bearer(idp.sign(claims({ tid: '99999999-9999-4999-8999-999999999999' }))), /another tenant/));
  it('refuses a token signed with a key the tenant does not publish', () => rejects(bearer(idp.signWithForeignKey(claims())), /invalid signature/));
  it('refuses an expired token', () => rejects(bearer(idp.sign(claims(), { expiresIn: -3600 })), /jwt expired/));
  it('refuses a request with no token', () => rejects({}, /no bearer token/));
  it('refuses an unsigned token', () =>
    rejects(
      bearer(`${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims())).toString('base64url')}.`),
      /Sign-in failed/,
    ));
});
