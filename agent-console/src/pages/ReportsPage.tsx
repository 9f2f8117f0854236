import { useMemo, useState } from 'react';
import { AgentsSection } from '../components/reports/AgentsSection.js';
import { CallsSection } from '../components/reports/CallsSection.js';
import { CasesSection } from '../components/reports/CasesSection.js';
import type { Drill } from '../components/reports/drill.js';
import { EscalationsSection } from '../components/reports/EscalationsSection.js';
import { ReportFiltersForm, defaultReportFilters } from '../components/reports/ReportFiltersForm.js';
import { useI18n } from '../i18n.js';
import { reportCsvUrl, type CaseDimension, type ReportFilters } from '../report-api.js';
import { reportFormats } from '../report-format.js';

/** What the page shows; kept by the console, so that coming back from a drill-down finds it as it was. */
export interface ReportView {
  filters: ReportFilters;
  by: CaseDimension;
}

interface Props {
  /** null: the defaults (the last 30 days, cases by category). */
  view: ReportView | null;
  onViewChange: (view: ReportView) => void;
  /** Supervisors only: a bar or a row opens the case search with its filter. */
  onDrill?: Drill;
}

/**
 * Supervisors and admins: calls, cases, escalations and agents over a range of days, each drawn and in
 * a table with the same figures, each downloadable as CSV; and the anonymised open data.
 */
export function ReportsPage({ view, onViewChange, onDrill }: Props) {
  const { t, lang } = useI18n();
  const r = t.rep;
  const [initial] = useState<ReportView>(() => ({ filters: defaultReportFilters(), by: 'category' }));
  const current = view ?? initial;
  const { filters, by } = current;
  const f = useMemo(() => reportFormats(lang, r.none), [lang, r.none]);

  const downloads = [
    { id: 'calls', label: r.calls.title, url: reportCsvUrl('calls', filters) },
    { id: 'cases', label: `${r.cases.title}: ${r.cases.dimensions[by]}`, url: reportCsvUrl('cases', filters, { by }) },
    { id: 'escalations', label: r.escalations.title, url: reportCsvUrl('escalations', filters) },
    { id: 'agents', label: r.agents.title, url: reportCsvUrl('agents', filters) },
  ];

  return (
    <div className="reports-page" data-testid="reports-page">
      <div className="page-head">
        <h1>{r.title}</h1>
        <p className="muted">{r.intro}</p>
      </div>
      <ReportFiltersForm filters={filters} onApply={(next) => onViewChange({ ...current, filters: next })} />
      <p className="report-showing" data-testid="report-showing">{r.filters.showing(f.day(filters.from), f.day(filters.to))}</p>
      <CallsSection filters={filters} onDrill={onDrill} />
      <CasesSection filters={filters} by={by} onByChange={(next) => onViewChange({ ...current, by: next })} onDrill={onDrill} />
      <EscalationsSection filters={filters} onDrill={onDrill} />
      <AgentsSection filters={filters} />
      <section className="panel" aria-labelledby="report-downloads-title" data-testid="report-downloads">
        <div className="panel-head">
          <h2 id="report-downloads-title">{r.downloads.title}</h2>
        </div>
        <div className="report-downloads">
          <p className="hint">{r.downloads.intro}</p>
          <ul className="download-list">
            {downloads.map((d) => (
              <li key={d.id}>
                <a className="button button-small" href={d.url} download data-testid={`download-${d.id}`} aria-label={r.csvLabel(d.label)}>{d.label} (CSV)</a>
              </li>
            ))}
          </ul>
          <p>
            <a className="button button-small" href={reportCsvUrl('open-data', filters)} download data-testid="open-data-csv">{r.downloads.openData}</a>
          </p>
          <p className="hint">{r.downloads.openDataHint}</p>
        </div>
      </section>
    </div>
  );
}
