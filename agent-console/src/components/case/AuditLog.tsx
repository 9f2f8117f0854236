import { useEffect, useId, useRef, useState } from 'react';
import type { CaseAuditEntryDto } from '../../../../src/contracts/index.js';
import { isUnauthorized } from '../../api.js';
import { caseApi } from '../../case-api.js';
import { fieldLabel, labelOf } from '../../case-labels.js';
import { useCurrentUser } from '../../current-user.js';
import { useI18n } from '../../i18n.js';

/** Who looked at or changed the case (supervisors and admins); supervisors may also export it. */
export function AuditLog({ caseId, onUnauthorized }: { caseId: string; onUnauthorized: () => void }) {
  const { t, formatDateTimeSeconds } = useI18n();
  const a = t.cw.audit;
  const { role } = useCurrentUser();
  const titleId = useId();
  const [entries, setEntries] = useState<CaseAuditEntryDto[] | null>(null);
  const [failed, setFailed] = useState(false);
  const onUnauthorizedRef = useRef(onUnauthorized);
  useEffect(() => {
    onUnauthorizedRef.current = onUnauthorized;
  }, [onUnauthorized]);

  useEffect(() => {
    let cancelled = false;
    caseApi.audit(caseId)
      .then(({ entries: list }) => !cancelled && setEntries(list))
      .catch((err: unknown) => {
        if (cancelled) return;
        if (isUnauthorized(err)) onUnauthorizedRef.current();
        else setFailed(true);
      });
    return () => {
      cancelled = true;
    };
  }, [caseId]);

  return (
    <section className="drawer-section" aria-labelledby={titleId} data-testid="audit-log">
      <h3 id={titleId}>{a.title} <span className="note-inline">{t.detail.timeZoneNote}</span></h3>
      <p className="hint">{a.hint}</p>
      {role === 'supervisor' && (
        <p className="audit-export">
          {/* A plain download: the browser sends the session cookie, the server names the file. */}
          <a className="button button-small" href={caseApi.exportUrl(caseId)} download data-testid="case-export">{a.export}</a>
          <span className="hint"> {a.exportHint}</span>
        </p>
      )}
      {failed && <p className="alert" role="alert">{a.loadError}</p>}
      {!entries && !failed && <p className="muted" role="status">{t.loading}</p>}
      {entries?.length === 0 && <p className="muted">{a.empty}</p>}
      {entries && entries.length > 0 && (
        <div className="table-wrap">
          <table className="audit-table">
            <thead>
              <tr><th scope="col">{a.when}</th><th scope="col">{a.who}</th><th scope="col">{a.action}</th><th scope="col">{a.fields}</th></tr>
            </thead>
            <tbody>
              {entries.map((e, i) => (
                <tr key={`${e.at}-${i}`} data-testid="audit-entry" data-action={e.action}>
                  <td className="mono"><time dateTime={e.at}>{formatDateTimeSeconds(e.at)}</time></td>
                  <td>{e.actorName ?? '—'}</td>
                  <td>{labelOf(a.actions, e.action)}</td>
                  <td className="audit-fields">{e.fields.map((f) => (e.action === 'listen' ? f : fieldLabel(t, f))).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
