import {
  AuthenticationHandler,
  AuthenticationProvider,
  Client,
  HTTPMessageHandler,
  Middleware,
  RedirectHandler,
  RetryHandler,
  RetryHandlerOptions,
  TelemetryHandler,
} from '@microsoft/microsoft-graph-client';
import type { Context } from '@microsoft/microsoft-graph-client';

export interface GraphClientOptions {
  readonly authProvider: AuthenticationProvider;
  /** https://graph.microsoft.com in production; the stand-in's address in tests. */
  readonly baseUrl: string;
  /** Per-request timeout: a hung request must not hold a delivery forever. */
  readonly timeoutMs?: number;
  /** The client's own retries of 429/503/504 (it honours Retry-After); the outbox retries beyond. */
  readonly maxRetries?: number;
  readonly retryDelaySeconds?: number;
}

/** Aborts a request that takes longer than the timeout. */
class TimeoutHandler implements Middleware {
  private next?: Middleware;
  constructor(private readonly ms: number) {}
  async execute(context: Context): Promise<void> {
    const options = (context.options ?? {}) as RequestInit;
    context.options = { ...options, signal: AbortSignal.timeout(this.ms) };
    await this.next?.execute(context);
  }
  setNext(next: Middleware): void {
    this.next = next;
  }
}

/**
 * The Microsoft Graph client with its middleware chain set up deliberately: authentication, our
 * timeout, the retry handler (429/503/504 with Retry-After and backoff), redirects, telemetry, fetch.
 */
export function graphClient(o: GraphClientOptions): Client {
  const chain: Middleware[] = [
    new AuthenticationHandler(o.authProvider),
    new TimeoutHandler(o.timeoutMs ?? 30_000),
    new RetryHandler(new RetryHandlerOptions(o.retryDelaySeconds ?? 3, o.maxRetries ?? 3)),
    new RedirectHandler(),
    new TelemetryHandler(),
    new HTTPMessageHandler(),
  ];
  for (let i = 0; i < chain.length - 1; i++) (chain[i] as Middleware & { setNext(m: Middleware): void }).setNext(chain[i + 1] as Middleware);
  // The authentication handler adds the token only for Graph hosts or these, compared by hostname (no port).
  const host = new URL(o.baseUrl).hostname;
  return Client.initWithMiddleware({
    middleware: chain[0] as Middleware,
    baseUrl: o.baseUrl.replace(/\/$/, ''),
    defaultVersion: 'v1.0',
    customHosts: new Set([host]),
  });
}
