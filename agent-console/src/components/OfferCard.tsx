import { useEffect, useRef } from 'react';
import { formatMenuPath, formatWait } from '../format.js';
import type { OfferNotice as Notice, StandingOffer } from '../hooks/useOffers.js';
import { useNow } from '../hooks/useNow.js';
import { useI18n } from '../i18n.js';
import { OfferEarlierCases } from './OfferEarlierCases.js';
import { PriorityBadge } from './PriorityBadge.js';

interface Props {
  standing: StandingOffer;
  busy: 'accepting' | 'declining' | null;
  onAccept: () => void;
  onDecline: () => void;
}

/**
 * A caller offered to this agent: an alert dialog over the page (not modal: the queue stays
 * readable behind it), with the case, a countdown and the two answers. Focus moves to Accept when
 * it appears and goes back where it was when it leaves.
 */
export function OfferCard({ standing, busy, onAccept, onDecline }: Props) {
  const { t } = useI18n();
  const o = t.offer;
  const { offer, receivedAt } = standing;
  const now = useNow(250);
  const acceptRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    acceptRef.current?.focus();
    return () => {
      // Only if focus went down with the card: never pull it away from where the agent moved it.
      const lost = !document.activeElement || document.activeElement === document.body;
      if (lost && before?.isConnected) before.focus({ preventScroll: true });
    };
  }, [offer.offerId]);

  const expiresAt = Date.parse(offer.expiresAt);
  const leftMs = Math.max(0, expiresAt - now);
  const totalMs = Math.max(1, expiresAt - receivedAt);
  const leftS = Math.ceil(leftMs / 1000);
  const urgent = leftS <= 5;
  const accepting = busy === 'accepting';

  return (
    <section
      className={`offer${offer.priority === 1 ? ' offer-p1' : ''}`}
      role="alertdialog"
      aria-modal="false"
      aria-labelledby="offer-title"
      aria-describedby="offer-summary"
      data-testid="offer"
      data-offer-id={offer.offerId}
      data-call-sid={offer.callSid}
    >
      <div className="offer-head">
        <span className="offer-bell" aria-hidden="true" />
        <h2 id="offer-title">{o.title}</h2>
        {offer.kind === 'callback' && <span className="kind-badge">{o.kindCallback}</span>}
        <span
          className={`offer-countdown mono${urgent ? ' offer-countdown-urgent' : ''}`}
          data-testid="offer-countdown"
          data-seconds-left={leftS}
          role="timer"
          aria-label={`${o.timeLeft}: ${o.secondsLeft(leftS)}`}
        >
          {formatWait(leftS * 1000)}
        </span>
      </div>
      <progress className="offer-progress" max={totalMs} value={leftMs} aria-hidden="true" />

      <dl className="facts offer-facts" id="offer-summary">
        <div><dt>{o.caseNumber}</dt><dd className="mono strong" data-testid="offer-case-number">{offer.caseNumber}</dd></div>
        <div><dt>{o.priority}</dt><dd><PriorityBadge priority={offer.priority} /></dd></div>
        <div><dt>{o.category}</dt><dd data-testid="offer-category">{t.categories[offer.category] ?? offer.category}</dd></div>
        <div><dt>{o.language}</dt><dd>{t.languages[offer.language] ?? offer.language}</dd></div>
        <div><dt>{o.caller}</dt><dd className="mono" data-testid="offer-caller">{offer.callerMasked}</dd></div>
        <div className="facts-wide"><dt>{o.menuPath}</dt><dd className="mono">{formatMenuPath(offer.menuPath)}</dd></div>
      </dl>

      <OfferEarlierCases caseId={offer.caseId} />

      <div className="offer-actions">
        <button
          type="button"
          ref={acceptRef}
          className="button button-accept"
          data-testid="offer-accept"
          disabled={busy !== null}
          onClick={onAccept}
        >
          {accepting ? o.accepting : o.accept}
        </button>
        <button type="button" className="button" data-testid="offer-decline" disabled={busy !== null} onClick={onDecline}>
          {o.decline}
        </button>
      </div>
    </section>
  );
}

/** What happened to an offer that left, or why an answer failed; it goes away by itself. */
export function OfferNoticeBanner({ notice, onDismiss }: { notice: Notice; onDismiss: () => void }) {
  const { t } = useI18n();
  const o = t.offer;
  const text = notice.kind === 'expired' ? o.expired[notice.reason] : (o.errors[notice.code] ?? o.errorGeneric);
  return (
    <div
      className={notice.kind === 'error' ? 'offer-notice offer-notice-error' : 'offer-notice'}
      role={notice.kind === 'error' ? 'alert' : 'status'}
      data-testid={notice.kind === 'expired' ? 'offer-expired-notice' : 'offer-error'}
      data-reason={notice.kind === 'expired' ? notice.reason : notice.code}
    >
      <span>{text}</span>
      <button type="button" className="button button-small" aria-label={o.dismiss} onClick={onDismiss}>×</button>
    </div>
  );
}
