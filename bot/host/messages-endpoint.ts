import type { Request, Response } from 'express';
import { ActivityHandler, CloudAdapter } from 'botbuilder';

/**
 * `POST /api/messages`: hands the request to the adapter, which authenticates it and either runs the
 * bot or refuses it. Invokes (card actions) are answered in this same HTTP response.
 *
 * The SDK answers 401 for most bad tokens but 500 when the signature itself does not verify (its JWT
 * library's error is not an AuthenticationError). A request refused before the bot ran is an
 * authentication failure whatever the cause, so we answer 401 — without the SDK's error text.
 */
export function messagesEndpoint(adapter: CloudAdapter, bot: ActivityHandler) {
  return async (req: Request, res: Response): Promise<void> => {
    let turnStarted = false;
    const guarded = {
      socket: res.socket,
      header: (name: string, value: unknown) => res.header(name, value as string),
      status: (code: number) => {
        res.status(code === 500 && !turnStarted ? 401 : code);
        return guarded;
      },
      send: (...args: unknown[]) => (turnStarted || res.statusCode < 400 ? res.send(...(args as [unknown])) : res.send({ error: { code: 'BOT.UNAUTHENTICATED', message: 'The request is not from the Bot Framework.' } })),
      end: (...args: unknown[]) => res.end(...(args as [])),
    };
    await adapter.process(req, guarded, (context) => {
      turnStarted = true;
      return bot.run(context);
    });
  };
}
