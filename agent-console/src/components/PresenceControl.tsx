import { useEffect, useId, useRef, useState, type ChangeEvent } from 'react';
import { BREAK_REASONS, SELF_STATES, type OwnPresence, type SelfState } from '../hooks/usePresence.js';
import { reasonLabel, useI18n } from '../i18n.js';

interface Props {
  presence: OwnPresence;
  pending: boolean;
  connected: boolean;
  error: string | null;
  onSet: (state: SelfState, reason?: string) => Promise<boolean>;
  onDismissError: () => void;
}

const isSelfState = (s: string): s is SelfState => (SELF_STATES as readonly string[]).includes(s);

/**
 * The agent's own state in the header: what the server says it is, and a select to change it.
 * A break asks for its reason first; only then is it sent.
 */
export function PresenceControl({ presence, pending, connected, error, onSet, onDismissError }: Props) {
  const { t } = useI18n();
  const p = t.presence;
  const selectId = useId();
  const reasonId = useId();
  const [askingReason, setAskingReason] = useState(false);
  const reasonRef = useRef<HTMLSelectElement>(null);
  const selectRef = useRef<HTMLSelectElement>(null);

  useEffect(() => {
    if (askingReason) reasonRef.current?.focus();
  }, [askingReason]);

  const { state, reason } = presence;
  const onCall = state === 'on_call';
  const value = askingReason ? 'break' : isSelfState(state) ? state : '';
  const stateText = state === 'unknown' ? p.unknown : p.states[state];

  const choose = (e: ChangeEvent<HTMLSelectElement>) => {
    const next = e.target.value;
    if (!isSelfState(next)) return;
    onDismissError();
    if (next === 'break') {
      setAskingReason(true);
      return;
    }
    setAskingReason(false);
    void onSet(next);
  };

  const chooseReason = (e: ChangeEvent<HTMLSelectElement>) => {
    const why = e.target.value;
    if (!why) return;
    void onSet('break', why).then((ok) => {
      if (ok) {
        setAskingReason(false);
        selectRef.current?.focus();
      }
    });
  };

  const cancelBreak = () => {
    setAskingReason(false);
    selectRef.current?.focus();
  };

  return (
    <div className="presence" data-testid="presence" role="group" aria-label={p.label}>
      <span
        className={`presence-state presence-${state}`}
        data-testid="presence-state"
        data-state={state}
        role="status"
        title={state === 'unknown' ? p.unknownHint : undefined}
      >
        <span className="presence-dot" aria-hidden="true" />
        <span className="visually-hidden">{p.label}: </span>
        <span data-testid="presence-state-label">{stateText}</span>
        {reason && (
          <span className="presence-reason" data-testid="presence-reason" data-reason={reason} title={reasonLabel(t, reason)}>
            {' · '}{reasonLabel(t, reason)}
          </span>
        )}
      </span>

      <label className="visually-hidden" htmlFor={selectId}>{p.change}</label>
      <select
        id={selectId}
        ref={selectRef}
        className="presence-select"
        data-testid="presence-select"
        value={value}
        disabled={pending || !connected}
        onChange={choose}
      >
        {value === '' && <option value="" disabled>{p.choosePlaceholder}</option>}
        {SELF_STATES.map((s) => (
          // On a call, only "offline" is accepted by the server.
          <option key={s} value={s} disabled={onCall && s !== 'offline'}>{p.states[s]}</option>
        ))}
      </select>

      {askingReason && (
        <>
          <label className="visually-hidden" htmlFor={reasonId}>{p.reason}</label>
          <select
            id={reasonId}
            ref={reasonRef}
            className="presence-select"
            data-testid="presence-break-reason"
            value=""
            disabled={pending}
            onChange={chooseReason}
          >
            <option value="" disabled>{p.reasonPlaceholder}</option>
            {BREAK_REASONS.map((r) => <option key={r} value={r}>{reasonLabel(t, r)}</option>)}
          </select>
          <button type="button" className="button button-small" data-testid="presence-break-cancel" onClick={cancelBreak}>
            {p.cancel}
          </button>
        </>
      )}

      {error && (
        <span className="presence-error" role="alert" data-testid="presence-error" data-code={error}>
          {p.errors[error] ?? p.errorGeneric}
          <button type="button" className="presence-error-close" aria-label={p.dismiss} onClick={onDismissError}>×</button>
        </span>
      )}
    </div>
  );
}
