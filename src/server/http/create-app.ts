import fs from 'node:fs';
import path from 'node:path';
import express, { NextFunction, Request, RequestHandler, Response } from 'express';
import { AppContext } from '../../app/context';
import { Authenticator } from '../auth/principal';
import { toErrorResponse } from './error-response';
import { tabApi, TabApiOptions } from './tab-api';

export interface HttpAppOptions {
  readonly ctx: AppContext;
  readonly authenticator: Authenticator;
  readonly devSignIn: boolean;
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
  readonly log?: (message: string, error?: unknown) => void;
}

/** The one HTTP process: the bot endpoint, the tab's API, the built tab and a health check. */
export function createHttpApp(options: HttpAppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '1mb' }));
  app.get('/healthz', (_req, res, next) => {
    options.ctx.store.ping().then(() => res.json({ status: 'ok' }), next);
  });
  if (options.botEndpoint) app.post('/api/messages', options.botEndpoint);
  options.extraRoutes?.(app);
  app.use('/api', tabApi(options.ctx, options.authenticator, options));
  app.use('/api', (_req, res) => res.status(404).json({ error: { code: 'ROUTE.NOT_FOUND', message: 'There is no such API route.' } }));
  if (options.tabDir && fs.existsSync(path.join(options.tabDir, 'index.html'))) {
    const tabDir = options.tabDir;
    // extensions: the group chat tab's configuration page is /configure (configure.html), as the
    // manifest declares it; the Outlook add-in's pages are under /outlook/.
    app.use(express.static(tabDir, { index: 'index.html', maxAge: '1h', extensions: ['html'] }));
    app.get(/^\/(?!api\/).*/, (_req, res) => res.sendFile(path.join(tabDir, 'index.html')));
  }
  // Expected failures: a 4xx with a stable code. Anything else: a 500, logged, with no details out.
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const { status, body, expected } = toErrorResponse(error);
    if (!expected) (options.log ?? console.error)('unexpected error', error);
    res.status(status).json(body);
  });
  return app;
}
