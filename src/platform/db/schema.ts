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
  created_at: GeneratedTimestamp;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: GeneratedTimestamp;
  expires_at: Timestamp;
}

export interface CasesTable {
  id: string;
  number: string;
  status: Generated<string>;
  category: string;
  priority: number;
  priority_reason: string | null;
  language: string;
  caller_phone: string | null;
  menu_path: Generated<string[]>;
  location: string | null;
  channel: Generated<string>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
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
}

export interface CaseEventsTable {
  id: Generated<string>;
  case_id: string;
  kind: string;
  actor: string;
  data: ColumnType<unknown, string, string>;
  at: GeneratedTimestamp;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  cases: CasesTable;
  calls: CallsTable;
  case_events: CaseEventsTable;
}
