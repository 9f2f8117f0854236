import { useEffect, useId, useRef } from 'react';
import type { AgentState } from '../../../src/contracts/index.js';
import { formatWait } from '../format.js';
import { useCaseDetail } from '../hooks/useCaseDetail.js';
import type { CaseListener } from '../hooks/useLiveData.js';
import { useNow } from '../hooks/useNow.js';
import type { MyCall } from '../hooks/useOffers.js';
import { useI18n } from '../i18n.js';
import type { SoftphoneStatus } from '../softphone/index.js';
import { CaseDetailBody } from './CaseDetailBody.js';

interface Props {
  call: MyCall;
  presenceState: AgentState | 'unknown';
  softphoneStatus: SoftphoneStatus;
  /** Wrap-up done: available for the next call. */
  onReady: () => void;
  onClose: () => void;
  onUnauthorized: () => void;
  subscribeCases: (listener: CaseListener) => () => void;
  connectCount: number;
}

/**
 * The call the agent accepted: its case (the same detail as the case panel, kept live) and a
 * running timer, which stops when the server moves the agent off the call.
 */
export function MyCallPanel({
  call, presenceState, softphoneStatus, onReady, onClose, onUnauthorized, subscribeCases, connectCount,
}: Props) {
  const { t } = useI18n();
  const m = t.myCall;
  const titleId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { detail, error, reload } = useCaseDetail(call.caseId, { onUnauthorized, subscribeCases, connectCount });
  const now = useNow();
  const ended = call.endedAt !== null;
  const elapsed = (call.endedAt ?? now) - call.startedAt;
  const c = detail?.case;

  // The accept button is gone: bring keyboard and screen-reader users here.
  useEffect(() => {
    headingRef.current?.focus({ preventScroll: true });
  }, [call.callSid]);

  return (
    <section
      className={`panel my-call${ended ? ' my-call-ended' : ''}`}
      aria-labelledby={titleId}
      data-testid="my-call"
      data-call-sid={call.callSid}
      data-case-id={call.caseId}
    >
      <div className="panel-head my-call-head">
        <h2 id={titleId} ref={headingRef} tabIndex={-1}>{m.title}</h2>
        <span className="mono strong" data-testid="my-call-case-number">{c?.number ?? call.offer.caseNumber}</span>
        {c && <span className={`status status-${c.status}`}>{t.statuses[c.status] ?? c.status}</span>}
        <span className={`call-timer${ended ? ' call-timer-ended' : ''}`}>
          <span className="visually-hidden">{m.duration}: </span>
          <span className="mono" data-testid="call-timer" data-state={ended ? 'ended' : 'running'} role="timer">{formatWait(elapsed)}</span>
          <span className="call-timer-label">{ended ? m.ended : m.running}</span>
        </span>
        <span className="my-call-actions">
          {presenceState === 'wrap_up' && (
            <button type="button" className="button button-primary" data-testid="wrap-up-done" onClick={onReady}>{m.wrapUpDone}</button>
          )}
          {ended && (
            <button type="button" className="button" data-testid="my-call-close" aria-label={m.closeLabel} onClick={onClose}>{m.close}</button>
          )}
        </span>
      </div>
      {softphoneStatus === 'unavailable' && !ended && <p className="info-note my-call-note">{m.onPhone}</p>}
      <div className="my-call-body">
        <CaseDetailBody detail={detail} error={error} onRetry={() => void reload()} />
      </div>
    </section>
  );
}
