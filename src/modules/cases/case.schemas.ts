import { z } from 'zod';
import { CASE_STATUSES, CATEGORIES, type Language } from '../../contracts/domain.js';
import {
  FACILITY_TYPES, HN_DEPARTMENTS, NON_DATA_REASONS, PERSON_LANGUAGES, RELATIONSHIPS, REQUEST_TYPES, SEXES, VULNERABILITIES,
  checkDate, fieldMessage, normaliseANumber, normaliseDni, normalisePassport, normalisePhone, type FieldIssue, type FieldProblem,
} from '../../contracts/case-fields.js';
import type { CaseUpdateRequest } from '../../contracts/rest.js';
import { AppError } from '../../shared/errors.js';
import { issuePath, problemOf, refuseUnstorable } from '../../http/validate.js';

/**
 * What agents may send for a case. The rules themselves (DNI, dates, phones) live in the contracts so
 * the console checks the same way; here they are enforced, and every problem is named by field.
 */
type Check = (raw: string) => { ok: true; value: string } | { ok: false; problem: FieldProblem };

const text = (max: number) => z.string().trim().max(max).transform((s) => (s === '' ? null : s)).nullable();
const checked = (check: Check) =>
  z
    .string()
    .nullable()
    .transform((raw, ctx) => {
      if (raw === null || raw.trim() === '') return null;
      const r = check(raw);
      if (r.ok) return r.value;
      ctx.addIssue({ code: 'custom', params: { problem: r.problem } });
      return z.NEVER;
    });
const pastDate = (today: string) => checked((raw) => checkDate(raw, { notAfter: today }));
const anyDate = checked((raw) => checkDate(raw));

function personSchema(today: string) {
  return z
    .object({
      fullName: text(200),
      aliases: z.array(z.string().trim().min(1).max(200)).max(20),
      sex: z.enum(SEXES).nullable(),
      birthDate: pastDate(today),
      dni: checked(normaliseDni),
      passport: checked(normalisePassport),
      otherDocuments: z.array(z.string().trim().min(1).max(40)).max(10),
      phone: checked(normalisePhone),
      language: z.enum(PERSON_LANGUAGES).nullable(),
      interpreterNeeded: z.boolean(),
      originMunicipality: text(100),
      originDepartment: z.enum(Object.keys(HN_DEPARTMENTS) as [keyof typeof HN_DEPARTMENTS]).nullable(),
      vulnerabilities: z.array(z.enum(VULNERABILITIES)).max(VULNERABILITIES.length).transform((v) => [...new Set(v)]),
    })
    .partial()
    .strict();
}

function situationSchema(today: string) {
  return z
    .object({
      country: z.string().regex(/^[A-Z]{2}$/).nullable(),
      state: text(100),
      city: text(100),
      facilityName: text(200),
      facilityType: z.enum(FACILITY_TYPES).nullable(),
      aNumber: checked(normaliseANumber),
      bookingNumber: text(40),
      detainedOn: pastDate(today),
      lastContactOn: pastDate(today),
      nextCourtOn: anyDate,
      removalOn: anyDate,
      attorney: text(200),
    })
    .partial()
    .strict();
}

export function caseUpdateSchema(today: string) {
  return z
    .object({
      version: z.number().int().nonnegative(),
      status: z.enum(CASE_STATUSES).optional(),
      notifyCaller: z.boolean().optional(),
      category: z.enum(CATEGORIES).optional(),
      subcategory: text(60).optional(),
      priority: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).optional(),
      priorityReason: text(300).optional(),
      officeId: z.string().max(60).nullable().optional(),
      requester: personSchema(today).nullable().optional(),
      relationship: z.enum(RELATIONSHIPS).nullable().optional(),
      affected: personSchema(today).nullable().optional(),
      consent: z.object({ consulate: z.boolean(), hostAuthorities: z.boolean() }).strict().optional(),
      situation: situationSchema(today).optional(),
      categoryFields: z.record(z.string().max(40), z.string().trim().max(1000).nullable()).optional(),
      narrative: text(10_000).optional(),
      request: text(2000).optional(),
      requestTypes: z.array(z.enum(REQUEST_TYPES)).max(REQUEST_TYPES.length).transform((v) => [...new Set(v)]).optional(),
    })
    .strict()
    .superRefine((v, ctx) => {
      const s = v.situation;
      if (s?.detainedOn && s.removalOn && s.removalOn < s.detainedOn) {
        ctx.addIssue({ code: 'custom', path: ['situation', 'removalOn'], params: { problem: 'date_order' } });
      }
    });
}

export type CaseUpdate = z.infer<ReturnType<typeof caseUpdateSchema>>;
export type PersonUpdate = NonNullable<CaseUpdate['affected']>;

export const noteSchema = z.object({ text: z.string().trim().min(1).max(10_000) }).strict();
export const nonDataSchema = z.object({ reason: z.enum(NON_DATA_REASONS) }).strict();
export const mergeSchema = z.object({ intoCaseId: z.uuid() }).strict();
export const linkCallSchema = z.object({ caseId: z.uuid() }).strict();
export const mergePersonSchema = z.object({ intoPersonId: z.uuid() }).strict();

/** Parses a case update, or refuses it naming every wrong field in the agent's language. */
export function parseCaseUpdate(body: unknown, language: Language, today: string): CaseUpdate & Pick<CaseUpdateRequest, 'version'> {
  const parsed = caseUpdateSchema(today).safeParse(body);
  if (parsed.success) {
    refuseUnstorable(parsed.data, undefined, fieldMessage('not_allowed', language));
    return parsed.data;
  }
  const fields: FieldIssue[] = parsed.error.issues.map((issue) => {
    const problem = problemOf(issue);
    return { path: issuePath(issue), problem, message: fieldMessage(problem, language) };
  });
  const summary = language === 'es' ? 'Revise los datos marcados' : 'Check the marked fields';
  throw new AppError('validation_failed', `${summary}: ${fields.map((f) => `${f.path}: ${f.message}`).join(' ')}`, { details: fields });
}
