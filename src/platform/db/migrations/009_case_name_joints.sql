-- Name search by the joints between words. A trigram index answers a name of several words by intersecting
-- the posting lists of every trigram in it, and in names every trigram is common: "oscar reyes rodriguez"
-- has 17 trigrams, each held by 5% to 30% of the cases, so the index alone took 40 to 50 ms at a million
-- cases to find 89 candidates, and a two-word name held by 0.2% of the cases walked 40,000 cases newest
-- first. The joint of two adjacent words (the last 3 letters of one, a space, the first 3 of the next) is
-- rare, and a search of several words knows its joints even when its first word is only the end of a word
-- and its last only the beginning: "scar reyes rod" has "car rey" and "yes rod". Each side of a joint is
-- also kept with 5 letters ("oscar reyes", "ana marad"), for the searches that have them: with 3 only,
-- "wilmer maradiaga" would also find every "elmer maradiaga", and "ana maradiaga" every "ana martinez".
-- The search still checks the whole text; this index only finds the candidates (case-search.repository.ts,
-- nameJoints, computes the same joints for a search).
-- PARALLEL RESTRICTED although it is pure: when a joint is common the planner walks the newest cases and
-- checks each (the function runs only on those that contain the name, after strpos), and priced at its
-- COST for every case it would split that walk over workers, which at 3,400 matches took 30 ms instead of 8.
CREATE FUNCTION name_joints(names text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL RESTRICTED AS $$
  SELECT coalesce(array_agg(DISTINCT right(w[i], l.k) || ' ' || left(w[i + 1], r.k)), '{}')
  FROM string_to_array(names, ' ') AS w, generate_series(1, cardinality(w) - 1) AS i, (VALUES (3), (5)) AS l (k), (VALUES (3), (5)) AS r (k)
  WHERE w[i] NOT IN ('', '|') AND w[i + 1] NOT IN ('', '|')
$$;

CREATE INDEX cases_name_joints ON cases USING gin (name_joints(search_names));
-- A joint's frequency decides between this index and walking the newest cases: keep many of them.
ALTER INDEX cases_name_joints ALTER COLUMN 1 SET STATISTICS 1000;
ANALYZE cases;
