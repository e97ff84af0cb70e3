import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { LRUCache } from 'lru-cache';

type Authentication = ConfigurationBotFrameworkAuthentication;
type Claims = Parameters<Authentication['createConnectorFactory']>[0];
type ConnectorFactory = ReturnType<Authentication['createConnectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type UserTokenClient = Awaited<ReturnType<Authentication['createUserTokenClient']>>;

/**
 * How many clients of each kind are kept: one per service URL Teams answers from (a handful per
 * region) is what is needed; a bound, so that odd service URLs cannot grow the map for ever.
 */
const KEPT = 32;

/** Promises kept by key, the least recently used dropped first; one that rejects is not kept. */
class Kept<T> {
  private readonly byKey: LRUCache<string, Promise<T>>;

  constructor(most: number) {
    this.byKey = new LRUCache<string, Promise<T>>({ max: most });
  }

  get(key: string, make: () => Promise<T>): Promise<T> {
    const kept = this.byKey.get(key);
    if (kept) return kept;
    const made = make();
    this.byKey.set(key, made);
    made.catch(() => {
      if (this.byKey.peek(key) === made) this.byKey.delete(key);
    });
    return made;
  }
}

/**
 * The bot's app id the SDK makes a turn's clients for: the audience of the Bot Framework's token (the
 * emulator's names it as appid), as botframework-connector's own getAppId reads it.
 */
const appIdOf = (claims: Claims): string => claims.getClaimValue('aud') ?? claims.getClaimValue('appid') ?? '';

/**
 * The SDK's authentication, keeping the clients it makes for a turn. For every activity it builds a
 * connector client (an HTTP pipeline with its credentials) and a user-token client, whether the turn
 * sends anything or not: about a tenth of a card action's CPU. Neither holds anything of the turn
 * (each call names its conversation), so one for each app id, service URL and audience serves every
 * turn, and proactive sends, alike; they also keep their access token between turns.
 */
export class KeptClientsAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new Kept<ConnectorClient>(KEPT);
  private readonly userTokens = new Kept<UserTokenClient>(KEPT);

  override async authenticateRequest(...args: Parameters<Authentication['authenticateRequest']>) {
    const result = await super.authenticateRequest(...args);
    return result.connectorFactory ? { ...result, connectorFactory: this.keeping(result.connectorFactory, result.claimsIdentity) } : result;
  }

  override async authenticateStreamingRequest(...args: Parameters<Authentication['authenticateStreamingRequest']>) {
    const result = await super.authenticateStreamingRequest(...args);
    return result.connectorFactory ? { ...result, connectorFactory: this.keeping(result.connectorFactory, result.claimsIdentity) } : result;
  }

  override createConnectorFactory(claims: Claims): ConnectorFactory {
    return this.keeping(super.createConnectorFactory(claims), claims);
  }

  override createUserTokenClient(claims: Claims): Promise<UserTokenClient> {
    return this.userTokens.get(appIdOf(claims), () => super.createUserTokenClient(claims));
  }

  private keeping(factory: ConnectorFactory, claims: Claims): ConnectorFactory {
    return {
      create: (serviceUrl, audience) =>
        this.connectors.get(JSON.stringify([appIdOf(claims), serviceUrl, audience ?? '']), () => factory.create(serviceUrl, audience)),
    };
  }
}
