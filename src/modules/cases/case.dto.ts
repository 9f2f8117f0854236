import type { CaseDto, CaseSummaryDto, PersonDto, SituationDto } from '../../contracts/rest.js';
import type { CallStatus, CaseStatus, Category, Language, LocationAnswer, Priority, Role } from '../../contracts/domain.js';
import { ROLES_SEEING_PERSONAL_DATA, type HnDepartment, type NonDataReason, type PersonLanguage, type Relationship, type RequestType, type Sex, type Vulnerability } from '../../contracts/case-fields.js';
import { maskPhone } from '../../shared/phone.js';

export interface CaseRow {
  id: string;
  number: string;
  status: string;
  category: string;
  priority: number;
  language: string;
  caller_phone: string | null;
  menu_path: string[];
  location: string | null;
  office_id: string | null;
  flags: string[];
  vulnerable: boolean;
  non_data: string | null;
  merged_into: string | null;
  created_at: Date;
  updated_at: Date;
  last_call_status?: string | null;
  display_name?: string | null;
}

export interface CaseFullRow extends CaseRow {
  caller_phone: string | null;
  subcategory: string | null;
  priority_reason: string | null;
  office_reason: string | null;
  relationship: string | null;
  consent_consulate: boolean;
  consent_host: boolean;
  consent_at: Date | null;
  consent_by: string | null;
  consent_by_name?: string | null;
  situation: Record<string, string | null>;
  category_fields: Record<string, string | null>;
  narrative: string | null;
  request: string | null;
  request_types: string[];
  version: number;
  closed_at: Date | null;
  anonymised_at: Date | null;
}

export interface PersonRow {
  id: string;
  full_name: string | null;
  aliases: string[];
  sex: string | null;
  birth_date: string | null;
  dni: string | null;
  passport: string | null;
  other_documents: string[];
  phone_e164: string | null;
  language: string | null;
  interpreter_needed: boolean;
  origin_municipality: string | null;
  origin_department: string | null;
  vulnerabilities: string[];
  merged_into: string | null;
}

/** Who is looking decides what leaves the server. */
export interface Viewer { id: string; role: Role }
export const seesPersonalData = (role: Role): boolean => ROLES_SEEING_PERSONAL_DATA.includes(role);

/** Parts of the situation that identify a person; the rest (country, facility type...) is not personal. */
export const PERSONAL_SITUATION_KEYS = ['aNumber', 'bookingNumber', 'attorney', 'facilityName'] as const;

/** The only way a case leaves the server: the phone number is masked here, once; names only for roles that need them. */
export function toCaseSummary(row: CaseRow, personal = false): CaseSummaryDto {
  return {
    id: row.id,
    number: row.number,
    status: row.status as CaseStatus,
    category: row.category as Category,
    priority: row.priority as Priority,
    language: row.language as Language,
    callerMasked: maskPhone(row.caller_phone),
    menuPath: row.menu_path,
    location: row.location as LocationAnswer | null,
    officeId: row.office_id,
    flags: row.flags,
    vulnerable: row.vulnerable,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    lastCallStatus: (row.last_call_status ?? null) as CallStatus | null,
    displayName: personal ? (row.display_name ?? null) : null,
    nonData: row.non_data as NonDataReason | null,
    mergedInto: row.merged_into,
  };
}

export function toPersonDto(p: PersonRow): PersonDto {
  return {
    id: p.id,
    fullName: p.full_name,
    aliases: p.aliases,
    sex: p.sex as Sex | null,
    birthDate: p.birth_date,
    dni: p.dni,
    passport: p.passport,
    otherDocuments: p.other_documents,
    phone: p.phone_e164,
    language: p.language as PersonLanguage | null,
    interpreterNeeded: p.interpreter_needed,
    originMunicipality: p.origin_municipality,
    originDepartment: p.origin_department as HnDepartment | null,
    vulnerabilities: p.vulnerabilities as Vulnerability[],
    mergedInto: p.merged_into,
  };
}

export function toCaseDto(row: CaseFullRow, people: { requester: PersonRow | null; affected: PersonRow | null }, personal: boolean): CaseDto {
  const situation: SituationDto = { ...row.situation };
  if (!personal) for (const key of PERSONAL_SITUATION_KEYS) delete situation[key];
  return {
    ...toCaseSummary(row, personal),
    subcategory: row.subcategory,
    priorityReason: row.priority_reason,
    officeReason: row.office_reason,
    requester: personal && people.requester ? toPersonDto(people.requester) : null,
    relationship: row.relationship as Relationship | null,
    affected: personal && people.affected ? toPersonDto(people.affected) : null,
    consent: {
      consulate: row.consent_consulate,
      hostAuthorities: row.consent_host,
      recordedAt: row.consent_at?.toISOString() ?? null,
      recordedBy: row.consent_by,
      recordedByName: row.consent_by_name ?? null,
    },
    situation,
    categoryFields: personal ? row.category_fields : {},
    narrative: personal ? row.narrative : null,
    request: personal ? row.request : null,
    requestTypes: row.request_types as RequestType[],
    version: row.version,
    closedAt: row.closed_at?.toISOString() ?? null,
    anonymisedAt: row.anonymised_at?.toISOString() ?? null,
    redacted: !personal,
  };
}
