import { useCallback, useMemo } from 'react';
import { useReport } from '../../hooks/useReport.js';
import { useI18n } from '../../i18n.js';
import { periodWithin, reportApi, reportCsvUrl, type CallsReportDto, type CallsRowDto, type ReportFilters } from '../../report-api.js';
import { callsTotal, periodLabel, reportFormats } from '../../report-format.js';
import type { Drill } from './drill.js';
import { BarChart, type BarSeries } from './BarChart.js';
import { ReportSection } from './ReportSection.js';

const COLORS = { offered: '#0b4f8a', answered: '#15803d', abandoned: '#c62828' };

interface Props {
  filters: ReportFilters;
  onDrill?: Drill;
}

/** Calls per period: offered, answered and abandoned drawn, every measure in the table, each formula beside it. */
export function CallsSection({ filters, onDrill }: Props) {
  const { t, lang } = useI18n();
  const load = useCallback(() => reportApi.calls(filters, lang), [filters, lang]);
  const result = useReport(load);
  return (
    <ReportSection id="calls" title={t.rep.calls.title} result={result} csvUrl={reportCsvUrl('calls', filters)}>
      {(data) => <CallsBody data={data} filters={filters} onDrill={onDrill} />}
    </ReportSection>
  );
}

function CallsBody({ data, filters, onDrill }: { data: CallsReportDto; filters: ReportFilters; onDrill?: Drill }) {
  const { t, lang } = useI18n();
  const c = t.rep.calls;
  const f = useMemo(() => reportFormats(lang, t.rep.none), [lang, t]);
  const { rows, serviceLevelSeconds: T } = data;
  const labels = useMemo(() => rows.map((r) => periodLabel(t, f, r.period, filters.granularity, true)), [rows, t, f, filters.granularity]);
  const series = useMemo<BarSeries[]>(() => [
    { label: c.offered, data: rows.map((r) => r.offered), color: COLORS.offered },
    { label: c.answered, data: rows.map((r) => r.answered), color: COLORS.answered },
    { label: c.abandoned, data: rows.map((r) => r.abandoned), color: COLORS.abandoned },
  ], [rows, c]);

  // A period's cases: the days of that period that the report covers, with the report's category and office.
  const drillTo = useCallback((row: CallsRowDto) => onDrill?.({
    ...periodWithin(row.period, filters.granularity, filters), category: filters.category, office: filters.office,
  }), [onDrill, filters]);
  const onBarClick = useMemo(() => (onDrill ? (i: number) => {
    const row = rows[i];
    if (row) drillTo(row);
  } : undefined), [onDrill, rows, drillTo]);

  if (rows.length === 0) return <p className="empty" data-testid="calls-empty">{c.empty}</p>;
  const total = rows.length > 1 ? callsTotal(rows) : null;
  const cells = (r: Omit<CallsRowDto, 'period'>) => (
    <>
      <td className="num" data-testid="calls-offered">{f.int(r.offered)}</td>
      <td className="num" data-testid="calls-answered">{f.int(r.answered)}</td>
      <td className="num" data-testid="calls-answered-within">{f.int(r.answeredWithin)}</td>
      <td className="num" data-testid="calls-abandoned">{f.int(r.abandoned)}</td>
      <td className="num" data-testid="calls-short-abandoned">{f.int(r.shortAbandoned)}</td>
      <td className="num" data-testid="calls-callbacks">{f.int(r.callbacks)}</td>
      <td className="num" data-testid="calls-voicemails">{f.int(r.voicemails)}</td>
      <td className="num" data-testid="calls-service-level">{f.pct(r.serviceLevel)}</td>
      <td className="num" data-testid="calls-abandonment-rate">{f.pct(r.abandonmentRate)}</td>
      <td className="num" data-testid="calls-asa">{f.duration(r.asaS)}</td>
      <td className="num" data-testid="calls-aht">{f.duration(r.talkS)}</td>
    </>
  );

  return (
    <div className="report-body">
      <BarChart
        labels={labels}
        series={series}
        label={t.rep.chartAlt(c.chart)}
        fallback={t.rep.chartFallback}
        onBarClick={onBarClick}
        testId="calls-chart"
      />
      {onDrill && <p className="hint">{t.rep.drillHint}</p>}
      <div className="report-with-formulas">
        <div className="table-wrap">
          <table className="report-table" data-testid="calls-table">
            <caption className="visually-hidden">{c.title}</caption>
            <thead>
              <tr>
                <th scope="col">{c.period}</th>
                <th scope="col" className="num">{c.offered}</th>
                <th scope="col" className="num">{c.answered}</th>
                <th scope="col" className="num">{c.answeredWithin(T)}</th>
                <th scope="col" className="num">{c.abandoned}</th>
                <th scope="col" className="num">{c.shortAbandoned}</th>
                <th scope="col" className="num">{c.callbacks}</th>
                <th scope="col" className="num">{c.voicemails}</th>
                <th scope="col" className="num" aria-describedby="calls-formula-serviceLevel">{c.serviceLevel}</th>
                <th scope="col" className="num" aria-describedby="calls-formula-abandonmentRate">{c.abandonmentRate}</th>
                <th scope="col" className="num" aria-describedby="calls-formula-asa">{c.asa}</th>
                <th scope="col" className="num" aria-describedby="calls-formula-aht">{c.aht}</th>
                {onDrill && <th scope="col"><span className="visually-hidden">{t.rep.drill}</span></th>}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const label = periodLabel(t, f, r.period, filters.granularity);
                return (
                  <tr key={r.period} data-testid={`calls-row-${r.period}`}>
                    <th scope="row">{label}</th>
                    {cells(r)}
                    {onDrill && (
                      <td>
                        <button type="button" className="button button-small" aria-label={t.rep.drillLabel(label)} data-testid="calls-drill" onClick={() => drillTo(r)}>
                          {t.rep.drill}
                        </button>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
            {total && (
              <tfoot>
                <tr data-testid="calls-total">
                  <th scope="row">{t.rep.total}</th>
                  {cells(total)}
                  {onDrill && <td />}
                </tr>
              </tfoot>
            )}
          </table>
        </div>
        <aside className="formulas" aria-labelledby="calls-formulas-title" data-testid="calls-formulas">
          <h3 id="calls-formulas-title">{c.formulasTitle}</h3>
          <dl>
            {Object.entries(data.formulas).map(([key, serverText]) => (
              <div key={key}>
                <dt>{Object.hasOwn(c.formulaNames, key) ? c.formulaNames[key] : key}</dt>
                <dd id={`calls-formula-${key}`} data-testid={`calls-formula-${key}`}>
                  {/* The server's wording is English; known measures are said in the console's language. */}
                  {Object.hasOwn(c.formulas, key) ? c.formulas[key]?.(T) : serverText}
                </dd>
              </div>
            ))}
          </dl>
          <p className="hint">{c.tIs(T)}</p>
          <p className="hint">{c.offeredIs}</p>
          {total && <p className="hint">{c.totalNote}</p>}
        </aside>
      </div>
    </div>
  );
}
