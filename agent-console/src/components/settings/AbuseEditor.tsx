import { useState } from 'react';
import { useI18n } from '../../i18n.js';
import type { AbuseSettings } from '../../settings-types.js';
import { SettingsSection, useSaver } from './SettingsSection.js';

/** The server's bounds (settings.schemas.ts). */
const MIN = 1;
const MAX = 1000;
const ID = 'abuse-max-calls';

const wholeInRange = (text: string) => /^\d+$/.test(text.trim()) && Number(text) >= MIN && Number(text) <= MAX;

/** How many calls an hour one number may make before it hears the recorded message instead. */
export function AbuseEditor({ initial, onUnauthorized }: { initial: AbuseSettings; onUnauthorized: () => void }) {
  const { t } = useI18n();
  const l = t.blk.limit;
  const [value, setValue] = useState(String(initial.maxCallsPerHour ?? ''));
  const { state, save, edited } = useSaver('abuse', onUnauthorized);

  const submit = async () => {
    // Sent even when marked wrong: the server is the judge. Anything but a number goes as null, which it names.
    const n = Number(value.trim());
    const stored = await save({ maxCallsPerHour: value.trim() === '' || !Number.isFinite(n) ? null : n });
    if (stored) setValue(String(stored.maxCallsPerHour));
  };

  const error = wholeInRange(value) ? null : l.error;
  return (
    <SettingsSection id="abuse" testId="settings-abuse" saveTestId="save-abuse" title={l.title} state={state} onSave={() => void submit()}>
      <div className="field">
        <label htmlFor={ID}>{l.label}</label>
        <input
          id={ID}
          type="number"
          className="input input-number"
          min={MIN}
          max={MAX}
          step={1}
          value={value}
          aria-describedby={error ? `${ID}-hint ${ID}-error` : `${ID}-hint`}
          aria-invalid={error ? true : undefined}
          data-testid={ID}
          onChange={(e) => {
            setValue(e.target.value);
            edited();
          }}
        />
        <p id={`${ID}-hint`} className="hint">{l.hint}</p>
        {error && <p id={`${ID}-error`} className="field-error" data-testid={`${ID}-error`}>{error}</p>}
      </div>
    </SettingsSection>
  );
}
