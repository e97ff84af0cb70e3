import {
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthenticationOptions,
  ConfigurationServiceClientCredentialFactory,
  TurnContext,
} from 'botbuilder';
import { BotSettings } from './bot-settings';
import { KeptClientsAuthentication } from './kept-clients';

/*
 * The SDK applies its public-cloud endpoints only when none is overridden; override one (tests point
 * the OpenID metadata at a local identity provider) and it takes every one from us. These are the
 * SDK's public-cloud values (botframework-connector AuthenticationConstants, not exported by botbuilder).
 */
const PUBLIC_CLOUD = {
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  OAuthUrl: 'https://api.botframework.com',
  ToBotFromChannelOpenIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
  ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
  CallerId: CallerIdConstants.PublicAzureChannel,
} as const;

/**
 * The Bot Framework CloudAdapter. With an app id it validates every incoming activity's token (the
 * Bot Framework's signature, issuer, audience = our app id, and the channel's endorsement) and
 * refuses the rest with 401; without one (local mode only) it accepts unsigned traffic.
 */
export function createAdapter(settings: BotSettings, onError: (context: TurnContext, error: unknown) => Promise<void>): CloudAdapter {
  const options: ConfigurationBotFrameworkAuthenticationOptions = settings.appId
    ? {
        MicrosoftAppId: settings.appId,
        MicrosoftAppPassword: settings.appPassword,
        MicrosoftAppType: settings.appType ?? 'SingleTenant',
        MicrosoftAppTenantId: settings.tenantId,
        ...(settings.openIdMetadataUrl || settings.tokenIssuer
          ? {
              ...PUBLIC_CLOUD,
              ValidateAuthority: true,
              ToChannelFromBotLoginUrl: `https://login.microsoftonline.com/${settings.tenantId ?? 'botframework.com'}`,
              ToBotFromChannelOpenIdMetadataUrl: settings.openIdMetadataUrl ?? PUBLIC_CLOUD.ToBotFromChannelOpenIdMetadataUrl,
              ToBotFromChannelTokenIssuer: settings.tokenIssuer ?? PUBLIC_CLOUD.ToBotFromChannelTokenIssuer,
            }
          : {}),
      }
    : {};
  const credentials = new ConfigurationServiceClientCredentialFactory(
    settings.appId
      ? {
          MicrosoftAppId: settings.appId,
          MicrosoftAppPassword: settings.appPassword,
          MicrosoftAppType: settings.appType ?? 'SingleTenant',
          MicrosoftAppTenantId: settings.tenantId,
        }
      : {},
  );
  // The clients each turn sends with are made once per service URL, not for every turn (see kept-clients.ts).
  const adapter = new CloudAdapter(new KeptClientsAuthentication(options, credentials));
  adapter.onTurnError = onError;
  return adapter;
}
