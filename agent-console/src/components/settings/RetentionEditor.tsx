import { useState } from 'react';
import { useI18n } from '../../i18n.js';
import type { RetentionSettings } from '../../settings-types.js';
import { SettingsSection, useSaver } from './SettingsSection.js';

/** How long people's data stay after a case is resolved or closed. */
export function RetentionEditor({ initial, onUnauthorized }: { initial: RetentionSettings; onUnauthorized: () => void }) {
  const { t } = useI18n();
  const r = t.settings.retention;
  const [days, setDays] = useState(String(initial.personalDataDays));
  const { state, save, edited } = useSaver('retention', onUnauthorized);

  const submit = async () => {
    // Anything but a number goes as null: the server then says the field needs one.
    const n = Number(days.trim());
    const stored = await save({ personalDataDays: days.trim() === '' || !Number.isFinite(n) ? null : n });
    if (stored) setDays(String(stored.personalDataDays));
  };

  return (
    <SettingsSection id="retention" testId="settings-retention" saveTestId="save-retention" title={r.title} state={state} onSave={() => void submit()}>
      <div className="field">
        <label htmlFor="retention-days">{r.days}</label>
        <input
          id="retention-days"
          type="number"
          className="input input-number"
          min={30}
          max={3650}
          step={1}
          value={days}
          aria-describedby="retention-hint"
          data-testid="retention-days"
          onChange={(e) => {
            setDays(e.target.value);
            edited();
          }}
        />
        <p id="retention-hint" className="hint">{r.hint}</p>
      </div>
    </SettingsSection>
  );
}
