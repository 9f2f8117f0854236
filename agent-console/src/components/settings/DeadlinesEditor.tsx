import { useState } from 'react';
import { useI18n } from '../../i18n.js';
import type { DeadlinePriority, DeadlineRule, EscalationDeadlines } from '../../settings-types.js';
import { SettingsSection, useSaver } from './SettingsSection.js';

const PRIORITIES: DeadlinePriority[] = ['1', '2', '3', '4'];
type Which = 'ack' | 'action';
type Kind = 'minutes' | 'endOfDay' | 'workingDays' | 'none';
type Amount = 'minutes' | 'workingDays';
/** What each deadline may be: an acknowledgement is always due, a first action may have no deadline. */
const KINDS: Record<Which, Kind[]> = { ack: ['minutes', 'endOfDay', 'workingDays'], action: ['minutes', 'endOfDay', 'workingDays', 'none'] };
/** The server's bounds (settings.schemas.ts): up to 30 days in minutes, 1 to 30 working days, a reminder at 10 to 95 %. */
const RANGE: Record<Amount | 'remindAt', [number, number]> = { minutes: [1, 43_200], workingDays: [1, 30], remindAt: [10, 95] };

/** One deadline as typed; each kind keeps its own amount, so switching back and forth loses nothing. */
interface RuleDraft { kind: Kind; minutes: string; workingDays: string }
interface Draft { byPriority: Record<DeadlinePriority, Record<Which, RuleDraft>>; remindAt: string }

const toRuleDraft = (rule: DeadlineRule | null): RuleDraft => {
  const blank: RuleDraft = { kind: 'none', minutes: '60', workingDays: '1' };
  if (!rule) return blank;
  if ('minutes' in rule) return { ...blank, kind: 'minutes', minutes: String(rule.minutes) };
  if ('workingDays' in rule) return { ...blank, kind: 'workingDays', workingDays: String(rule.workingDays) };
  return { ...blank, kind: 'endOfDay' };
};
const toDraft = (d: EscalationDeadlines): Draft => ({
  byPriority: Object.fromEntries(PRIORITIES.map((p) => [
    p,
    { ack: toRuleDraft(d.byPriority[p]?.ack ?? null), action: toRuleDraft(d.byPriority[p]?.action ?? null) },
  ])) as Draft['byPriority'],
  // Stored as a share (0.66), edited as a percentage (66).
  remindAt: String(Math.round(d.remindAt * 100)),
});

// An empty or non-numeric field is sent as null: the server then says which field needs a number.
const toNumber = (v: string): number | null => {
  const n = Number(v.trim());
  return v.trim() === '' || !Number.isFinite(n) ? null : n;
};
const toRule = (r: RuleDraft) => {
  if (r.kind === 'none') return null;
  if (r.kind === 'endOfDay') return { endOfDay: true };
  return r.kind === 'minutes' ? { minutes: toNumber(r.minutes) } : { workingDays: toNumber(r.workingDays) };
};

const wholeIn = (text: string, [min, max]: [number, number]) => /^\d+$/.test(text.trim()) && Number(text) >= min && Number(text) <= max;

/** 90 → "1 h 30 min", 1440 → "24 h", 4320 → "3 d": what a number of minutes amounts to. */
function span(minutes: number): string {
  const days = minutes >= 2 * 1440 ? Math.floor(minutes / 1440) : 0;
  const hours = Math.floor((minutes - days * 1440) / 60);
  const rest = minutes % 60;
  return [days && `${days} d`, hours && `${hours} h`, rest && `${rest} min`].filter(Boolean).join(' ');
}

/** How long offices have to acknowledge an escalation and to act on it, by priority, and when they are reminded. */
export function DeadlinesEditor({ initial, onUnauthorized }: { initial: EscalationDeadlines; onUnauthorized: () => void }) {
  const { t } = useI18n();
  const d = t.settings.deadlines;
  const [draft, setDraft] = useState<Draft>(() => toDraft(initial));
  const { state, save, edited } = useSaver('escalationDeadlines', onUnauthorized);

  const setRule = (p: DeadlinePriority, which: Which, patch: Partial<RuleDraft>) => {
    setDraft((s) => ({
      ...s,
      byPriority: { ...s.byPriority, [p]: { ...s.byPriority[p], [which]: { ...s.byPriority[p][which], ...patch } } },
    }));
    edited();
  };
  const submit = async () => {
    // Sent even when a field is marked wrong: the server is the judge, and its refusal names the field.
    const stored = await save({
      byPriority: Object.fromEntries(PRIORITIES.map((p) => [p, { ack: toRule(draft.byPriority[p].ack), action: toRule(draft.byPriority[p].action) }])),
      remindAt: ((n) => (n === null ? null : n / 100))(toNumber(draft.remindAt)),
    });
    if (stored) setDraft(toDraft(stored));
  };

  const ruleField = (p: DeadlinePriority, which: Which) => {
    const base = `deadline-${p}-${which}`;
    const rule = draft.byPriority[p][which];
    const amount: Amount | null = rule.kind === 'minutes' || rule.kind === 'workingDays' ? rule.kind : null;
    const text = amount ? rule[amount] : '';
    const error = amount && !wholeIn(text, RANGE[amount]) ? d.errors[amount] : null;
    const equals = amount === 'minutes' && !error && Number(text) >= 60 ? span(Number(text)) : null;
    return (
      <div className="field" key={which}>
        <label htmlFor={`${base}-kind`}>{d[which]}</label>
        <div className="deadline-rule">
          <select
            id={`${base}-kind`}
            className="input"
            value={rule.kind}
            data-testid={`${base}-kind`}
            onChange={(e) => setRule(p, which, { kind: e.target.value as Kind })}
          >
            {KINDS[which].map((k) => <option key={k} value={k}>{d.kinds[k]}</option>)}
          </select>
          {amount && (
            <>
              <input
                type="number"
                className="input input-number"
                min={RANGE[amount][0]}
                max={RANGE[amount][1]}
                step={1}
                value={text}
                aria-label={d.amountLabel(p, d[which], d.units[amount])}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${base}-error` : undefined}
                data-testid={`${base}-amount`}
                onChange={(e) => setRule(p, which, { [amount]: e.target.value })}
              />
              <span aria-hidden="true">{d.units[amount]}</span>
              {equals && <span className="hint">= {equals}</span>}
            </>
          )}
        </div>
        {error && <p id={`${base}-error`} className="field-error" data-testid={`${base}-error`}>{error}</p>}
      </div>
    );
  };

  const remindError = wholeIn(draft.remindAt, RANGE.remindAt) ? null : d.errors.remindAt;
  return (
    <SettingsSection
      id="escalationDeadlines"
      testId="settings-deadlines"
      saveTestId="save-deadlines"
      title={d.title}
      hint={d.hint}
      state={state}
      onSave={() => void submit()}
    >
      <p className="hint" data-testid="deadlines-defaults">{d.defaults}</p>
      <div className="deadline-grid">
        {PRIORITIES.map((p) => (
          <fieldset key={p} className="prompt-node" data-testid={`deadline-${p}`}>
            <legend className="strong">{d.priority(p)}</legend>
            {ruleField(p, 'ack')}
            {ruleField(p, 'action')}
          </fieldset>
        ))}
      </div>
      <div className="field">
        <label htmlFor="deadline-remind-at">{d.remindAt}</label>
        <div className="deadline-rule">
          <input
            id="deadline-remind-at"
            type="number"
            className="input input-number"
            min={RANGE.remindAt[0]}
            max={RANGE.remindAt[1]}
            step={1}
            value={draft.remindAt}
            aria-describedby={remindError ? 'deadline-remind-at-hint deadline-remind-at-error' : 'deadline-remind-at-hint'}
            aria-invalid={remindError ? true : undefined}
            data-testid="deadline-remind-at"
            onChange={(e) => {
              setDraft((s) => ({ ...s, remindAt: e.target.value }));
              edited();
            }}
          />
          <span aria-hidden="true">%</span>
        </div>
        <p id="deadline-remind-at-hint" className="hint">{d.remindAtHint}</p>
        {remindError && <p id="deadline-remind-at-error" className="field-error" data-testid="deadline-remind-at-error">{remindError}</p>}
      </div>
    </SettingsSection>
  );
}
