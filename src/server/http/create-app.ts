import fs from 'node:fs';
import path from 'node:path';
import express, { NextFunction, Request, RequestHandler, Response } from 'express';
import { AppContext } from '../../app/context';
import { isDomainError } from '../../domain/errors';
import { Authenticator } from '../auth/principal';
import { toErrorResponse } from './error-response';
import { RateLimits } from './rate-limit';
import { jsonBody, noNulInUrl, noStore } from './request-guards';
import { securityHeaders } from './security-headers';
import { staticTab } from './static-tab';
import { tabApi, TabApiOptions } from './tab-api';

export interface HttpAppOptions {
  readonly ctx: AppContext;
  readonly authenticator: Authenticator;
  readonly devSignIn: boolean;
  /** Proxies in front of the server whose X-Forwarded-For to believe (config TRUST_PROXY); none by default. */
  readonly trustProxy?: number;
  /** Production: HTTPS only, so the browser is told to keep to it (HSTS) and to upgrade any http:// sub-request. */
  readonly httpsOnly?: boolean;
  /** The directory as the caller (on behalf of them); production only. */
  readonly directoryFor?: TabApiOptions['directoryFor'];
  /** The calendar port the schedule view reads free/busy from (both modes). */
  readonly calendar?: TabApiOptions['calendar'];
  readonly meetingMinutes?: number;
  /** POST /api/messages: the bot host's handler (bot/host), wired by the composition root. */
  readonly botEndpoint?: RequestHandler;
  /** Extra routes the composition root mounts (the iCalendar feed, dev sign-in's user list). */
  readonly extraRoutes?: (app: express.Express) => void;
  /** The built tab (tab/dist), served at / when present. */
  readonly tabDir?: string;
  /** The tab API's per-person and sign-in limits; DEFAULT_RATE_LIMITS when absent. */
  readonly limits?: RateLimits;
  /** Unexpected failures, with the error (and its stack). */
  readonly log?: (message: string, error?: unknown) => void;
  /** One line for each request refused before a use case saw it (413, 415, 429, malformed): never a stack. */
  readonly notice?: (line: string) => void;
}

/** The one HTTP process: the bot endpoint, the tab's API, the built tab and a health check. */
export function createHttpApp(options: HttpAppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  if (options.trustProxy) app.set('trust proxy', options.trustProxy);
  app.use(securityHeaders({ httpsOnly: options.httpsOnly ?? false }));
  // The health check comes before any limit or body parsing: it is never refused or queued.
  app.get('/healthz', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    options.ctx.store.health().then(() => res.json({ status: 'ok' }), next);
  });
  app.use(noNulInUrl);
  app.use(['/api', '/calendar'], noStore);
  app.use(jsonBody());
  if (options.botEndpoint) app.post('/api/messages', options.botEndpoint);
  options.extraRoutes?.(app);
  app.use('/api', tabApi(options.ctx, options.authenticator, options));
  app.use('/api', (_req, res) => res.status(404).json({ error: { code: 'ROUTE.NOT_FOUND', message: 'There is no such API route.' } }));
  // The built tab: compressed, hashed assets immutable, the page revalidated, a missing asset a 404
  // (static-tab.ts). Left out when the tab has not been built (the API alone, as in most tests).
  if (options.tabDir && fs.existsSync(path.join(options.tabDir, 'index.html'))) {
    app.use(staticTab({ dir: options.tabDir, log: options.log }));
  }
  // Expected failures: a 4xx with a stable code. Anything else: a 500, logged, with no details out.
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const { status, body, expected, logStack } = toErrorResponse(error);
    const line = `${status} ${body.error.code} ${req.method} ${loggablePath(req)}`;
    if (logStack) (options.log ?? console.error)(expected ? line : 'unexpected error', error);
    else if (!isDomainError(error)) (options.notice ?? console.warn)(`[core-groups] ${line}`);
    if (res.headersSent) return void res.end();
    res.status(status).json(body);
  });
  return app;
}

/** The path for a log line: a feed's secret address is left out, and nothing runs on for pages. */
function loggablePath(req: Request): string {
  if (req.path.startsWith('/calendar/')) return '/calendar/…';
  return req.path.length > 120 ? `${req.path.slice(0, 120)}…` : req.path;
}
