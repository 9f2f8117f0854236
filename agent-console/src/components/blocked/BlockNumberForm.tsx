import { useRef, useState, type FormEvent } from 'react';
import { fieldMessage, type FieldProblem } from '../../../../src/contracts/case-fields.js';
import type { BlockedNumberDto, Language } from '../../../../src/contracts/index.js';
import { HttpError, api, isUnauthorized } from '../../api.js';
import { BLOCK_DURATIONS, type BlockDuration } from '../../i18n-blocked.js';
import { useI18n } from '../../i18n.js';

type Field = 'phone' | 'reason' | 'minutes';
const FIELDS: readonly Field[] = ['phone', 'reason', 'minutes'];
const IDS: Record<Field, string> = { phone: 'block-phone', reason: 'block-reason', minutes: 'block-duration' };

interface Refusal { problem: FieldProblem; message: string }

type Outcome =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'blocked'; dto: BlockedNumberDto }
  /** `fields`: what the server found wrong with each field, in its words in `lang` (the language the request went out in). */
  | { kind: 'refused'; lang: Language; fields: Partial<Record<Field, Refusal>>; other: string | null }
  | { kind: 'failed'; message: string };

/** The server's refusal by field; what names no field of this form is shown above the button. */
function refusalOf(err: HttpError, lang: Language): Extract<Outcome, { kind: 'refused' }> {
  const fields: Partial<Record<Field, Refusal>> = {};
  const other: string[] = [];
  for (const f of err.fields) {
    const field = f.path.split('.')[0] as Field;
    // One message a field: the first problem found is the one to fix first.
    if (FIELDS.includes(field)) fields[field] ??= { problem: f.problem, message: f.message };
    else other.push(f.message);
  }
  return { kind: 'refused', lang, fields, other: err.fields.length === 0 ? err.message : other.join(' ') || null };
}

/** Supervisors: block a number for a time, with a reason that is recorded with their name. */
export function BlockNumberForm({ onBlocked, onUnauthorized }: { onBlocked: (blocked: BlockedNumberDto) => void; onUnauthorized: () => void }) {
  const { t, lang, formatDateTime } = useI18n();
  const f = t.blk.form;
  const [phone, setPhone] = useState('');
  const [reason, setReason] = useState('');
  const [minutes, setMinutes] = useState<BlockDuration>(BLOCK_DURATIONS[1]);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const phoneRef = useRef<HTMLInputElement>(null);
  const reasonRef = useRef<HTMLInputElement>(null);

  /**
   * The server's words for a refused field; after a switch of language, the same problem in the new one
   * (the phone's in the shared rules' wording, the others' in this console's, which match the server's).
   */
  const errorOf = (field: Field): string | null => {
    const refusal = outcome.kind === 'refused' ? outcome.fields[field] : undefined;
    if (!refusal || outcome.kind !== 'refused') return null;
    if (outcome.lang === lang) return refusal.message;
    if (field === 'phone') return fieldMessage(refusal.problem, lang);
    return field === 'reason' ? f.reasonRefused : f.durationRefused;
  };
  /** Editing a field takes its refusal away (the others stay until the next try), and the confirmation. */
  const edited = (field: Field) => setOutcome((o) => {
    if (o.kind === 'blocked') return { kind: 'idle' };
    if (o.kind !== 'refused' || !o.fields[field]) return o;
    const fields = { ...o.fields };
    delete fields[field];
    return Object.keys(fields).length === 0 && !o.other ? { kind: 'idle' } : { ...o, fields };
  });

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (outcome.kind === 'saving') return;
    setOutcome({ kind: 'saving' });
    try {
      // The server checks every field and words its refusals in the console's language.
      const blocked = await api.blockNumber({ phone, reason, minutes }, lang);
      setOutcome({ kind: 'blocked', dto: blocked });
      setPhone('');
      setReason('');
      onBlocked(blocked);
    } catch (err) {
      if (isUnauthorized(err)) {
        onUnauthorized();
        return;
      }
      if (err instanceof HttpError && (err.status === 422 || err.status === 400)) {
        const refusal = refusalOf(err, lang);
        setOutcome(refusal);
        // Focus goes to the first field refused, whose message is read with it.
        if (refusal.fields.phone) phoneRef.current?.focus();
        else if (refusal.fields.reason) reasonRef.current?.focus();
        return;
      }
      const message = err instanceof HttpError && err.status === 403 ? f.forbidden : f.failed;
      setOutcome({ kind: 'failed', message });
    }
  };

  const describedBy = (field: Field, hint: boolean) => [hint ? `${IDS[field]}-hint` : null, errorOf(field) ? `${IDS[field]}-error` : null].filter(Boolean).join(' ') || undefined;
  const fieldError = (field: Field) => {
    const error = errorOf(field);
    return error && <p id={`${IDS[field]}-error`} className="field-error" data-testid={`${IDS[field]}-error`}>{error}</p>;
  };

  return (
    <section className="panel settings-section" aria-labelledby="block-form-title" data-testid="block-form">
      <div className="panel-head">
        <h2 id="block-form-title">{f.title}</h2>
      </div>
      {/* noValidate: the server checks every value and names each problem by its field. */}
      <form className="settings-form" onSubmit={(e) => void submit(e)} noValidate>
        <p className="hint">{f.hint}</p>
        <div className="field">
          <label htmlFor={IDS.phone}>{f.phone}</label>
          <input
            ref={phoneRef}
            id={IDS.phone}
            type="tel"
            inputMode="tel"
            autoComplete="off"
            className="input"
            maxLength={30}
            placeholder="+504 9999-8888"
            value={phone}
            aria-describedby={describedBy('phone', true)}
            aria-invalid={errorOf('phone') ? true : undefined}
            data-testid={IDS.phone}
            onChange={(e) => {
              setPhone(e.target.value);
              edited('phone');
            }}
          />
          <p id={`${IDS.phone}-hint`} className="hint">{f.phoneHint}</p>
          {fieldError('phone')}
        </div>
        <div className="field">
          <label htmlFor={IDS.reason}>{f.reason}</label>
          <input
            ref={reasonRef}
            id={IDS.reason}
            type="text"
            className="input"
            maxLength={300}
            value={reason}
            aria-describedby={describedBy('reason', true)}
            aria-invalid={errorOf('reason') ? true : undefined}
            data-testid={IDS.reason}
            onChange={(e) => {
              setReason(e.target.value);
              edited('reason');
            }}
          />
          <p id={`${IDS.reason}-hint`} className="hint">{f.reasonHint}</p>
          {fieldError('reason')}
        </div>
        <div className="field">
          <label htmlFor={IDS.minutes}>{f.duration}</label>
          <select
            id={IDS.minutes}
            className="input"
            value={minutes}
            aria-describedby={describedBy('minutes', true)}
            aria-invalid={errorOf('minutes') ? true : undefined}
            data-testid={IDS.minutes}
            onChange={(e) => {
              setMinutes(Number(e.target.value) as BlockDuration);
              edited('minutes');
            }}
          >
            {BLOCK_DURATIONS.map((d) => <option key={d} value={d}>{f.durations[d]}</option>)}
          </select>
          <p id={`${IDS.minutes}-hint`} className="hint">{f.durationHint}</p>
          {fieldError('minutes')}
        </div>
        <div className="section-actions">
          <button type="submit" className="button button-primary" data-testid="block-submit" disabled={outcome.kind === 'saving'}>
            {outcome.kind === 'saving' ? f.submitting : f.submit}
          </button>
        </div>
        <div role="status">
          {outcome.kind === 'blocked' && (
            <p className="success-note" data-testid="block-success">{f.blocked(outcome.dto.phone, formatDateTime(outcome.dto.until))}</p>
          )}
        </div>
        {outcome.kind === 'refused' && (
          <p className="alert" role="alert" data-testid="block-error">
            <strong>{f.refused}</strong>
            {outcome.other && <> {outcome.other}</>}
          </p>
        )}
        {outcome.kind === 'failed' && <p className="alert" role="alert" data-testid="block-error">{outcome.message}</p>}
      </form>
    </section>
  );
}
