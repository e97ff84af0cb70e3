import { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';

export interface TokenRequest {
  readonly url: string;
  readonly form: URLSearchParams;
}

const json = <T>(status: number, body: unknown): NetworkResponse<T> => ({ status, headers: { 'content-type': 'application/json' }, body: body as T });
const aadError = <T>(status: number, error: string, description: string): NetworkResponse<T> =>
  json(status, { error, error_description: description, error_codes: [Number(/AADSTS(\d+)/.exec(description)?.[1] ?? 0)] });

/**
 * A strict stand-in for Microsoft Entra ID's token service, as MSAL's transport: it serves the
 * tenant's OpenID metadata and answers the token endpoint for the two grants the app uses, refusing
 * what Entra refuses (unknown client, wrong secret, an on-behalf-of request without the user's
 * assertion or with the wrong token use). It records every request so tests can count them.
 */
export class EntraTokenService implements INetworkModule {
  readonly tokenRequests: TokenRequest[] = [];
  /** User tokens the stand-in accepts as on-behalf-of assertions, and who each one is. */
  readonly users = new Map<string, string>();
  private issued = 0;

  constructor(
    readonly authorityHost: string,
    readonly tenantId: string,
    readonly clientId: string,
    readonly clientSecret: string,
  ) {}

  async sendGetRequestAsync<T>(url: string): Promise<NetworkResponse<T>> {
    const base = `${this.authorityHost}/${this.tenantId}`;
    if (url.startsWith(`${this.authorityHost}/common/discovery/instance`)) {
      const host = new URL(this.authorityHost).host;
      return json(200, {
        tenant_discovery_endpoint: `${base}/v2.0/.well-known/openid-configuration`,
        'api-version': '1.1',
        metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
      });
    }
    if (url === `${base}/v2.0/.well-known/openid-configuration`) {
      return json(200, {
        token_endpoint: `${base}/oauth2/v2.0/token`,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        end_session_endpoint: `${base}/oauth2/v2.0/logout`,
        issuer: `${this.authorityHost}/${this.tenantId}/v2.0`,
        jwks_uri: `${base}/discovery/v2.0/keys`,
      });
    }
    return json(404, { error: 'not_found', error_description: `The stand-in has no ${url}` });
  }

  async sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    if (url.split('?')[0] !== `${this.authorityHost}/${this.tenantId}/oauth2/v2.0/token`) return json(404, { error: 'not_found' });
    const form = new URLSearchParams(options?.body ?? '');
    this.tokenRequests.push({ url, form });
    if (form.get('client_id') !== this.clientId)
      return aadError(400, 'unauthorized_client', `AADSTS700016: Application with identifier '${form.get('client_id')}' was not found in the directory.`);
    if (form.get('client_secret') !== this.clientSecret) return aadError(401, 'invalid_client', 'AADSTS7000215: Invalid client secret provided.');
    const scope = form.get('scope') ?? '';
    switch (form.get('grant_type')) {
      case 'client_credentials':
        if (!scope.split(' ').some((s) => s.endsWith('/.default')))
          return aadError(
            400,
            'invalid_scope',
            'AADSTS1002012: The provided value for scope is not valid. Client credential flows must have a scope value with /.default suffixed.',
          );
        return json(200, this.token(scope));
      case 'urn:ietf:params:oauth:grant-type:jwt-bearer': {
        if (form.get('requested_token_use') !== 'on_behalf_of')
          return aadError(400, 'invalid_request', "AADSTS900144: The request body must contain the parameter 'requested_token_use' set to on_behalf_of.");
        const user = this.users.get(form.get('assertion') ?? '');
        if (!user) return aadError(400, 'invalid_grant', 'AADSTS50013: Assertion failed signature validation.');
        return json(200, this.token(scope, user));
      }
      default:
        return aadError(400, 'unsupported_grant_type', `AADSTS70003: The app requested an unsupported grant type '${form.get('grant_type')}'.`);
    }
  }

  private token(scope: string, user?: string) {
    this.issued += 1;
    return { token_type: 'Bearer', scope, expires_in: 3599, ext_expires_in: 3599, access_token: `${user ? `obo-${user}` : 'app'}-token-${this.issued}` };
  }
}
