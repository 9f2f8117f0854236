import type { RowConfirmState } from '../hooks/useRowConfirm.js';

interface Props {
  confirm: RowConfirmState;
  rowKey: string;
  /** The action's accessible name: the trigger's, and the question's group once it is open. */
  label: string;
  trigger: string;
  question: string;
  yes: string;
  cancel: string;
  /** `testId`, `${testId}-confirm`, `${testId}-cancel`. */
  testId: string;
  busy: boolean;
  triggerDisabled?: boolean;
  /** Before the question opens: whatever the last attempt left on screen is cleared. */
  onAsk?: () => void;
  onConfirm: () => void;
}

/** A row's dangerous action, asked twice: its button, or the question with "yes" and "cancel" in its place. */
export function RowConfirm({ confirm, rowKey, label, trigger, question, yes, cancel, testId, busy, triggerDisabled, onAsk, onConfirm }: Props) {
  if (confirm.confirming !== rowKey) {
    return (
      <button
        type="button"
        className="button button-small"
        data-testid={testId}
        aria-label={label}
        disabled={triggerDisabled}
        onClick={(e) => {
          onAsk?.();
          confirm.ask(rowKey, e);
        }}
      >
        {trigger}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={label}>
      <span className="confirm-text">{question}</span>
      <button type="button" className="button button-danger button-small" data-testid={`${testId}-confirm`} disabled={busy} onClick={onConfirm}>
        {yes}
      </button>
      <button type="button" ref={confirm.cancelRef} className="button button-small" data-testid={`${testId}-cancel`} onClick={confirm.close}>
        {cancel}
      </button>
    </span>
  );
}
