import type { AgentState, CallStatus, CaseStatus, Category, Language, LocationAnswer, Priority, Role } from './domain.js';

export interface ApiError { error: { code: string; message: string } }

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
}

export interface CaseListDto { cases: CaseSummaryDto[] }

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
  actor: string;
  at: string;
  data: Record<string, unknown>;
}

export interface CaseDetailDto {
  case: CaseSummaryDto;
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
