import type { CaseSummaryDto } from '../../contracts/rest.js';
import type { CallStatus, CaseStatus, Category, Language, LocationAnswer, Priority } from '../../contracts/domain.js';
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
  created_at: Date;
  updated_at: Date;
  last_call_status?: string | null;
}

/** The only way a case leaves the server: the phone number is masked here, once. */
export function toCaseSummary(row: CaseRow): CaseSummaryDto {
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
  };
}
