import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';

export type Granularity = 'day' | 'week' | 'month';

export interface ReportFilter {
  from: Date;
  to: Date;
  category?: string;
  officeId?: string;
}

/** One period of calls, with the raw counts the measures of domain.md are computed from. */
export interface CallsRow {
  period: string;
  offered: number;
  answered: number;
  answeredWithin: number;
  abandoned: number;
  shortAbandoned: number;
  callbacks: number;
  voicemails: number;
  asaS: number | null;
  talkS: number | null;
}

/**
 * Historical figures straight from the records, in the hotline's time zone. Calls and cases recorded as
 * non-data contacts are left out, as are merged duplicates; IVR hang-ups never reach the queue, so they
 * are not offered calls.
 */
/** Additive sums of calls, per language: what the wallboard adds up hour by hour. */
export interface CallSums {
  language: string;
  offered: number; answered: number; answeredWithin: number; abandoned: number; shortAbandoned: number; callbacks: number;
  waitSum: number; talkSum: number; talkCount: number;
}

export function createReportsRepository(db: Db, timeZone: string) {
  const caseFilter = (f: ReportFilter, alias: string) => sql.join(
    [
      sql`${sql.ref(`${alias}.non_data`)} IS NULL`,
      sql`${sql.ref(`${alias}.merged_into`)} IS NULL`,
      ...(f.category ? [sql`${sql.ref(`${alias}.category`)} = ${f.category}`] : []),
      ...(f.officeId ? [sql`${sql.ref(`${alias}.office_id`)} = ${f.officeId}`] : []),
    ],
    sql` AND `,
  );

  return {
    async calls(f: ReportFilter, granularity: Granularity, serviceLevelS: number): Promise<CallsRow[]> {
      const { rows } = await sql<CallsRow>`
        SELECT to_char(date_trunc(${granularity}, c.started_at AT TIME ZONE ${timeZone}), 'YYYY-MM-DD') AS period,
          count(*) FILTER (WHERE c.enqueued_at IS NOT NULL)::int AS offered,
          count(*) FILTER (WHERE c.answered_at IS NOT NULL)::int AS answered,
          count(*) FILTER (WHERE c.answered_at IS NOT NULL AND c.queue_wait_s <= ${serviceLevelS})::int AS "answeredWithin",
          count(*) FILTER (WHERE c.status = 'abandoned' AND c.enqueued_at IS NOT NULL AND coalesce(c.queue_wait_s, 0) > 10)::int AS abandoned,
          count(*) FILTER (WHERE c.status = 'abandoned' AND c.enqueued_at IS NOT NULL AND coalesce(c.queue_wait_s, 0) <= 10)::int AS "shortAbandoned",
          count(*) FILTER (WHERE c.outcome = 'callback')::int AS callbacks,
          count(*) FILTER (WHERE c.outcome = 'voicemail')::int AS voicemails,
          round(avg(c.queue_wait_s) FILTER (WHERE c.answered_at IS NOT NULL), 1)::float8 AS "asaS",
          round(avg(extract(epoch FROM c.ended_at - c.answered_at)) FILTER (WHERE c.answered_at IS NOT NULL AND c.ended_at IS NOT NULL), 1)::float8 AS "talkS"
        FROM calls c
        LEFT JOIN cases k ON k.id = c.case_id
        WHERE c.direction = 'inbound' AND c.started_at >= ${f.from} AND c.started_at < ${f.to}
          AND (k.id IS NULL OR (${caseFilter(f, 'k')}))
          ${f.category || f.officeId ? sql`AND k.id IS NOT NULL` : sql``}
        GROUP BY 1 ORDER BY 1`.execute(db);
      return rows;
    },

    async callSums(from: Date, to: Date, serviceLevelS: number): Promise<CallSums[]> {
      const { rows } = await sql<CallSums>`
        SELECT c.language,
          count(*) FILTER (WHERE c.enqueued_at IS NOT NULL)::int AS offered,
          count(*) FILTER (WHERE c.answered_at IS NOT NULL)::int AS answered,
          count(*) FILTER (WHERE c.answered_at IS NOT NULL AND c.queue_wait_s <= ${serviceLevelS})::int AS "answeredWithin",
          count(*) FILTER (WHERE c.status = 'abandoned' AND c.enqueued_at IS NOT NULL AND coalesce(c.queue_wait_s, 0) > 10)::int AS abandoned,
          count(*) FILTER (WHERE c.status = 'abandoned' AND c.enqueued_at IS NOT NULL AND coalesce(c.queue_wait_s, 0) <= 10)::int AS "shortAbandoned",
          count(*) FILTER (WHERE c.outcome = 'callback')::int AS callbacks,
          coalesce(sum(c.queue_wait_s) FILTER (WHERE c.answered_at IS NOT NULL), 0)::float8 AS "waitSum",
          coalesce(sum(extract(epoch FROM c.ended_at - c.answered_at)) FILTER (WHERE c.answered_at IS NOT NULL AND c.ended_at IS NOT NULL), 0)::float8 AS "talkSum",
          count(*) FILTER (WHERE c.answered_at IS NOT NULL AND c.ended_at IS NOT NULL)::int AS "talkCount"
        FROM calls c LEFT JOIN cases k ON k.id = c.case_id
        WHERE c.direction = 'inbound' AND c.started_at >= ${from} AND c.started_at < ${to} AND (k.id IS NULL OR k.non_data IS NULL)
        GROUP BY 1`.execute(db);
      return rows;
    },

    /** Who is waiting now, per language: only the queued calls are read. */
    async waitingNow(): Promise<{ language: string; waiting: number; oldest: Date | null }[]> {
      const { rows } = await sql<{ language: string; waiting: number; oldest: Date | null }>`
        SELECT language, count(*)::int AS waiting, min(enqueued_at) AS oldest FROM calls WHERE status = 'queued' GROUP BY 1`.execute(db);
      return rows;
    },

    async callbacksPending(): Promise<number> {
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM callbacks WHERE status = 'pending'`.execute(db);
      return rows[0]?.n ?? 0;
    },

    /** Open escalations by office: at risk once the office was reminded, breached once a deadline passed. */
    async escalationsAtRisk(): Promise<{ officeId: string; officeName: string; open: number; atRisk: number; breached: number }[]> {
      const { rows } = await sql<{ officeId: string; officeName: string; open: number; atRisk: number; breached: number }>`
        SELECT e.office_id AS "officeId", o.name AS "officeName", count(*)::int AS open,
          count(*) FILTER (WHERE (e.ack_reminded OR e.action_reminded) AND NOT (e.ack_breached OR e.action_breached))::int AS "atRisk",
          count(*) FILTER (WHERE e.ack_breached OR e.action_breached)::int AS breached
        FROM escalations e JOIN offices o ON o.id = e.office_id
        WHERE e.status <> 'closed'
        GROUP BY 1, 2 ORDER BY breached DESC, "atRisk" DESC, 2`.execute(db);
      return rows;
    },

    async escalations(f: ReportFilter): Promise<{ officeId: string; officeName: string; sent: number; acknowledged: number; closed: number; breached: number; ackMinutesAvg: number | null; closeHoursAvg: number | null }[]> {
      const { rows } = await sql<{ officeId: string; officeName: string; sent: number; acknowledged: number; closed: number; breached: number; ackMinutesAvg: number | null; closeHoursAvg: number | null }>`
        SELECT e.office_id AS "officeId", o.name AS "officeName", count(*)::int AS sent,
          count(e.acknowledged_at)::int AS acknowledged, count(e.closed_at)::int AS closed,
          count(*) FILTER (WHERE e.ack_breached OR e.action_breached)::int AS breached,
          round(avg(extract(epoch FROM e.acknowledged_at - e.created_at) / 60)::numeric, 1)::float8 AS "ackMinutesAvg",
          round(avg(extract(epoch FROM e.closed_at - e.created_at) / 3600)::numeric, 1)::float8 AS "closeHoursAvg"
        FROM escalations e JOIN offices o ON o.id = e.office_id JOIN cases k ON k.id = e.case_id
        WHERE e.created_at >= ${f.from} AND e.created_at < ${f.to} AND ${caseFilter({ ...f, officeId: undefined }, 'k')}
          ${f.officeId ? sql`AND e.office_id = ${f.officeId}` : sql``}
        GROUP BY 1, 2 ORDER BY sent DESC, 2`.execute(db);
      return rows;
    },

    async agents(f: ReportFilter): Promise<{ agentId: string; agentName: string; handled: number; talkSAvg: number | null }[]> {
      const { rows } = await sql<{ agentId: string; agentName: string; handled: number; talkSAvg: number | null }>`
        SELECT u.id AS "agentId", u.name AS "agentName", count(*)::int AS handled,
          round(avg(extract(epoch FROM c.ended_at - c.answered_at)) FILTER (WHERE c.ended_at IS NOT NULL), 1)::float8 AS "talkSAvg"
        FROM calls c JOIN users u ON u.id = c.agent_id LEFT JOIN cases k ON k.id = c.case_id
        WHERE c.answered_at IS NOT NULL AND c.started_at >= ${f.from} AND c.started_at < ${f.to}
          AND (k.id IS NULL OR (${caseFilter(f, 'k')}))
        GROUP BY 1, 2 ORDER BY handled DESC, 2`.execute(db);
      return rows;
    },
  };
}

export type ReportsRepository = ReturnType<typeof createReportsRepository>;
