import fs from 'node:fs';
import { ConfidentialClientApplication, INetworkModule } from '@azure/msal-node';
import type { AuthenticationProvider } from '@microsoft/microsoft-graph-client';

export interface EntraAppSettings {
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret?: string;
  readonly certificatePath?: string;
  readonly certificateThumbprint?: string;
  readonly authorityHost: string;
}

/**
 * The app's Microsoft Entra identity (MSAL confidential client: a secret or a certificate). MSAL
 * caches tokens (app tokens, and on-behalf-of tokens per user assertion) and refreshes them before
 * they expire. `transport` replaces MSAL's HTTP client; only tests pass one (the Entra stand-in).
 */
export function entraApp(s: EntraAppSettings, transport?: INetworkModule): ConfidentialClientApplication {
  return new ConfidentialClientApplication({
    ...(transport ? { system: { networkClient: transport } } : {}),
    auth: {
      clientId: s.clientId,
      authority: `${s.authorityHost.replace(/\/$/, '')}/${s.tenantId}`,
      ...(s.clientSecret ? { clientSecret: s.clientSecret } : {}),
      ...(s.certificatePath && s.certificateThumbprint
        ? { clientCertificate: { thumbprint: s.certificateThumbprint, privateKey: fs.readFileSync(s.certificatePath, 'utf8') } }
        : {}),
    },
  });
}

/** Tokens for app-only Graph calls (calendar writes, sendMail, getSchedule). */
export function appOnlyAuth(app: ConfidentialClientApplication, scope = 'https://graph.microsoft.com/.default'): AuthenticationProvider {
  return {
    async getAccessToken() {
      const result = await app.acquireTokenByClientCredential({ scopes: [scope] });
      if (!result?.accessToken) throw new Error('Microsoft Entra returned no token for the app');
      return result.accessToken;
    },
  };
}

/** Tokens for calls made as the signed-in user (the tab's SSO token exchanged on behalf of them). */
export function onBehalfOfAuth(app: ConfidentialClientApplication, userToken: string, scopes: string[]): AuthenticationProvider {
  return {
    async getAccessToken() {
      const result = await app.acquireTokenOnBehalfOf({ oboAssertion: userToken, scopes });
      if (!result?.accessToken) throw new Error('Microsoft Entra returned no on-behalf-of token');
      return result.accessToken;
    },
  };
}
