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

/**
 * "a: …; b: …; c: … (and 4 more problems)": short enough to read on one line. Only for documents an
 * administrator wrote by hand (a policy profile, a case history), where the key path is what they edit.
 */
export function summariseProblems(problems: readonly FieldProblem[]): string {
  const shown = problems.slice(0, MAX_IN_MESSAGE).map((p) => `${p.field}: ${p.problem}`);
  const more = problems.length - shown.length;
  return shown.join('; ') + (more > 0 ? ` (and ${more} more problem${more === 1 ? '' : 's'})` : '');
}

/**
 * The one-line message for a form a person filled in: how many answers need another look, never the
 * field paths (people read labels; the form marks each field from `fields`). A problem with the whole
 * request (no field to mark) is said as it is.
 */
export function formProblemsMessage(problems: readonly FieldProblem[], what: string): string {
  const whole = problems.find((p) => p.field === '(root)');
  if (whole) return `${what} is not valid: ${whole.problem}`;
  const n = problems.length;
  return n === 1 ? `1 answer in ${what} needs attention: see the one marked.` : `${n} answers in ${what} need attention: see each one marked.`;
}

/**
 * Parses or throws a DomainError ('invalid'): its message says how many answers need attention in
 * words a person reads; `fields` keeps each path and problem for programs and forms.
 */
export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, code: string, what: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = fieldProblems(result.error);
  throw new DomainError(code, 'invalid', formProblemsMessage(problems, what), problems);
}

/**
 * Parses a document an administrator wrote (a policy profile file, a case history): its message names
 * the bad keys by their path, since the path is what they find and fix in the file.
 */
export function parseDocumentOrThrow<T extends z.ZodType>(schema: T, value: unknown, code: string, what: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = fieldProblems(result.error);
  throw new DomainError(code, 'invalid', `${what} is not valid: ${summariseProblems(problems)}`, problems);
}
