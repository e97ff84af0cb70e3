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
}

const unauthenticated = (why: string) => new DomainError('AUTH.UNAUTHENTICATED', 'unauthenticated', `Sign-in failed: ${why}.`);

/**
 * Validates the tab's Teams SSO token: RS256 signed by a key from the tenant's published key set,
 * issued by that tenant (v1 or v2 issuer), for this app (audience), not expired. A token for another
 * app, from another tenant or signed by anyone else is refused.
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
  const issuers: [string, ...string[]] = [`${authority}/${options.tenantId}/v2.0`, `https://sts.windows.net/${options.tenantId}/`];

  return {
    async authenticate(headers) {
      const header = headers.authorization;
      const value = Array.isArray(header) ? header[0] : header;
      const match = /^Bearer (.+)$/.exec(value ?? '');
      if (!match?.[1]) throw unauthenticated('no bearer token');
      const token = match[1];
      const payload = await new Promise<JwtPayload>((resolve, reject) =>
        jwt.verify(token, key, { algorithms: ['RS256'], audience: [options.appIdUri, options.clientId], issuer: issuers, clockTolerance: 60 }, (err, decoded) =>
          err || !decoded || typeof decoded === 'string' ? reject(unauthenticated(err?.message ?? 'unreadable token')) : resolve(decoded),
        ),
      );
      if (payload.tid !== options.tenantId) throw unauthenticated('token from another tenant');
      if (typeof payload.oid !== 'string') throw unauthenticated('token has no user object id');
      const principal: Principal = {
        objectId: payload.oid,
        tenantId: payload.tid,
        via: 'teams-sso',
        ...(typeof payload.name === 'string' ? { name: payload.name } : {}),
        ...(typeof payload.preferred_username === 'string' ? { email: payload.preferred_username } : typeof payload.upn === 'string' ? { email: payload.upn } : {}),
      };
      return principal;
    },
  };
}
