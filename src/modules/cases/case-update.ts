import type { Updateable } from 'kysely';
import type { CasesTable } from '../../platform/db/schema.js';
import { CATEGORY_FIELDS, checkDate, fieldMessage, type FieldIssue } from '../../contracts/case-fields.js';
import type { Category, Language } from '../../contracts/domain.js';
import { AppError } from '../../shared/errors.js';
import { PERSONAL_SITUATION_KEYS, type CaseFullRow, type PersonRow } from './case.dto.js';
import type { CaseUpdate, PersonUpdate } from './case.schemas.js';
import type { PersonValues } from './people.repository.js';

/** One changed field. Values travel to the timeline only for fields that say nothing about a person. */
export interface FieldChange { field: string; from?: unknown; to?: unknown }

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export const EMPTY_PERSON: PersonValues = {
  full_name: null, aliases: [], sex: null, birth_date: null, dni: null, passport: null, other_documents: [], phone_e164: null,
  language: null, interpreter_needed: false, origin_municipality: null, origin_department: null, vulnerabilities: [],
};

const PERSON_COLUMN: Record<keyof PersonUpdate, keyof PersonValues> = {
  fullName: 'full_name', aliases: 'aliases', sex: 'sex', birthDate: 'birth_date', dni: 'dni', passport: 'passport',
  otherDocuments: 'other_documents', phone: 'phone_e164', language: 'language', interpreterNeeded: 'interpreter_needed',
  originMunicipality: 'origin_municipality', originDepartment: 'origin_department', vulnerabilities: 'vulnerabilities',
};

/** A person after the agent's edit, and which of their fields changed (names only: all of them are personal). */
export function planPerson(existing: PersonRow | null, input: PersonUpdate, prefix: string): { values: PersonValues; changed: FieldChange[] } {
  const values: PersonValues = { ...EMPTY_PERSON };
  if (existing) for (const column of Object.keys(EMPTY_PERSON) as (keyof PersonValues)[]) (values as Record<string, unknown>)[column] = existing[column];
  const changed: FieldChange[] = [];
  for (const [key, value] of Object.entries(input) as [keyof PersonUpdate, unknown][]) {
    if (value === undefined) continue;
    const column = PERSON_COLUMN[key];
    const next = value ?? (Array.isArray(EMPTY_PERSON[column]) ? [] : column === 'interpreter_needed' ? false : null);
    if (same(values[column], next)) continue;
    (values as Record<string, unknown>)[column] = next;
    changed.push({ field: `${prefix}.${key}` });
  }
  return { values, changed };
}

function checkCategoryFields(category: Category, fields: Record<string, string | null>, language: Language): void {
  const allowed = CATEGORY_FIELDS[category] ?? [];
  const issues: FieldIssue[] = [];
  for (const [key, value] of Object.entries(fields)) {
    const def = allowed.find((f) => f.key === key);
    const path = `categoryFields.${key}`;
    if (!def) issues.push({ path, problem: 'not_allowed', message: fieldMessage('not_allowed', language) });
    else if (value !== null && def.kind === 'date' && !checkDate(value).ok) issues.push({ path, problem: 'date_invalid', message: fieldMessage('date_invalid', language) });
    else if (value !== null && def.kind === 'choice' && !def.choices?.includes(value)) issues.push({ path, problem: 'not_allowed', message: fieldMessage('not_allowed', language) });
  }
  if (issues.length) throw new AppError('validation_failed', issues.map((i) => `${i.path}: ${i.message}`).join(' '), { details: issues });
}

const withoutNulls = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as Record<string, string>;

/**
 * The case columns an update writes, and what changed. Status rules and people are the service's;
 * this is the plain mapping from what the agent sent to what is stored.
 */
export function planCase(current: CaseFullRow, patch: CaseUpdate, actorId: string, language: Language): { set: Updateable<CasesTable>; changes: FieldChange[] } {
  const set: Updateable<CasesTable> = {};
  const changes: FieldChange[] = [];
  const scalar = <K extends keyof CaseFullRow & keyof CasesTable>(field: string, column: K, value: CaseFullRow[K] | undefined, personal = false) => {
    if (value === undefined || same(current[column], value)) return;
    (set as Record<string, unknown>)[column] = value;
    changes.push(personal ? { field } : { field, from: current[column], to: value });
  };
  scalar('category', 'category', patch.category);
  scalar('subcategory', 'subcategory', patch.subcategory);
  scalar('priority', 'priority', patch.priority);
  scalar('priorityReason', 'priority_reason', patch.priorityReason);
  scalar('officeId', 'office_id', patch.officeId);
  if (set.office_id !== undefined) set.office_reason = set.office_id ? 'Elegida por el agente' : null;
  scalar('relationship', 'relationship', patch.relationship);
  scalar('narrative', 'narrative', patch.narrative, true);
  scalar('request', 'request', patch.request, true);
  scalar('requestTypes', 'request_types', patch.requestTypes);

  if (patch.consent && (patch.consent.consulate !== current.consent_consulate || patch.consent.hostAuthorities !== current.consent_host)) {
    // Consent is recorded with its time and the agent who heard it.
    Object.assign(set, { consent_consulate: patch.consent.consulate, consent_host: patch.consent.hostAuthorities, consent_at: new Date(), consent_by: actorId });
    changes.push({ field: 'consent', from: { consulate: current.consent_consulate, hostAuthorities: current.consent_host }, to: patch.consent });
  }
  if (patch.situation) {
    const next = withoutNulls({ ...current.situation, ...patch.situation });
    for (const key of new Set([...Object.keys(current.situation), ...Object.keys(next)])) {
      if (same(current.situation[key], next[key])) continue;
      const personal = (PERSONAL_SITUATION_KEYS as readonly string[]).includes(key);
      changes.push(personal ? { field: `situation.${key}` } : { field: `situation.${key}`, from: current.situation[key] ?? null, to: next[key] ?? null });
    }
    if (!same(current.situation, next)) set.situation = JSON.stringify(next) as unknown as Record<string, string>;
  }
  const category = (patch.category ?? current.category) as Category;
  if (patch.categoryFields) {
    checkCategoryFields(category, patch.categoryFields, language);
    const next = withoutNulls({ ...current.category_fields, ...patch.categoryFields });
    for (const key of new Set([...Object.keys(current.category_fields), ...Object.keys(next)])) {
      if (!same(current.category_fields[key], next[key])) changes.push({ field: `categoryFields.${key}` });
    }
    if (!same(current.category_fields, next)) set.category_fields = JSON.stringify(next) as unknown as Record<string, string>;
  }
  return { set, changes };
}

/** Two records of one person: the surviving one keeps its values and gains what only the other had. */
export function combinePeople(into: PersonRow, from: PersonRow): PersonValues {
  const values: PersonValues = { ...EMPTY_PERSON };
  for (const column of Object.keys(EMPTY_PERSON) as (keyof PersonValues)[]) {
    (values as Record<string, unknown>)[column] = into[column] ?? from[column];
  }
  const union = (a: string[], b: string[]) => [...new Set([...a, ...b])];
  const otherName = from.full_name && from.full_name !== into.full_name ? [from.full_name] : [];
  values.aliases = union(into.aliases, [...otherName, ...from.aliases]);
  values.other_documents = union(into.other_documents, [
    ...from.other_documents,
    // A second DNI or passport is kept, not dropped: the agent decides which one is right.
    ...(from.dni && into.dni && from.dni !== into.dni ? [from.dni] : []),
    ...(from.passport && into.passport && from.passport !== into.passport ? [from.passport] : []),
  ]);
  values.vulnerabilities = union(into.vulnerabilities, from.vulnerabilities);
  values.interpreter_needed = into.interpreter_needed || from.interpreter_needed;
  return values;
}
