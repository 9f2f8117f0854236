import { useId, useState, type FormEvent } from 'react';
import { CATEGORIES, type Category } from '../../../../src/contracts/domain.js';
import { hotlineToday } from '../../format.js';
import { useI18n } from '../../i18n.js';
import { addDays, type Granularity, type ReportFilters } from '../../report-api.js';
import { OfficeSelect } from '../escalations/OfficeSelect.js';

const GRANULARITIES: readonly Granularity[] = ['day', 'week', 'month'];

/** The last 30 days, today included, in the hotline's time zone; every category and office; calls by day. */
export function defaultReportFilters(now: Date = new Date()): ReportFilters {
  const to = hotlineToday(now);
  return { from: addDays(to, -29), to, category: '', office: '', granularity: 'day' };
}

interface Props {
  filters: ReportFilters;
  onApply: (filters: ReportFilters) => void;
}

/** The range and filters every section shares; nothing is fetched until they are applied. */
export function ReportFiltersForm({ filters, onApply }: Props) {
  const { t } = useI18n();
  const r = t.rep.filters;
  const id = useId();
  const [draft, setDraft] = useState<ReportFilters>(filters);
  const [problem, setProblem] = useState<string | null>(null);
  const set = <K extends keyof ReportFilters>(key: K, value: ReportFilters[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!draft.from || !draft.to) return setProblem(r.missingDate);
    if (draft.from > draft.to) return setProblem(r.fromAfterTo);
    setProblem(null);
    onApply({ ...draft });
  };
  const last30 = () => {
    const next = { ...defaultReportFilters(), category: draft.category, office: draft.office, granularity: draft.granularity };
    setDraft(next);
    setProblem(null);
    onApply(next);
  };

  return (
    <form className="panel report-filters" aria-label={r.label} data-testid="report-filters" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-from`}>{r.from}</label>
        <input id={`${id}-from`} type="date" className="input" required value={draft.from} max={draft.to || undefined} data-testid="report-from"
          aria-invalid={problem ? true : undefined} aria-describedby={problem ? `${id}-problem` : undefined} onChange={(e) => set('from', e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>{r.to}</label>
        <input id={`${id}-to`} type="date" className="input" required value={draft.to} min={draft.from || undefined} data-testid="report-to"
          aria-invalid={problem ? true : undefined} aria-describedby={problem ? `${id}-problem` : undefined} onChange={(e) => set('to', e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-category`}>{r.category}</label>
        <select id={`${id}-category`} className="input" value={draft.category} data-testid="report-category" onChange={(e) => set('category', e.target.value as Category | '')}>
          <option value="">{r.anyCategory}</option>
          {CATEGORIES.map((c) => <option key={c} value={c}>{t.categories[c]}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-office`}>{r.office}</label>
        <OfficeSelect id={`${id}-office`} value={draft.office} emptyLabel={r.anyOffice} data-testid="report-office" onChange={(office) => set('office', office)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-granularity`}>{r.granularity}</label>
        <select id={`${id}-granularity`} className="input" value={draft.granularity} data-testid="report-granularity" onChange={(e) => set('granularity', e.target.value as Granularity)}>
          {GRANULARITIES.map((g) => <option key={g} value={g}>{r.granularities[g]}</option>)}
        </select>
      </div>
      <div className="report-filter-actions">
        <button type="submit" className="button button-primary" data-testid="report-apply">{r.apply}</button>
        <button type="button" className="button" data-testid="report-last30" onClick={last30}>{r.last30}</button>
      </div>
      {problem && <p className="field-error report-filter-problem" id={`${id}-problem`} role="alert" data-testid="report-filter-problem">{problem}</p>}
    </form>
  );
}
