import { useEffect, useId, useRef, useState } from 'react';
import type { CaseSummaryDto } from '../../../src/contracts/index.js';
import { api, isUnauthorized } from '../api.js';
import { useI18n } from '../i18n.js';
import { PriorityBadge } from './PriorityBadge.js';

interface Props {
  caseId: string;
  onUnauthorized: () => void;
  /** Fetched again on every (re)connect. */
  connectCount: number;
}

/** The same caller's other cases (GET /api/cases/:id/earlier), newest first: context before answering. */
export function EarlierCases({ caseId, onUnauthorized, connectCount }: Props) {
  const { t, formatDateTime } = useI18n();
  const e = t.myCall.earlier;
  const titleId = useId();
  const [cases, setCases] = useState<CaseSummaryDto[] | null>(null);
  const [failed, setFailed] = useState(false);
  const onUnauthorizedRef = useRef(onUnauthorized);
  useEffect(() => {
    onUnauthorizedRef.current = onUnauthorized;
  }, [onUnauthorized]);

  useEffect(() => {
    let cancelled = false;
    api.earlierCases(caseId)
      .then(({ cases: list }) => {
        if (cancelled) return;
        setCases(list);
        setFailed(false);
      })
      .catch((err: unknown) => {
        if (cancelled) return;
        if (isUnauthorized(err)) onUnauthorizedRef.current();
        else setFailed(true);
      });
    return () => {
      cancelled = true;
    };
  }, [caseId, connectCount]);

  return (
    <section className="drawer-section" aria-labelledby={titleId} data-testid="earlier-cases">
      <h3 id={titleId}>
        {e.title} <span className="note-inline">{t.detail.timeZoneNote}</span>
      </h3>
      {failed && <p className="alert" role="alert">{e.loadError}</p>}
      {cases === null && !failed && <p className="muted" role="status">{t.loading}</p>}
      {cases?.length === 0 && <p className="muted" data-testid="earlier-cases-empty">{e.empty}</p>}
      {cases && cases.length > 0 && (
        <ul className="earlier-cases">
          {cases.map((c) => (
            <li key={c.id} className="earlier-case" data-testid="earlier-case" data-case-id={c.id}>
              <span className="mono strong">{c.number}</span>
              <time dateTime={c.createdAt} className="muted">{formatDateTime(c.createdAt)}</time>
              <span className={`status status-${c.status}`}>{t.statuses[c.status] ?? c.status}</span>
              <PriorityBadge priority={c.priority} />
              <span>{t.categories[c.category] ?? c.category}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
