-- The reconciler reads the calls that should be in the waiting set at every repair run: only those.
CREATE INDEX calls_waiting_idx ON calls (enqueued_at) WHERE status = 'queued' AND outcome IS NULL;
