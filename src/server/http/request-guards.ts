import { isUtf8 } from 'node:buffer';
import express, { NextFunction, Request, RequestHandler, Response } from 'express';
import { BODY_LIMIT_BYTES, RequestRefused } from './error-response';

const nul = () =>
  new RequestRefused(400, 'REQUEST.NUL_CHARACTER', 'The request contains a NUL character (\\u0000), which Core Groups does not accept in any field.');

/**
 * A JSON string escape `\u0000` (any case), preceded by an even run of backslashes: `\\u0000` is a
 * backslash followed by the text "u0000", which is allowed. Outside strings a backslash is not JSON.
 */
const ESCAPED_NUL = /(?:^|[^\\])(?:\\\\)*\\u0000/i;

/**
 * JSON bodies for every route (tab API, bot, Graph notifications): up to 1 MB (413 beyond, before
 * sign-in too), UTF-8 only (RFC 8259; 415 for another charset, 400 for bytes that are not UTF-8),
 * and no NUL anywhere: PostgreSQL cannot store one in text, so it is refused here with a 400 rather
 * than reaching the database as a 500.
 */
export function jsonBody(): RequestHandler {
  return express.json({
    limit: BODY_LIMIT_BYTES,
    verify: (_req, _res, buf, encoding) => {
      if (encoding !== 'utf-8' && encoding !== 'utf8') throw Object.assign(new Error('not UTF-8'), { status: 415, type: 'charset.unsupported' });
      if (!isUtf8(buf)) throw new RequestRefused(400, 'REQUEST.INVALID_TEXT', 'The request body is not valid UTF-8 text.');
      if (buf.includes(0) || ESCAPED_NUL.test(buf.toString('utf8'))) throw nul();
    },
  });
}

/** A NUL in the address (`/api/cases/a%00b`, or its query) is refused like one in the body. */
export function noNulInUrl(req: Request, _res: Response, next: NextFunction): void {
  next(/%00/i.test(req.originalUrl) ? nul() : undefined);
}

/** API answers carry a child's name, case records and feed addresses: no cache, shared or private, keeps them. */
export function noStore(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Cache-Control', 'no-store');
  next();
}
