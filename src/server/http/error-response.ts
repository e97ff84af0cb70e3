import { DomainError, ErrorCategory, isDomainError } from '../../domain/errors';
import { DeliveryError } from '../../ports/messenger';

const STATUS: Record<ErrorCategory, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
};

export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly fields?: readonly { field: string; problem: string }[] };
}

/**
 * A request the HTTP layer refuses before any use case sees it (too large, not UTF-8, a NUL, too
 * many at once): a 4xx with a stable code and a sentence a person understands.
 */
export class RequestRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RequestRefused';
  }
}

export const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * What body-parser (express.json) and the router mark their refusals with (`type`), as a 4xx each.
 * body-parser's own messages are for developers; these are for the person reading the tab's error.
 */
const REQUEST_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  'entity.too.large': { status: 413, code: 'REQUEST.TOO_LARGE', message: 'The request is too large: Core Groups accepts request bodies of up to 1 MB.' },
  'entity.parse.failed': { status: 400, code: 'REQUEST.MALFORMED_JSON', message: 'The request body is not valid JSON.' },
  'charset.unsupported': { status: 415, code: 'REQUEST.UNSUPPORTED_CHARSET', message: 'The request body must be JSON in UTF-8.' },
  'encoding.unsupported': {
    status: 415,
    code: 'REQUEST.UNSUPPORTED_ENCODING',
    message: 'The request body is compressed in a way Core Groups does not read; send it uncompressed, or as gzip, deflate or br.',
  },
  'request.aborted': { status: 400, code: 'REQUEST.INCOMPLETE', message: 'The request body ended before it was complete.' },
  'request.size.invalid': { status: 400, code: 'REQUEST.INCOMPLETE', message: 'The request body is not the length its Content-Length header says.' },
};

/**
 * Expected failures become a 4xx with their stable code and a sentence a person understands;
 * anything else is a 500 whose details stay in the log (never in the response: it may hold case data).
 * `logStack` says whether the log should carry the error's stack: never for a refusal we anticipated,
 * always for a 500, and for the store's safety nets (a constraint a use case should have checked first).
 */
export function toErrorResponse(error: unknown): { status: number; body: ErrorBody; expected: boolean; logStack: boolean } {
  const refuse = (status: number, code: string, message: string, logStack = false) => ({
    status,
    body: { error: { code, message } },
    expected: true,
    logStack,
  });
  if (isDomainError(error)) {
    const e: DomainError = error;
    return {
      status: STATUS[e.category],
      body: { error: { code: e.code, message: e.message, ...(e.fields.length ? { fields: e.fields } : {}) } },
      expected: true,
      logStack: false,
    };
  }
  if (error instanceof RequestRefused) return refuse(error.status, error.code, error.message);
  // A service we depend on (Microsoft Graph) failed: say which and why, as a gateway error.
  if (error instanceof DeliveryError) return refuse(error.permanent ? 502 : 503, 'UPSTREAM.FAILED', error.message);
  const marked = error as { type?: unknown; status?: unknown; expose?: unknown; code?: unknown } | null;
  if (typeof marked === 'object' && marked !== null) {
    const known = typeof marked.type === 'string' ? REQUEST_ERRORS[marked.type] : undefined;
    if (known) return refuse(known.status, known.code, known.message);
    // The router could not decode a percent-encoded path parameter (`/api/cases/%E0%A4%A`).
    if (error instanceof URIError && marked.status === 400)
      return refuse(400, 'REQUEST.MALFORMED_URL', 'The address is not valid: it has a broken %-encoding.');
    // Any other refusal body-parser or the router marks as the client's (a gzip body that is not gzip, …).
    if (marked.expose === true && typeof marked.status === 'number' && marked.status >= 400 && marked.status < 500) {
      return refuse(marked.status, 'REQUEST.UNREADABLE', 'The request could not be read.');
    }
    // The database is gone (refused, reset, shut down, or the connection dropped mid-transaction):
    // the transaction did not commit, so nothing of the change was written. One line in the log.
    // A statement cancelled by the database's statement timeout (stuck behind a lock, or the database
    // overloaded): its transaction rolled back, so nothing was written.
    if (marked.code === '57014')
      return refuse(503, 'STORE.BUSY', 'Core Groups’ database is too busy to answer just now, so this was not saved. Please try again in a minute.');
    if (isDatabaseUnavailable(error))
      return refuse(503, 'STORE.UNAVAILABLE', 'Core Groups cannot reach its database just now, so this was not saved. Please try again in a minute.');
    // Safety nets: the database refused what a check before it should have (logged with the stack, to find that check).
    if (marked.code === 'SQLITE_CONSTRAINT_UNIQUE' || marked.code === '23505')
      return refuse(409, 'STORE.CONFLICT', 'This conflicts with a record that already exists.', true);
    if (marked.code === '22021' || marked.code === '22P05')
      return refuse(400, 'REQUEST.NUL_CHARACTER', 'The request contains a character Core Groups cannot store (a NUL, \\u0000).', true);
  }
  return {
    status: 500,
    body: { error: { code: 'INTERNAL', message: 'Something went wrong on our side. It has been logged.' } },
    expected: false,
    logStack: true,
  };
}

/**
 * Node's socket errors and PostgreSQL's "connection exception" (08…) and "operator intervention"
 * (57P01–57P03: terminated, crash shutdown, cannot connect now) codes, and node-postgres's own
 * message when the server closes the connection under it.
 */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', '57P01', '57P02', '57P03']);
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  // AggregateError (every address refused) carries its code on the errors inside.
  const inner = (error as { errors?: unknown }).errors;
  if (Array.isArray(inner) && inner.length > 0 && inner.every(isDatabaseUnavailable)) return true;
  return (
    typeof message === 'string' &&
    /^(Connection terminated( unexpectedly| due to connection timeout)?|Client has encountered a connection error and is not queryable|timeout exceeded when trying to connect)$/.test(
      message,
    )
  );
}
