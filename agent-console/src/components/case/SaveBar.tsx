import type { CaseEditor } from '../../hooks/useCaseEditor.js';
import { useI18n } from '../../i18n.js';

/** Stays in view at the bottom of the form: how many changes wait, Save, Discard, and how it went. */
export function SaveBar({ editor }: { editor: CaseEditor }) {
  const { t } = useI18n();
  const e = t.cw.editor;
  const n = editor.changed.length;
  const notice = editor.notice;
  const message = (() => {
    switch (notice?.kind) {
      case 'saved': return e.saved;
      case 'fix-first': return e.fixFirst;
      case 'conflict': return e.conflict;
      case 'refused': return `${e.refused} ${notice.message}`;
      case 'forbidden': return e.forbidden;
      case 'failed': return e.failed;
      default: return null;
    }
  })();
  return (
    <div className="save-bar" data-testid="case-save-bar">
      <span className="save-bar-count" data-testid="case-unsaved" data-count={n}>{n ? e.unsaved(n) : e.noChanges}</span>
      <button type="button" className="button button-small" disabled={!n || editor.saving} data-testid="case-discard" onClick={() => void editor.discard()}>
        {e.discard}
      </button>
      <button type="submit" className="button button-primary" disabled={!n || editor.saving} data-testid="case-save">
        {editor.saving ? e.saving : e.save}
      </button>
      {message && (
        <p
          className={notice?.kind === 'saved' ? 'save-bar-notice saved' : 'save-bar-notice alert'}
          role={notice?.kind === 'saved' ? 'status' : 'alert'}
          data-testid="case-save-notice"
          data-kind={notice?.kind}
        >
          {message}
        </p>
      )}
    </div>
  );
}
