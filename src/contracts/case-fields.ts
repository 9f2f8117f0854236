// The case's fields and their rules, shared by the server (which enforces them) and the console (which
// says what is wrong as the agent types). Pure functions and constants, no dependencies.
import type { CaseStatus, Category, Language, Role } from './domain.js';

export const SEXES = ['F', 'M', 'X'] as const;
export type Sex = (typeof SEXES)[number];

export const RELATIONSHIPS = ['self', 'parent', 'child', 'spouse', 'sibling', 'other_relative', 'friend', 'lawyer', 'organisation', 'other'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

/** Each raises the priority by one level (domain.md). */
export const VULNERABILITIES = ['minor', 'pregnant', 'aged_60_plus', 'disability', 'lgbti', 'indigenous_language', 'chronic_illness', 'violence_survivor'] as const;
export type Vulnerability = (typeof VULNERABILITIES)[number];

/** Languages a person speaks; Miskito and Garífuna speakers need an interpreter. */
export const PERSON_LANGUAGES = ['es', 'en', 'miskito', 'garifuna', 'other'] as const;
export type PersonLanguage = (typeof PERSON_LANGUAGES)[number];

export const FACILITY_TYPES = ['ICE', 'CBP', 'INM', 'police', 'prison', 'hospital', 'shelter', 'morgue', 'other'] as const;
export type FacilityType = (typeof FACILITY_TYPES)[number];

export const REQUEST_TYPES = ['visit', 'legal_referral', 'repatriation', 'search', 'documents', 'aid', 'information'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

export const NON_DATA_REASONS = ['silent', 'ivr_hangup', 'abusive', 'test', 'wrong_number'] as const;
export type NonDataReason = (typeof NON_DATA_REASONS)[number];

/** Honduras' 18 departments, ISO 3166-2:HN. */
export const HN_DEPARTMENTS = {
  'HN-AT': 'Atlántida', 'HN-CH': 'Choluteca', 'HN-CL': 'Colón', 'HN-CM': 'Comayagua', 'HN-CP': 'Copán', 'HN-CR': 'Cortés',
  'HN-EP': 'El Paraíso', 'HN-FM': 'Francisco Morazán', 'HN-GD': 'Gracias a Dios', 'HN-IN': 'Intibucá', 'HN-IB': 'Islas de la Bahía',
  'HN-LP': 'La Paz', 'HN-LE': 'Lempira', 'HN-OC': 'Ocotepeque', 'HN-OL': 'Olancho', 'HN-SB': 'Santa Bárbara', 'HN-VA': 'Valle', 'HN-YO': 'Yoro',
} as const;
export type HnDepartment = keyof typeof HN_DEPARTMENTS;

export const SUBCATEGORIES: Partial<Record<Category, readonly string[]>> = {
  DOCUMENTOS: ['passport', 'dni', 'civil_registry', 'appointment'],
  TPS_LEGAL: ['tps', 'asylum', 'rights', 'legal_help', 'regularisation'],
  DETENCION: ['immigration', 'criminal', 'removal_imminent'],
  TRATA_VIOLENCIA: ['trafficking', 'sexual_violence', 'domestic_violence', 'abuse'],
  REINTEGRACION: ['grant', 'work', 'umar'],
  DEPORTACION_INFO: ['air', 'land', 'sea'],
  QUEJA: ['consulate', 'embassy', 'hotline'],
};

/** Fields a category adds to the case (domain.md, escalation packet point 6). */
export const CATEGORY_FIELDS: Partial<Record<Category, readonly { key: string; kind: 'text' | 'date' | 'choice'; choices?: readonly string[] }[]>> = {
  DESAPARECIDO: [
    { key: 'lastPlace', kind: 'text' }, { key: 'lastContactOn', kind: 'date' }, { key: 'route', kind: 'text' },
    { key: 'phones', kind: 'text' }, { key: 'reportsFiled', kind: 'text' },
  ],
  FALLECIMIENTO: [
    { key: 'placeOfDeath', kind: 'text' }, { key: 'funeralHome', kind: 'text' }, { key: 'certificates', kind: 'text' },
    { key: 'familyMeans', kind: 'choice', choices: ['yes', 'no', 'unknown'] },
  ],
  DESPLAZ_VIOLENCIA: [{ key: 'threat', kind: 'text' }, { key: 'referral', kind: 'choice', choices: ['SEDH', 'CONADEH', 'none'] }],
};

/**
 * The workflow. Reopening a closed case (closed -> in_progress) is for supervisors only; 'escalated' is
 * reached by escalating to a consulate, never by editing the status.
 */
export const STATUS_TRANSITIONS: Record<CaseStatus, readonly CaseStatus[]> = {
  new: ['in_progress', 'waiting_caller', 'resolved', 'closed'],
  in_progress: ['waiting_caller', 'resolved', 'closed'],
  waiting_caller: ['in_progress', 'resolved', 'closed'],
  escalated: ['in_progress', 'waiting_caller', 'resolved', 'closed'],
  resolved: ['in_progress', 'closed'],
  closed: ['in_progress'],
};

export function canTransition(from: CaseStatus, to: CaseStatus, role: Role): boolean {
  if (!STATUS_TRANSITIONS[from].includes(to)) return false;
  if (from === 'closed') return role === 'supervisor';
  return role === 'agent' || role === 'supervisor';
}

/** Roles that work with people's data. Admins run the system and see cases without it. */
export const ROLES_SEEING_PERSONAL_DATA: readonly Role[] = ['agent', 'supervisor'];

// ---- Field rules --------------------------------------------------------------------------------

export type FieldProblem =
  | 'required' | 'too_long' | 'not_allowed' | 'dni_digits' | 'date_invalid' | 'date_future' | 'date_order'
  | 'phone_country_code' | 'phone_invalid' | 'passport_invalid' | 'a_number_invalid';

export interface FieldIssue { path: string; problem: FieldProblem; message: string }

const MESSAGES: Record<FieldProblem, Record<Language, string>> = {
  required: { es: 'Este dato es obligatorio.', en: 'This field is required.' },
  too_long: { es: 'El texto es demasiado largo.', en: 'The text is too long.' },
  not_allowed: { es: 'Ese valor no está entre las opciones.', en: 'That value is not one of the options.' },
  dni_digits: { es: 'El DNI tiene 13 dígitos, sin letras.', en: 'The DNI has 13 digits, no letters.' },
  date_invalid: { es: 'Fecha no válida: use AAAA-MM-DD con un día que exista.', en: 'Invalid date: use YYYY-MM-DD with a day that exists.' },
  date_future: { es: 'La fecha no puede ser futura.', en: 'The date cannot be in the future.' },
  date_order: { es: 'La fecha no es coherente con las demás.', en: 'The date does not fit with the others.' },
  phone_country_code: { es: 'Incluya el código de país (+504, +1, +52…).', en: 'Include the country code (+504, +1, +52…).' },
  phone_invalid: { es: 'Número de teléfono no válido.', en: 'Invalid phone number.' },
  passport_invalid: { es: 'Pasaporte: de 5 a 20 letras y números.', en: 'Passport: 5 to 20 letters and digits.' },
  a_number_invalid: { es: 'El A-Number tiene 8 o 9 dígitos (A123456789).', en: 'The A-Number has 8 or 9 digits (A123456789).' },
};

export function fieldMessage(problem: FieldProblem, language: Language): string {
  return MESSAGES[problem][language];
}

/** A DNI as people write it ("0801-1990-12345") to its 13 digits, or a problem. */
export function normaliseDni(raw: string): { ok: true; value: string } | { ok: false; problem: FieldProblem } {
  const compact = raw.replace(/[\s-]/g, '');
  return /^\d{13}$/.test(compact) ? { ok: true, value: compact } : { ok: false, problem: 'dni_digits' };
}

export function normalisePassport(raw: string): { ok: true; value: string } | { ok: false; problem: FieldProblem } {
  const compact = raw.replace(/[\s-]/g, '').toUpperCase();
  return /^[A-Z0-9]{5,20}$/.test(compact) ? { ok: true, value: compact } : { ok: false, problem: 'passport_invalid' };
}

/** A US immigration A-Number ("A 123-456-789") to its canonical "A123456789". */
export function normaliseANumber(raw: string): { ok: true; value: string } | { ok: false; problem: FieldProblem } {
  const digits = raw.replace(/[\s-]/g, '').replace(/^A/i, '');
  return /^\d{8,9}$/.test(digits) ? { ok: true, value: `A${digits}` } : { ok: false, problem: 'a_number_invalid' };
}

/** A real calendar date (2025-02-30 is refused), optionally not after `today` (YYYY-MM-DD). */
export function checkDate(raw: string, opts: { notAfter?: string } = {}): { ok: true; value: string } | { ok: false; problem: FieldProblem } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw.trim());
  if (!m) return { ok: false, problem: 'date_invalid' };
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return { ok: false, problem: 'date_invalid' };
  const value = m[0];
  if (opts.notAfter && value > opts.notAfter) return { ok: false, problem: 'date_future' };
  return { ok: true, value };
}

/** Country calling codes whose national numbers have a fixed length; others are checked by E.164's bounds. */
const NATIONAL_LENGTH: Record<string, number> = { '504': 8, '1': 10, '502': 8, '503': 8, '505': 8, '506': 8, '52': 10 };

/**
 * A phone number to E.164. No country is assumed (+504 and +1 are both common), so the number must
 * carry its country code, as "+504 9999-8888" or "00504 9999 8888".
 */
export function normalisePhone(raw: string): { ok: true; value: string } | { ok: false; problem: FieldProblem } {
  const compact = raw.trim().replace(/[\s().-]/g, '');
  const international = compact.startsWith('+') ? compact.slice(1) : compact.startsWith('00') ? compact.slice(2) : null;
  if (international === null) return { ok: false, problem: /^\d+$/.test(compact) ? 'phone_country_code' : 'phone_invalid' };
  if (!/^[1-9]\d{6,14}$/.test(international)) return { ok: false, problem: 'phone_invalid' };
  for (const [code, length] of Object.entries(NATIONAL_LENGTH)) {
    // No two of these codes begin alike, so at most one matches.
    if (international.startsWith(code)) {
      if (international.length - code.length !== length) return { ok: false, problem: 'phone_invalid' };
      break;
    }
  }
  return { ok: true, value: `+${international}` };
}

/** Age bands the observatory publishes. */
export function ageBand(birthDate: string, on: Date): string {
  const b = new Date(`${birthDate}T00:00:00Z`);
  let age = on.getUTCFullYear() - b.getUTCFullYear();
  if (on.getUTCMonth() < b.getUTCMonth() || (on.getUTCMonth() === b.getUTCMonth() && on.getUTCDate() < b.getUTCDate())) age -= 1;
  if (age < 12) return '0-11';
  if (age < 18) return '12-17';
  if (age < 30) return '18-29';
  if (age < 45) return '30-44';
  if (age < 60) return '45-59';
  return '60+';
}
