import type {
  DeliveryChannel, EscalationDetailDto, EscalationDto, EscalationPreviewDto, Language, OfficeDto, OutcomeCode,
} from '../../src/contracts/index.js';
import { request } from './api.js';

const id = (s: string) => encodeURIComponent(s);

/** What GET /api/escalations filters on; the server narrows a consulate user to their own office anyway. */
export interface EscalationQuery {
  caseId?: string;
  open?: boolean;
  breached?: boolean;
  office?: string;
}

// Not in the shared contracts (src/contracts) yet: what the admin and supervisor routes answer.
/** GET /api/offices/:id: the whole office as admins edit it. */
export interface OfficeDetailDto {
  id: string;
  name: string;
  kind: OfficeDto['kind'];
  country: string;
  city: string | null;
  jurisdiction: string[];
  address: string | null;
  phone: string | null;
  contact: string | null;
  hours: string | null;
  timeZone: string | null;
  channels: DeliveryChannel[];
  webhookUrl: string | null;
  emailTo: string[];
  smsTo: string | null;
  department: string | null;
  updatedAt: string;
}
export type OfficeUpdate = Partial<Omit<OfficeDetailDto, 'id' | 'updatedAt'>>;

/** One admin change: per field, the value before and after; showing the webhook secret is noted as `{webhookSecret: 'shown'}`. */
export interface OfficeAuditEntryDto { actorName: string | null; at: string; changes: Record<string, unknown> }

/** GET /api/escalations/dead-letters: deliveries that gave up, for supervisors to send again. */
export interface DeadLetterDto {
  id: string;
  channel: string;
  purpose: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  escalationId: string;
  caseNumber: string;
  officeName: string;
}

/** What the office does (consulate users). */
export type OfficeAction =
  | { type: 'ack' }
  | { type: 'actions'; text: string }
  | { type: 'notes'; text: string }
  | { type: 'info-requests'; text: string }
  | { type: 'close'; outcome: OutcomeCode; note: string | null };
/** What the hotline does (agents and supervisors). */
export type HotlineAction = { type: 'notes'; text: string } | { type: 'info'; text: string };

function query(q: EscalationQuery): string {
  const params = new URLSearchParams();
  if (q.caseId) params.set('caseId', q.caseId);
  if (q.open) params.set('open', 'true');
  if (q.breached) params.set('breached', 'true');
  if (q.office) params.set('office', q.office);
  const s = params.toString();
  return s ? `?${s}` : '';
}

export const escalationApi = {
  offices: () => request<{ offices: OfficeDto[] }>('GET', '/api/offices'),
  /** The packet as it would go to `officeId` (the suggested office when absent), and what is missing. */
  preview: (caseId: string, officeId?: string) =>
    request<EscalationPreviewDto>('GET', `/api/cases/${id(caseId)}/escalation-preview${officeId ? `?officeId=${id(officeId)}` : ''}`),
  escalate: (caseId: string, officeId: string, sendIncomplete: boolean, language: Language) =>
    request<EscalationDto>('POST', `/api/cases/${id(caseId)}/escalations`, { officeId, ...(sendIncomplete ? { sendIncomplete: true } : {}) }, language),
  list: (q: EscalationQuery = {}) => request<{ escalations: EscalationDto[] }>('GET', `/api/escalations${query(q)}`),
  detail: (escalationId: string) => request<EscalationDetailDto>('GET', `/api/escalations/${id(escalationId)}`),
  /** Every action answers with the escalation as stored. */
  act: (escalationId: string, action: OfficeAction | HotlineAction, language: Language) => {
    const { type, ...body } = action;
    return request<EscalationDto>('POST', `/api/escalations/${id(escalationId)}/${type}`, body, language);
  },
  notifyCaller: (escalationId: string) => request<{ ok: true }>('POST', `/api/escalations/${id(escalationId)}/notify-caller`, {}),
  deadLetters: () => request<{ deliveries: DeadLetterDto[] }>('GET', '/api/escalations/dead-letters'),
  retryDelivery: (deliveryId: string) => request<{ ok: true }>('POST', `/api/escalations/deliveries/${id(deliveryId)}/retry`, {}),
  office: (officeId: string) => request<OfficeDetailDto>('GET', `/api/offices/${id(officeId)}`),
  saveOffice: (officeId: string, patch: OfficeUpdate, language: Language) =>
    request<OfficeDetailDto>('PUT', `/api/offices/${id(officeId)}`, patch, language),
  officeAudit: (officeId: string) => request<{ entries: OfficeAuditEntryDto[] }>('GET', `/api/offices/${id(officeId)}/audit`),
  webhookSecret: (officeId: string) => request<{ secret: string }>('GET', `/api/offices/${id(officeId)}/webhook-secret`),
};
