import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import { z } from 'zod';
import { AppContext } from '../app/context';
import { recordCalendarChange } from '../app/calendar-sync';
import { actorFor } from '../app/identity';
import { EmbeddedCalendar } from '../adapters/local/embedded-calendar';
import { fileMailer } from '../adapters/local/file-mailer';
import { KyselyStore } from '../adapters/store/kysely-store';
import { Config } from '../config';
import { parseOrThrow } from '../domain/validation';
import { Store } from '../ports/store';
import { toErrorResponse } from './http/error-response';

/** Where Outlook would report a move: two ISO date-times with an offset, the end after the start. */
const Move = z
  .object({ start: z.iso.datetime({ offset: true }), end: z.iso.datetime({ offset: true }) })
  .refine((m) => Date.parse(m.end) > Date.parse(m.start), { message: 'must be after start', path: ['end'] });

/** Time someone marks out of office in their calendar: whose (their email), and from when to when. */
const Away = z
  .object({ email: z.email(), start: z.iso.datetime({ offset: true }), end: z.iso.datetime({ offset: true }) })
  .refine((m) => Date.parse(m.end) > Date.parse(m.start), { message: 'must be after start', path: ['end'] });

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
 * - `POST /api/dev/calendar/away`: someone marks time out of office, as they would in Outlook.
 */
export function mountLocalCalendarRoutes(app: express.Express, calendar: EmbeddedCalendar, store: Store, ctx: AppContext, config: Config): void {
  const fail = (res: express.Response, e: unknown) => {
    const { status, body, logStack } = toErrorResponse(e);
    if (logStack) console.error('[core-groups] unexpected error', e);
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
  /** Runs a handler, answering what it throws as the API does (a refused body: 400, naming the fields). */
  const answer = (res: express.Response, handle: () => Promise<void>) => void handle().catch((e: unknown) => fail(res, e));
  app.post('/api/dev/calendar/events/:eventId/move', express.json(), (req, res) =>
    answer(res, async () => {
      const { start, end } = parseOrThrow(Move, req.body, 'REQUEST.INVALID', 'the new time');
      const eventId = String(req.params.eventId);
      const event = await (store as KyselyStore).db.selectFrom('calendar_events').select('id').where('id', '=', eventId).executeTakeFirst();
      if (!event) return void res.status(404).json({ error: { code: 'CALENDAR.EVENT_NOT_FOUND', message: 'There is no such event in the local calendar.' } });
      await calendar.moveInCalendarApp(eventId, start, end);
      res.json({ moved: true });
    }),
  );
  // Someone off sick or on leave, as their Outlook would show them ("Away"): local mode has no Outlook
  // to mark it in. The schedule then shows them away, and the hourly check offers cover for a
  // core group they chair.
  app.post('/api/dev/calendar/away', express.json(), (req, res) =>
    answer(res, async () => {
      const { email, start, end } = parseOrThrow(Away, req.body, 'REQUEST.INVALID', 'who is away and when');
      const person = await store.transaction((tx) => tx.people.byEmail(email));
      if (!person) return void res.status(404).json({ error: { code: 'PERSON.NOT_FOUND', message: 'Core Groups knows nobody with that email address.' } });
      const { eventId } = await calendar.markAway({ personId: person.id, email: person.email, displayName: person.displayName }, start, end);
      res.status(201).json({ away: true, eventId });
    }),
  );
  // The feed's address for the signed-in person (so the tab can offer "subscribe in Outlook").
  app.get('/api/me/calendar-feed', (req, res) => {
    const who = req.header('x-dev-user') ?? '';
    actorFor(ctx, { objectId: who, via: 'dev-sign-in' }).then(
      ({ person }) => res.json({ url: `${config.publicBaseUrl}/calendar/${calendar.feedToken(person.id)}.ics` }),
      (e: unknown) => fail(res, e),
    );
  });
}
