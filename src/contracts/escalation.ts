// Escalations to consulates and referral offices, shared by the server and the console.
import type { Category, Priority } from './domain.js';

export const ESCALATION_STATUSES = ['sent', 'acknowledged', 'in_progress', 'info_requested', 'closed'] as const;
export type EscalationStatus = (typeof ESCALATION_STATUSES)[number];

export const OUTCOME_CODES = [
  'visit_done', 'legal_referral', 'repatriated', 'located', 'documents_issued', 'aid_given', 'not_competent', 'no_contact', 'declined_by_person', 'other',
] as const;
export type OutcomeCode = (typeof OUTCOME_CODES)[number];

export const DELIVERY_CHANNELS = ['inbox', 'webhook', 'email', 'sms'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

/** Why the office was chosen: the jurisdiction listing the state, the nearest office, the department in Honduras, or the agent. */
export type OfficeReason = 'jurisdiction' | 'nearest' | 'department' | 'agent';

/** The packet of domain.md, sections 1 to 9, as the office receives it. Parts withheld for lack of consent are null. */
export interface EscalationPacket {
  header: {
    caseNumber: string;
    category: Category;
    subcategory: string | null;
    priority: Priority;
    priorityReason: string | null;
    createdAtUtc: string;
    createdAtHonduras: string;
    channel: string;
    agentName: string;
    office: { id: string; name: string };
    officeReason: OfficeReason;
  };
  requester: {
    fullName: string | null; relationship: string | null; dni: string | null; passport: string | null;
    phone: string | null; language: string | null;
  } | null;
  consent: { consulate: boolean; hostAuthorities: boolean; recordedAt: string | null };
  affected: {
    fullName: string | null; aliases: string[]; sex: string | null; birthDate: string | null; dni: string | null; passport: string | null;
    otherDocuments: string[]; originMunicipality: string | null; originDepartment: string | null; vulnerabilities: string[];
    language: string | null; interpreterNeeded: boolean;
  } | null;
  location: {
    country: string | null; state: string | null; city: string | null; facilityType: string | null;
    facilityName: string | null; aNumber: string | null; bookingNumber: string | null; detainedOn: string | null;
    lastContactOn: string | null; nextCourtOn: string | null; removalOn: string | null; attorney: string | null;
  };
  narrative: { narrative: string | null; request: string | null; requestTypes: string[] };
  categoryFields: Record<string, string | null>;
  actionsSoFar: { at: string; what: string }[];
  deadlines: { acknowledgeBy: string; firstActionBy: string | null };
  /** Section 9: what was left out, and why. */
  withheld: string[];
}

export interface EscalationEventDto { kind: string; actorName: string | null; at: string; data: Record<string, unknown> }

export interface DeliveryDto { id: string; channel: Exclude<DeliveryChannel, 'inbox'>; purpose: string; status: 'pending' | 'delivered' | 'dead'; attempts: number; lastError: string | null }

export interface EscalationDto {
  id: string;
  caseId: string;
  caseNumber: string;
  officeId: string;
  officeName: string;
  status: EscalationStatus;
  priority: Priority;
  category: Category;
  createdAt: string;
  ackDueAt: string;
  actionDueAt: string | null;
  acknowledgedAt: string | null;
  firstActionAt: string | null;
  closedAt: string | null;
  outcome: OutcomeCode | null;
  outcomeNote: string | null;
  /** Deadlines missed: 'ack' and/or 'action'. */
  breaches: ('ack' | 'action')[];
  version: number;
}

export interface EscalationDetailDto {
  escalation: EscalationDto;
  packet: EscalationPacket;
  events: EscalationEventDto[];
  deliveries: DeliveryDto[];
}

/** GET /api/cases/:id/escalation-preview: the packet as it would go, and what is missing. */
export interface EscalationPreviewDto {
  suggestion: { officeId: string; officeName: string; reason: OfficeReason; explanation: string } | null;
  officeId: string | null;
  packet: EscalationPacket | null;
  /** Fields the category needs that the case lacks, as field paths. */
  missing: string[];
}

export interface EscalationRequest {
  officeId: string;
  /** Send although fields are missing (an emergency cannot wait for them). */
  sendIncomplete?: boolean;
}
