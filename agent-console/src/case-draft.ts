// The case editor's draft: every editable field under one flat path ('affected.dni',
// 'situation.country'...), the same paths the server names in its field problems. Flat, so that
// comparing, rebasing on a newer version and marking errors are all one loop over keys.
import type { CaseDto, CaseUpdateRequest, PersonDto, SituationDto } from '../../src/contracts/index.js';
import {
  CATEGORY_FIELDS, checkDate, normaliseDni, normalisePassport, normalisePhone, type FieldProblem,
} from '../../src/contracts/case-fields.js';
import type { Category, Priority } from '../../src/contracts/domain.js';

export type DraftValue = string | boolean | readonly string[];
export type Draft = Readonly<Record<string, DraftValue>>;

/** Requester fields the editor shows; the requester's other details are left as they are. */
export const REQUESTER_KEYS = ['fullName', 'dni', 'passport', 'phone', 'language'] as const;
export const AFFECTED_KEYS = [
  'fullName', 'aliases', 'sex', 'birthDate', 'dni', 'passport', 'otherDocuments', 'language', 'interpreterNeeded',
  'originMunicipality', 'originDepartment', 'vulnerabilities',
] as const;
export const SITUATION_KEYS = [
  'country', 'state', 'city', 'facilityName', 'facilityType', 'aNumber', 'bookingNumber', 'detainedOn', 'lastContactOn',
  'nextCourtOn', 'removalOn', 'attorney',
] as const satisfies readonly (keyof SituationDto)[];
const CATEGORY_FIELD_KEYS = [...new Set(Object.values(CATEGORY_FIELDS).flatMap((fields) => fields.map((f) => f.key)))];
const SCALARS = ['category', 'subcategory', 'priority', 'priorityReason', 'relationship', 'narrative', 'request', 'officeId'] as const;
/** Typed as lists: comma-separated in a single input. */
const LIST_KEYS = new Set(['aliases', 'otherDocuments']);

type PersonKey = (typeof AFFECTED_KEYS)[number] | (typeof REQUESTER_KEYS)[number];

function personValue(p: PersonDto | null, key: PersonKey): DraftValue {
  const v = p?.[key];
  if (key === 'interpreterNeeded') return v === true;
  if (key === 'vulnerabilities') return (v as string[] | undefined) ?? [];
  if (LIST_KEYS.has(key)) return ((v as string[] | undefined) ?? []).join(', ');
  return typeof v === 'string' ? v : '';
}

export function toDraft(c: CaseDto): Draft {
  const d: Record<string, DraftValue> = {
    category: c.category,
    subcategory: c.subcategory ?? '',
    priority: String(c.priority),
    priorityReason: c.priorityReason ?? '',
    relationship: c.relationship ?? '',
    narrative: c.narrative ?? '',
    request: c.request ?? '',
    officeId: c.officeId ?? '',
    requestTypes: c.requestTypes,
    'consent.consulate': c.consent.consulate,
    'consent.hostAuthorities': c.consent.hostAuthorities,
  };
  for (const k of REQUESTER_KEYS) d[`requester.${k}`] = personValue(c.requester, k);
  for (const k of AFFECTED_KEYS) d[`affected.${k}`] = personValue(c.affected, k);
  for (const k of SITUATION_KEYS) d[`situation.${k}`] = c.situation[k] ?? '';
  for (const k of CATEGORY_FIELD_KEYS) d[`categoryFields.${k}`] = c.categoryFields[k] ?? '';
  return d;
}

const same = (a: DraftValue | undefined, b: DraftValue | undefined) => JSON.stringify(a ?? '') === JSON.stringify(b ?? '');

export function changedPaths(base: Draft, draft: Draft): string[] {
  return Object.keys(draft).filter((k) => !same(base[k], draft[k]));
}

/** The requester fields mirror the affected person's while the requester is that person ('self'). */
export function withRelationship(draft: Draft, relationship: string): Draft {
  const next: Record<string, DraftValue> = { ...draft, relationship };
  const wasSelf = draft.relationship === 'self';
  if (relationship === 'self' && !wasSelf) {
    for (const k of REQUESTER_KEYS) if (k !== 'phone') next[`requester.${k}`] = draft[`affected.${k}`] ?? '';
  } else if (wasSelf && relationship !== 'self') {
    // Someone else now: a new person, not the affected one under another role.
    for (const k of REQUESTER_KEYS) next[`requester.${k}`] = '';
  }
  return next;
}

/** A newer version of the case with the agent's own changes kept on top. */
export function rebase(oldBase: Draft, draft: Draft, newBase: Draft): Draft {
  const next: Record<string, DraftValue> = { ...newBase };
  for (const k of changedPaths(oldBase, draft)) next[k] = draft[k] as DraftValue;
  return next;
}

const text = (v: DraftValue | undefined): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const list = (v: DraftValue | undefined): string[] => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : []);

function toPersonField(key: string, v: DraftValue | undefined): unknown {
  if (key === 'interpreterNeeded') return v === true;
  if (key === 'vulnerabilities') return Array.isArray(v) ? [...v] : [];
  if (LIST_KEYS.has(key)) return list(v);
  return text(v);
}

/** Only what changed, plus the version the agent started from. */
export function toUpdate(base: CaseDto, draft: Draft): CaseUpdateRequest {
  const out: CaseUpdateRequest = { version: base.version };
  const category = draft.category as Category;
  const ownFields = new Set((CATEGORY_FIELDS[category] ?? []).map((f) => f.key));
  for (const path of changedPaths(toDraft(base), draft)) {
    const [group, key = ''] = path.split(/\.(.*)/s) as [string, string?];
    const v = draft[path];
    if (group === 'requester' || group === 'affected') {
      const person = (out[group] ??= {}) as Record<string, unknown>;
      person[key] = toPersonField(key, v);
    } else if (group === 'situation') {
      (out.situation ??= {})[key as keyof SituationDto] = (key === 'country' ? text(v)?.toUpperCase() ?? null : text(v)) as never;
    } else if (group === 'categoryFields') {
      // Fields of a category the case no longer has would be refused.
      if (ownFields.has(key)) (out.categoryFields ??= {})[key] = text(v);
    } else if (group === 'consent') {
      out.consent = { consulate: draft['consent.consulate'] === true, hostAuthorities: draft['consent.hostAuthorities'] === true };
    } else if (group === 'requestTypes') {
      out.requestTypes = [...(v as readonly string[])] as CaseUpdateRequest['requestTypes'];
    } else if (group === 'priority') {
      out.priority = Number(v) as Priority;
    } else if (group === 'category') {
      out.category = category;
    } else if ((SCALARS as readonly string[]).includes(group)) {
      (out as unknown as Record<string, unknown>)[group] = text(v);
    }
  }
  return out;
}

/** True when toUpdate has something to send besides the version. */
export const hasChanges = (u: CaseUpdateRequest): boolean => Object.keys(u).some((k) => k !== 'version');

export type DraftProblem = FieldProblem | 'a_number';
type Check = (raw: string) => { ok: true } | { ok: false; problem: DraftProblem };

const pastDate = (today: string): Check => (raw) => checkDate(raw, { notAfter: today });
const aNumber: Check = (raw) => (/^\d{8,9}$/.test(raw.replace(/[\s-]/g, '').replace(/^A/i, '')) ? { ok: true } : { ok: false, problem: 'a_number' });

function checks(today: string): Record<string, Check> {
  const c: Record<string, Check> = {
    'requester.dni': normaliseDni,
    'requester.passport': normalisePassport,
    'requester.phone': normalisePhone,
    'affected.dni': normaliseDni,
    'affected.passport': normalisePassport,
    'affected.birthDate': pastDate(today),
    'situation.aNumber': aNumber,
    'situation.detainedOn': pastDate(today),
    'situation.lastContactOn': pastDate(today),
    'situation.nextCourtOn': (raw) => checkDate(raw),
    'situation.removalOn': (raw) => checkDate(raw),
  };
  for (const fields of Object.values(CATEGORY_FIELDS)) {
    for (const f of fields) if (f.kind === 'date') c[`categoryFields.${f.key}`] = (raw) => checkDate(raw);
  }
  return c;
}

/**
 * The same rules the server enforces (contracts/case-fields.ts), checked as the agent types. Empty
 * is always allowed: it clears the field. `today` is YYYY-MM-DD in the hotline's time zone.
 */
export function validateDraft(draft: Draft, today: string): Record<string, DraftProblem> {
  const problems: Record<string, DraftProblem> = {};
  for (const [path, check] of Object.entries(checks(today))) {
    const v = draft[path];
    if (typeof v !== 'string' || v.trim() === '') continue;
    const r = check(v);
    if (!r.ok) problems[path] = r.problem;
  }
  const detained = draft['situation.detainedOn'];
  const removal = draft['situation.removalOn'];
  if (typeof detained === 'string' && typeof removal === 'string' && detained && removal && !problems['situation.removalOn'] && !problems['situation.detainedOn'] && removal < detained) {
    problems['situation.removalOn'] = 'date_order';
  }
  return problems;
}

/** The draft path a server problem belongs to ('affected.aliases.2' -> 'affected.aliases'), or null. */
export function pathOf(serverPath: string, draft: Draft): string | null {
  const parts = serverPath.split('.');
  for (let n = parts.length; n > 0; n--) {
    const candidate = parts.slice(0, n).join('.');
    if (candidate in draft) return candidate;
  }
  if (serverPath.startsWith('consent')) return 'consent.consulate';
  return null;
}
