import type { Request, Response } from 'express';
import { ActivityHandler, CloudAdapter } from 'botbuilder';
import { z } from 'zod';

/** An optional field of the Bot Framework schema: absent, or null (read as absent), or of its type. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === null ? undefined : v), schema.optional());
const text = optional(z.string());
const Account = z.looseObject({ id: z.string().min(1), aadObjectId: text, name: text });

/**
 * What every activity the Bot Framework delivers carries: a type, the channel and the service to
 * answer through, who sent it, to whom, in which conversation; and the fields the bot reads, each of
 * the type the Bot Framework schema gives it. Anything else is not an activity: the SDK would fail
 * on it with a 500, or the turn would fail on a number where text belongs.
 */
const Activity = z
  .looseObject({
    type: z.string().min(1).max(100),
    channelId: z.string().min(1).max(100),
    serviceUrl: z.url({ protocol: /^https?$/ }).max(2000),
    from: Account,
    recipient: Account,
    conversation: z.looseObject({ id: z.string().min(1), conversationType: text, tenantId: text, name: text, isGroup: optional(z.boolean()) }),
    id: text,
    name: text,
    text,
    action: text,
    replyToId: text,
    locale: text,
    timestamp: text,
    localTimestamp: text,
    membersAdded: optional(z.array(Account).max(1000)),
    membersRemoved: optional(z.array(Account).max(1000)),
    // A mention names who is mentioned (the SDK reads `mentioned.id` to strip the bot's own).
    entities: optional(
      z
        .array(
          z
            .looseObject({ type: z.string(), text, mentioned: optional(Account) })
            .refine((e) => e.type !== 'mention' || e.mentioned !== undefined, { path: ['mentioned'], message: 'a mention names who is mentioned' }),
        )
        .max(100),
    ),
    // Teams always sends channelData, and the SDK's Teams handler reads it unguarded (`channelData.eventType`, `.team.id`).
    channelData: z.preprocess(
      (v) => v ?? {},
      z.looseObject({
        eventType: text,
        tenant: optional(z.looseObject({ id: text })),
        team: optional(z.looseObject({})),
        channel: optional(z.looseObject({})),
        meeting: optional(z.looseObject({})),
        settings: optional(z.looseObject({})),
      }),
    ),
  })
  // An invoke (card action, task module, …) always carries its value: an object the SDK reads unguarded.
  .refine((a) => a.type !== 'invoke' || (typeof a.value === 'object' && a.value !== null && !Array.isArray(a.value)), {
    path: ['value'],
    message: 'an invoke carries an object',
  })
  // A mention is a span of the text (the SDK cuts the bot's own out of it).
  .refine((a) => typeof a.text === 'string' || !a.entities?.some((e) => e.type === 'mention'), { path: ['text'], message: 'a mention is part of the text' });

const body = (code: string, message: string) => ({ error: { code, message } });
const UNAUTHENTICATED = body('BOT.UNAUTHENTICATED', 'The request is not from the Bot Framework.');
const INTERNAL = body('INTERNAL', 'Something went wrong on our side. It has been logged.');

/**
 * `POST /api/messages`: checks the request is an activity at all (400 naming what is missing), then
 * hands it to the adapter, which authenticates it and either runs the bot or refuses it. Invokes
 * (card actions) are answered in this same HTTP response.
 *
 * The SDK answers 401 for most bad tokens but 500 when the signature itself does not verify (its JWT
 * library's error is not an AuthenticationError). A request refused before the bot ran is an
 * authentication failure whatever the cause, so we answer 401 — without the SDK's error text. Nor
 * does a turn that failed send the SDK's error text: the 500 carries our usual body, and the error
 * is logged (by the adapter's onTurnError).
 */
export function messagesEndpoint(adapter: CloudAdapter, bot: ActivityHandler, log: (message: string, error?: unknown) => void = console.error) {
  return async (req: Request, res: Response): Promise<void> => {
    const activity = Activity.safeParse(req.body);
    if (!activity.success) {
      const missing = [...new Set(activity.error.issues.map((i) => (i.path.length ? i.path.map(String).join('.') : 'the body')))].join(', ');
      res
        .status(400)
        .json(body('BOT.INVALID_ACTIVITY', `This is not a Bot Framework activity: ${missing} ${missing.includes(',') ? 'are' : 'is'} missing or not valid.`));
      return;
    }
    // The adapter gets the activity as checked, a null read as absent.
    req.body = activity.data;
    let turnStarted = false;
    const guarded = {
      socket: res.socket,
      header: (name: string, value: unknown) => res.header(name, value as string),
      status: (code: number) => {
        res.status(code === 500 && !turnStarted ? 401 : code);
        return guarded;
      },
      send: (...args: unknown[]) => {
        if (res.statusCode < 400) return res.send(...(args as [unknown]));
        if (res.statusCode === 401) return res.json(UNAUTHENTICATED);
        return res.json(res.statusCode >= 500 ? INTERNAL : body('BOT.REFUSED', 'The Bot Framework request was refused.'));
      },
      end: (...args: unknown[]) => res.end(...(args as [])),
    };
    try {
      await adapter.process(req, guarded, (context) => {
        turnStarted = true;
        return bot.run(context);
      });
    } catch (e) {
      // The adapter answers what it can; anything it throws is ours to log and answer.
      log('bot endpoint failed', e);
      if (!res.headersSent) res.status(500).json(INTERNAL);
    }
  };
}
