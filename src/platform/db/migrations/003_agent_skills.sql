-- Agents' skills for routing: the languages they take calls in, interpreter languages (Miskito,
-- Garífuna...), optional case categories, and a phone number for agents without the softphone.
ALTER TABLE users
  ADD COLUMN languages text[] NOT NULL DEFAULT '{es}',
  ADD COLUMN interpreter_languages text[] NOT NULL DEFAULT '{}',
  ADD COLUMN categories text[] NOT NULL DEFAULT '{}',
  ADD COLUMN phone_e164 text;

-- Who answered a call, and when.
ALTER TABLE calls
  ADD COLUMN agent_id uuid REFERENCES users (id),
  ADD COLUMN answered_at timestamptz;
