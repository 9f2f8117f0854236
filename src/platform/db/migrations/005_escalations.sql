-- Escalations: a case sent to a consulate or a referral office, delivered on the office's channels,
-- followed through acknowledgement, actions and closure against deadlines.

ALTER TABLE offices
  ADD COLUMN contact        text,
  ADD COLUMN hours          text,
  -- Any combination of 'inbox', 'webhook', 'email', 'sms'. The console inbox is always on.
  ADD COLUMN channels       text[] NOT NULL DEFAULT '{inbox}',
  ADD COLUMN webhook_url    text,
  ADD COLUMN email_to       text[] NOT NULL DEFAULT '{}',
  ADD COLUMN sms_to         text CHECK (sms_to ~ '^\+[1-9]\d{6,14}$'),
  ADD COLUMN department     text;

CREATE TABLE offices_audit (
  id         bigserial PRIMARY KEY,
  office_id  text NOT NULL REFERENCES offices (id),
  actor      uuid REFERENCES users (id),
  changes    jsonb NOT NULL,
  at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX offices_audit_office_idx ON offices_audit (office_id, at DESC);

CREATE TABLE escalations (
  id               uuid PRIMARY KEY,
  case_id          uuid NOT NULL REFERENCES cases (id),
  office_id        text NOT NULL REFERENCES offices (id),
  status           text NOT NULL DEFAULT 'sent'
                   CHECK (status IN ('sent', 'acknowledged', 'in_progress', 'info_requested', 'closed')),
  priority         smallint NOT NULL CHECK (priority BETWEEN 1 AND 4),
  -- The packet as it was sent: what the office received, kept unchanged for the record.
  packet           jsonb NOT NULL,
  office_reason    text NOT NULL CHECK (office_reason IN ('jurisdiction', 'nearest', 'department', 'agent')),
  created_by       uuid NOT NULL REFERENCES users (id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  ack_due_at       timestamptz NOT NULL,
  action_due_at    timestamptz,
  acknowledged_at  timestamptz,
  first_action_at  timestamptz,
  closed_at        timestamptz,
  outcome          text,
  outcome_note     text,
  ack_reminded     boolean NOT NULL DEFAULT false,
  action_reminded  boolean NOT NULL DEFAULT false,
  ack_breached     boolean NOT NULL DEFAULT false,
  action_breached  boolean NOT NULL DEFAULT false,
  version          integer NOT NULL DEFAULT 0
);
CREATE INDEX escalations_office_idx ON escalations (office_id, created_at DESC);
CREATE INDEX escalations_case_idx ON escalations (case_id);
CREATE INDEX escalations_open_idx ON escalations (ack_due_at) WHERE status <> 'closed';
-- One open escalation per case and office: a second click sends nothing twice.
CREATE UNIQUE INDEX escalations_one_open_per_office ON escalations (case_id, office_id) WHERE status <> 'closed';

CREATE TABLE escalation_events (
  id             bigserial PRIMARY KEY,
  escalation_id  uuid NOT NULL REFERENCES escalations (id) ON DELETE CASCADE,
  kind           text NOT NULL,
  actor          uuid REFERENCES users (id),
  data           jsonb NOT NULL DEFAULT '{}',
  at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX escalation_events_idx ON escalation_events (escalation_id, id);

CREATE TABLE escalation_deliveries (
  id             uuid PRIMARY KEY,
  escalation_id  uuid NOT NULL REFERENCES escalations (id) ON DELETE CASCADE,
  channel        text NOT NULL CHECK (channel IN ('webhook', 'email', 'sms')),
  -- What a delivery is about: the packet, a reminder, a closure note.
  purpose        text NOT NULL,
  status         text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
  attempts       integer NOT NULL DEFAULT 0,
  last_error     text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  delivered_at   timestamptz
);
CREATE INDEX escalation_deliveries_dead_idx ON escalation_deliveries (created_at DESC) WHERE status = 'dead';
CREATE INDEX escalation_deliveries_esc_idx ON escalation_deliveries (escalation_id);
