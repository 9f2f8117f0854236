import { useEffect, useRef } from 'react';
import type { CaseListener } from '../hooks/useLiveData.js';
import { useCaseDetail } from '../hooks/useCaseDetail.js';
import { useI18n } from '../i18n.js';
import { CaseDetailBody } from './CaseDetailBody.js';

interface Props {
  caseId: string;
  onClose: () => void;
  onUnauthorized: () => void;
  subscribeCases: (listener: CaseListener) => () => void;
  /** Goes up on every socket (re)connect: updates missed while offline are fetched again. */
  connectCount: number;
  /** Shows another case in this panel (after a merge). */
  onOpenCase?: (id: string) => void;
}

/**
 * A side panel beside the lists (not modal: the queue stays usable). Loaded from
 * GET /api/cases/:id and loaded again whenever the case changes on the server.
 */
export function CaseDetail({ caseId, onClose, onUnauthorized, subscribeCases, connectCount, onOpenCase }: Props) {
  const { t } = useI18n();
  const d = t.detail;
  const { detail, error, reload } = useCaseDetail(caseId, { onUnauthorized, subscribeCases, connectCount });
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  // Move focus into the panel once its title is there, so keyboard and screen-reader users follow.
  const loaded = detail !== null;
  useEffect(() => {
    if (loaded) headingRef.current?.focus();
  }, [loaded, caseId]);

  const c = detail?.case;
  return (
    <aside className="drawer" role="dialog" aria-modal="false" aria-labelledby="case-detail-title" data-testid="case-detail" data-case-id={caseId}>
      <div className="drawer-head">
        <h2 id="case-detail-title" ref={headingRef} tabIndex={-1}>
          <span className="visually-hidden">{d.label} </span>
          <span className="mono" data-testid="case-detail-number">{c?.number ?? d.label}</span>
        </h2>
        {c && <span className={`status status-${c.status}`}>{t.statuses[c.status] ?? c.status}</span>}
        <button type="button" className="button drawer-close" data-testid="case-detail-close" aria-label={d.closeLabel} onClick={onClose}>
          {d.close}
        </button>
      </div>

      <div className="drawer-body">
        <CaseDetailBody detail={detail} error={error} reload={reload} onUnauthorized={onUnauthorized} onOpenCase={onOpenCase} />
      </div>
    </aside>
  );
}
