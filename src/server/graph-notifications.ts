import { timingSafeEqual } from 'node:crypto';
import express from 'express';
import { z } from 'zod';
import { recordCalendarChange } from '../app/calendar-sync';
import { AppContext } from '../app/context';
import { asCalendarChange, GraphCalendarChanges } from '../adapters/graph/graph-calendar';

/** Graph's envelope: `{ value: [ { subscriptionId, clientState, resource, lifecycleEvent?, … } ] }`. */
const Notifications = z.object({
  value: z
    .array(
      z.looseObject({
        clientState: z.unknown().optional(),
        resource: z.unknown().optional(),
        lifecycleEvent: z.unknown().optional(),
        subscriptionId: z.unknown().optional(),
      }),
    )
    .max(1000),
});

// Compared as bytes: a string of the secret's length in characters but not in bytes (any non-ASCII) is simply not it.
const sameSecret = (a: unknown, b: string) => {
  if (typeof a !== 'string') return false;
  const given = Buffer.from(a);
  const secret = Buffer.from(b);
  return given.length === secret.length && timingSafeEqual(given, secret);
};

/**
 * `POST /api/graph/notifications`: Microsoft Graph's change notifications for the chairs' calendars.
 * Answers the validation handshake; ignores any notification whose clientState is not our secret
 * (anyone can post to a public URL); reads each changed event back from Graph (notifications carry
 * no times) and lets the app decide whether the move breaks the procedure.
 */
export function graphNotificationsHandler(
  ctx: AppContext,
  changes: GraphCalendarChanges,
  clientState: string,
  log: (m: string, e?: unknown) => void,
  onLifecycle: (event: string, subscriptionId: string) => Promise<void> = async () => undefined,
): express.RequestHandler {
  return (req, res) => {
    const token = req.query.validationToken;
    if (typeof token === 'string') return void res.status(200).type('text/plain').send(token);
    const parsed = Notifications.safeParse(req.body);
    if (!parsed.success) {
      return void res.status(400).json({
        error: {
          code: 'GRAPH.INVALID_NOTIFICATION',
          message: 'This is not a Microsoft Graph change notification: the body must be an object whose "value" is a list of notifications.',
        },
      });
    }
    const notifications = parsed.data.value;
    const trusted = notifications.filter((n) => sameSecret(n.clientState, clientState));
    void (async () => {
      for (const n of trusted) {
        if (n.lifecycleEvent) {
          // reauthorizationRequired / subscriptionRemoved / missed: the keeper renews, recreates or runs delta.
          await onLifecycle(String(n.lifecycleEvent), String(n.subscriptionId ?? '')).catch((e: unknown) => log('graph lifecycle event', e));
          continue;
        }
        const m = /^Users\/([^/]+)\/Events\/([^/]+)$/i.exec(String(n.resource ?? ''));
        if (!m) continue;
        try {
          const state = await changes.eventState(m[1] as string, m[2] as string);
          await recordCalendarChange(ctx, asCalendarChange(state));
        } catch (e) {
          log('graph notification could not be processed', e);
        }
      }
    })().finally(() => res.status(202).end());
  };
}
