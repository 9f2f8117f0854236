import { useEffect, useId, useRef, useState } from 'react';
import { isUnauthorized } from '../../api.js';
import { escalationApi, type OfficeAuditEntryDto } from '../../escalation-api.js';
import { useI18n, type Messages } from '../../i18n.js';
import { useLive } from '../../live-context.js';

const show = (v: unknown): string => {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.length ? v.join(', ') : '—';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
};

function fieldName(t: Messages, key: string): string {
  const labels = t.esc.offices as unknown as Record<string, unknown>;
  const label = labels[key];
  return typeof label === 'string' ? label : key;
}

/** Who changed the office, when, and each field before and after; `version` reloads it after a save. */
export function OfficeAuditLog({ officeId, version }: { officeId: string; version: number }) {
  const { t, formatDateTimeSeconds } = useI18n();
  const o = t.esc.offices;
  const { onUnauthorized } = useLive();
  const titleId = useId();
  const [entries, setEntries] = useState<OfficeAuditEntryDto[] | null>(null);
  const [failed, setFailed] = useState(false);
  const onUnauthorizedRef = useRef(onUnauthorized);
  useEffect(() => {
    onUnauthorizedRef.current = onUnauthorized;
  }, [onUnauthorized]);

  useEffect(() => {
    let cancelled = false;
    escalationApi.officeAudit(officeId)
      .then(({ entries: list }) => !cancelled && (setEntries(list), setFailed(false)))
      .catch((err: unknown) => {
        if (cancelled) return;
        if (isUnauthorized(err)) onUnauthorizedRef.current();
        else setFailed(true);
      });
    return () => {
      cancelled = true;
    };
  }, [officeId, version]);

  return (
    <section className="drawer-section" aria-labelledby={titleId} data-testid="office-audit">
      <h3 id={titleId}>{o.auditTitle} <span className="note-inline">{t.detail.timeZoneNote}</span></h3>
      {failed && <p className="alert" role="alert">{o.auditLoadError}</p>}
      {!entries && !failed && <p className="muted" role="status">{t.loading}</p>}
      {entries?.length === 0 && <p className="muted">{o.auditEmpty}</p>}
      {entries && entries.length > 0 && (
        <div className="table-wrap">
          <table className="audit-table">
            <thead><tr><th scope="col">{o.when}</th><th scope="col">{o.who}</th><th scope="col">{o.what}</th></tr></thead>
            <tbody>
              {entries.map((e, i) => (
                <tr key={`${e.at}-${i}`} data-testid="office-audit-entry">
                  <td className="mono"><time dateTime={e.at}>{formatDateTimeSeconds(e.at)}</time></td>
                  <td>{e.actorName ?? '—'}</td>
                  <td className="audit-fields">
                    {e.changes.webhookSecret === 'shown'
                      ? o.secretShown
                      : (
                        <ul className="office-changes">
                          {Object.entries(e.changes).map(([key, change]) => {
                            const c = (change ?? {}) as { from?: unknown; to?: unknown };
                            return <li key={key}><strong>{fieldName(t, key)}</strong>: {show(c.from)} → {show(c.to)}</li>;
                          })}
                        </ul>
                      )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
