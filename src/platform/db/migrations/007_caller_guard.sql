-- Floods and abuse: numbers supervisors block for a time, and calls turned away.
CREATE TABLE blocked_numbers (
  phone_e164  text PRIMARY KEY CHECK (phone_e164 ~ '^\+[1-9]\d{6,14}$'),
  until       timestamptz NOT NULL,
  reason      text NOT NULL,
  blocked_by  uuid REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE calls DROP CONSTRAINT calls_outcome_check;
ALTER TABLE calls ADD CONSTRAINT calls_outcome_check
  CHECK (outcome IN ('callback', 'voicemail', 'on_call', 'after_hours', 'self_service', 'rate_limited', 'blocked'));
