import type { z } from 'zod';
import { AppError } from '../shared/errors.js';

/** Parses request input at the edge; a failure becomes one clear 422 naming the fields. */
export function parseOr400<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);
  throw new AppError('validation_failed', `Invalid input (${fields.join('; ')})`, { details: parsed.error.issues });
}
