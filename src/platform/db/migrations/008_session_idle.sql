-- Sessions also end after a time unused (SESSION_IDLE_MINUTES), not only at their absolute expiry.
ALTER TABLE sessions ADD COLUMN last_seen_at timestamptz NOT NULL DEFAULT now();
