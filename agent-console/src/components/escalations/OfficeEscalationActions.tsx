import { useId, useState, type FormEvent } from 'react';
import { OUTCOME_CODES, type EscalationDto, type OutcomeCode } from '../../../../src/contracts/index.js';
import { isUnauthorized } from '../../api.js';
import { escalationApi, type OfficeAction } from '../../escalation-api.js';
import { useI18n } from '../../i18n.js';
import { useLive } from '../../live-context.js';
import { failureText, type Feedback } from './action-feedback.js';
import { EscalationTextForm } from './EscalationTextForm.js';

type TextKind = 'actions' | 'info-requests' | 'notes';
const TEXT_KINDS: TextKind[] = ['actions', 'info-requests', 'notes'];

interface Props {
  e: EscalationDto;
  onChanged: (e: EscalationDto) => void;
}

/** The office's side (consulate users): acknowledge, record actions, ask for information, add notes, close with an outcome. */
export function OfficeEscalationActions({ e, onChanged }: Props) {
  const { t, lang } = useI18n();
  const o = t.esc.office;
  const { onUnauthorized } = useLive();
  const titleId = useId();
  const outcomeId = useId();
  const noteId = useId();
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [kind, setKind] = useState<TextKind>('actions');
  const [outcome, setOutcome] = useState<OutcomeCode | ''>('');
  const [closeNote, setCloseNote] = useState('');

  const act = async (action: OfficeAction, done: string): Promise<boolean> => {
    setBusy(action.type);
    setFeedback(null);
    try {
      onChanged(await escalationApi.act(e.id, action, lang));
      setFeedback({ kind: 'done', text: done });
      return true;
    } catch (err) {
      if (isUnauthorized(err)) onUnauthorized();
      else setFeedback({ kind: 'error', text: failureText(o.failed, t.esc.review.failed, err) });
      return false;
    } finally {
      setBusy(null);
    }
  };

  const close = async (ev: FormEvent) => {
    ev.preventDefault();
    if (!outcome) return;
    if (await act({ type: 'close', outcome, note: closeNote.trim() || null }, o.closed)) setCloseNote('');
  };

  const labels: Record<TextKind, { tab: string; field: string }> = {
    actions: { tab: o.action, field: o.actionLabel },
    'info-requests': { tab: o.infoRequest, field: o.infoRequestLabel },
    notes: { tab: o.note, field: o.noteLabel },
  };

  if (e.status === 'closed') {
    return feedback ? <p className="success-note" role="status" data-testid="esc-action-feedback">{feedback.text}</p> : null;
  }

  return (
    <section className="drawer-section esc-actions" aria-labelledby={titleId} data-testid="office-escalation-actions">
      <h3 id={titleId}>{o.actionsTitle}</h3>
      {!e.acknowledgedAt && (
        <div className="section-actions">
          <button type="button" className="button button-primary" disabled={busy !== null} data-testid="esc-ack" onClick={() => void act({ type: 'ack' }, o.acked)}>
            {busy === 'ack' ? o.sending : o.ack}
          </button>
        </div>
      )}
      <div className="tabs" role="radiogroup" aria-label={o.actionsTitle}>
        {TEXT_KINDS.map((k) => (
          <button
            key={k}
            type="button"
            role="radio"
            className="tab"
            aria-checked={kind === k}
            data-testid={`esc-kind-${k}`}
            onClick={() => setKind(k)}
          >
            {labels[k].tab}
          </button>
        ))}
      </div>
      <EscalationTextForm
        key={kind}
        label={labels[kind].field}
        submitLabel={labels[kind].tab}
        busyLabel={o.sending}
        testId="esc-office"
        disabled={busy !== null}
        onSubmit={(text) => act({ type: kind, text }, o.done)}
      />
      <form className="esc-close-form" onSubmit={(ev) => void close(ev)} data-testid="esc-close-form">
        <h4>{o.closeTitle}</h4>
        <div className="field">
          <label htmlFor={outcomeId}>{o.outcome}</label>
          <select id={outcomeId} className="input" value={outcome} data-testid="esc-outcome" onChange={(ev) => setOutcome(ev.target.value as OutcomeCode | '')}>
            <option value="">{o.chooseOutcome}</option>
            {OUTCOME_CODES.map((code) => <option key={code} value={code}>{t.esc.outcomes[code]}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={noteId}>{o.outcomeNote}</label>
          <textarea id={noteId} className="input textarea" rows={2} maxLength={5000} value={closeNote} data-testid="esc-outcome-note" onChange={(ev) => setCloseNote(ev.target.value)} />
        </div>
        <div className="section-actions">
          <button type="submit" className="button button-danger" disabled={!outcome || busy !== null} data-testid="esc-close">
            {busy === 'close' ? o.sending : o.close}
          </button>
          <span className="hint">{o.closeHint}</span>
        </div>
      </form>
      {feedback && (
        <p className={feedback.kind === 'done' ? 'success-note' : 'alert'} role={feedback.kind === 'done' ? 'status' : 'alert'} data-testid="esc-action-feedback">
          {feedback.text}
        </p>
      )}
    </section>
  );
}
