import { NextFunction, Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { RequestRefused } from './error-response';

export interface RateLimits {
  /**
   * Requests one signed-in person may make in a minute. A page of the tab makes two to four, and a
   * chair with the tab and the Outlook pane open moves quickly through a dozen pages in a minute:
   * the limit is set to stop a runaway script, well above what a person clicking can reach.
   */
  readonly perPersonPerMinute: number;
  /** Requests one person may have in progress at once (a page loads up to four in parallel); more are refused at once, not queued. */
  readonly perPersonInFlight: number;
  /** Failed sign-ins one address may make in a minute before it is refused without trying. */
  readonly signInFailuresPerMinute: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { perPersonPerMinute: 240, perPersonInFlight: 8, signInFailuresPerMinute: 30 };

/** Who a request counts against: the signed-in person, or before sign-in its address. */
export type LimitKey = (req: Request) => string | undefined;

const tooMany = (who: 'person' | 'address') =>
  new RequestRefused(
    429,
    'RATE.LIMITED',
    who === 'person'
      ? 'Too many requests from you in a short time. Wait a minute, then try again.'
      : 'Too many failed sign-ins from your network in a short time. Wait a minute, then try again.',
  );

/** The key for a request nobody has signed in for: its address (IPv6 by its /56, as one household or office). */
export const addressKey = (req: Request): string => `ip:${ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? 'unknown')}`;

/**
 * The tab API's limits, after authentication so each person has their own (a council's staff share
 * one outgoing address): a window of requests per minute (express-rate-limit) and a cap on requests
 * in progress at once, so one person's hundred parallel requests cannot queue everyone else (and
 * /healthz) behind them. Answers 429 with Retry-After and the usual error body.
 */
export function perPersonLimit(limits: RateLimits, personKey: LimitKey): RequestHandler {
  const windowed = rateLimit({
    windowMs: 60_000,
    limit: limits.perPersonPerMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => personKey(req) ?? addressKey(req),
    handler: (_req, _res, next) => next(tooMany('person')),
  });
  const inFlight = new Map<string, number>();
  const concurrent: RequestHandler = (req, res, next) => {
    const key = personKey(req) ?? addressKey(req);
    const now = inFlight.get(key) ?? 0;
    if (now >= limits.perPersonInFlight) {
      res.setHeader('Retry-After', '1');
      return next(new RequestRefused(429, 'RATE.LIMITED', `You already have ${now} requests in progress. Wait for them to finish, then try again.`));
    }
    inFlight.set(key, now + 1);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const left = (inFlight.get(key) ?? 1) - 1;
      if (left > 0) inFlight.set(key, left);
      else inFlight.delete(key);
    };
    res.once('finish', release);
    res.once('close', release);
    // Yield once before the use case: with the embedded SQLite store a use case runs start to end
    // without giving the event loop back, so without this each request would be counted, served and
    // released before the next was even read, and the cap would never see a flood. After the yield,
    // every request that has arrived meanwhile is read and counted first (the extras refused at once),
    // and /healthz, read in the same turn, is answered before the admitted work starts.
    setImmediate(next);
  };
  return (req, res, next) => windowed(req, res, (error?: unknown) => (error ? next(error) : concurrent(req, res, next)));
}

/**
 * Failed sign-ins by address (401, or a valid token for someone Core Groups does not know: 403):
 * beyond the limit in a minute, a failed attempt is answered 429 (with Retry-After) instead of 401,
 * so a client retrying a bad token is told to back off. Only failures count, and a request whose
 * credentials are good is never refused here: colleagues behind one outgoing address (a council's
 * network) cannot lock each other out. Checking a token costs one signature check, no database.
 */
export function signInFailures(limits: RateLimits) {
  const counter = rateLimit({
    windowMs: 60_000,
    limit: limits.signInFailuresPerMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: addressKey,
    handler: (_req, _res, next) => next(tooMany('address')),
  });
  return {
    /** Counts a failed sign-in, then passes on its error, or 429 when this one is over the limit. */
    record(req: Request, res: Response, failure: unknown, next: NextFunction): void {
      void counter(req, res, (e?: unknown) => next(e ?? failure));
    },
  };
}
