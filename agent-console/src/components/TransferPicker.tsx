import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useAvailableAgents } from '../hooks/useAvailableAgents.js';
import type { TransferResult, TransferTarget } from '../hooks/useOffers.js';
import { useI18n } from '../i18n.js';

interface Props {
  /** For the opening button's aria-controls. */
  id: string;
  /** The transfer is in flight. */
  transferring: boolean;
  /** Another action on the call is in flight (hold, hang-up). */
  blocked: boolean;
  onTransfer: (to: TransferTarget) => Promise<TransferResult>;
  /** The server took the transfer. */
  onDone: () => void;
  /** Closed without transferring (Cancel or Escape). */
  onCancel: () => void;
  onUnauthorized: () => void;
}

/**
 * Picks the colleague a call goes to: the ones available now (GET /api/agents/available), one to
 * choose with its languages, and a confirmation that asks the server. A refusal stays here, next
 * to the list, so the agent can choose someone else. Not modal: the call and its case stay usable.
 */
export function TransferPicker({ id, transferring, blocked, onTransfer, onDone, onCancel, onUnauthorized }: Props) {
  const { t } = useI18n();
  const tr = t.myCall.transfer;
  const titleId = useId();
  const radioName = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { agents, status, reload } = useAvailableAgents(onUnauthorized);
  const [selected, setSelected] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A choice that is no longer in the (refreshed) list is no choice.
  const chosen = agents.find((a) => a.agentId === selected) ?? null;

  useEffect(() => {
    headingRef.current?.focus({ preventScroll: true });
  }, []);

  const confirm = async () => {
    if (!chosen || transferring || blocked) return;
    setError(null);
    const res = await onTransfer({ agentId: chosen.agentId, name: chosen.name });
    if (res.ok) {
      onDone();
      return;
    }
    setError(res.code);
    // That colleague is no longer free: show who is.
    if (res.code === 'conflict') void reload();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape' && !transferring) {
      e.stopPropagation();
      onCancel();
    }
  };

  const languages = (codes: string[]) => codes.map((l) => (t.languages as Record<string, string>)[l] ?? l).join(', ') || '—';

  return (
    <div
      id={id}
      className="transfer-picker"
      role="group"
      aria-labelledby={titleId}
      aria-busy={status === 'loading' || transferring}
      data-testid="transfer-picker"
      data-state={status}
      onKeyDown={onKeyDown}
    >
      <div className="transfer-picker-head">
        <h3 id={titleId} ref={headingRef} tabIndex={-1}>{tr.title}</h3>
        <button
          type="button"
          className="button button-small"
          data-testid="transfer-refresh"
          aria-label={tr.refreshLabel}
          disabled={status === 'loading'}
          onClick={() => void reload()}
        >
          {tr.refresh}
        </button>
      </div>
      <p className="hint">{tr.hint}</p>

      {status === 'loading' && <p className="muted transfer-status" role="status" data-testid="transfer-loading">{tr.loading}</p>}
      {status === 'error' && <p className="alert transfer-status" role="alert" data-testid="transfer-load-error">{tr.loadError}</p>}
      {status === 'loaded' && agents.length === 0 && (
        <p className="muted transfer-status" role="status" data-testid="transfer-empty">{tr.empty}</p>
      )}

      {status !== 'error' && agents.length > 0 && (
        <fieldset className="transfer-targets" disabled={transferring}>
          <legend>{tr.choose}</legend>
          <ul className="transfer-list">
            {agents.map((a) => {
              const checked = a.agentId === chosen?.agentId;
              return (
                <li key={a.agentId}>
                  <label
                    className={`transfer-target${checked ? ' transfer-target-chosen' : ''}`}
                    data-testid="transfer-target"
                    data-agent-id={a.agentId}
                  >
                    <input
                      type="radio"
                      name={radioName}
                      value={a.agentId}
                      checked={checked}
                      onChange={() => {
                        setSelected(a.agentId);
                        setError(null);
                      }}
                    />
                    <span className="strong" data-testid="transfer-target-name">{a.name}</span>
                    <span className="transfer-languages">
                      <span className="visually-hidden">{tr.languages}: </span>
                      {languages(a.languages)}
                    </span>
                  </label>
                </li>
              );
            })}
          </ul>
        </fieldset>
      )}

      {error && (
        <p className="alert transfer-status" role="alert" data-testid="transfer-error" data-code={error}>
          {tr.errors[error] ?? tr.errorGeneric}
        </p>
      )}

      <div className="transfer-actions">
        <button
          type="button"
          className="button button-primary"
          data-testid="transfer-confirm"
          disabled={!chosen || transferring || blocked}
          onClick={() => void confirm()}
        >
          {transferring ? tr.transferring : chosen ? tr.confirmTo(chosen.name) : tr.confirm}
        </button>
        <button type="button" className="button" data-testid="transfer-cancel" disabled={transferring} onClick={onCancel}>
          {tr.cancel}
        </button>
      </div>
    </div>
  );
}
