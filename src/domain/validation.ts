import { z } from 'zod';
import { DomainError, FieldProblem } from './errors';

/** Zod issues as field problems: `members.2.email: Invalid email address`. */
export function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.map(String).join('.') : '(root)',
    problem: issue.message,
  }));
}

/** Parses or throws a DomainError ('invalid') whose message names every bad field. */
export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, code: string, what: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = fieldProblems(result.error);
  const summary = problems.map((p) => `${p.field}: ${p.problem}`).join('; ');
  throw new DomainError(code, 'invalid', `${what} is not valid: ${summary}`, problems);
}
