import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../platform/db/database.js';

/**
 * The observatory's dimensions (domain.md): month, country, sex, age band, adults and children,
 * department of origin, and category. Each reads the live person when there is one, else what was
 * frozen when personal data was erased, so statistics are the same before and after retention.
 */
export const STAT_DIMENSIONS = ['month', 'country', 'sex', 'ageBand', 'minor', 'department', 'category', 'priority', 'state'] as const;
/** What may be published: enumerations only (a state is typed by agents, so it stays in internal reports). */
export const OPEN_DATA_DIMENSIONS = ['country', 'sex', 'ageBand', 'minor', 'department', 'category'] as const satisfies readonly StatDimension[];
export type StatDimension = (typeof STAT_DIMENSIONS)[number];

/** Age band of a person born on `birth` at the time of `at`; the same bands the console shows. */
export const ageBandSql = (birth: RawBuilder<unknown>, at: RawBuilder<unknown>) => sql<string | null>`CASE
  WHEN ${birth} IS NULL THEN NULL
  WHEN date_part('year', age(${at}, ${birth})) < 12 THEN '0-11'
  WHEN date_part('year', age(${at}, ${birth})) < 18 THEN '12-17'
  WHEN date_part('year', age(${at}, ${birth})) < 30 THEN '18-29'
  WHEN date_part('year', age(${at}, ${birth})) < 45 THEN '30-44'
  WHEN date_part('year', age(${at}, ${birth})) < 60 THEN '45-59'
  ELSE '60+' END`;

/** The snapshot frozen into a case when its people's data is erased: computed by the same expressions. */
export const statsSnapshotSql = (timeZone: string) => sql<Record<string, string | null>>`jsonb_build_object(
  'sex', p.sex,
  'ageBand', ${ageBandSql(sql`p.birth_date`, sql`(c.created_at AT TIME ZONE ${timeZone})::date`)},
  'minor', CASE WHEN p.birth_date IS NULL THEN NULL ELSE (date_part('year', age((c.created_at AT TIME ZONE ${timeZone})::date, p.birth_date)) < 18)::text END,
  'department', p.origin_department)`;

export function createCaseStatistics(db: Db, timeZone: string) {
  const live = (key: string) => sql.raw(`coalesce(c.stats_snapshot->>'${key}', live."${key}")`);
  const expressions: Record<StatDimension, RawBuilder<unknown>> = {
    month: sql`to_char(c.created_at AT TIME ZONE ${timeZone}, 'YYYY-MM')`,
    country: sql`coalesce(c.situation->>'country', c.location)`,
    sex: live('sex'),
    ageBand: live('ageBand'),
    minor: live('minor'),
    department: live('department'),
    category: sql`c.category`,
    priority: sql`c.priority::text`,
    state: sql`c.situation->>'state'`,
  };

  return {
    /** Cases per value of one dimension; non-data contacts and merged duplicates are not counted. */
    async countBy(dimension: StatDimension, range: { from?: Date; to?: Date; category?: string; officeId?: string } = {}, opts: { byMonth?: boolean } = {}): Promise<{ month?: string; key: string | null; count: number }[]> {
      const month = opts.byMonth ? sql`${expressions.month} AS month,` : sql``;
      const { rows } = await sql<{ month?: string; key: string | null; count: number }>`
        SELECT ${month} ${expressions[dimension]} AS key, count(*)::int AS count
        FROM cases c
        LEFT JOIN LATERAL (
          SELECT p.sex, p.origin_department AS department,
                 ${ageBandSql(sql`p.birth_date`, sql`(c.created_at AT TIME ZONE ${timeZone})::date`)} AS "ageBand",
                 CASE WHEN p.birth_date IS NULL THEN NULL ELSE (date_part('year', age((c.created_at AT TIME ZONE ${timeZone})::date, p.birth_date)) < 18)::text END AS minor
          FROM case_people cp JOIN people p ON p.id = cp.person_id
          WHERE cp.case_id = c.id AND cp.role = 'affected'
        ) live ON true
        WHERE c.non_data IS NULL AND c.merged_into IS NULL
          AND (${range.from ?? null}::timestamptz IS NULL OR c.created_at >= ${range.from ?? null})
          AND (${range.to ?? null}::timestamptz IS NULL OR c.created_at < ${range.to ?? null})
          ${range.category ? sql`AND c.category = ${range.category}` : sql``}
          ${range.officeId ? sql`AND c.office_id = ${range.officeId}` : sql``}
        GROUP BY ${opts.byMonth ? sql`1, 2` : sql`1`} ORDER BY ${opts.byMonth ? sql`1, 2` : sql`1`} NULLS LAST`.execute(db);
      return rows;
    },
  };
}

export type CaseStatistics = ReturnType<typeof createCaseStatistics>;
