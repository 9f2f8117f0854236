import { useState } from 'react';
import { useI18n } from '../../i18n.js';
import type { ReportSettings } from '../../settings-types.js';
import { SettingsSection, useSaver } from './SettingsSection.js';

type Field = keyof ReportSettings;
type Draft = Record<Field, string>;
/** The server's bounds (settings.schemas.ts). */
const RANGE: Record<Field, [number, number]> = { serviceLevelSeconds: [5, 3600], suppressBelow: [2, 100] };
const IDS: Record<Field, string> = { serviceLevelSeconds: 'reports-service-level-seconds', suppressBelow: 'reports-suppress-below' };

const toDraft = (r: ReportSettings): Draft => ({
  serviceLevelSeconds: String(r.serviceLevelSeconds ?? ''),
  suppressBelow: String(r.suppressBelow ?? ''),
});
// An empty or non-numeric field is sent as null: the server then says which field needs a number.
const toNumber = (v: string): number | null => {
  const n = Number(v.trim());
  return v.trim() === '' || !Number.isFinite(n) ? null : n;
};
const wholeIn = (text: string, [min, max]: [number, number]) => /^\d+$/.test(text.trim()) && Number(text) >= min && Number(text) <= max;

/** T of the service level, and the smallest count the observatory's open-data export publishes. */
export function ReportsEditor({ initial, onUnauthorized }: { initial: ReportSettings; onUnauthorized: () => void }) {
  const { t } = useI18n();
  const r = t.settings.reports;
  const [draft, setDraft] = useState<Draft>(() => toDraft(initial));
  const { state, save, edited } = useSaver('reports', onUnauthorized);

  const set = (field: Field, value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    edited();
  };
  const submit = async () => {
    // Sent even when a field is marked wrong: the server is the judge, and its refusal names the field.
    const stored = await save({ serviceLevelSeconds: toNumber(draft.serviceLevelSeconds), suppressBelow: toNumber(draft.suppressBelow) });
    if (stored) setDraft(toDraft(stored));
  };

  const field = (name: Field, label: string, hint: string) => {
    const id = IDS[name];
    const error = wholeIn(draft[name], RANGE[name]) ? null : r.errors[name];
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          type="number"
          className="input input-number"
          min={RANGE[name][0]}
          max={RANGE[name][1]}
          step={1}
          value={draft[name]}
          aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
          aria-invalid={error ? true : undefined}
          data-testid={id}
          onChange={(e) => set(name, e.target.value)}
        />
        <p id={`${id}-hint`} className="hint">{hint}</p>
        {error && <p id={`${id}-error`} className="field-error" data-testid={`${id}-error`}>{error}</p>}
      </div>
    );
  };

  return (
    <SettingsSection id="reports" testId="settings-reports" saveTestId="save-reports" title={r.title} state={state} onSave={() => void submit()}>
      {field('serviceLevelSeconds', r.serviceLevelSeconds, r.serviceLevelSecondsHint)}
      {field('suppressBelow', r.suppressBelow, r.suppressBelowHint)}
    </SettingsSection>
  );
}
