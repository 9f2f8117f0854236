import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  role: string;
  office_id: string | null;
  password_hash: string;
  disabled: Generated<boolean>;
  languages: Generated<string[]>;
  interpreter_languages: Generated<string[]>;
  categories: Generated<string[]>;
  phone_e164: string | null;
  created_at: GeneratedTimestamp;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: GeneratedTimestamp;
  expires_at: Timestamp;
  last_seen_at: GeneratedTimestamp;
}

export interface CasesTable {
  id: string;
  number: string;
  seq: number;
  status: Generated<string>;
  category: string;
  priority: number;
  priority_reason: string | null;
  language: string;
  caller_phone: string | null;
  menu_path: Generated<string[]>;
  location: string | null;
  channel: Generated<string>;
  office_id: string | null;
  office_reason: string | null;
  flags: Generated<string[]>;
  vulnerable: Generated<boolean>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  subcategory: string | null;
  relationship: string | null;
  consent_consulate: Generated<boolean>;
  consent_host: Generated<boolean>;
  consent_at: Date | null;
  consent_by: string | null;
  situation: Generated<Record<string, string | null>>;
  category_fields: Generated<Record<string, string | null>>;
  narrative: string | null;
  request: string | null;
  request_types: Generated<string[]>;
  non_data: string | null;
  merged_into: string | null;
  version: Generated<number>;
  closed_at: Date | null;
  anonymised_at: Date | null;
  stats_snapshot: Record<string, string | null> | null;
}

export interface PeopleTable {
  id: string;
  full_name: string | null;
  aliases: Generated<string[]>;
  sex: string | null;
  birth_date: string | null;
  dni: string | null;
  passport: string | null;
  other_documents: Generated<string[]>;
  phone_e164: string | null;
  language: string | null;
  interpreter_needed: Generated<boolean>;
  origin_municipality: string | null;
  origin_department: string | null;
  vulnerabilities: Generated<string[]>;
  search_name: Generated<string>;
  search_documents: Generated<string[]>;
  merged_into: string | null;
  anonymised_at: Date | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface CasePeopleTable {
  case_id: string;
  role: 'requester' | 'affected';
  person_id: string;
}

export interface CaseAuditTable {
  id: Generated<string>;
  case_id: string;
  actor: string | null;
  action: string;
  fields: Generated<string[]>;
  at: GeneratedTimestamp;
}

export interface CallsTable {
  call_sid: string;
  account_sid: string | null;
  direction: Generated<string>;
  from_e164: string | null;
  from_kind: string;
  to_number: string | null;
  language: Generated<string>;
  status: Generated<string>;
  menu_path: Generated<string[]>;
  case_id: string | null;
  twilio_status: string | null;
  status_seq: Generated<number>;
  started_at: GeneratedTimestamp;
  enqueued_at: Timestamp | null;
  ended_at: Timestamp | null;
  duration_s: number | null;
  queue_wait_s: number | null;
  outcome: string | null;
  office_id: string | null;
  agent_id: string | null;
  answered_at: Timestamp | null;
}

export interface CaseEventsTable {
  id: Generated<string>;
  case_id: string;
  kind: string;
  actor: string;
  data: ColumnType<unknown, string, string>;
  at: GeneratedTimestamp;
}

type Json = ColumnType<unknown, string, string>;

export interface HotlineSettingsTable {
  key: string;
  value: Json;
  version: Generated<number>;
  updated_at: GeneratedTimestamp;
  updated_by: string | null;
}

export interface SettingsAuditTable {
  id: Generated<string>;
  key: string;
  old_value: ColumnType<unknown, string | null, string | null>;
  new_value: Json;
  actor: string | null;
  at: GeneratedTimestamp;
}

export interface OfficesTable {
  id: string;
  name: string;
  kind: string;
  country: string;
  city: string | null;
  jurisdiction: Generated<string[]>;
  lat: number | null;
  lon: number | null;
  phone_e164: string | null;
  address: string | null;
  time_zone: string | null;
  confidence: string | null;
  source: string | null;
  updated_at: GeneratedTimestamp;
  contact: string | null;
  hours: string | null;
  channels: Generated<string[]>;
  webhook_url: string | null;
  email_to: Generated<string[]>;
  sms_to: string | null;
  department: string | null;
}

export interface OfficesAuditTable {
  id: Generated<string>;
  office_id: string;
  actor: string | null;
  changes: unknown;
  at: GeneratedTimestamp;
}

export interface EscalationsTable {
  id: string;
  case_id: string;
  office_id: string;
  status: Generated<string>;
  priority: number;
  packet: unknown;
  office_reason: string;
  created_by: string;
  created_at: GeneratedTimestamp;
  ack_due_at: Date;
  action_due_at: Date | null;
  acknowledged_at: Date | null;
  first_action_at: Date | null;
  closed_at: Date | null;
  outcome: string | null;
  outcome_note: string | null;
  ack_reminded: Generated<boolean>;
  action_reminded: Generated<boolean>;
  ack_breached: Generated<boolean>;
  action_breached: Generated<boolean>;
  version: Generated<number>;
}

export interface EscalationEventsTable {
  id: Generated<string>;
  escalation_id: string;
  kind: string;
  actor: string | null;
  data: unknown;
  at: GeneratedTimestamp;
}

export interface EscalationDeliveriesTable {
  id: string;
  escalation_id: string;
  channel: string;
  purpose: string;
  status: Generated<string>;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: GeneratedTimestamp;
  delivered_at: Date | null;
}

export interface CallbacksTable {
  id: string;
  case_id: string;
  call_sid: string;
  phone_e164: string | null;
  priority: number;
  queued_at: Timestamp;
  status: Generated<string>;
  attempts: Generated<number>;
  created_at: GeneratedTimestamp;
}

export interface RecordingsTable {
  sid: string;
  call_sid: string;
  case_id: string | null;
  kind: string;
  url: string;
  duration_s: number | null;
  status: string;
  created_at: GeneratedTimestamp;
}

export interface BlockedNumbersTable {
  phone_e164: string;
  until: Date;
  reason: string;
  blocked_by: string | null;
  created_at: GeneratedTimestamp;
}

export interface Database {
  blocked_numbers: BlockedNumbersTable;
  hotline_settings: HotlineSettingsTable;
  settings_audit: SettingsAuditTable;
  offices: OfficesTable;
  callbacks: CallbacksTable;
  recordings: RecordingsTable;
  users: UsersTable;
  sessions: SessionsTable;
  cases: CasesTable;
  calls: CallsTable;
  case_events: CaseEventsTable;
  people: PeopleTable;
  case_people: CasePeopleTable;
  case_audit: CaseAuditTable;
  offices_audit: OfficesAuditTable;
  escalations: EscalationsTable;
  escalation_events: EscalationEventsTable;
  escalation_deliveries: EscalationDeliveriesTable;
}
