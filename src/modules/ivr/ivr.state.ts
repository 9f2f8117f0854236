import { z } from 'zod';
import type { IvrState } from './ivr.step.js';

/**
 * The IVR state travels in the action URL of each Gather, so a menu step needs no lookup.
 * Twilio signs the whole URL, so a caller cannot alter it; a URL that does not parse restarts
 * the menu rather than failing the call.
 */
const stateQuery = z.object({
  n: z.string().regex(/^[a-z0-9_]{1,32}$/),
  l: z.enum(['es', 'en']).default('es'),
  p: z.string().regex(/^[0-9](\.[0-9]){0,15}$/).optional(),
  loc: z.enum(['US', 'MX', 'ROUTE', 'HN', 'OTHER']).optional(),
  m: z.coerce.number().int().min(0).max(9).default(0),
});

export function encodeState(state: IvrState): string {
  const params = new URLSearchParams({ n: state.node, l: state.lang });
  if (state.path.length) params.set('p', state.path.join('.'));
  if (state.location) params.set('loc', state.location);
  if (state.misses) params.set('m', String(state.misses));
  return params.toString();
}

export function decodeState(query: unknown): IvrState | null {
  const parsed = stateQuery.safeParse(query);
  if (!parsed.success) return null;
  const q = parsed.data;
  return { node: q.n, lang: q.l, path: q.p ? q.p.split('.') : [], location: q.loc ?? null, misses: q.m };
}
