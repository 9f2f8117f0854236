import { useCallback, useMemo } from 'react';
import { useReport } from '../../hooks/useReport.js';
import { useI18n } from '../../i18n.js';
import { reportApi, reportCsvUrl, type EscalationsRowDto, type ReportFilters } from '../../report-api.js';
import { reportFormats } from '../../report-format.js';
import type { Drill } from './drill.js';
import { BarChart, type BarSeries } from './BarChart.js';
import { ReportSection } from './ReportSection.js';

const COLORS = { sent: '#0b4f8a', acknowledged: '#0891b2', closed: '#15803d', breached: '#c62828' };

interface Props {
  filters: ReportFilters;
  onDrill?: Drill;
}

/** Per office: what was sent, acknowledged, closed and late, and how long acknowledging and closing took. */
export function EscalationsSection({ filters, onDrill }: Props) {
  const { t, lang } = useI18n();
  const load = useCallback(() => reportApi.escalations(filters, lang), [filters, lang]);
  const result = useReport(load);
  return (
    <ReportSection id="escalations" title={t.rep.escalations.title} result={result} csvUrl={reportCsvUrl('escalations', filters)}>
      {(data) => <EscalationsBody rows={data.rows} filters={filters} onDrill={onDrill} />}
    </ReportSection>
  );
}

function EscalationsBody({ rows, filters, onDrill }: { rows: EscalationsRowDto[]; filters: ReportFilters; onDrill?: Drill }) {
  const { t, lang } = useI18n();
  const e = t.rep.escalations;
  const f = useMemo(() => reportFormats(lang, t.rep.none), [lang, t]);
  const labels = useMemo(() => rows.map((r) => r.officeName), [rows]);
  const series = useMemo<BarSeries[]>(() => [
    { label: e.sent, data: rows.map((r) => r.sent), color: COLORS.sent },
    { label: e.acknowledged, data: rows.map((r) => r.acknowledged), color: COLORS.acknowledged },
    { label: e.closed, data: rows.map((r) => r.closed), color: COLORS.closed },
    { label: e.breached, data: rows.map((r) => r.breached), color: COLORS.breached },
  ], [rows, e]);
  // An office's cases: the search's office filter, over the report's days and category.
  const drillTo = useCallback((row: EscalationsRowDto) => onDrill?.({ from: filters.from, to: filters.to, category: filters.category, office: row.officeId }), [onDrill, filters]);
  const onBarClick = useMemo(() => (onDrill ? (i: number) => {
    const row = rows[i];
    if (row) drillTo(row);
  } : undefined), [onDrill, rows, drillTo]);

  if (rows.length === 0) return <p className="empty" data-testid="escalations-empty">{e.empty}</p>;
  return (
    <div className="report-body">
      <BarChart
        labels={labels}
        series={series}
        horizontal
        label={t.rep.chartAlt(e.chart)}
        fallback={t.rep.chartFallback}
        onBarClick={onBarClick}
        testId="escalations-chart"
      />
      {onDrill && <p className="hint">{t.rep.drillHint}</p>}
      <div className="table-wrap">
        <table className="report-table" data-testid="escalations-table">
          <caption className="visually-hidden">{e.title}</caption>
          <thead>
            <tr>
              <th scope="col">{e.office}</th>
              <th scope="col" className="num">{e.sent}</th>
              <th scope="col" className="num">{e.acknowledged}</th>
              <th scope="col" className="num">{e.closed}</th>
              <th scope="col" className="num">{e.breached}</th>
              <th scope="col" className="num">{e.ackAvg}</th>
              <th scope="col" className="num">{e.closeAvg}</th>
              {onDrill && <th scope="col"><span className="visually-hidden">{t.rep.drill}</span></th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.officeId} data-testid={`escalations-row-${r.officeId}`}>
                <th scope="row" className="esc-office-cell">{r.officeName}</th>
                <td className="num">{f.int(r.sent)}</td>
                <td className="num">{f.int(r.acknowledged)}</td>
                <td className="num">{f.int(r.closed)}</td>
                <td className="num">{f.int(r.breached)}</td>
                <td className="num">{r.ackMinutesAvg === null ? t.rep.none : e.minutes(f.dec(r.ackMinutesAvg))}</td>
                <td className="num">{r.closeHoursAvg === null ? t.rep.none : e.hours(f.dec(r.closeHoursAvg))}</td>
                {onDrill && (
                  <td>
                    <button type="button" className="button button-small" aria-label={t.rep.drillLabel(r.officeName)} data-testid="escalations-drill" onClick={() => drillTo(r)}>
                      {t.rep.drill}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
