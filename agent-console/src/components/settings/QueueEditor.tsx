import { useState } from 'react';
import { useI18n } from '../../i18n.js';
import type { QueueSettings } from '../../settings-types.js';
import { SettingsSection, useSaver } from './SettingsSection.js';

interface Draft { maxWaitSeconds: string; defaultSecondsPerCaller: string }

const toDraft = (q: QueueSettings): Draft => ({
  maxWaitSeconds: String(q.maxWaitSeconds ?? ''),
  defaultSecondsPerCaller: String(q.defaultSecondsPerCaller ?? ''),
});
// An empty or non-numeric field is sent as null: the server then says which field needs a number.
const toNumber = (v: string): number | null => {
  const n = Number(v.trim());
  return v.trim() === '' || !Number.isFinite(n) ? null : n;
};

export function QueueEditor({ initial, onUnauthorized }: { initial: QueueSettings; onUnauthorized: () => void }) {
  const { t } = useI18n();
  const q = t.settings.queue;
  const [draft, setDraft] = useState<Draft>(() => toDraft(initial));
  const { state, save, edited } = useSaver('queue', onUnauthorized);

  const set = (field: keyof Draft, value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    edited();
  };
  const submit = async () => {
    const stored = await save({ maxWaitSeconds: toNumber(draft.maxWaitSeconds), defaultSecondsPerCaller: toNumber(draft.defaultSecondsPerCaller) });
    if (stored) setDraft(toDraft(stored));
  };

  return (
    <SettingsSection
      id="queue"
      testId="settings-queue"
      saveTestId="save-queue"
      title={q.title}
      state={state}
      onSave={() => void submit()}
    >
      <div className="field-row">
        <div className="field">
          <label htmlFor="queue-max-wait">{q.maxWait}</label>
          <input
            id="queue-max-wait"
            type="number"
            className="input input-number"
            min={60}
            max={7200}
            step={1}
            value={draft.maxWaitSeconds}
            aria-describedby="queue-max-wait-hint"
            data-testid="queue-max-wait"
            onChange={(e) => set('maxWaitSeconds', e.target.value)}
          />
          <p id="queue-max-wait-hint" className="hint">{q.maxWaitHint}</p>
        </div>
        <div className="field">
          <label htmlFor="queue-per-caller">{q.perCaller}</label>
          <input
            id="queue-per-caller"
            type="number"
            className="input input-number"
            min={10}
            max={3600}
            step={1}
            value={draft.defaultSecondsPerCaller}
            aria-describedby="queue-per-caller-hint"
            data-testid="queue-per-caller"
            onChange={(e) => set('defaultSecondsPerCaller', e.target.value)}
          />
          <p id="queue-per-caller-hint" className="hint">{q.perCallerHint}</p>
        </div>
      </div>
    </SettingsSection>
  );
}
