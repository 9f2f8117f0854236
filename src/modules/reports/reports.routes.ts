import { Router, type Response } from 'express';
import { z } from 'zod';
import { CATEGORIES } from '../../contracts/domain.js';
import { checkDate } from '../../contracts/case-fields.js';
import { parseOr400 } from '../../http/validate.js';
import { AppError } from '../../shared/errors.js';
import { requireRole } from '../auth/index.js';
import { startOfDayIn } from '../../shared/clock.js';
import { STAT_DIMENSIONS } from './case-statistics.js';
import { toCsv } from './csv.js';
import type { ReportService } from './report.service.js';
import type { WallboardService } from './wallboard.service.js';
import type { ReportFilter } from './reports.repository.js';

const day = z.string().refine((d) => checkDate(d).ok, 'a date as YYYY-MM-DD');
const base = z.object({
  from: day,
  to: day,
  category: z.enum(CATEGORIES).optional(),
  office: z.string().max(60).optional(),
  format: z.enum(['json', 'csv']).default('json'),
});

const nextDay = (d: string) => {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
};

/** Aggregates only, never a person: supervisors and admins. Days are the hotline's days; `to` is included. */
export function reportsRouter(service: ReportService, wallboard: Pick<WallboardService, 'snapshot'>, timeZone: string): Router {
  const router = Router();
  const readers = requireRole('supervisor', 'admin');

  const filterOf = (q: z.infer<typeof base>): ReportFilter => {
    const from = startOfDayIn(q.from, timeZone);
    const to = startOfDayIn(nextDay(q.to), timeZone);
    if (from >= to) throw new AppError('validation_failed', 'from: must not be after to');
    if (to.getTime() - from.getTime() > 5 * 366 * 86_400_000) throw new AppError('validation_failed', 'to: a report covers at most five years');
    return { from, to, ...(q.category ? { category: q.category } : {}), ...(q.office ? { officeId: q.office } : {}) };
  };
  const send = (res: Response, format: 'json' | 'csv', name: string, columns: string[], rows: Record<string, unknown>[], json: unknown) => {
    if (format === 'json') return void res.json(json);
    res.type('text/csv; charset=utf-8').attachment(`${name}.csv`).send(toCsv(columns, rows));
  };

  router.get('/wallboard', requireRole('supervisor'), async (_req, res) => {
    res.json(await wallboard.snapshot());
  });

  router.get('/reports/calls', readers, async (req, res) => {
    const q = parseOr400(base.extend({ granularity: z.enum(['day', 'week', 'month']).default('day') }).strict(), req.query);
    const report = await service.calls(filterOf(q), q.granularity);
    const columns = ['period', 'offered', 'answered', 'answeredWithin', 'abandoned', 'shortAbandoned', 'callbacks', 'voicemails', 'serviceLevel', 'abandonmentRate', 'asaS', 'talkS'];
    send(res, q.format, `calls-${q.from}-${q.to}`, columns, report.rows, report);
  });

  router.get('/reports/cases', readers, async (req, res) => {
    const q = parseOr400(base.extend({ by: z.enum(STAT_DIMENSIONS).default('category') }).strict(), req.query);
    const report = await service.cases(filterOf(q), q.by);
    send(res, q.format, `cases-by-${q.by}-${q.from}-${q.to}`, ['key', 'count'], report.rows, report);
  });

  router.get('/reports/escalations', readers, async (req, res) => {
    const q = parseOr400(base.strict(), req.query);
    const rows = await service.escalations(filterOf(q));
    send(res, q.format, `escalations-${q.from}-${q.to}`, ['officeId', 'officeName', 'sent', 'acknowledged', 'closed', 'breached', 'ackMinutesAvg', 'closeHoursAvg'], rows, { rows });
  });

  router.get('/reports/agents', readers, async (req, res) => {
    const q = parseOr400(base.strict(), req.query);
    const rows = await service.agents(filterOf(q));
    send(res, q.format, `agents-${q.from}-${q.to}`, ['agentName', 'handled', 'talkSAvg'], rows, { rows });
  });

  router.get('/reports/open-data', readers, async (req, res) => {
    const q = parseOr400(base.pick({ from: true, to: true, format: true }).strict(), req.query);
    const data = await service.openData(filterOf({ ...q }));
    const rows = data.tables.flatMap((t) => t.rows.map((r) => ({ month: r.month, dimension: t.dimension, key: r.key, count: r.count ?? `<${data.suppressBelow}` })));
    send(res, q.format, `alho-voz-open-data-${q.from}-${q.to}`, ['month', 'dimension', 'key', 'count'], rows, data);
  });

  return router;
}
