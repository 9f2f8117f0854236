import { useId, useState, type FormEvent } from 'react';
import type { CaseDto, CaseSummaryDto } from '../../../../src/contracts/index.js';
import { HttpError } from '../../api.js';
import { caseApi } from '../../case-api.js';
import { useI18n } from '../../i18n.js';

type Step =
  | { kind: 'typing' }
  | { kind: 'finding' }
  | { kind: 'found'; target: CaseSummaryDto }
  | { kind: 'merging'; target: CaseSummaryDto }
  | { kind: 'error'; message: string };

/** "Merge this case into…": the other case is found by its number, shown, then confirmed. */
export function MergeDialog({ c, onMerged }: { c: CaseDto; onMerged: (into: CaseDto) => void }) {
  const { t, formatDateTime } = useI18n();
  const m = t.cw.merge;
  const titleId = useId();
  const inputId = useId();
  const [number, setNumber] = useState('');
  const [step, setStep] = useState<Step>({ kind: 'typing' });

  const find = async (e: FormEvent) => {
    e.preventDefault();
    if (!number.trim()) return;
    setStep({ kind: 'finding' });
    try {
      const { cases } = await caseApi.search({ number: number.trim(), limit: 2 });
      const target = cases[0];
      if (!target) setStep({ kind: 'error', message: m.notFound });
      else if (target.id === c.id) setStep({ kind: 'error', message: m.self });
      else setStep({ kind: 'found', target });
    } catch (err) {
      setStep({ kind: 'error', message: err instanceof HttpError && err.status === 400 ? m.notFound : m.failed });
    }
  };

  const merge = async (target: CaseSummaryDto) => {
    setStep({ kind: 'merging', target });
    try {
      onMerged(await caseApi.merge(c.id, target.id));
      setStep({ kind: 'typing' });
      setNumber('');
    } catch (err) {
      setStep({ kind: 'error', message: err instanceof HttpError && err.status !== 0 ? `${m.failed} ${err.message}` : m.failed });
    }
  };

  const target = step.kind === 'found' || step.kind === 'merging' ? step.target : null;
  return (
    <section className="case-section" aria-labelledby={titleId} data-testid="merge-case">
      <h3 id={titleId}>{t.cw.sections.merge}</h3>
      <p className="hint">{m.hint}</p>
      <form className="inline-form" onSubmit={(e) => void find(e)}>
        <label htmlFor={inputId}>{m.number}</label>
        <input
          id={inputId}
          className="input mono"
          placeholder="AV-2026-000123"
          value={number}
          data-testid="merge-number"
          onChange={(e) => {
            setNumber(e.target.value);
            setStep({ kind: 'typing' });
          }}
        />
        <button type="submit" className="button button-small" disabled={step.kind === 'finding' || step.kind === 'merging'} data-testid="merge-find">
          {step.kind === 'finding' ? m.finding : m.find}
        </button>
      </form>
      {step.kind === 'error' && <p className="alert" role="alert" data-testid="merge-error">{step.message}</p>}
      {target && (
        <div className="merge-target" data-testid="merge-target" data-case-id={target.id}>
          <span className="mono strong">{target.number}</span>
          <span className={`status status-${target.status}`}>{t.statuses[target.status]}</span>
          <span>{t.categories[target.category]}</span>
          {target.displayName && <span>{target.displayName}</span>}
          <time className="muted" dateTime={target.createdAt}>{formatDateTime(target.createdAt)}</time>
          <div className="inline-form">
            <button type="button" className="button button-small button-danger" disabled={step.kind === 'merging'} data-testid="merge-confirm" onClick={() => void merge(target)}>
              {step.kind === 'merging' ? m.merging : m.confirm(c.number, target.number)}
            </button>
            <button type="button" className="button button-small" disabled={step.kind === 'merging'} onClick={() => setStep({ kind: 'typing' })}>{m.cancel}</button>
          </div>
        </div>
      )}
    </section>
  );
}
