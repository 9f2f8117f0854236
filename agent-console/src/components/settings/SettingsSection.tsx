import { useCallback, useState, type FormEvent, type ReactNode } from 'react';
import { HttpError, api, isUnauthorized } from '../../api.js';
import { useI18n, type Messages } from '../../i18n.js';
import type { HotlineSettings, SettingKey } from '../../settings-types.js';

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  | { kind: 'error'; message: string; fromServer: boolean };

function errorMessage(err: unknown, t: Messages): { message: string; fromServer: boolean } {
  if (!(err instanceof HttpError) || err.status === 0) return { message: t.settings.saveFailed, fromServer: false };
  if (err.status === 403) return { message: t.settings.forbidden, fromServer: false };
  // 422 validation_failed (and 400): the server's message names each problem; show it as it is.
  if (err.status === 422 || err.status === 400) return { message: err.message, fromServer: true };
  return { message: err.message || t.settings.saveFailed, fromServer: false };
}

/**
 * Saving one settings key: PUT /api/settings/<key> {value}. Resolves to the value the server
 * stored (normalised by it), or undefined when refused; the state says what to show.
 */
export function useSaver<K extends SettingKey>(key: K, onUnauthorized: () => void) {
  const { t } = useI18n();
  const [state, setState] = useState<SaveState>({ kind: 'idle' });

  const save = useCallback(async (value: unknown): Promise<HotlineSettings[K] | undefined> => {
    setState({ kind: 'saving' });
    try {
      const res = await api.saveSetting(key, value);
      setState({ kind: 'saved' });
      return res.value as HotlineSettings[K];
    } catch (err) {
      if (isUnauthorized(err)) {
        onUnauthorized();
        return undefined;
      }
      setState({ kind: 'error', ...errorMessage(err, t) });
      return undefined;
    }
  }, [key, onUnauthorized, t]);

  /** After an edit the "saved" mark no longer describes the form; a refusal stays until the next try. */
  const edited = useCallback(() => setState((s) => (s.kind === 'saved' ? { kind: 'idle' } : s)), []);

  return { state, save, edited };
}

interface Props {
  id: SettingKey;
  testId: string;
  saveTestId: string;
  title: string;
  hint?: string;
  state: SaveState;
  onSave: () => void;
  children: ReactNode;
}

/** One panel of the settings page, with its own Save button, confirmation and error. */
export function SettingsSection({ id, testId, saveTestId, title, hint, state, onSave, children }: Props) {
  const { t } = useI18n();
  const s = t.settings;
  const titleId = `settings-${id}-title`;
  const feedbackId = `settings-${id}-feedback`;
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (state.kind !== 'saving') onSave();
  };
  return (
    <section className="panel settings-section" data-testid={testId} aria-labelledby={titleId}>
      <div className="panel-head">
        <h2 id={titleId}>{title}</h2>
      </div>
      {/* noValidate: the server checks every value and explains what is wrong in one message. */}
      <form className="settings-form" onSubmit={submit} noValidate aria-describedby={state.kind === 'error' ? feedbackId : undefined}>
        {hint && <p className="hint">{hint}</p>}
        {children}
        <div className="section-actions">
          <button type="submit" className="button button-primary" data-testid={saveTestId} disabled={state.kind === 'saving'}>
            {state.kind === 'saving' ? s.saving : s.save}
          </button>
          <span role="status" className="saved-slot">
            {state.kind === 'saved' && (
              <span className="saved" data-testid="settings-saved">
                <span aria-hidden="true">✓ </span>{s.saved}
              </span>
            )}
          </span>
        </div>
        {state.kind === 'error' && (
          <p id={feedbackId} className="alert settings-error" role="alert" data-testid="settings-error">
            {state.fromServer && <strong>{s.refused} </strong>}
            {state.message}
          </p>
        )}
      </form>
    </section>
  );
}
