import type { z } from 'zod';
import type { FieldIssue, FieldProblem } from '../contracts/case-fields.js';
import { AppError } from '../shared/errors.js';

/** What kind of problem a zod issue is; custom checks name theirs in `params.problem`. */
export function problemOf(issue: z.core.$ZodIssue): FieldProblem {
  if (issue.code === 'custom') return (issue.params as { problem?: FieldProblem } | undefined)?.problem ?? 'not_allowed';
  if (issue.code === 'too_big') return 'too_long';
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'required';
  return 'not_allowed';
}

export const issuePath = (i: z.core.$ZodIssue): string => (i.code === 'unrecognized_keys' ? [...i.path, i.keys.join(',')] : i.path).join('.') || 'body';

/** Parses request input at the edge; a failure becomes one clear 422 naming the fields, one by one too. */
export function parseOr400<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields: FieldIssue[] = parsed.error.issues.map((i) => ({
    path: issuePath(i),
    problem: problemOf(i),
    message: i.message,
  }));
  throw new AppError('validation_failed', `Invalid input (${fields.map((f) => `${f.path}: ${f.message}`).join('; ')})`, { details: fields });
}
