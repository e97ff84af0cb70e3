import { z } from 'zod';
import { DomainError, FieldProblem } from './errors';

/** Names come from the input (a profile's keys); a 10,000-character key must not become the message. */
const MAX_NAME = 40;
/** A message names the first few problems; `fields` keeps them all for a form to show beside each field. */
const MAX_IN_MESSAGE = 3;

export const clip = (s: string, max = MAX_NAME): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** Zod issues as field problems: `members.2.email: Invalid email address`. */
export function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.map((p) => clip(String(p))).join('.') : '(root)',
    problem: clip(issue.message, 200),
  }));
}

/** "a: …; b: …; c: … (and 4 more problems)": short enough to read on one line. */
export function summariseProblems(problems: readonly FieldProblem[]): string {
  const shown = problems.slice(0, MAX_IN_MESSAGE).map((p) => `${p.field}: ${p.problem}`);
  const more = problems.length - shown.length;
  return shown.join('; ') + (more > 0 ? ` (and ${more} more problem${more === 1 ? '' : 's'})` : '');
}

/** Parses or throws a DomainError ('invalid') whose message names the bad fields and what each must be. */
export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, code: string, what: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = fieldProblems(result.error);
  throw new DomainError(code, 'invalid', `${what} is not valid: ${summariseProblems(problems)}`, problems);
}
