import type {
  CaseAuditEntryDto, CaseDto, CaseSearchDto, CaseStatus, CaseUpdateRequest, Category, Language, NonDataReason, PersonDto,
} from '../../src/contracts/index.js';
import { request } from './api.js';

const id = (s: string) => encodeURIComponent(s);

/** What the search page sends to GET /api/cases; empty values are left out. */
export interface CaseQuery {
  q?: string;
  number?: string;
  category?: Category | '';
  status?: CaseStatus[];
  office?: string;
  from?: string;
  to?: string;
  nonData?: boolean;
  cursor?: string;
  limit?: number;
}

export function caseQueryString(query: CaseQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '' || value === false) continue;
    if (Array.isArray(value)) {
      if (value.length) params.set(key, value.join(','));
    } else params.set(key, String(value));
  }
  return params.toString();
}

export const caseApi = {
  search: (query: CaseQuery) => request<CaseSearchDto>('GET', `/api/cases?${caseQueryString(query)}`),
  /** Only the changed fields and the version edited; the answer is the case as stored. */
  update: (caseId: string, body: CaseUpdateRequest, language: Language) =>
    request<CaseDto>('PATCH', `/api/cases/${id(caseId)}`, body, language),
  addNote: (caseId: string, text: string) => request<{ ok: true }>('POST', `/api/cases/${id(caseId)}/notes`, { text }),
  markNonData: (caseId: string, reason: NonDataReason) => request<{ ok: true }>('POST', `/api/cases/${id(caseId)}/non-data`, { reason }),
  /** `caseId` goes INTO `intoCaseId` and is closed; the answer is the surviving case. */
  merge: (caseId: string, intoCaseId: string) => request<CaseDto>('POST', `/api/cases/${id(caseId)}/merge`, { intoCaseId }),
  linkCall: (callSid: string, caseId: string) => request<CaseDto>('POST', `/api/calls/${id(callSid)}/link`, { caseId }),
  audit: (caseId: string) => request<{ entries: CaseAuditEntryDto[] }>('GET', `/api/cases/${id(caseId)}/audit`),
  exportUrl: (caseId: string) => `/api/cases/${id(caseId)}/export`,
  people: (query: { name?: string; document?: string; phone?: string }) =>
    request<{ people: PersonDto[] }>('GET', `/api/people?${new URLSearchParams(query as Record<string, string>).toString()}`),
  mergePerson: (personId: string, intoPersonId: string) =>
    request<{ person: PersonDto }>('POST', `/api/people/${id(personId)}/merge`, { intoPersonId }),
};
