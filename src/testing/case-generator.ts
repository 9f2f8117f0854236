import type pg from 'pg';

/**
 * Fills a database with plausible cases for search tests and benchmarks, entirely inside PostgreSQL
 * (generate_series), so a million cases take minutes rather than hours of round trips.
 * Values are deterministic in the row number: the same count gives the same data.
 *
 * Each case has an affected person; two in three have a separate requester; numbers are +504 and +1;
 * names carry accents, as Honduran names do. The search columns are filled the way the application
 * fills them (lower case, accents removed, documents as digits and capitals).
 */
export async function generateCases(db: pg.Pool | pg.Client, count: number, options: { batch?: number; onProgress?: (done: number) => void } = {}): Promise<void> {
  const batch = options.batch ?? 100_000;
  // Each row fills its cases' search_names itself: the per-row triggers (migration 004) would only
  // recompute the same text, and make a million cases take half an hour instead of minutes.
  await db.query('ALTER TABLE case_people DISABLE TRIGGER case_people_search_names');
  try {
    await insertBatches(db, count, batch, options.onProgress);
  } finally {
    await db.query('ALTER TABLE case_people ENABLE TRIGGER case_people_search_names');
  }
  await db.query(`SELECT setval('case_number_seq', greatest((SELECT max(seq) FROM cases), 1))`);
  await db.query('ANALYZE people; ANALYZE cases; ANALYZE case_people');
}

async function insertBatches(db: pg.Pool | pg.Client, count: number, batch: number, onProgress?: (done: number) => void): Promise<void> {
  const first = ['María', 'José', 'María José', 'José Luis', 'Juan', 'Ana', 'Luis', 'Carlos', 'Rosa', 'Jesús', 'Sofía', 'Óscar', 'Dunia', 'Nelson', 'Iris', 'Wilmer', 'Karla', 'Héctor', 'Lesly', 'Darwin', 'Yesenia', 'Ángel', 'Fátima', 'Elmer', 'Glenda', 'Marvin', 'Suyapa', 'Kevin', 'Dilcia', 'Edgardo', 'Nohemí', 'Brayan'];
  const last = ['López', 'Hernández', 'Martínez', 'Rodríguez', 'García', 'Mejía', 'Flores', 'Reyes', 'Cruz', 'Zelaya', 'Díaz', 'Ramírez', 'Castillo', 'Núñez', 'Ordóñez', 'Pineda', 'Escobar', 'Banegas', 'Aguilar', 'Sánchez', 'Maradiaga', 'Murillo', 'Paz', 'Velásquez', 'Osorto', 'Cáceres', 'Amaya', 'Ponce', 'Lagos', 'Fúnez'];
  const categories = ['DOCUMENTOS', 'DOCUMENTOS', 'DOCUMENTOS', 'TPS_LEGAL', 'TPS_LEGAL', 'DETENCION', 'DETENCION', 'DEPORTACION_INFO', 'REINTEGRACION', 'DESAPARECIDO', 'FALLECIMIENTO', 'HOSPITALIZADO', 'RIESGO_VIDA', 'NNA_SOLO', 'FRAUDE', 'QUEJA', 'ESCUCHA', 'TRATA_VIOLENCIA', 'DESPLAZ_VIOLENCIA', 'RETORNO_ASISTIDO'];
  const statuses = ['closed', 'closed', 'closed', 'resolved', 'resolved', 'in_progress', 'waiting_caller', 'new', 'escalated'];
  const departments = ['HN-CR', 'HN-FM', 'HN-YO', 'HN-AT', 'HN-OL', 'HN-CP', 'HN-CM', 'HN-SB', 'HN-CH', 'HN-EP', 'HN-LE', 'HN-IN', 'HN-OC', 'HN-CL', 'HN-VA', 'HN-LP', 'HN-GD', 'HN-IB'];
  const arr = (xs: string[]) => `ARRAY[${xs.map((x) => `'${x}'`).join(',')}]`;

  const { rows } = await db.query<{ n: string }>(`SELECT coalesce(max(seq), 0) AS n FROM cases`);
  let start = Number(rows[0]?.n ?? 0) + 1;
  const lastSeq = start + count - 1;
  for (let done = 0; done < count; done += batch) {
    const n = Math.min(batch, count - done);
    // One statement per batch: people, cases and their links together, so a batch is all or nothing.
    await db.query(
      `WITH src AS (
        SELECT g AS seq,
               gen_random_uuid() AS case_id, gen_random_uuid() AS affected_id,
               CASE WHEN g % 3 = 0 THEN NULL ELSE gen_random_uuid() END AS requester_id,
               -- Each part from its own hash of g: multipliers alone would make every part a function of
               -- g mod 30 (only 30 different names in a million cases).
               (${arr(first)})[1 + abs(hashint8extended(g, 1) % ${first.length})] AS f1,
               (${arr(last)})[1 + abs(hashint8extended(g, 2) % ${last.length})] AS l1,
               (${arr(last)})[1 + abs(hashint8extended(g, 3) % ${last.length})] AS l2,
               (${arr(first)})[1 + abs(hashint8extended(g, 4) % ${first.length})] AS rf,
               -- Cases arrive in time order, as on a real line: spread over three years, newest last, with a
               -- minute of jitter. (Random dates would scatter each day's cases across the whole table.)
               now() - (($3::int8 - g) * $4::float8 + abs(hashint8extended(g, 5) % 60)) * interval '1 second' AS created_at,
               CASE WHEN g % 2 = 0 THEN '+504' || (30000000 + (g * 48271) % 69999999)::text
                    ELSE '+1' || (2000000000 + (g * 16807::int8) % 7999999999)::text END AS phone,
               lpad(((g * 6364136223846793005::numeric) % 10000000000000)::text, 13, '0') AS dni
        FROM generate_series($1::int8, $2::int8) g
      ),
      affected AS (
        INSERT INTO people (id, full_name, sex, birth_date, dni, origin_department, search_name, search_documents, created_at, updated_at)
        SELECT affected_id, f1 || ' ' || l1 || ' ' || l2, (ARRAY['F','M'])[1 + seq % 2],
               (date '1950-01-01' + ((seq * 7) % 25000)::int),
               CASE WHEN seq % 4 <> 0 THEN dni END,
               (${arr(departments)})[1 + seq % ${departments.length}],
               lower(translate(f1 || ' ' || l1 || ' ' || l2, 'áéíóúÁÉÍÓÚñÑ', 'aeiouAEIOUnN')),
               CASE WHEN seq % 4 <> 0 THEN ARRAY[dni] ELSE '{}' END,
               created_at, created_at
        FROM src RETURNING id
      ),
      requester AS (
        INSERT INTO people (id, full_name, phone_e164, search_name, created_at, updated_at)
        SELECT requester_id, rf || ' ' || l1, phone, lower(translate(rf || ' ' || l1, 'áéíóúÁÉÍÓÚñÑ', 'aeiouAEIOUnN')), created_at, created_at
        FROM src WHERE requester_id IS NOT NULL RETURNING id
      ),
      c AS (
        INSERT INTO cases (id, seq, number, status, category, priority, language, caller_phone, location, office_id, created_at, updated_at, closed_at, search_names)
        SELECT case_id, seq, 'AV-' || to_char(created_at, 'YYYY') || '-' || lpad(seq::text, greatest(6, length(seq::text)), '0'),
               (${arr(statuses)})[1 + seq % ${statuses.length}],
               (${arr(categories)})[1 + (seq * 31) % ${categories.length}],
               1 + (seq % 4), CASE WHEN seq % 10 = 0 THEN 'en' ELSE 'es' END, phone,
               (ARRAY['US','US','US','MX','ROUTE','HN'])[1 + seq % 6],
               offices.ids[1 + seq % greatest(1, cardinality(offices.ids))],
               created_at, created_at,
               CASE WHEN (${arr(statuses)})[1 + seq % ${statuses.length}] IN ('closed', 'resolved') THEN created_at + interval '3 days' END,
               -- What the triggers would write (migration 004), so that they find nothing to change.
               CASE WHEN n.rn IS NULL OR n.rn = n.an THEN n.an WHEN n.an < n.rn THEN n.an || ' | ' || n.rn ELSE n.rn || ' | ' || n.an END
        FROM src,
             LATERAL (SELECT lower(translate(f1 || ' ' || l1 || ' ' || l2, 'áéíóúÁÉÍÓÚñÑ', 'aeiouAEIOUnN')) AS an,
                             CASE WHEN requester_id IS NOT NULL THEN lower(translate(rf || ' ' || l1, 'áéíóúÁÉÍÓÚñÑ', 'aeiouAEIOUnN')) END AS rn) n,
             (SELECT array_agg(id ORDER BY id) AS ids FROM offices) offices RETURNING id
      )
      INSERT INTO case_people (case_id, role, person_id)
      SELECT case_id, 'affected', affected_id FROM src
      UNION ALL SELECT case_id, 'requester', coalesce(requester_id, affected_id) FROM src
      `,
      [start, start + n - 1, lastSeq, (3 * 365 * 86400) / count],
    );
    start += n;
    onProgress?.(done + n);
  }
}
