import type { FacilityType, HnDepartment, NonDataReason, PersonLanguage, Relationship, RequestType, Sex, Vulnerability, FieldIssue } from './case-fields.js';
import type { AgentState, CallStatus, CaseStatus, Category, Language, LocationAnswer, Priority, Role } from './domain.js';

export interface ApiError { error: { code: string; message: string; fields?: FieldIssue[] } }

export interface UserDto {
  id: string;
  email: string;
  name: string;
  role: Role;
  officeId: string | null;
}

export interface LoginRequest { email: string; password: string }
export interface LoginResponse { user: UserDto }

/** A caller in our waiting set, as agents see it. The number is masked to its last 4 digits. */
export interface WaitingCallDto {
  callSid: string;
  caseId: string;
  caseNumber: string;
  callerMasked: string;
  language: Language;
  menuPath: string[];
  category: Category;
  priority: Priority;
  /** ISO time the caller joined the queue; the console runs the clock from it. */
  enqueuedAt: string;
  position: number;
  /** 'callback': the caller hung up and keeps this place for a call back. */
  kind: 'call' | 'callback';
}

/** The first callers in order (at most a few hundred) and the exact number waiting. */
export interface QueueDto { waiting: WaitingCallDto[]; total: number }

export interface CaseSummaryDto {
  id: string;
  number: string;
  status: CaseStatus;
  category: Category;
  priority: Priority;
  language: Language;
  callerMasked: string;
  menuPath: string[];
  location: LocationAnswer | null;
  /** The office the case is for, when known (a call to a consulate's own number pre-selects it). */
  officeId: string | null;
  /** What needs a person's eye: 'voicemail', 'callback', 'fallback', 'on_call_unanswered'. */
  flags: string[];
  vulnerable: boolean;
  createdAt: string;
  updatedAt: string;
  lastCallStatus: CallStatus | null;
  /** The affected person's name, else the requester's; null when unknown or hidden from this role. */
  displayName: string | null;
  nonData: NonDataReason | null;
  mergedInto: string | null;
}

export interface CaseListDto { cases: CaseSummaryDto[] }

/** Search results, newest first; pass `nextCursor` back as `cursor` for the next page. */
export interface CaseSearchDto { cases: CaseSummaryDto[]; nextCursor: string | null }

export interface PersonDto {
  id: string;
  fullName: string | null;
  aliases: string[];
  sex: Sex | null;
  /** YYYY-MM-DD */
  birthDate: string | null;
  /** 13 digits */
  dni: string | null;
  passport: string | null;
  otherDocuments: string[];
  /** E.164 */
  phone: string | null;
  language: PersonLanguage | null;
  interpreterNeeded: boolean;
  originMunicipality: string | null;
  originDepartment: HnDepartment | null;
  vulnerabilities: Vulnerability[];
  mergedInto: string | null;
}

/** What an agent may send for a person; every field optional, null clears it. */
export type PersonInput = Partial<Omit<PersonDto, 'id' | 'mergedInto'>>;

export interface SituationDto {
  /** ISO 3166-1 alpha-2 */
  country?: string | null;
  state?: string | null;
  city?: string | null;
  facilityName?: string | null;
  facilityType?: FacilityType | null;
  aNumber?: string | null;
  bookingNumber?: string | null;
  detainedOn?: string | null;
  lastContactOn?: string | null;
  nextCourtOn?: string | null;
  removalOn?: string | null;
  attorney?: string | null;
}

export interface ConsentDto {
  consulate: boolean;
  hostAuthorities: boolean;
  recordedAt: string | null;
  recordedBy: string | null;
  recordedByName: string | null;
}

/**
 * The whole case. For roles that do not work with people's data (admin) the personal parts are null
 * and `redacted` is true.
 */
export interface CaseDto extends CaseSummaryDto {
  subcategory: string | null;
  priorityReason: string | null;
  officeReason: string | null;
  requester: PersonDto | null;
  relationship: Relationship | null;
  affected: PersonDto | null;
  consent: ConsentDto;
  situation: SituationDto;
  categoryFields: Record<string, string | null>;
  narrative: string | null;
  request: string | null;
  requestTypes: RequestType[];
  version: number;
  closedAt: string | null;
  anonymisedAt: string | null;
  redacted: boolean;
}

/** PATCH /api/cases/:id. `version` is the one the agent edited; a newer one answers 409. */
export interface CaseUpdateRequest {
  version: number;
  status?: CaseStatus;
  /** With a status change: text the caller by SMS with the template for status changes. */
  notifyCaller?: boolean;
  category?: Category;
  subcategory?: string | null;
  priority?: Priority;
  priorityReason?: string | null;
  officeId?: string | null;
  requester?: PersonInput | null;
  /** 'self': the requester is the affected person. */
  relationship?: Relationship | null;
  affected?: PersonInput | null;
  consent?: { consulate: boolean; hostAuthorities: boolean };
  situation?: SituationDto;
  categoryFields?: Record<string, string | null>;
  narrative?: string | null;
  request?: string | null;
  requestTypes?: RequestType[];
}

export interface CaseAuditEntryDto { actorId: string | null; actorName: string | null; action: string; fields: string[]; at: string }

export interface RecordingDto {
  sid: string;
  kind: 'voicemail' | 'call';
  durationS: number | null;
  createdAt: string;
  /** Served by our API (the recording stays behind Twilio's authentication). */
  audioUrl: string;
}

export interface CaseEventDto {
  kind: string;
  /** 'ivr', 'system', or a user id. */
  actor: string;
  actorName: string | null;
  at: string;
  data: Record<string, unknown>;
}

export interface CaseDetailDto {
  case: CaseDto;
  recordings: RecordingDto[];
  timeline: CaseEventDto[];
}

export interface AgentPresenceDto {
  agentId: string;
  name: string;
  state: AgentState;
  /** Why on break, or why the server set the agent offline ('heartbeat_missed', 'forced_by_supervisor'). */
  reason: string | null;
  /** ISO time the agent entered this state. */
  since: string;
  languages: string[];
}

export interface AgentListDto { agents: AgentPresenceDto[] }

/** GET /api/offices: consulates and returnee units, for choosing where a case goes. */
export interface OfficeDto {
  id: string;
  name: string;
  kind: 'consulate' | 'consulate-general' | 'ccpmh' | 'camr' | 'umar' | 'embassy' | 'referral';
  /** ISO 3166-1 alpha-2 */
  country: string;
  city: string | null;
}

/**
 * A number supervisors blocked (GET /api/blocked-numbers, supervisors only, so the number is shown
 * whole). Only blocks still running are listed, the one ending soonest first.
 */
export interface BlockedNumberDto {
  /** E.164 */
  phone: string;
  /** ISO time the block ends; every block has an end (at most 90 days after it was set). */
  until: string;
  reason: string;
  /** The name of the supervisor who blocked it; null when that user no longer exists. */
  blockedBy: string | null;
}

export interface BlockedNumberListDto { blocked: BlockedNumberDto[] }

/**
 * POST /api/blocked-numbers; answered 201 with the BlockedNumberDto. Blocking a number already blocked
 * replaces its end and reason. A refusal (422) names each field (`phone`, `minutes`, `reason`) in the
 * language of the request's Accept-Language.
 */
export interface BlockNumberRequest {
  /** With its country code ("+504 9999-8888" is accepted and stored as +50499998888). */
  phone: string;
  /** 5 minutes to 90 days (129600). */
  minutes: number;
  /** 3 to 300 characters. */
  reason: string;
}
