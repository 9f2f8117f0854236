import { useId } from 'react';
import { useEarlierCases } from '../hooks/useEarlierCases.js';
import { useI18n } from '../i18n.js';

/** At most this many fit on the card; the rest are counted. */
const SHOWN = 4;
// A failed load says so on the card; signing in again is left to the console's other requests.
const ignore = () => undefined;

/** A returning caller's earlier cases, on the offer itself: seen before deciding to accept. */
export function OfferEarlierCases({ caseId }: { caseId: string }) {
  const { t, formatDateTime } = useI18n();
  const e = t.cw.earlier;
  const titleId = useId();
  const { cases, failed } = useEarlierCases(caseId, ignore);
  return (
    <section className="offer-earlier" aria-labelledby={titleId} data-testid="offer-earlier">
      <h3 id={titleId}>{e.title}</h3>
      {failed && <p className="muted">{e.failed}</p>}
      {!cases && !failed && <p className="muted" role="status">{e.loading}</p>}
      {cases?.length === 0 && <p className="muted" data-testid="offer-earlier-none">{e.none}</p>}
      {cases && cases.length > 0 && (
        <ul className="offer-earlier-list">
          {cases.slice(0, SHOWN).map((c) => (
            <li key={c.id} data-testid="offer-earlier-case" data-case-id={c.id}>
              <span className="mono strong">{c.number}</span>
              <span className={`status status-${c.status}`}>{t.statuses[c.status] ?? c.status}</span>
              <span>{t.categories[c.category] ?? c.category}</span>
              <time className="muted" dateTime={c.createdAt}>{formatDateTime(c.createdAt)}</time>
            </li>
          ))}
          {cases.length > SHOWN && <li className="muted">{e.more(cases.length - SHOWN)}</li>}
        </ul>
      )}
    </section>
  );
}
