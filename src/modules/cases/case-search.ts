import { z } from 'zod';
import { CASE_STATUSES, CATEGORIES, type Language } from '../../contracts/domain.js';
import { checkDate, normaliseDni, normalisePhone } from '../../contracts/case-fields.js';
import { AppError } from '../../shared/errors.js';
import { normalise } from '../../shared/text.js';
import { startOfDayIn } from '../../shared/clock.js';
import type { CaseFilters } from './case-search.repository.js';
import { normaliseDocument } from './people.repository.js';

/** GET /api/cases: `q` is read for what it looks like; each other key is exact. */
export const searchQuerySchema = z
  .object({
    q: z.string().trim().max(100).optional(),
    number: z.string().trim().max(30).optional(),
    phone: z.string().trim().max(30).optional(),
    name: z.string().trim().max(100).optional(),
    document: z.string().trim().max(40).optional(),
    category: z.enum(CATEGORIES).optional(),
    status: z.string().max(200).optional(),
    office: z.string().max(60).optional(),
    from: z.string().max(10).optional(),
    to: z.string().max(10).optional(),
    nonData: z.enum(['true', 'false']).optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).optional(),
  })
  .strict();
export type SearchQuery = z.infer<typeof searchQuerySchema>;

/** Keys that reach into people's data: only roles that see it may search by them. */
export const PERSONAL_SEARCH_KEYS = ['q', 'phone', 'name', 'document'] as const;

/** Why a search was refused, in the agent's language, named by the key that caused it. */
const REFUSALS = {
  cursor: { es: 'no es un cursor dado por este servidor', en: 'not one this server gave' },
  phone: { es: 'escriba al menos 7 dígitos, o el número con su código de país', en: 'give at least 7 digits, or the number with its country code' },
  name: { es: 'escriba al menos 3 letras', en: 'give at least 3 letters' },
  number: { es: 'un número de caso se escribe como AV-2026-000123', en: 'a case number looks like AV-2026-000123' },
  document: { es: 'escriba al menos 4 letras o dígitos', en: 'give at least 4 letters or digits' },
  status: { es: 'estado desconocido', en: 'unknown status' },
  date: { es: 'una fecha como AAAA-MM-DD', en: 'a date as YYYY-MM-DD' },
  range: { es: 'la fecha inicial debe ser anterior a la final', en: 'must be before to' },
} as const;

type Refuse = (path: string, reason: keyof typeof REFUSALS, detail?: string) => AppError;
const refusals = (language: Language): Refuse => (path, reason, detail = '') => {
  const message = `${REFUSALS[reason][language]}${detail}`;
  return new AppError('validation_failed', `${path}: ${message}`, { details: [{ path, problem: 'not_allowed', message }] });
};

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export const encodeCursor = (createdAt: Date, id: string): string => Buffer.from(`${createdAt.toISOString()}|${id}`).toString('base64url');

function decodeCursor(cursor: string, invalid: Refuse): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const createdAt = new Date(at ?? '');
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(createdAt.getTime())) throw invalid('cursor', 'cursor');
  return { createdAt, id };
}

function phoneFilter(raw: string, invalid: Refuse): Pick<CaseFilters, 'phone' | 'phoneEnding'> {
  const e164 = normalisePhone(raw);
  if (e164.ok) return { phone: e164.value };
  const digits = raw.replace(/\D/g, '');
  // Typed without a country code: match the end, never guess the country.
  if (digits.length >= 7 && digits.length <= 15) return { phoneEnding: digits };
  throw invalid('phone', 'phone');
}

function nameFilter(raw: string, invalid: Refuse): string {
  const name = normalise(raw);
  if (name.length < 3) throw invalid('name', 'name');
  return name;
}

/** What a free-text query looks like: a case number, a DNI, a phone, a passport, or a name. */
function fromQ(q: string, invalid: Refuse): Partial<CaseFilters> {
  const trimmed = q.trim();
  const number = /^AV-(\d{4})-(\d{1,12})$/i.exec(trimmed);
  if (number) return { number: trimmed.toUpperCase() };
  const digits = trimmed.replace(/[\s().-]/g, '');
  if (/^\d{1,6}$/.test(digits)) return { seq: Number(digits) };
  if (normaliseDni(trimmed).ok) return { document: normaliseDocument(trimmed) };
  if (/^(\+|00)?\d{7,15}$/.test(digits)) return phoneFilter(trimmed, invalid);
  if (/\d/.test(trimmed) && /^[A-Za-z0-9 -]{5,40}$/.test(trimmed)) return { document: normaliseDocument(trimmed) };
  return { name: nameFilter(trimmed, invalid) };
}

/** Turns what the console sent into filters for the repository, refusing what cannot be searched. */
export function toFilters(query: SearchQuery, timeZone: string, language: Language = 'es'): CaseFilters {
  const invalid = refusals(language);
  const f: CaseFilters = { limit: query.limit ?? 50 };
  if (query.q) Object.assign(f, fromQ(query.q, invalid));
  if (query.number) {
    const digits = /^(?:AV-\d{4}-)?(\d{1,12})$/i.exec(query.number);
    if (!digits) throw invalid('number', 'number');
    if (/^AV-/i.test(query.number)) f.number = query.number.toUpperCase();
    else f.seq = Number(digits[1]);
  }
  if (query.phone) Object.assign(f, phoneFilter(query.phone, invalid));
  if (query.name) f.name = nameFilter(query.name, invalid);
  if (query.document) {
    const doc = normaliseDocument(query.document);
    if (doc.length < 4) throw invalid('document', 'document');
    f.document = doc;
  }
  if (query.category) f.category = query.category;
  if (query.status) {
    const statuses = query.status.split(',');
    const unknown = statuses.filter((s) => !(CASE_STATUSES as readonly string[]).includes(s));
    if (unknown.length) throw invalid('status', 'status', `: ${unknown.join(', ')}`);
    f.statuses = statuses;
  }
  if (query.office) f.officeId = query.office;
  for (const key of ['from', 'to'] as const) {
    const raw = query[key];
    if (!raw) continue;
    const day = checkDate(raw);
    if (!day.ok) throw invalid(key, 'date');
    // Days are the hotline's days (America/Tegucigalpa): `to` includes the whole of its day.
    f[key] = startOfDayIn(key === 'to' ? nextDay(day.value) : day.value, timeZone);
  }
  if (f.from && f.to && f.from >= f.to) throw invalid('from', 'range');
  if (query.nonData === 'true') f.includeNonData = true;
  if (query.cursor) f.after = decodeCursor(query.cursor, invalid);
  return f;
}
