import jwt from 'jsonwebtoken';
import { DomainError } from '../../src/domain/errors';
import { MICROSOFT_365_CLIENTS, teamsSsoAuthenticator } from '../../src/server/auth/teams-sso';
import { startTestIdentityProvider, TestIdentityProvider } from '../support/test-identity';

const tenantId = '22222222-2222-4222-8222-222222222222';
const clientId = '33333333-3333-4333-8333-333333333333';
const appIdUri = `api://coregroups.example.gov.uk/${clientId}`;
const TEAMS_WEB = '5e3ce6c0-2b1f-4285-8d4b-75ee78787346';
const OUTLOOK_WEB = 'bc59ab01-8403-45c6-8796-ac3ef710b3e3';
const SOMEONE_ELSES_APP = '44444444-4444-4444-8444-444444444444';

/**
 * The tab's SSO tokens, each a real token signed (or not) by a stand-in identity provider and refused
 * by the same validator as in production: one line a case, with the reason the person is told.
 */
describe('tab SSO tokens: what is refused, and why', () => {
  let idp: TestIdentityProvider;
  beforeAll(async () => {
    idp = await startTestIdentityProvider();
  });
  afterAll(() => idp.close());

  const auth = () => teamsSsoAuthenticator({ tenantId, clientId, appIdUri, authorityHost: idp.baseUrl });
  const v2 = (overrides: Record<string, unknown> = {}) => ({
    aud: clientId,
    iss: `${idp.baseUrl}/${tenantId}/v2.0`,
    tid: tenantId,
    oid: 'aad-object-id-of-sam',
    scp: 'access_as_user',
    azp: TEAMS_WEB,
    ...overrides,
  });
  const v1 = (overrides: Record<string, unknown> = {}) =>
    v2({ aud: appIdUri, iss: `https://sts.windows.net/${tenantId}/`, azp: undefined, appid: OUTLOOK_WEB, ...overrides });
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it.each<[string, () => string]>([
    ['a v2 token from Teams on the web', () => idp.sign(v2())],
    ['a v1 token from Outlook on the web (appid, application ID URI audience)', () => idp.sign(v1())],
    ['a token with more than one scope, ours among them', () => idp.sign(v2({ scp: 'User.Read access_as_user' }))],
  ])('accepts %s', async (_case, token) => {
    await expect(auth().authenticate(bearer(token()))).resolves.toMatchObject({ objectId: 'aad-object-id-of-sam', via: 'teams-sso' });
  });

  it.each([...MICROSOFT_365_CLIENTS])('accepts a token obtained by the pre-authorised Microsoft 365 client %s', async (client) => {
    await expect(auth().authenticate(bearer(idp.sign(v2({ azp: client }))))).resolves.toMatchObject({ objectId: 'aad-object-id-of-sam' });
  });

  it.each<[string, () => string, RegExp]>([
    ['no exp claim', () => idp.signWithoutExpiry(v2()), /token has no expiry/],
    ['expired an hour ago', () => idp.sign(v2(), { expiresIn: -3600 }), /jwt expired/],
    ['not valid for another hour (nbf)', () => idp.sign(v2(), { notBefore: 3600 }), /jwt not active/],
    ['wrong scope (scp)', () => idp.sign(v2({ scp: 'User.Read' })), /not for the access_as_user scope/],
    ['a scope that only contains ours (scp)', () => idp.sign(v2({ scp: 'access_as_user_admin' })), /not for the access_as_user scope/],
    ['no scope: an app-only token (roles, no scp)', () => idp.sign(v2({ scp: undefined, roles: ['access_as_user'] })), /not for the access_as_user scope/],
    ['wrong client (azp): another app asked for it', () => idp.sign(v2({ azp: SOMEONE_ELSES_APP })), /not obtained by Teams, Outlook or Microsoft 365/],
    ['wrong client (appid) in a v1 token', () => idp.sign(v1({ appid: SOMEONE_ELSES_APP })), /not obtained by Teams, Outlook or Microsoft 365/],
    ['no client at all (neither azp nor appid)', () => idp.sign(v2({ azp: undefined })), /not obtained by Teams, Outlook or Microsoft 365/],
    [
      'alg none (unsigned)',
      () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...v2(), exp: Math.floor(Date.now() / 1000) + 3600 })}.`,
      /Sign-in failed: jwt signature is required/,
    ],
    [
      'alg HS256 keyed with the published public key',
      () => jwt.sign(v2(), idp.publicKeyPem, { algorithm: 'HS256', keyid: idp.kid, expiresIn: '1h' }),
      /Sign-in failed: invalid algorithm/,
    ],
    ['signed by a key the tenant does not publish', () => idp.signWithForeignKey(v2()), /invalid signature/],
    ['wrong audience: a token for another API', () => idp.sign(v2({ aud: 'api://someone-else' })), /audience invalid/],
    ['wrong audience: Microsoft Graph', () => idp.sign(v2({ aud: '00000003-0000-0000-c000-000000000000' })), /audience invalid/],
    ['wrong issuer', () => idp.sign(v2({ iss: 'https://evil.example/v2.0' })), /issuer invalid/],
    ['wrong issuer: the right host, another tenant', () => idp.sign(v2({ iss: `${idp.baseUrl}/99999999-9999-4999-8999-999999999999/v2.0` })), /issuer invalid/],
    ['another tenant (tid)', () => idp.sign(v2({ tid: '99999999-9999-4999-8999-999999999999' })), /another tenant/],
    ['no user (oid)', () => idp.sign(v2({ oid: undefined })), /no user object id/],
    ['not a JWT at all', () => 'not-a-token', /Sign-in failed: jwt malformed/],
  ])('refuses a token: %s', async (_case, token, reason) => {
    const attempt = auth().authenticate(bearer(token()));
    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    await expect(attempt).rejects.toMatchObject({ code: 'AUTH.UNAUTHENTICATED', category: 'unauthenticated', message: expect.stringMatching(reason) });
  });

  it('refuses a token for another scope when the deployment names its own', async () => {
    const custom = teamsSsoAuthenticator({ tenantId, clientId, appIdUri, authorityHost: idp.baseUrl, scope: 'core_groups.use' });
    await expect(custom.authenticate(bearer(idp.sign(v2())))).rejects.toMatchObject({ message: expect.stringMatching(/not for the core_groups.use scope/) });
    await expect(custom.authenticate(bearer(idp.sign(v2({ scp: 'core_groups.use' }))))).resolves.toMatchObject({ objectId: 'aad-object-id-of-sam' });
  });
});
