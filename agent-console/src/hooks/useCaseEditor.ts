import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CaseDetailDto, CaseDto, CaseStatus, FieldIssue } from '../../../src/contracts/index.js';
import { SUBCATEGORIES } from '../../../src/contracts/case-fields.js';
import { HttpError, api, isUnauthorized } from '../api.js';
import { caseApi } from '../case-api.js';
import {
  changedPaths, hasChanges, pathOf, rebase, toDraft, toUpdate, validateDraft, withRelationship, type Draft, type DraftProblem,
  type DraftValue,
} from '../case-draft.js';
import { hotlineToday } from '../format.js';
import { useI18n } from '../i18n.js';

interface State {
  /** The case the draft was last aligned with (from a load or a save). */
  seen: CaseDto | null;
  base: CaseDto | null;
  draft: Draft | null;
  /** A newer version arrived while the agent had unsaved edits. */
  stale: boolean;
}

export type EditorNotice =
  | { kind: 'saved' }
  | { kind: 'fix-first' }
  | { kind: 'conflict' }
  | { kind: 'refused'; message: string }
  | { kind: 'failed' }
  | { kind: 'forbidden' };

/** The server's problem with a field; shown beside it until the agent edits it. */
type ServerIssue = Pick<FieldIssue, 'problem' | 'message'>;

/** A version from the server: taken as it is when the agent has nothing unsaved, else flagged as stale. */
function align(s: State, incoming: CaseDto): State {
  if (!s.base || !s.draft || s.base.id !== incoming.id) return { seen: incoming, base: incoming, draft: toDraft(incoming), stale: false };
  // A load that left before the agent's own save came back: older than what the form holds.
  if (incoming.version < s.base.version) return { ...s, seen: incoming };
  if (incoming.version === s.base.version) return { ...s, seen: incoming, base: incoming };
  const dirty = changedPaths(toDraft(s.base), s.draft).length > 0;
  return dirty ? { ...s, seen: incoming, stale: true } : { seen: incoming, base: incoming, draft: toDraft(incoming), stale: false };
}

/**
 * The case editor's state: a draft over the version the agent started from, checked as they type
 * with the shared rules, saved as only the changed fields plus that version (PATCH). A 409 loads
 * the newer version and keeps the agent's changes on top; a 422 marks each field the server named.
 */
export function useCaseEditor(detail: CaseDetailDto | null, reload: () => Promise<CaseDetailDto | null>, onUnauthorized: () => void) {
  const { lang } = useI18n();
  const [state, setState] = useState<State>({ seen: null, base: null, draft: null, stale: false });
  const [serverIssues, setServerIssues] = useState<Record<string, ServerIssue>>({});
  const [notice, setNotice] = useState<EditorNotice | null>(null);
  const [saving, setSaving] = useState(false);
  const onUnauthorizedRef = useRef(onUnauthorized);
  useEffect(() => {
    onUnauthorizedRef.current = onUnauthorized;
  }, [onUnauthorized]);

  // Adjusting state while rendering (rather than in an effect) keeps the form from showing a stale draft for a frame.
  const incoming = detail?.case ?? null;
  let current = state;
  if (incoming && incoming !== state.seen) {
    current = align(state, incoming);
    setState(current);
  }
  const { base, draft, stale } = current;

  const today = hotlineToday();
  const problems = useMemo(() => (draft ? validateDraft(draft, today) : {}), [draft, today]);
  const changed = useMemo(() => (base && draft ? changedPaths(toDraft(base), draft) : []), [base, draft]);

  const set = useCallback((path: string, value: DraftValue) => {
    setState((s) => {
      if (!s.draft) return s;
      let next: Draft = path === 'relationship' ? withRelationship(s.draft, value as string) : { ...s.draft, [path]: value };
      // A subcategory belongs to its category: it goes when the category changes.
      if (path === 'category' && !(SUBCATEGORIES[value as keyof typeof SUBCATEGORIES] ?? []).includes(next.subcategory as string)) {
        next = { ...next, subcategory: '' };
      }
      return { ...s, draft: next };
    });
    setServerIssues((issues) => {
      if (!(path in issues)) return issues;
      const { [path]: _gone, ...rest } = issues;
      return rest;
    });
    setNotice((n) => (n?.kind === 'saved' ? null : n));
  }, []);

  const discard = useCallback(async () => {
    setServerIssues({});
    setNotice(null);
    const fresh = await reload();
    const c = fresh?.case ?? state.seen;
    if (c) setState({ seen: c, base: c, draft: toDraft(c), stale: false });
  }, [reload, state.seen]);

  /** Saves the draft's changes, with a status change when given. Resolves to true when stored. */
  const save = useCallback(async (extra: { status?: CaseStatus; notifyCaller?: boolean } = {}): Promise<boolean> => {
    if (!base || !draft) return false;
    if (Object.keys(problems).length) {
      setNotice({ kind: 'fix-first' });
      return false;
    }
    const body = { ...toUpdate(base, draft), ...extra };
    if (!hasChanges(body)) return true;
    setSaving(true);
    setNotice(null);
    try {
      const saved = await caseApi.update(base.id, body, lang);
      setState({ seen: saved, base: saved, draft: toDraft(saved), stale: false });
      setServerIssues({});
      setNotice({ kind: 'saved' });
      // The timeline gains the change; the form already shows it.
      void reload();
      return true;
    } catch (err) {
      if (isUnauthorized(err)) onUnauthorizedRef.current();
      else await refused(err, base, draft);
      return false;
    } finally {
      setSaving(false);
    }
  }, [base, draft, problems, lang, reload]);

  async function refused(err: unknown, from: CaseDto, edited: Draft): Promise<void> {
    if (!(err instanceof HttpError) || err.status === 0) return setNotice({ kind: 'failed' });
    if (err.status === 403) return setNotice({ kind: 'forbidden' });
    if (err.status === 422 && err.fields.length) {
      const issues: Record<string, ServerIssue> = {};
      const unplaced: string[] = [];
      for (const f of err.fields) {
        const path = pathOf(f.path, edited);
        if (path) issues[path] = { problem: f.problem, message: f.message };
        else unplaced.push(`${f.path}: ${f.message}`);
      }
      setServerIssues(issues);
      return setNotice(unplaced.length ? { kind: 'refused', message: unplaced.join(' ') } : { kind: 'fix-first' });
    }
    if (err.status === 409) {
      // Either someone saved first (a newer version) or the case cannot take this change at all.
      const fresh = await api.caseDetail(from.id).catch(() => null);
      if (fresh && fresh.case.version !== from.version) {
        setState({ seen: fresh.case, base: fresh.case, draft: rebase(toDraft(from), edited, toDraft(fresh.case)), stale: false });
        void reload();
        return setNotice({ kind: 'conflict' });
      }
    }
    setNotice({ kind: 'refused', message: err.message });
  }

  /** What is wrong with a field: the shared rules first (as typed), then the server's last word. */
  const problemOf = useCallback((path: string): DraftProblem | ServerIssue | null => problems[path] ?? serverIssues[path] ?? null, [problems, serverIssues]);

  return { base, draft, stale, changed, problems, problemOf, notice, saving, set, save, discard, dismissNotice: () => setNotice(null) };
}

export type CaseEditor = ReturnType<typeof useCaseEditor>;
