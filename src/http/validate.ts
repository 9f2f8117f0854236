import { isStorableText } from '../shared/text.js';
import type { Request } from 'express';
import type { z } from 'zod';
import type { Language } from '../contracts/domain.js';
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


/** The path of the first string, or key, in parsed input that cannot be stored; null when all can. */
export function unstorablePath(value: unknown, path: (string | number)[] = []): string | null {
  if (typeof value === 'string') return isStorableText(value) ? null : path.join('.') || 'body';
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const at = unstorablePath(item, [...path, i]);
      if (at !== null) return at;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const at = isStorableText(key) ? unstorablePath(item, [...path, key]) : [...path, '?'].join('.');
      if (at !== null) return at;
    }
  }
  return null;
}

/** One 422 like any other invalid field when the input holds text that cannot be stored. */
export function refuseUnstorable(value: unknown, root?: string, message = 'contains a character that cannot be stored'): void {
  const path = unstorablePath(value, root ? [root] : []);
  if (path === null) return;
  const fields: FieldIssue[] = [{ path, problem: 'not_allowed', message }];
  throw new AppError('validation_failed', `Invalid input (${path}: ${message})`, { details: fields });
}

/** Parses request input at the edge; a failure becomes one clear 422 naming the fields, one by one too. */
export function parseOr400<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) {
    refuseUnstorable(parsed.data);
    return parsed.data;
  }
  const fields: FieldIssue[] = parsed.error.issues.map((i) => ({
    path: issuePath(i),
    problem: problemOf(i),
    message: i.message,
  }));
  throw new AppError('validation_failed', `Invalid input (${fields.map((f) => `${f.path}: ${f.message}`).join('; ')})`, { details: fields });
}

/** The console's language for field messages, from Accept-Language (Spanish unless English is asked for). */
export const requestLanguage = (req: Request): Language => (req.acceptsLanguages('es', 'en') === 'en' ? 'en' : 'es');
