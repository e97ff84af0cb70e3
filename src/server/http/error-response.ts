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
 * Expected failures become a 4xx with their stable code and a sentence a person understands;
 * anything else is a 500 whose details stay in the log (never in the response: it may hold case data).
 */
export function toErrorResponse(error: unknown): { status: number; body: ErrorBody; expected: boolean } {
  if (isDomainError(error)) {
    const e: DomainError = error;
    return {
      status: STATUS[e.category],
      body: { error: { code: e.code, message: e.message, ...(e.fields.length ? { fields: e.fields } : {}) } },
      expected: true,
    };
  }
  // A service we depend on (Microsoft Graph) failed: say which and why, as a gateway error.
  if (error instanceof DeliveryError) {
    return { status: error.permanent ? 502 : 503, body: { error: { code: 'UPSTREAM.FAILED', message: error.message } }, expected: true };
  }
  // express.json() marks a body it cannot parse with type 'entity.parse.failed' and status 400.
  if (isBodyParseError(error)) {
    return { status: 400, body: { error: { code: 'REQUEST.MALFORMED_JSON', message: 'The request body is not valid JSON.' } }, expected: true };
  }
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'Something went wrong on our side. It has been logged.' } }, expected: false };
}

function isBodyParseError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { type?: unknown }).type === 'entity.parse.failed';
}
