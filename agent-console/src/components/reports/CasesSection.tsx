import { useCallback, useId, useMemo } from 'react';
import { CATEGORIES, type Category } from '../../../../src/contracts/domain.js';
import type { SearchFilters } from '../search/SearchForm.js';
import { useReport } from '../../hooks/useReport.js';
import { useI18n } from '../../i18n.js';
import {
  CASE_DIMENSIONS, periodWithin, reportApi, reportCsvUrl, type CaseDimension, type CasesReportDto, type ReportFilters,
} from '../../report-api.js';
import { caseKeyLabel, reportFormats } from '../../report-format.js';
import type { Drill } from './drill.js';
import { BarChart } from './BarChart.js';
import { ReportSection } from './ReportSection.js';

interface Props {
  filters: ReportFilters;
  by: CaseDimension;
  onByChange: (by: CaseDimension) => void;
  onDrill?: Drill;
}

const isCategory = (key: string): key is Category => (CATEGORIES as readonly string[]).includes(key);

/**
 * What a value of the dimension is as a case search: a category, or a month's days. Other dimensions
 * (sex, age, country...) have no filter in the search, so they have no way through to the cases.
 */
function searchFor(by: CaseDimension, key: string | null, f: ReportFilters): Partial<SearchFilters> | null {
  const base = { from: f.from, to: f.to, category: f.category, office: f.office };
  if (by === 'category' && key && isCategory(key)) return { ...base, category: key };
  if (by === 'month' && key && /^\d{4}-\d{2}$/.test(key)) return { ...base, ...periodWithin(`${key}-01`, 'month', f) };
  return null;
}

/** Cases counted by one dimension at a time, chosen here. */
export function CasesSection({ filters, by, onByChange, onDrill }: Props) {
  const { t, lang } = useI18n();
  const cs = t.rep.cases;
  const id = useId();
  const load = useCallback(() => reportApi.cases(filters, by, lang), [filters, by, lang]);
  const result = useReport(load);
  const controls = (
    <span className="report-control">
      <label htmlFor={`${id}-by`}>{cs.by}</label>
      <select id={`${id}-by`} className="input" value={by} data-testid="cases-by" onChange={(e) => onByChange(e.target.value as CaseDimension)}>
        {CASE_DIMENSIONS.map((d) => <option key={d} value={d}>{cs.dimensions[d]}</option>)}
      </select>
    </span>
  );
  return (
    <ReportSection id="cases" title={cs.title} result={result} csvUrl={reportCsvUrl('cases', filters, { by })} controls={controls}>
      {(data) => <CasesBody data={data} filters={filters} onDrill={onDrill} />}
    </ReportSection>
  );
}

function CasesBody({ data, filters, onDrill }: { data: CasesReportDto; filters: ReportFilters; onDrill?: Drill }) {
  const { t, lang } = useI18n();
  const cs = t.rep.cases;
  const f = useMemo(() => reportFormats(lang, t.rep.none), [lang, t]);
  const { by, rows } = data;
  const labels = useMemo(() => rows.map((r) => caseKeyLabel(t, lang, f, by, r.key)), [rows, t, lang, f, by]);
  const series = useMemo(() => [{ label: cs.count, data: rows.map((r) => r.count), color: '#0b4f8a' }], [rows, cs.count]);
  const targets = useMemo(() => rows.map((r) => (onDrill ? searchFor(by, r.key, filters) : null)), [rows, by, filters, onDrill]);
  const drillable = targets.some(Boolean);
  const onBarClick = useMemo(() => (drillable && onDrill ? (i: number) => {
    const target = targets[i];
    if (target) onDrill(target);
  } : undefined), [drillable, onDrill, targets]);

  if (rows.length === 0) return <p className="empty" data-testid="cases-empty">{cs.empty}</p>;
  const dimension = cs.dimensions[by];
  return (
    <div className="report-body">
      <BarChart
        labels={labels}
        series={series}
        horizontal={by !== 'month'}
        label={t.rep.chartAlt(cs.chart(dimension))}
        fallback={t.rep.chartFallback}
        onBarClick={onBarClick}
        testId="cases-chart"
      />
      {drillable && <p className="hint">{t.rep.drillHint}</p>}
      <p className="hint">{cs.note}</p>
      <div className="table-wrap">
        <table className="report-table" data-testid="cases-table">
          <caption className="visually-hidden">{`${cs.title}: ${dimension}`}</caption>
          <thead>
            <tr>
              <th scope="col">{dimension}</th>
              <th scope="col" className="num">{cs.count}</th>
              {drillable && <th scope="col"><span className="visually-hidden">{t.rep.drill}</span></th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => {
              const target = targets[i];
              const label = labels[i] ?? '';
              return (
                <tr key={r.key ?? '∅'} data-testid={`cases-row-${r.key ?? 'none'}`}>
                  <th scope="row">{label}</th>
                  <td className="num" data-testid="cases-count">{f.int(r.count)}</td>
                  {drillable && (
                    <td>
                      {target && (
                        <button type="button" className="button button-small" aria-label={t.rep.drillLabel(label)} data-testid="cases-drill" onClick={() => onDrill?.(target)}>
                          {t.rep.drill}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
