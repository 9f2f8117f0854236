import { useId, useState } from 'react';
import type { CaseSummaryDto } from '../../../src/contracts/index.js';
import { caseApi } from '../case-api.js';
import { useEarlierCases } from '../hooks/useEarlierCases.js';
import { useI18n } from '../i18n.js';
import { PriorityBadge } from './PriorityBadge.js';

interface Props {
  caseId: string;
  onUnauthorized: () => void;
  /** Fetched again on every (re)connect. */
  connectCount: number;
  /** The call on the line: each earlier case offers to take it ("this call is about that case"). */
  callSid?: string;
  onLinked?: (caseId: string) => void;
}

/** The same caller's other cases (GET /api/cases/:id/earlier), newest first: context before answering. */
export function EarlierCases({ caseId, onUnauthorized, connectCount, callSid, onLinked }: Props) {
  const { t, formatDateTime } = useI18n();
  const e = t.myCall.earlier;
  const l = t.cw.earlier;
  const titleId = useId();
  const { cases, failed } = useEarlierCases(caseId, onUnauthorized, connectCount);
  const [linking, setLinking] = useState<string | null>(null);
  const [linkError, setLinkError] = useState<string | null>(null);

  const link = async (c: CaseSummaryDto) => {
    if (!callSid) return;
    setLinking(c.id);
    setLinkError(null);
    try {
      await caseApi.linkCall(callSid, c.id);
      onLinked?.(c.id);
    } catch (err) {
      setLinkError(err instanceof Error && err.message ? `${l.linkFailed} ${err.message}` : l.linkFailed);
    } finally {
      setLinking(null);
    }
  };

  return (
    <section className="drawer-section" aria-labelledby={titleId} data-testid="earlier-cases">
      <h3 id={titleId}>
        {e.title} <span className="note-inline">{t.detail.timeZoneNote}</span>
      </h3>
      {failed && <p className="alert" role="alert">{e.loadError}</p>}
      {cases === null && !failed && <p className="muted" role="status">{t.loading}</p>}
      {cases?.length === 0 && <p className="muted" data-testid="earlier-cases-empty">{e.empty}</p>}
      {linkError && <p className="alert" role="alert" data-testid="link-call-error">{linkError}</p>}
      {cases && cases.length > 0 && (
        <ul className="earlier-cases">
          {cases.map((c) => (
            <li key={c.id} className="earlier-case" data-testid="earlier-case" data-case-id={c.id}>
              <span className="mono strong">{c.number}</span>
              <time dateTime={c.createdAt} className="muted">{formatDateTime(c.createdAt)}</time>
              <span className={`status status-${c.status}`}>{t.statuses[c.status] ?? c.status}</span>
              <PriorityBadge priority={c.priority} />
              <span>{t.categories[c.category] ?? c.category}</span>
              {c.displayName && <span>{c.displayName}</span>}
              {callSid && onLinked && (
                <button
                  type="button"
                  className="button button-small earlier-case-link"
                  disabled={linking !== null}
                  data-testid="link-call"
                  onClick={() => void link(c)}
                >
                  {linking === c.id ? l.linking : l.link}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
