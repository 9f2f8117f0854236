import { useId, useState } from 'react';
import type { EscalationDetailDto, EscalationDto } from '../../../../src/contracts/index.js';
import { isUnauthorized } from '../../api.js';
import { escalationApi, type HotlineAction } from '../../escalation-api.js';
import { useI18n } from '../../i18n.js';
import { useLive } from '../../live-context.js';
import { failureText, type Feedback } from './action-feedback.js';
import { EscalationTextForm } from './EscalationTextForm.js';

interface Props {
  detail: EscalationDetailDto;
  /** After a change: the escalation as the server stored it (when it answered with one). */
  onChanged: (e?: EscalationDto) => void;
}

/**
 * The hotline's side (agents and supervisors): answer what the office asked, add a note the office
 * receives on its channels, and tell the caller where it stands by SMS.
 */
export function HotlineEscalationActions({ detail, onChanged }: Props) {
  const { t, lang } = useI18n();
  const h = t.esc.hotline;
  const { onUnauthorized } = useLive();
  const titleId = useId();
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [notifying, setNotifying] = useState(false);
  const e = detail.escalation;
  const open = e.status !== 'closed';
  const lastRequest = [...detail.events].reverse().find((x) => x.kind === 'info_request');

  const fail = (err: unknown) => {
    if (isUnauthorized(err)) onUnauthorized();
    else setFeedback({ kind: 'error', text: failureText(h.failed, t.esc.review.failed, err) });
  };

  const act = async (action: HotlineAction): Promise<boolean> => {
    setFeedback(null);
    try {
      onChanged(await escalationApi.act(e.id, action, lang));
      return true;
    } catch (err) {
      fail(err);
      return false;
    }
  };

  const notify = async () => {
    setNotifying(true);
    setFeedback(null);
    try {
      await escalationApi.notifyCaller(e.id);
      setFeedback({ kind: 'done', text: h.notified });
      onChanged();
    } catch (err) {
      fail(err);
    } finally {
      setNotifying(false);
    }
  };

  return (
    <section className="drawer-section esc-actions" aria-labelledby={titleId} data-testid="hotline-escalation-actions">
      <h3 id={titleId} className="visually-hidden">{h.answerTitle}</h3>
      {e.status === 'info_requested' && (
        <div className="esc-info-request" data-testid="escalation-info-request">
          <p className="esc-info-request-text">
            <strong>{t.esc.detail.infoRequested}</strong> {typeof lastRequest?.data.text === 'string' ? lastRequest.data.text : ''}
          </p>
          <EscalationTextForm label={h.answerTitle} submitLabel={h.answer} busyLabel={h.sending} testId="esc-answer" onSubmit={(text) => act({ type: 'info', text })} />
        </div>
      )}
      {open && <EscalationTextForm label={h.noteTitle} submitLabel={h.note} busyLabel={h.sending} testId="esc-note" onSubmit={(text) => act({ type: 'notes', text })} />}
      <div className="section-actions">
        <button type="button" className="button button-small" disabled={notifying} data-testid="esc-notify-caller" onClick={() => void notify()}>
          {notifying ? h.sending : h.notify}
        </button>
        <span className="hint">{h.notifyHint}</span>
      </div>
      {feedback && (
        <p className={feedback.kind === 'done' ? 'success-note' : 'alert'} role={feedback.kind === 'done' ? 'status' : 'alert'} data-testid="esc-action-feedback">
          {feedback.text}
        </p>
      )}
    </section>
  );
}
