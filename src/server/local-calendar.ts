import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import { AppContext } from '../app/context';
import { recordCalendarChange } from '../app/calendar-sync';
import { actorFor } from '../app/identity';
import { EmbeddedCalendar } from '../adapters/local/embedded-calendar';
import { fileMailer } from '../adapters/local/file-mailer';
import { KyselyStore } from '../adapters/store/kysely-store';
import { Config } from '../config';
import { Store } from '../ports/store';
import { toErrorResponse } from './http/error-response';

/** Local mode's calendar and mailer, with a feed-signing secret kept beside the database. */
export function localCalendarFor(dataDir: string, store: Store, ctx: AppContext) {
  fs.mkdirSync(dataDir, { recursive: true });
  const secretFile = path.join(dataDir, 'feed-secret');
  if (!fs.existsSync(secretFile)) fs.writeFileSync(secretFile, randomBytes(32).toString('base64url'), { mode: 0o600 });
  const mailer = fileMailer(path.join(dataDir, 'outbox'));
  const calendar = new EmbeddedCalendar({
    db: (store as KyselyStore).db,
    clock: ctx.clock,
    mailer,
    mailFrom: 'core-groups@localhost',
    feedSecret: fs.readFileSync(secretFile, 'utf8'),
    demoBusy: true,
    onChange: (change) => recordCalendarChange(ctx, change),
  });
  return { calendar, mailer };
}

/**
 * - `GET /calendar/<token>.ics`: a person's feed, at a secret address Outlook can subscribe to.
 * - `POST /api/dev/calendar/events/:eventId/move`: what Outlook would report when someone drags the
 *   event to another day (local mode only: it stands in for Graph change notifications).
 */
export function mountLocalCalendarRoutes(app: express.Express, calendar: EmbeddedCalendar, store: Store, ctx: AppContext, config: Config): void {
  const fail = (res: express.Response, e: unknown) => {
    const { status, body } = toErrorResponse(e);
    res.status(status).json(body);
  };
  app.get('/calendar/:file', (req, res) => {
    const token = String(req.params.file).replace(/\.ics$/, '');
    const personId = calendar.personForToken(token);
    if (!personId) return void res.status(404).type('text/plain').send('No such calendar.');
    store
      .transaction((tx) => tx.people.byId(personId))
      .then(async (person) => {
        if (!person) return void res.status(404).type('text/plain').send('No such calendar.');
        res.type('text/calendar; charset=utf-8').send(await calendar.feedFor(person.email));
      })
      .catch((e: unknown) => fail(res, e));
  });
  app.post('/api/dev/calendar/events/:eventId/move', express.json(), (req, res) => {
    const body = req.body as { start?: unknown; end?: unknown };
    if (typeof body.start !== 'string' || typeof body.end !== 'string' || Number.isNaN(Date.parse(body.start)) || Number.isNaN(Date.parse(body.end))) {
      return void res.status(400).json({ error: { code: 'REQUEST.INVALID', message: 'start and end must be ISO date-times', fields: [{ field: 'start', problem: 'must be an ISO date-time' }] } });
    }
    calendar.moveInCalendarApp(String(req.params.eventId), body.start, body.end).then(() => res.json({ moved: true }), (e: unknown) => fail(res, e));
  });
  // The feed's address for the signed-in person (so the tab can offer "subscribe in Outlook").
  app.get('/api/me/calendar-feed', (req, res) => {
    const who = req.header('x-dev-user') ?? '';
    actorFor(ctx, { objectId: who, via: 'dev-sign-in' }).then(
      ({ person }) => res.json({ url: `${config.publicBaseUrl}/calendar/${calendar.feedToken(person.id)}.ics` }),
      (e: unknown) => fail(res, e),
    );
  });
}
