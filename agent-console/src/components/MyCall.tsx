import { useEffect, useId, useRef, useState } from 'react';
import type { AgentState } from '../../../src/contracts/index.js';
import { formatWait } from '../format.js';
import { useCaseDetail } from '../hooks/useCaseDetail.js';
import type { CaseListener } from '../hooks/useLiveData.js';
import { useNow } from '../hooks/useNow.js';
import type { MyCall, TransferResult, TransferTarget } from '../hooks/useOffers.js';
import { useI18n } from '../i18n.js';
import type { SoftphoneStatus } from '../softphone/index.js';
import { CaseDetailBody } from './CaseDetailBody.js';
import { EarlierCases } from './EarlierCases.js';
import { TransferPicker } from './TransferPicker.js';

interface CaseProps {
  onUnauthorized: () => void;
  subscribeCases: (listener: CaseListener) => () => void;
  connectCount: number;
}

interface Props extends CaseProps {
  call: MyCall;
  presenceState: AgentState | 'unknown';
  softphoneStatus: SoftphoneStatus;
  busy: 'hold' | 'hangup' | 'transfer' | null;
  /** The server's refusal of the last hold or hang-up, as its code. */
  error: string | null;
  onHold: (on: boolean) => void;
  onHangup: () => void;
  /** Passes the call to a colleague; a refusal is shown in the picker. */
  onTransfer: (to: TransferTarget) => Promise<TransferResult>;
  /** Wrap-up done: available for the next call. */
  onReady: () => void;
  onClose: () => void;
}

/**
 * The call the agent is on: its case (the same detail as the case panel, kept live), the caller's
 * earlier cases and a running timer, which stops when the server moves the agent off the call.
 * Hold, transfer and hang-up go through the server, so they work whether the call is in the
 * browser or on the agent's phone.
 */
export function MyCallPanel({
  call, presenceState, softphoneStatus, busy, error, onHold, onHangup, onTransfer, onReady, onClose, onUnauthorized, subscribeCases,
  connectCount,
}: Props) {
  const { t } = useI18n();
  const m = t.myCall;
  const titleId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const transferRef = useRef<HTMLButtonElement>(null);
  const pickerId = useId();
  const now = useNow();
  const ended = call.endedAt !== null;
  const elapsed = (call.endedAt ?? now) - call.startedAt;
  // The picker belongs to the call it was opened on (the same call may come back, transferred again).
  const [pickingFor, setPickingFor] = useState<number | null>(null);
  const canTransfer = !ended && !call.onHold;
  const picking = pickingFor === call.startedAt && canTransfer;

  const doneRef = useRef<HTMLParagraphElement>(null);
  // The agent may say the call belongs to an earlier case: from then on that case is shown.
  const [linkedCaseId, setLinkedCaseId] = useState<string | null>(null);
  const caseId = linkedCaseId ?? call.caseId;
  const transferredTo = call.transferredTo?.agentId ?? null;

  const closePicker = () => {
    setPickingFor(null);
    transferRef.current?.focus();
  };

  // The accept button is gone: bring keyboard and screen-reader users here.
  useEffect(() => {
    headingRef.current?.focus({ preventScroll: true });
  }, [call.callSid]);

  // Passed on: the transfer button is gone with the call, so the focus goes to the note that says where.
  useEffect(() => {
    if (transferredTo) doneRef.current?.focus({ preventScroll: true });
  }, [transferredTo]);

  return (
    <section
      className={`panel my-call${ended ? ' my-call-ended' : ''}${call.onHold ? ' my-call-held' : ''}`}
      aria-labelledby={titleId}
      data-testid="my-call"
      data-call-sid={call.callSid}
      data-case-id={caseId ?? undefined}
      data-on-hold={call.onHold ? 'true' : 'false'}
    >
      <div className="panel-head my-call-head">
        <h2 id={titleId} ref={headingRef} tabIndex={-1}>{m.title}</h2>
        {call.offer && !linkedCaseId && <span className="mono strong" data-testid="my-call-case-number">{call.offer.caseNumber}</span>}
        <span className={`call-timer${ended ? ' call-timer-ended' : ''}`}>
          <span className="visually-hidden">{m.duration}: </span>
          <span className="mono" data-testid="call-timer" data-state={ended ? 'ended' : 'running'} role="timer">{formatWait(elapsed)}</span>
          <span className="call-timer-label">{ended ? m.ended : m.running}</span>
        </span>
        {call.transferredFrom && <span className="tag" data-testid="my-call-transferred">{m.transferred}</span>}
        <span className="my-call-actions">
          {!ended && (
            <>
              <button
                type="button"
                className={`button${call.onHold ? ' button-pressed' : ''}`}
                data-testid="call-hold"
                aria-pressed={call.onHold}
                disabled={busy !== null}
                onClick={() => {
                  setPickingFor(null);
                  onHold(!call.onHold);
                }}
              >
                {call.onHold ? m.resume : m.hold}
              </button>
              <button
                type="button"
                ref={transferRef}
                className="button"
                data-testid="call-transfer"
                aria-expanded={picking}
                aria-controls={picking ? pickerId : undefined}
                disabled={busy !== null || !canTransfer}
                onClick={() => setPickingFor(picking ? null : call.startedAt)}
              >
                {m.transfer.open}
              </button>
              <button type="button" className="button button-danger" data-testid="call-end" disabled={busy !== null} onClick={onHangup}>
                {m.hangup}
              </button>
            </>
          )}
          {presenceState === 'wrap_up' && (
            <button type="button" className="button button-primary" data-testid="wrap-up-done" onClick={onReady}>{m.wrapUpDone}</button>
          )}
          {ended && (
            <button type="button" className="button" data-testid="my-call-close" aria-label={m.closeLabel} onClick={onClose}>{m.close}</button>
          )}
        </span>
      </div>
      {picking && (
        <TransferPicker
          id={pickerId}
          transferring={busy === 'transfer'}
          blocked={busy !== null && busy !== 'transfer'}
          onTransfer={onTransfer}
          onDone={() => setPickingFor(null)}
          onCancel={closePicker}
          onUnauthorized={onUnauthorized}
        />
      )}
      {call.transferredTo && (
        <p
          ref={doneRef}
          tabIndex={-1}
          className="success-note my-call-note"
          role="status"
          data-testid="transfer-done"
          data-agent-id={call.transferredTo.agentId}
        >
          {m.transfer.done(call.transferredTo.name)}
        </p>
      )}
      {error && (
        <p className="alert my-call-note" role="alert" data-testid="my-call-error" data-code={error}>{m.errors[error] ?? m.errorGeneric}</p>
      )}
      {call.onHold && !ended && <p className="info-note my-call-note" role="status" data-testid="my-call-on-hold">{m.onHoldNote}</p>}
      {softphoneStatus === 'unavailable' && !ended && <p className="info-note my-call-note">{m.onPhone}</p>}
      <div className="my-call-body">
        {caseId
          ? (
            <MyCallCase
              key={caseId}
              caseId={caseId}
              callSid={call.callSid}
              showNumber={!call.offer || caseId !== call.caseId}
              onLinked={setLinkedCaseId}
              onUnauthorized={onUnauthorized}
              subscribeCases={subscribeCases}
              connectCount={connectCount}
            />
          )
          : <p className="muted">{m.noCase}</p>}
      </div>
    </section>
  );
}

/** The case of the call; its number is in the panel's heading already when the call came from an offer. */
function MyCallCase({ caseId, callSid, showNumber, onLinked, onUnauthorized, subscribeCases, connectCount }: CaseProps & {
  caseId: string;
  callSid: string;
  showNumber: boolean;
  /** The call now belongs to this case (linked by the agent, or its case merged there). */
  onLinked: (caseId: string) => void;
}) {
  const { t } = useI18n();
  const { detail, error, reload } = useCaseDetail(caseId, { onUnauthorized, subscribeCases, connectCount });
  const c = detail?.case;
  return (
    <>
      {c && showNumber && (
        <p className="my-call-case">
          <span className="visually-hidden">{t.detail.label}: </span>
          <span className="mono strong" data-testid="my-call-case">{c.number}</span>{' '}
          <span className={`status status-${c.status}`}>{t.statuses[c.status] ?? c.status}</span>
        </p>
      )}
      <CaseDetailBody detail={detail} error={error} reload={reload} onUnauthorized={onUnauthorized} onOpenCase={onLinked} />
      <EarlierCases caseId={caseId} onUnauthorized={onUnauthorized} connectCount={connectCount} callSid={callSid} onLinked={onLinked} />
    </>
  );
}
