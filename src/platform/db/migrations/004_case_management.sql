-- Case management: the people a case is about, the case's own fields, the access audit, and what
-- search needs to stay fast with millions of cases.

-- Trusted extension (PostgreSQL 13+): the database owner may create it. Partial, accent-free name search.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE people (
  id                  uuid PRIMARY KEY,
  full_name           text,
  aliases             text[] NOT NULL DEFAULT '{}',
  sex                 text CHECK (sex IN ('F', 'M', 'X')),
  birth_date          date,
  dni                 text CHECK (dni ~ '^\d{13}$'),
  passport            text,
  other_documents     text[] NOT NULL DEFAULT '{}',
  phone_e164          text CHECK (phone_e164 ~ '^\+[1-9]\d{6,14}$'),
  language            text,
  interpreter_needed  boolean NOT NULL DEFAULT false,
  origin_municipality text,
  origin_department   text,
  vulnerabilities     text[] NOT NULL DEFAULT '{}',
  -- Written by the application from the name and aliases: lower case, no accents.
  search_name         text NOT NULL DEFAULT '',
  -- Every document number, normalised (digits, upper-case letters), for exact search.
  search_documents    text[] NOT NULL DEFAULT '{}',
  merged_into         uuid REFERENCES people (id),
  anonymised_at       timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX people_search_name_trgm ON people USING gin (search_name gin_trgm_ops);
CREATE INDEX people_documents_idx ON people USING gin (search_documents);
CREATE INDEX people_phone_idx ON people (phone_e164) WHERE phone_e164 IS NOT NULL;
-- A number typed without its country code is matched by its last digits.
CREATE INDEX people_phone_suffix_idx ON people (reverse(phone_e164) text_pattern_ops) WHERE phone_e164 IS NOT NULL;
-- The planner estimates LIKE '%name%' from this column's histogram. With the default 100 entries it
-- cannot tell a name 0.1% of people share from one 1% share, and for the former it walks every case
-- newest first probing each one's people (2 s at a million cases) instead of using the trigram index.
ALTER TABLE people ALTER COLUMN search_name SET STATISTICS 10000;
-- The planner ignores the statistics of partial expression indexes: without these, every phone ending
-- is estimated at 0.5% of the rows, and the search reads the whole cases table to join them.
CREATE STATISTICS people_phone_suffix_stats ON (reverse(phone_e164)) FROM people;

-- Who a case is about: the requester (who calls) and the affected person; the same person may be both.
CREATE TABLE case_people (
  case_id    uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  role       text NOT NULL CHECK (role IN ('requester', 'affected')),
  person_id  uuid NOT NULL REFERENCES people (id),
  PRIMARY KEY (case_id, role)
);
CREATE INDEX case_people_person_idx ON case_people (person_id);

ALTER TABLE cases
  ADD COLUMN subcategory           text,
  ADD COLUMN relationship          text,
  ADD COLUMN consent_consulate     boolean NOT NULL DEFAULT false,
  ADD COLUMN consent_host          boolean NOT NULL DEFAULT false,
  ADD COLUMN consent_at            timestamptz,
  ADD COLUMN consent_by            uuid REFERENCES users (id),
  ADD COLUMN situation             jsonb NOT NULL DEFAULT '{}',
  ADD COLUMN category_fields       jsonb NOT NULL DEFAULT '{}',
  ADD COLUMN narrative             text,
  ADD COLUMN request               text,
  ADD COLUMN request_types         text[] NOT NULL DEFAULT '{}',
  -- Silent, hang-up, abusive, test or wrong number: recorded, but not a case and not a statistic.
  ADD COLUMN non_data              text CHECK (non_data IN ('silent', 'ivr_hangup', 'abusive', 'test', 'wrong_number')),
  ADD COLUMN merged_into           uuid REFERENCES cases (id),
  -- Optimistic locking: two agents editing the same case never overwrite each other silently.
  ADD COLUMN version               integer NOT NULL DEFAULT 0,
  ADD COLUMN closed_at             timestamptz,
  ADD COLUMN anonymised_at         timestamptz,
  -- What statistics need, frozen when personal data is erased: sex, age band, department, country.
  ADD COLUMN stats_snapshot        jsonb;

CREATE INDEX cases_created_idx ON cases (created_at DESC, id DESC);
CREATE INDEX cases_status_idx ON cases (status, created_at DESC);
CREATE INDEX cases_category_idx ON cases (category, created_at DESC);
CREATE INDEX cases_office_idx ON cases (office_id, created_at DESC) WHERE office_id IS NOT NULL;
CREATE INDEX cases_phone_suffix_idx ON cases (reverse(caller_phone) text_pattern_ops) WHERE caller_phone IS NOT NULL;
CREATE STATISTICS cases_phone_suffix_stats ON (reverse(caller_phone)) FROM cases;
CREATE INDEX cases_retention_idx ON cases (closed_at) WHERE anonymised_at IS NULL AND closed_at IS NOT NULL;

-- Every view and change of a case by anyone: who, when, what. Read by supervisors.
CREATE TABLE case_audit (
  id       bigserial PRIMARY KEY,
  case_id  uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  actor    uuid REFERENCES users (id),
  action   text NOT NULL,
  fields   text[] NOT NULL DEFAULT '{}',
  at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_audit_case_idx ON case_audit (case_id, at DESC);

-- Personal numbers are erased after the retention period; the callback row stays for statistics.
ALTER TABLE callbacks ALTER COLUMN phone_e164 DROP NOT NULL;

-- Name search on cases alone: the names of a case's people, kept by triggers. Searching people and then
-- their cases costs a probe per case when a name is neither rare nor common (850 ms for "luis diaz" at a
-- million cases); one trigram index on the case itself answers in tens of milliseconds.
ALTER TABLE cases ADD COLUMN search_names text NOT NULL DEFAULT '';
ALTER TABLE cases ALTER COLUMN search_names SET STATISTICS 10000;
CREATE INDEX cases_search_names_trgm ON cases USING gin (search_names gin_trgm_ops);

CREATE FUNCTION case_search_names(target uuid) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT coalesce(string_agg(DISTINCT p.search_name, ' | '), '')
  FROM case_people cp JOIN people p ON p.id = cp.person_id
  WHERE cp.case_id = target AND p.search_name <> ''
$$;

CREATE FUNCTION refresh_case_search_names(target uuid) RETURNS void LANGUAGE sql AS $$
  UPDATE cases SET search_names = case_search_names(target)
  WHERE id = target AND search_names IS DISTINCT FROM case_search_names(target)
$$;

CREATE FUNCTION case_people_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM refresh_case_search_names(NEW.case_id); END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') AND OLD.case_id IS DISTINCT FROM NEW.case_id THEN PERFORM refresh_case_search_names(OLD.case_id); END IF;
  IF TG_OP = 'DELETE' THEN PERFORM refresh_case_search_names(OLD.case_id); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER case_people_search_names AFTER INSERT OR UPDATE OR DELETE ON case_people
  FOR EACH ROW EXECUTE FUNCTION case_people_search_sync();

CREATE FUNCTION people_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_case_search_names(cp.case_id) FROM case_people cp WHERE cp.person_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER people_search_names AFTER UPDATE OF search_name ON people
  FOR EACH ROW WHEN (OLD.search_name IS DISTINCT FROM NEW.search_name) EXECUTE FUNCTION people_search_sync();
