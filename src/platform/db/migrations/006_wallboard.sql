-- The wallboard reads who is waiting now every second: only the queued calls, by index.
CREATE INDEX calls_queued_idx ON calls (language, enqueued_at) WHERE status = 'queued';
CREATE INDEX callbacks_pending_count_idx ON callbacks (status) WHERE status = 'pending';
