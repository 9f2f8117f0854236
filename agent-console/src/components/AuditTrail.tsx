import { useId, type ReactNode } from 'react';
import { useI18n } from '../i18n.js';

export interface AuditEntry {
  at: string;
  actorName: string | null;
}

export interface AuditColumn<E> {
  heading: string;
  className?: string;
  render: (entry: E) => ReactNode;
}

interface Props<E extends AuditEntry> {
  title: string;
  /** Column headings for the time and the person, which every audit trail has. */
  whenLabel: string;
  whoLabel: string;
  /** What each trail records beyond who and when. */
  columns: AuditColumn<E>[];
  entries: E[] | null;
  failed: boolean;
  loadError: string;
  emptyText: string;
  testId: string;
  entryTestId: string;
  /** Extra data-* on each row, for tests that pick entries by kind. */
  entryData?: (entry: E) => Record<`data-${string}`, string>;
  /** Shown between the title and the table (hints, downloads). */
  children?: ReactNode;
}

/** A drawer section listing who did what when, with its loading, failed and empty states. */
export function AuditTrail<E extends AuditEntry>({
  title, whenLabel, whoLabel, columns, entries, failed, loadError, emptyText, testId, entryTestId, entryData, children,
}: Props<E>) {
  const { t, formatDateTimeSeconds } = useI18n();
  const titleId = useId();
  return (
    <section className="drawer-section" aria-labelledby={titleId} data-testid={testId}>
      <h3 id={titleId}>{title} <span className="note-inline">{t.detail.timeZoneNote}</span></h3>
      {children}
      {failed && <p className="alert" role="alert">{loadError}</p>}
      {!entries && !failed && <p className="muted" role="status">{t.loading}</p>}
      {entries?.length === 0 && <p className="muted">{emptyText}</p>}
      {entries && entries.length > 0 && (
        <div className="table-wrap">
          <table className="audit-table">
            <thead>
              <tr>
                <th scope="col">{whenLabel}</th>
                <th scope="col">{whoLabel}</th>
                {columns.map((c, i) => <th key={i} scope="col">{c.heading}</th>)}
              </tr>
            </thead>
            <tbody>
              {entries.map((e, i) => (
                <tr key={`${e.at}-${i}`} data-testid={entryTestId} {...entryData?.(e)}>
                  <td className="mono"><time dateTime={e.at}>{formatDateTimeSeconds(e.at)}</time></td>
                  <td>{e.actorName ?? '—'}</td>
                  {columns.map((c, j) => <td key={j} className={c.className}>{c.render(e)}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
