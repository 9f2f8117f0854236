-- The full IVR: settings supervisors change without a deploy, the office directory (for numbers
-- that belong to a consulate), callbacks that keep their place, and voicemail.

CREATE TABLE hotline_settings (
  key         text PRIMARY KEY,
  value       jsonb NOT NULL,
  version     integer NOT NULL DEFAULT 1,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  uuid REFERENCES users (id)
);

CREATE TABLE settings_audit (
  id         bigserial PRIMARY KEY,
  key        text NOT NULL,
  old_value  jsonb,
  new_value  jsonb NOT NULL,
  actor      uuid REFERENCES users (id),
  at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX settings_audit_key_idx ON settings_audit (key, at DESC);

CREATE TABLE offices (
  id           text PRIMARY KEY,
  name         text NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('consulate', 'consulate-general', 'ccpmh', 'camr', 'umar', 'embassy', 'referral')),
  country      text NOT NULL,
  city         text,
  jurisdiction text[] NOT NULL DEFAULT '{}',
  lat          double precision,
  lon          double precision,
  phone_e164   text,
  address      text,
  time_zone    text,
  confidence   text,
  source       text,
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX offices_phone_idx ON offices (phone_e164) WHERE phone_e164 IS NOT NULL;

ALTER TABLE cases
  ADD COLUMN office_id text REFERENCES offices (id),
  ADD COLUMN office_reason text,
  -- Things a person must look at: a voicemail left through the fallback, a failed callback, ...
  ADD COLUMN flags text[] NOT NULL DEFAULT '{}',
  ADD COLUMN vulnerable boolean NOT NULL DEFAULT false;

-- What the call ended in, besides its status: the caller left a callback number or a voicemail, etc.
ALTER TABLE calls ADD COLUMN office_id text REFERENCES offices (id),
  ADD COLUMN outcome text
  CHECK (outcome IN ('callback', 'voicemail', 'on_call', 'after_hours', 'self_service'));

CREATE TABLE callbacks (
  id            uuid PRIMARY KEY,
  case_id       uuid NOT NULL REFERENCES cases (id),
  call_sid      text NOT NULL UNIQUE REFERENCES calls (call_sid),
  phone_e164    text NOT NULL,
  priority      smallint NOT NULL,
  -- The caller's original place: when they joined the queue, not when they asked for the callback.
  queued_at     timestamptz NOT NULL,
  status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'offered', 'dialing', 'done', 'failed', 'cancelled')),
  attempts      integer NOT NULL DEFAULT 0,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX callbacks_pending_idx ON callbacks (priority, queued_at) WHERE status = 'pending';

CREATE TABLE recordings (
  sid          text PRIMARY KEY,
  call_sid     text NOT NULL REFERENCES calls (call_sid),
  case_id      uuid REFERENCES cases (id),
  kind         text NOT NULL CHECK (kind IN ('voicemail', 'call')),
  url          text NOT NULL,
  duration_s   integer,
  status       text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX recordings_case_idx ON recordings (case_id);

-- The number a caller keys to hear their case: the sequence part of AV-YYYY-NNNNNN, unique across years.
ALTER TABLE cases ADD COLUMN seq bigint;
UPDATE cases SET seq = split_part(number, '-', 3)::bigint;
ALTER TABLE cases ALTER COLUMN seq SET NOT NULL;
CREATE UNIQUE INDEX cases_seq_key ON cases (seq);
