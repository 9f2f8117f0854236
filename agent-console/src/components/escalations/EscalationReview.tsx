import { useEffect, useId, useRef, useState, type MouseEvent } from 'react';
import type { CaseDto, EscalationDto, EscalationPreviewDto } from '../../../../src/contracts/index.js';
import { HttpError, isUnauthorized } from '../../api.js';
import { labelOf } from '../../case-labels.js';
import { escalationApi } from '../../escalation-api.js';
import { editorPathOf, missingLabel } from '../../escalation-labels.js';
import { useI18n } from '../../i18n.js';
import { useLive } from '../../live-context.js';
import { slug } from '../case/case-form.js';
import { OfficeSelect } from './OfficeSelect.js';
import { PacketView } from './PacketView.js';

interface Props {
  c: CaseDto;
  onCancel: () => void;
  onSent: (e: EscalationDto) => void;
}

/** `key`: the case version and office it was prepared for; an older one stays shown while the next loads, but is not sent. */
type Preview = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; preview: EscalationPreviewDto; key: string };
type SendError = { kind: 'missing'; paths: string[] } | { kind: 'refused'; message: string } | { kind: 'failed' } | null;

/**
 * "Escalar al consulado": the office the server suggests and why, a picker to choose another, the
 * packet exactly as that office would get it, what is withheld and what is missing. The packet is
 * built from the case as saved, so it is prepared again whenever the case changes.
 */
export function EscalationReview({ c, onCancel, onSent }: Props) {
  const { t, lang } = useI18n();
  const r = t.esc.review;
  const { onUnauthorized } = useLive();
  const titleId = useId();
  const officeId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  // null: whatever the server suggests for the case as it stands now.
  const [chosen, setChosen] = useState<string | null>(null);
  const [state, setState] = useState<Preview>({ kind: 'loading' });
  const [sendIncomplete, setSendIncomplete] = useState(false);
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<SendError>(null);
  const onUnauthorizedRef = useRef(onUnauthorized);
  useEffect(() => {
    onUnauthorizedRef.current = onUnauthorized;
  }, [onUnauthorized]);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const key = `${c.version}|${chosen ?? ''}`;
  useEffect(() => {
    let cancelled = false;
    setState((s) => (s.kind === 'ready' ? s : { kind: 'loading' }));
    escalationApi.preview(c.id, chosen ?? undefined)
      .then((preview) => !cancelled && setState({ kind: 'ready', preview, key: `${c.version}|${chosen ?? ''}` }))
      .catch((err: unknown) => {
        if (cancelled) return;
        if (isUnauthorized(err)) onUnauthorizedRef.current();
        else setState({ kind: 'failed', message: err instanceof HttpError && err.status !== 0 ? err.message : '' });
      });
    return () => {
      cancelled = true;
    };
  }, [c.id, c.version, chosen]);

  const preview = state.kind === 'ready' ? state.preview : null;
  const missing = preview?.missing ?? [];
  const suggestion = preview?.suggestion ?? null;
  const target = preview?.officeId ?? null;
  const current = state.kind === 'ready' && state.key === key;
  const canSend = current && !!target && !!preview?.packet && !sending && (missing.length === 0 || sendIncomplete);

  const send = async () => {
    if (!target || !canSend) return;
    setSending(true);
    setSendError(null);
    try {
      onSent(await escalationApi.escalate(c.id, target, missing.length > 0 && sendIncomplete, lang));
    } catch (err) {
      if (isUnauthorized(err)) return onUnauthorizedRef.current();
      if (err instanceof HttpError && err.status === 422 && err.fields.length) setSendError({ kind: 'missing', paths: err.fields.map((f) => f.path) });
      else if (err instanceof HttpError && err.status !== 0) setSendError({ kind: 'refused', message: err.message });
      else setSendError({ kind: 'failed' });
    } finally {
      setSending(false);
    }
  };

  /** A missing field's label takes the agent to it in the case editor below. */
  const goTo = (path: string) => (e: MouseEvent<HTMLButtonElement>) => {
    const first = path.split('|')[0] ?? path;
    const scope = e.currentTarget.closest('.drawer-body, .my-call-body') ?? document;
    const field = scope.querySelector<HTMLElement>(`[data-testid="${slug(editorPathOf(first))}"]`);
    field?.scrollIntoView({ block: 'center' });
    field?.focus();
  };

  return (
    <section className="esc-review" aria-labelledby={titleId} data-testid="escalation-review">
      <h3 id={titleId} ref={headingRef} tabIndex={-1}>{r.title}</h3>
      <p className="hint">{r.intro}</p>

      {state.kind === 'loading' && <p className="muted" role="status">{r.loading}</p>}
      {state.kind === 'failed' && <p className="alert" role="alert">{r.loadError} {state.message}</p>}

      {preview && (
        <>
          <div className="esc-suggestion" data-testid="review-suggestion">
            {suggestion
              ? (
                <>
                  <p>
                    <span className="esc-suggestion-label">{r.suggested}:</span>{' '}
                    <strong data-testid="review-suggested-office" data-office-id={suggestion.officeId}>{suggestion.officeName}</strong>
                  </p>
                  <p className="muted" data-testid="review-suggestion-reason" data-reason={suggestion.reason}>
                    {labelOf(t.esc.reasons, suggestion.reason)} — {suggestion.explanation}
                  </p>
                </>
              )
              : <p className="muted" data-testid="review-no-suggestion">{r.noSuggestion}</p>}
            {suggestion && target && target !== suggestion.officeId && (
              <p className="esc-chosen">
                {r.chosenByAgent}{' '}
                <button type="button" className="button button-small" onClick={() => setChosen(null)}>{r.useSuggested}</button>
              </p>
            )}
          </div>

          <div className="field">
            <label htmlFor={officeId}>{r.office}</label>
            <OfficeSelect
              id={officeId}
              value={chosen ?? target ?? ''}
              emptyLabel={target ? undefined : r.chooseOffice}
              data-testid="review-office"
              disabled={sending}
              onChange={(id) => {
                setSendError(null);
                setChosen(id || null);
              }}
            />
          </div>

          {missing.length > 0
            ? (
              <div className="notice notice-missing" data-testid="review-missing">
                <p><strong>{r.missingTitle}</strong></p>
                <ul className="esc-missing-list">
                  {missing.map((path) => (
                    <li key={path}>
                      <button type="button" className="link-button" data-testid="review-missing-field" data-path={path} onClick={goTo(path)} title={r.goToField(missingLabel(t, path))}>
                        {missingLabel(t, path)}
                      </button>
                    </li>
                  ))}
                </ul>
                <p className="hint">{r.missingHint}</p>
              </div>
            )
            : target && <p className="success-note" data-testid="review-complete">{r.complete}</p>}

          {preview.packet && <PacketView packet={preview.packet} />}

          <div className="esc-send-bar">
            {missing.length > 0 && (
              <label className="check">
                <input type="checkbox" checked={sendIncomplete} data-testid="review-send-incomplete" onChange={(e) => setSendIncomplete(e.target.checked)} />
                {r.sendIncomplete}
              </label>
            )}
            <button type="button" className="button button-primary" disabled={!canSend} data-testid="review-send" onClick={() => void send()}>
              {sending ? r.sending : r.send}
            </button>
            <button type="button" className="button" data-testid="review-cancel" onClick={onCancel}>{r.cancel}</button>
            {sendError && (
              <div className="alert" role="alert" data-testid="review-error">
                {sendError.kind === 'missing' && <>{r.refusedMissing} {sendError.paths.map((p) => missingLabel(t, p)).join('; ')}</>}
                {sendError.kind === 'refused' && <>{r.conflict} {sendError.message}</>}
                {sendError.kind === 'failed' && r.failed}
              </div>
            )}
          </div>
        </>
      )}
    </section>
  );
}
