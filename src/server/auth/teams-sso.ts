import jwt, { JwtHeader, JwtPayload, SigningKeyCallback } from 'jsonwebtoken';
import { JwksClient } from 'jwks-rsa';
import { DomainError } from '../../domain/errors';
import { Authenticator, Principal } from './principal';

export interface TeamsSsoOptions {
  readonly tenantId: string;
  /** The client id of the app registration: v2 tokens carry it as their audience. */
  readonly clientId: string;
  /** The application ID URI (api://…/<client id>): v1 tokens carry it as their audience. */
  readonly appIdUri: string;
  /** https://login.microsoftonline.com, or a local stand-in in tests. */
  readonly authorityHost: string;
  /** The scope the app registration exposes for the tab (`scp`); access_as_user by default. */
  readonly scope?: string;
  /** The clients pre-authorised to ask for that scope (`azp` in v2 tokens, `appid` in v1); Microsoft's Teams, Outlook and Microsoft 365 clients by default. */
  readonly authorizedClients?: readonly string[];
}

export const TAB_SCOPE = 'access_as_user';

/**
 * The Microsoft 365 clients a Teams tab's app registration pre-authorises (Microsoft's "Configure
 * your tab app in Microsoft Entra ID"): the tokens TeamsJS gets are issued to one of these.
 */
export const MICROSOFT_365_CLIENTS: readonly string[] = [
  '1fec8e78-bce4-4aaf-ab1b-5451cc387264', // Teams desktop and mobile
  '5e3ce6c0-2b1f-4285-8d4b-75ee78787346', // Teams web
  '4765445b-32c6-49b0-83e6-1d93765276ca', // Microsoft 365 web
  '0ec893e0-5785-4de6-99da-4ed124e5296c', // Microsoft 365 desktop
  'd3590ed6-52b3-4102-aeff-aad2292ab01c', // Microsoft 365 mobile, Outlook desktop
  'bc59ab01-8403-45c6-8796-ac3ef710b3e3', // Outlook web
  '27922004-5251-4030-b22d-91ecd9a37ea4', // Outlook mobile
];

const unauthenticated = (why: string) => new DomainError('AUTH.UNAUTHENTICATED', 'unauthenticated', `Sign-in failed: ${why}.`);

/**
 * Validates the tab's Teams SSO token: RS256 signed by a key from the tenant's published key set,
 * issued by that tenant (v1 or v2 issuer), for this app (audience), with an expiry and not past it,
 * delegated (a user's `oid` and the tab's scope in `scp`) and obtained by one of the pre-authorised
 * Teams, Outlook or Microsoft 365 clients (`azp`/`appid`). A token for another app, from another
 * tenant, for another scope, obtained by another client or signed by anyone else is refused.
 */
export function teamsSsoAuthenticator(options: TeamsSsoOptions): Authenticator {
  const authority = options.authorityHost.replace(/\/$/, '');
  const jwks = new JwksClient({ jwksUri: `${authority}/${options.tenantId}/discovery/v2.0/keys`, cache: true, rateLimit: true, jwksRequestsPerMinute: 10 });
  const key = (header: JwtHeader, callback: SigningKeyCallback) => {
    jwks.getSigningKey(header.kid).then(
      (k) => callback(null, k.getPublicKey()),
      (e: Error) => callback(e),
    );
  };
  const scope = options.scope ?? TAB_SCOPE;
  const clients = new Set(options.authorizedClients ?? MICROSOFT_365_CLIENTS);
  const issuers: [string, ...string[]] = [`${authority}/${options.tenantId}/v2.0`, `https://sts.windows.net/${options.tenantId}/`];

  return {
    async authenticate(headers) {
      const header = headers.authorization;
      const value = Array.isArray(header) ? header[0] : header;
      const match = /^Bearer (.+)$/.exec(value ?? '');
      if (!match?.[1]) throw unauthenticated('no bearer token');
      const token = match[1];
      const payload = await new Promise<JwtPayload>((resolve, reject) =>
        jwt.verify(
          token,
          key,
          { algorithms: ['RS256'], audience: [options.appIdUri, options.clientId], issuer: issuers, clockTolerance: 60 },
          (err, decoded) => (err || !decoded || typeof decoded === 'string' ? reject(unauthenticated(err?.message ?? 'unreadable token')) : resolve(decoded)),
        ),
      );
      if (payload.tid !== options.tenantId) throw unauthenticated('token from another tenant');
      if (typeof payload.exp !== 'number') throw unauthenticated('token has no expiry');
      if (typeof payload.oid !== 'string') throw unauthenticated('token has no user object id');
      const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
      if (!scopes.includes(scope)) throw unauthenticated(`token is not for the ${scope} scope`);
      const client = typeof payload.azp === 'string' ? payload.azp : payload.appid;
      if (typeof client !== 'string' || !clients.has(client)) throw unauthenticated('token was not obtained by Teams, Outlook or Microsoft 365');
      const principal: Principal = {
        objectId: payload.oid,
        tenantId: payload.tid,
        via: 'teams-sso',
        ...(typeof payload.name === 'string' ? { name: payload.name } : {}),
        ...(typeof payload.preferred_username === 'string'
          ? { email: payload.preferred_username }
          : typeof payload.upn === 'string'
            ? { email: payload.upn }
            : {}),
      };
      return principal;
    },
  };
}
