import { generateKeyPairSync, KeyObject } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';

/**
 * A stand-in identity provider on loopback: an RSA key pair, its JWKS (and an OpenID configuration
 * pointing at it) served over HTTP, and a signer. Tests sign real tokens instead of mocking the
 * validator, so a wrong audience, issuer or key is refused by the same code as in production.
 */
export interface TestIdentityProvider {
  readonly baseUrl: string;
  readonly kid: string;
  sign(claims: Record<string, unknown>, options?: jwt.SignOptions): string;
  /** A token signed by the published key but with no `exp` at all (jsonwebtoken adds one only when asked). */
  signWithoutExpiry(claims: Record<string, unknown>): string;
  /** The published key's public half, PEM: what an attacker would use as an HS256 secret. */
  readonly publicKeyPem: string;
  /** A token signed by a key the provider does not publish. */
  signWithForeignKey(claims: Record<string, unknown>, options?: jwt.SignOptions): string;
  close(): Promise<void>;
}

function keyPair(): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync('rsa', { modulusLength: 2048 });
}

export async function startTestIdentityProvider(): Promise<TestIdentityProvider> {
  const { privateKey, publicKey } = keyPair();
  const foreign = keyPair();
  const kid = 'test-key-1';
  const jwks = { keys: [{ ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256', endorsements: ['msteams'] }] };
  let baseUrl = '';
  const server = http.createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url?.endsWith('/keys')) return void res.end(JSON.stringify(jwks));
    if (req.url?.endsWith('/.well-known/openid-configuration')) {
      return void res.end(JSON.stringify({ issuer: baseUrl, jwks_uri: `${baseUrl}/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    }
    res.statusCode = 404;
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    kid,
    sign: (claims, options = {}) => jwt.sign(claims, privateKey, { algorithm: 'RS256', keyid: kid, expiresIn: '1h', ...options }),
    signWithoutExpiry: (claims) => jwt.sign(claims, privateKey, { algorithm: 'RS256', keyid: kid }),
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    signWithForeignKey: (claims, options = {}) => jwt.sign(claims, foreign.privateKey, { algorithm: 'RS256', keyid: kid, expiresIn: '1h', ...options }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
