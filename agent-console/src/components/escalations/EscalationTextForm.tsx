import { useId, useState, type FormEvent } from 'react';

interface Props {
  label: string;
  submitLabel: string;
  busyLabel: string;
  /** Test ids: `<testId>-text` and `<testId>-send`. */
  testId: string;
  /** Resolves to true when done; the text is kept when it failed, so nothing typed is lost. */
  onSubmit: (text: string) => Promise<boolean>;
  disabled?: boolean;
  rows?: number;
}

/** A few lines of text and one button: a note, an answer, an action, a request for information. */
export function EscalationTextForm({ label, submitLabel, busyLabel, testId, onSubmit, disabled, rows = 3 }: Props) {
  const id = useId();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim() || busy) return;
    setBusy(true);
    if (await onSubmit(text.trim())) setText('');
    setBusy(false);
  };
  return (
    <form className="notes-form" onSubmit={(e) => void submit(e)}>
      <label htmlFor={id} className="esc-form-label">{label}</label>
      <textarea id={id} className="input textarea" rows={rows} maxLength={5000} value={text} disabled={disabled} data-testid={`${testId}-text`} onChange={(e) => setText(e.target.value)} />
      <div className="section-actions">
        <button type="submit" className="button button-small button-primary" disabled={disabled || busy || !text.trim()} data-testid={`${testId}-send`}>
          {busy ? busyLabel : submitLabel}
        </button>
      </div>
    </form>
  );
}
