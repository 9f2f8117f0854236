import type { SettingsService } from '../settings/index.js';
import type { CaseStatistics, StatDimension } from './case-statistics.js';
import { OPEN_DATA_DIMENSIONS } from './case-statistics.js';
import { suppress, type OpenDataCell } from './open-data.js';
import type { Granularity, ReportFilter, ReportsRepository } from './reports.repository.js';

const ratio = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 1000) / 1000 : null);

/** The measures of domain.md from the raw counts, with their formulas, so that the console shows both. */
export const FORMULAS = {
  serviceLevel: 'answered within T / (offered − abandoned within 10 s − callbacks)',
  abandonmentRate: 'abandoned after 10 s / offered',
  asa: 'mean wait from joining the queue to an agent answering, answered calls',
  aht: 'mean talk time from answer to hang-up, answered calls (hold included; wrap-up is not yet recorded per call)',
};

export function createReportService(deps: { repo: ReportsRepository; stats: CaseStatistics; settings: SettingsService }) {
  return {
    async calls(f: ReportFilter, granularity: Granularity) {
      const { reports } = await deps.settings.snapshot();
      const rows = await deps.repo.calls(f, granularity, reports.serviceLevelSeconds);
      return {
        serviceLevelSeconds: reports.serviceLevelSeconds,
        formulas: FORMULAS,
        rows: rows.map((r) => ({
          ...r,
          serviceLevel: ratio(r.answeredWithin, r.offered - r.shortAbandoned - r.callbacks),
          abandonmentRate: ratio(r.abandoned, r.offered),
        })),
      };
    },

    async cases(f: ReportFilter, by: StatDimension) {
      return { by, rows: await deps.stats.countBy(by, f) };
    },

    escalations: (f: ReportFilter) => deps.repo.escalations(f),
    agents: (f: ReportFilter) => deps.repo.agents(f),

    /** For the observatory: counts by month and one dimension at a time, small counts withheld. */
    async openData(f: Pick<ReportFilter, 'from' | 'to'>): Promise<{ suppressBelow: number; tables: { dimension: string; rows: OpenDataCell[] }[] }> {
      const { reports } = await deps.settings.snapshot();
      const tables = [];
      for (const dimension of OPEN_DATA_DIMENSIONS) {
        const rows = (await deps.stats.countBy(dimension, f, { byMonth: true })) as { month: string; key: string | null; count: number }[];
        tables.push({ dimension, rows: suppress(rows, reports.suppressBelow) });
      }
      return { suppressBelow: reports.suppressBelow, tables };
    },
  };
}

export type ReportService = ReturnType<typeof createReportService>;
