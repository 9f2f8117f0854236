import type { ReactNode } from 'react';
import type { ReportResult } from '../../hooks/useReport.js';
import { useI18n } from '../../i18n.js';

interface Props<T> {
  id: string;
  title: string;
  result: ReportResult<T> & { reload: () => void };
  /** The section's CSV: the same filters, format=csv. */
  csvUrl: string;
  /** Next to the title: a selector that belongs to this section only. */
  controls?: ReactNode;
  children: (data: T) => ReactNode;
}

/** One report: its title and CSV link, then loading, the server's refusal, or the figures. */
export function ReportSection<T>({ id, title, result, csvUrl, controls, children }: Props<T>) {
  const { t } = useI18n();
  const r = t.rep;
  return (
    <section className="panel report-section" aria-labelledby={`${id}-title`} data-testid={`report-${id}`} data-state={result.state} aria-busy={result.state === 'loading'}>
      <div className="panel-head report-head">
        <h2 id={`${id}-title`}>{title}</h2>
        {controls}
        <a className="button button-small report-csv" href={csvUrl} download data-testid={`${id}-csv`} aria-label={r.csvLabel(title)}>
          {r.csv}
        </a>
      </div>
      {result.state === 'loading' && <p className="muted empty" role="status">{r.loading}</p>}
      {result.state === 'failed' && (
        <p className="alert panel-alert" role="alert" data-testid={`${id}-error`}>
          {result.message}{' '}
          <button type="button" className="button button-small" onClick={result.reload}>{r.retry}</button>
        </p>
      )}
      {result.state === 'ready' && children(result.data)}
    </section>
  );
}
