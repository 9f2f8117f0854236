import { useState } from 'react';
import { useI18n } from '../../i18n.js';
import type { Band, WallboardSettings } from '../../settings-types.js';
import { SettingsSection, useSaver } from './SettingsSection.js';

type Metric = keyof WallboardSettings;
type Level = keyof Band;
const METRICS: Metric[] = ['serviceLevel', 'abandonmentRate', 'longestWaitS'];
const LEVELS: Level[] = ['amber', 'red'];
/** Service level and abandonment are stored as shares (0.8) and edited as percentages (80); the wait in seconds. */
const PERCENT: Record<Metric, boolean> = { serviceLevel: true, abandonmentRate: true, longestWaitS: false };
/** Higher is better for the service level only, so its red sits at or below amber; for the others, at or above. */
const HIGHER_IS_BETTER: Record<Metric, boolean> = { serviceLevel: true, abandonmentRate: false, longestWaitS: false };

type Draft = Record<Metric, Record<Level, string>>;

// Two decimals of a percentage at most, so 0.025 shows as 2.5 and not 2.5000000000000004.
const toPercent = (share: number) => String(Number((share * 100).toFixed(2)));
const toDraft = (w: WallboardSettings): Draft => Object.fromEntries(METRICS.map((m) => [
  m,
  Object.fromEntries(LEVELS.map((l) => {
    const v = w[m]?.[l];
    return [l, typeof v !== 'number' ? '' : PERCENT[m] ? toPercent(v) : String(v)];
  })),
])) as Draft;

// An empty or non-numeric field is sent as null: the server then says which field needs a number.
const toNumber = (v: string): number | null => {
  const n = Number(v.trim());
  return v.trim() === '' || !Number.isFinite(n) ? null : n;
};
const toValue = (m: Metric, v: string): number | null => {
  const n = toNumber(v);
  return n === null || !PERCENT[m] ? n : Number((n / 100).toFixed(6));
};
const valid = (m: Metric, v: string): boolean => {
  const n = toNumber(v);
  if (n === null) return false;
  return PERCENT[m] ? n >= 0 && n <= 100 : Number.isInteger(n) && n >= 0;
};

/** When the wallboard's service level, abandonment and longest wait turn amber and red. */
export function WallboardEditor({ initial, onUnauthorized }: { initial: WallboardSettings; onUnauthorized: () => void }) {
  const { t } = useI18n();
  const w = t.settings.wallboard;
  const [draft, setDraft] = useState<Draft>(() => toDraft(initial));
  const { state, save, edited } = useSaver('wallboard', onUnauthorized);

  const set = (m: Metric, l: Level, value: string) => {
    setDraft((d) => ({ ...d, [m]: { ...d[m], [l]: value } }));
    edited();
  };
  const submit = async () => {
    // Sent even when a field is marked wrong: the server is the judge, and its refusal names the field.
    const stored = await save(Object.fromEntries(METRICS.map((m) => [m, { amber: toValue(m, draft[m].amber), red: toValue(m, draft[m].red) }])));
    if (stored) setDraft(toDraft(stored));
  };

  /** What is wrong with one field, if anything: its own value first, then red against amber. */
  const errorOf = (m: Metric, l: Level): string | null => {
    if (!valid(m, draft[m][l])) return PERCENT[m] ? w.errors.percent : w.errors.seconds;
    if (l === 'red' && valid(m, draft[m].amber)) {
      const red = Number(draft[m].red);
      const amber = Number(draft[m].amber);
      if (HIGHER_IS_BETTER[m] && red > amber) return w.errors.redAboveAmber;
      if (!HIGHER_IS_BETTER[m] && red < amber) return w.errors.redBelowAmber;
    }
    return null;
  };

  const input = (m: Metric, l: Level) => {
    const id = `wallboard-${m}-${l}`;
    const error = errorOf(m, l);
    return (
      <div className="field" key={l}>
        <label htmlFor={id}>{w[l]}</label>
        <div className="deadline-rule">
          <input
            id={id}
            type="number"
            className="input input-number"
            min={0}
            max={PERCENT[m] ? 100 : undefined}
            step={PERCENT[m] ? 'any' : 1}
            value={draft[m][l]}
            aria-label={w.fieldLabel(w.metrics[m], w[l])}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `wallboard-${m}-hint ${id}-error` : `wallboard-${m}-hint`}
            data-testid={id}
            onChange={(e) => set(m, l, e.target.value)}
          />
          <span aria-hidden="true">{PERCENT[m] ? '%' : 's'}</span>
        </div>
        {error && <p id={`${id}-error`} className="field-error" data-testid={`${id}-error`}>{error}</p>}
      </div>
    );
  };

  return (
    <SettingsSection
      id="wallboard"
      testId="settings-wallboard"
      saveTestId="save-wallboard"
      title={w.title}
      hint={w.hint}
      state={state}
      onSave={() => void submit()}
    >
      <p className="hint" data-testid="wallboard-defaults">{w.defaults}</p>
      <div className="deadline-grid">
        {METRICS.map((m) => (
          <fieldset key={m} className="prompt-node" data-testid={`wallboard-${m}`}>
            <legend className="strong">{w.metrics[m]}</legend>
            <p id={`wallboard-${m}-hint`} className="hint">{w.metricHints[m]}</p>
            {LEVELS.map((l) => input(m, l))}
          </fieldset>
        ))}
      </div>
    </SettingsSection>
  );
}
