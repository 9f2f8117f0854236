import { z } from 'zod';
import { CATEGORIES } from '../../contracts/domain.js';
import type { IvrState } from './ivr.step.js';

/**
 * The IVR state travels in the action URL of each Gather, so a menu step needs no lookup.
 * Twilio signs the whole URL, so a caller cannot alter it; a URL that does not parse restarts
 * the menu rather than failing the call.
 */
const flag = z.enum(['1']).optional();
const stateQuery = z.object({
  n: z.string().regex(/^[a-z0-9_]{1,32}$/),
  l: z.enum(['es', 'en']).default('es'),
  p: z.string().regex(/^[0-9](\.[0-9]){0,15}$/).optional(),
  loc: z.enum(['US', 'MX', 'ROUTE', 'HN', 'OTHER']).optional(),
  m: z.coerce.number().int().min(0).max(9).default(0),
  sm: z.coerce.number().int().min(0).max(2).default(0),
  ko: flag,
  w: z.coerce.number().int().min(0).max(9).default(0),
  rc: z.enum(CATEGORIES).optional(),
  rp: z.coerce.number().int().min(1).max(4).optional(),
  ro: z.string().regex(/^[a-z0-9_]{1,32}\.(\d|miss)$/).optional(),
  rv: flag,
  of: z.string().regex(/^[a-z0-9-]{1,64}$/).optional(),
});

export function encodeState(state: IvrState): string {
  const params = new URLSearchParams({ n: state.node, l: state.lang });
  if (state.path.length) params.set('p', state.path.join('.'));
  if (state.location) params.set('loc', state.location);
  if (state.misses) params.set('m', String(state.misses));
  if (state.speechMisses) params.set('sm', String(state.speechMisses));
  if (state.keysOnly) params.set('ko', '1');
  if (state.wrongNumbers) params.set('w', String(state.wrongNumbers));
  if (state.request) {
    params.set('rc', state.request.category);
    params.set('rp', String(state.request.priority));
    params.set('ro', state.request.origin);
    if (state.request.vulnerable) params.set('rv', '1');
  }
  if (state.office) params.set('of', state.office);
  return params.toString();
}

export function decodeState(query: unknown): IvrState | null {
  const parsed = stateQuery.safeParse(query);
  if (!parsed.success) return null;
  const q = parsed.data;
  return {
    node: q.n,
    lang: q.l,
    path: q.p ? q.p.split('.') : [],
    location: q.loc ?? null,
    misses: q.m,
    speechMisses: q.sm,
    keysOnly: q.ko === '1',
    wrongNumbers: q.w,
    request: q.rc && q.rp && q.ro ? { category: q.rc, priority: q.rp as 1 | 2 | 3 | 4, origin: q.ro, vulnerable: q.rv === '1' } : null,
    office: q.of ?? null,
  };
}
