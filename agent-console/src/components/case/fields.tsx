import type { ReactNode } from 'react';
import { slug, useCaseForm } from './case-form.js';

interface Common {
  path: string;
  label: string;
  hint?: string;
  /** Spans the whole row of the section's grid. */
  wide?: boolean;
}

/** Label, control, hint and the field's problem, wired together for screen readers. */
export function FieldShell({ path, label, hint, wide, children }: Common & { children: (a11y: A11y) => ReactNode }) {
  const form = useCaseForm();
  const id = `${form.idPrefix}-${slug(path)}`;
  const error = form.error(path);
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${wide ? ' field-wide' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined, 'data-testid': slug(path), disabled: form.readOnly })}
      {hint && <p id={`${id}-hint`} className="hint">{hint}</p>}
      {/* Polite: it changes as the agent types and must not interrupt them. */}
      <p id={`${id}-error`} className="field-error" aria-live="polite" data-testid={`${slug(path)}-error`}>{error}</p>
    </div>
  );
}

interface A11y {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': true | undefined;
  'data-testid': string;
  disabled: boolean;
}

export function TextField({ type = 'text', maxLength, inputMode, mono, ...common }: Common & {
  type?: 'text' | 'tel' | 'date';
  maxLength?: number;
  inputMode?: 'numeric' | 'tel' | 'text';
  mono?: boolean;
}) {
  const form = useCaseForm();
  const value = form.draft[common.path];
  return (
    <FieldShell {...common}>
      {(a11y) => (
        <input
          {...a11y}
          type={type}
          className={`input${mono ? ' mono' : ''}`}
          autoComplete="off"
          maxLength={maxLength}
          inputMode={inputMode}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => form.set(common.path, e.target.value)}
        />
      )}
    </FieldShell>
  );
}

export function TextArea({ maxLength, rows = 4, ...common }: Common & { maxLength: number; rows?: number }) {
  const form = useCaseForm();
  const value = form.draft[common.path];
  return (
    <FieldShell {...common} wide>
      {(a11y) => (
        <textarea
          {...a11y}
          className="input textarea"
          rows={rows}
          maxLength={maxLength}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => form.set(common.path, e.target.value)}
        />
      )}
    </FieldShell>
  );
}

export interface Option { value: string; label: string }

/** A choice; the empty option clears the field unless `required`. */
export function SelectField({ options, required, emptyLabel = '—', ...common }: Common & { options: readonly Option[]; required?: boolean; emptyLabel?: string }) {
  const form = useCaseForm();
  const raw = form.draft[common.path];
  const value = typeof raw === 'string' ? raw : '';
  // A stored value this console does not know is still shown, as it is.
  const all = value && !options.some((o) => o.value === value) ? [...options, { value, label: value }] : options;
  return (
    <FieldShell {...common}>
      {(a11y) => (
        <select {...a11y} className="input" value={value} onChange={(e) => form.set(common.path, e.target.value)}>
          {!required && <option value="">{emptyLabel}</option>}
          {all.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
      )}
    </FieldShell>
  );
}

export function CheckboxField({ path, label }: { path: string; label: string }) {
  const form = useCaseForm();
  return (
    <label className="check">
      <input
        type="checkbox"
        checked={form.draft[path] === true}
        disabled={form.readOnly}
        data-testid={slug(path)}
        onChange={(e) => form.set(path, e.target.checked)}
      />
      {label}
    </label>
  );
}

/** Several of a fixed list (vulnerabilities, kinds of help), kept in the list's order. */
export function CheckboxGroup({ path, legend, hint, options }: { path: string; legend: string; hint?: string; options: readonly Option[] }) {
  const form = useCaseForm();
  const raw = form.draft[path];
  const chosen = Array.isArray(raw) ? (raw as readonly string[]) : [];
  const toggle = (value: string, on: boolean) => {
    const next = options.map((o) => o.value).filter((v) => (v === value ? on : chosen.includes(v)));
    form.set(path, next);
  };
  return (
    <fieldset className="field field-wide check-group" data-testid={slug(path)} disabled={form.readOnly}>
      <legend>{legend}</legend>
      {hint && <p className="hint">{hint}</p>}
      <div className="check-list">
        {options.map((o) => (
          <label key={o.value} className="check">
            <input type="checkbox" value={o.value} checked={chosen.includes(o.value)} onChange={(e) => toggle(o.value, e.target.checked)} />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Options from a code list and its labels, in the list's order. */
export const optionsOf = (codes: readonly string[], labels: Record<string, string>): Option[] =>
  codes.map((c) => ({ value: c, label: Object.hasOwn(labels, c) ? (labels[c] ?? c) : c }));
