-- Foundation: users and sessions, calls, cases and their timeline.

CREATE TABLE users (
  id            uuid PRIMARY KEY,
  email         text NOT NULL,
  name          text NOT NULL,
  role          text NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin', 'consulate')),
  office_id     text,
  password_hash text NOT NULL,
  disabled      boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK ((role = 'consulate') = (office_id IS NOT NULL))
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

-- The cookie holds a random token; only its SHA-256 is stored, so a database leak opens no session.
CREATE TABLE sessions (
  token_hash  text PRIMARY KEY,
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

CREATE SEQUENCE case_number_seq;

CREATE TABLE cases (
  id            uuid PRIMARY KEY,
  number        text NOT NULL UNIQUE,
  status        text NOT NULL DEFAULT 'new'
                CHECK (status IN ('new', 'in_progress', 'waiting_caller', 'escalated', 'resolved', 'closed')),
  category      text NOT NULL,
  priority      smallint NOT NULL CHECK (priority BETWEEN 1 AND 4),
  priority_reason text,
  language      text NOT NULL CHECK (language IN ('es', 'en')),
  caller_phone  text,                       -- E.164 or NULL when withheld or unrecognised
  menu_path     text[] NOT NULL DEFAULT '{}',
  location      text CHECK (location IN ('US', 'MX', 'ROUTE', 'HN', 'OTHER')),
  channel       text NOT NULL DEFAULT 'phone',
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cases_open_idx ON cases (created_at DESC) WHERE status NOT IN ('resolved', 'closed');
CREATE INDEX cases_caller_phone_idx ON cases (caller_phone) WHERE caller_phone IS NOT NULL;

CREATE TABLE calls (
  call_sid      text PRIMARY KEY,
  account_sid   text,
  direction     text NOT NULL DEFAULT 'inbound',
  from_e164     text,
  from_kind     text NOT NULL CHECK (from_kind IN ('e164', 'withheld', 'unrecognised')),
  to_number     text,
  language      text NOT NULL DEFAULT 'es',
  status        text NOT NULL DEFAULT 'in_ivr'
                CHECK (status IN ('in_ivr', 'queued', 'connected', 'abandoned', 'completed')),
  menu_path     text[] NOT NULL DEFAULT '{}',
  case_id       uuid REFERENCES cases (id),
  twilio_status text,
  -- Status callbacks may arrive twice or out of order: only a higher sequence number moves a call on.
  status_seq    integer NOT NULL DEFAULT -1,
  started_at    timestamptz NOT NULL DEFAULT now(),
  enqueued_at   timestamptz,
  ended_at      timestamptz,
  duration_s    integer,
  queue_wait_s  integer
);
CREATE INDEX calls_case_idx ON calls (case_id);
CREATE INDEX calls_from_idx ON calls (from_e164) WHERE from_e164 IS NOT NULL;
CREATE INDEX calls_started_idx ON calls (started_at);

-- One timeline per case: every call, note, status change and escalation, with who and when.
CREATE TABLE case_events (
  id         bigserial PRIMARY KEY,
  case_id    uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  kind       text NOT NULL,
  actor      text NOT NULL,            -- 'system', 'ivr', or a user id
  data       jsonb NOT NULL DEFAULT '{}',
  at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_events_case_idx ON case_events (case_id, at);
