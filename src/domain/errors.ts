/**
 * Expected failures: a stable machine code (`MINUTES.NOT_SUBMITTED`), a category the shell maps to an
 * HTTP status or a card error, and a sentence a person understands. Anything else is a bug (500).
 */
export type ErrorCategory = 'invalid' | 'forbidden' | 'not-found' | 'conflict' | 'unauthenticated';

export interface FieldProblem {
  /** Dotted path of the offending field, e.g. `members.2.email`. */
  readonly field: string;
  readonly problem: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly category: ErrorCategory,
    message: string,
    readonly fields: readonly FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
