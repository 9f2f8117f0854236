import { useId, useMemo, useRef, type FormEvent } from 'react';
import type { CaseDto } from '../../../../src/contracts/index.js';
import { problemText } from '../../case-labels.js';
import type { CaseEditor as Editor } from '../../hooks/useCaseEditor.js';
import { useI18n } from '../../i18n.js';
import { CaseFormContext, type CaseForm } from './case-form.js';
import { AffectedSection } from './AffectedSection.js';
import { CategorySection } from './CategorySection.js';
import { NarrativeSection } from './NarrativeSection.js';
import { RequesterSection } from './RequesterSection.js';
import { SaveBar } from './SaveBar.js';
import { SituationSection } from './SituationSection.js';

interface Props {
  c: CaseDto;
  editor: Editor;
  readOnly: boolean;
  /** After a change made outside the draft (people merged): load the case again. */
  onChanged: () => void;
}

/** Every editable part of a case in one form; saving sends only what changed. */
export function CaseEditor({ c, editor, readOnly, onChanged }: Props) {
  const { t, lang } = useI18n();
  const idPrefix = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const { draft, set, problemOf } = editor;

  const form = useMemo<CaseForm | null>(() => draft && {
    idPrefix,
    draft,
    readOnly,
    set,
    error: (path) => {
      const p = problemOf(path);
      if (!p) return null;
      // The server's problems are re-worded in the current language, so a switch applies to them too.
      return typeof p === 'string' ? problemText(t, lang, p) : problemText(t, lang, p.problem);
    },
  }, [idPrefix, draft, readOnly, set, problemOf, t, lang]);

  if (!form) return null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (readOnly || editor.saving) return;
    const saved = await editor.save();
    // The first marked field gets the focus, so the agent lands where the problem is.
    if (!saved) requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  };

  return (
    <CaseFormContext.Provider value={form}>
      {/* noValidate: the shared rules check as the agent types, and the server has the last word. */}
      <form ref={formRef} className="case-editor" data-testid="case-editor" noValidate onSubmit={(e) => void submit(e)}>
        {editor.stale && !readOnly && (
          <div className="notice notice-warning" role="alert" data-testid="case-stale">
            {t.cw.editor.changedElsewhere}{' '}
            <button type="button" className="button button-small" data-testid="case-reload" onClick={() => void editor.discard()}>{t.cw.editor.reload}</button>
          </div>
        )}
        <RequesterSection c={c} onChanged={onChanged} />
        <AffectedSection c={c} onChanged={onChanged} />
        <SituationSection />
        <CategorySection />
        <NarrativeSection />
        {!readOnly && <SaveBar editor={editor} />}
      </form>
    </CaseFormContext.Provider>
  );
}
