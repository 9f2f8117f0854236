import { useId, useState, type FormEvent } from 'react';
import { caseApi } from '../../case-api.js';
import { useI18n } from '../../i18n.js';

/** A note goes straight onto the timeline, with who wrote it and when. */
export function NotesForm({ caseId, onAdded }: { caseId: string; onAdded: () => void }) {
  const { t } = useI18n();
  const n = t.cw.notes;
  const titleId = useId();
  const inputId = useId();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim() || busy) return;
    setBusy(true);
    setFailed(false);
    try {
      await caseApi.addNote(caseId, text.trim());
      setText('');
      onAdded();
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="case-section" aria-labelledby={titleId}>
      <h3 id={titleId}>{t.cw.sections.notes}</h3>
      <form className="notes-form" onSubmit={(e) => void submit(e)}>
        <label htmlFor={inputId} className="visually-hidden">{n.label}</label>
        <textarea id={inputId} className="input textarea" rows={3} maxLength={10_000} value={text} data-testid="note-text" onChange={(e) => setText(e.target.value)} />
        <div className="section-actions">
          <button type="submit" className="button button-small button-primary" disabled={busy || !text.trim()} data-testid="note-add">
            {busy ? n.adding : n.add}
          </button>
        </div>
        {failed && <p className="alert" role="alert">{n.failed}</p>}
      </form>
    </section>
  );
}
