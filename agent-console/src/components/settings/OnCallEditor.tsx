import { useState } from 'react';
import { useI18n } from '../../i18n.js';
import type { OnCall } from '../../settings-types.js';
import { SettingsSection, useSaver } from './SettingsSection.js';

/** Spaces, dashes, dots and brackets people type in phone numbers; the rest is left to the server to judge. */
const normalise = (raw: string) => raw.replace(/[\s\-().]/g, '');

export function OnCallEditor({ initial, onUnauthorized }: { initial: OnCall; onUnauthorized: () => void }) {
  const { t } = useI18n();
  const o = t.settings.onCall;
  const [value, setValue] = useState(initial.number ?? '');
  const { state, save, edited } = useSaver('onCall', onUnauthorized);

  const submit = async () => {
    const number = normalise(value);
    const stored = await save({ number: number === '' ? null : number });
    if (stored) setValue(stored.number ?? '');
  };

  return (
    <SettingsSection
      id="onCall"
      testId="settings-oncall"
      saveTestId="save-oncall"
      title={o.title}
      state={state}
      onSave={() => void submit()}
    >
      <div className="field">
        <label htmlFor="oncall-number">{o.number}</label>
        <input
          id="oncall-number"
          type="tel"
          className="input mono"
          inputMode="tel"
          autoComplete="off"
          placeholder="+50499998888"
          value={value}
          aria-describedby="oncall-hint"
          aria-invalid={state.kind === 'error' ? true : undefined}
          data-testid="oncall-number"
          onChange={(e) => {
            setValue(e.target.value);
            edited();
          }}
        />
        <p id="oncall-hint" className="hint">{o.hint}</p>
      </div>
    </SettingsSection>
  );
}
