import { useId, useState, type FormEvent } from 'react';
import { CASE_STATUSES, CATEGORIES, type CaseStatus, type Category } from '../../../../src/contracts/domain.js';
import type { CaseQuery } from '../../case-api.js';
import { useI18n } from '../../i18n.js';
import { OfficeSelect } from '../escalations/OfficeSelect.js';

export interface SearchFilters {
  q: string;
  category: Category | '';
  status: CaseStatus[];
  office: string;
  from: string;
  to: string;
  nonData: boolean;
}

export const EMPTY_FILTERS: SearchFilters = { q: '', category: '', status: [], office: '', from: '', to: '', nonData: false };

export const toQuery = (f: SearchFilters): CaseQuery => ({
  q: f.q.trim(), category: f.category, status: f.status, office: f.office.trim(), from: f.from, to: f.to, nonData: f.nonData,
});

/** One box for what the agent knows (number, phone, name, document) and filters to narrow it. */
export function SearchForm({ busy, onSearch, initial }: {
  busy: boolean;
  onSearch: (filters: SearchFilters) => void;
  /** Filled in from elsewhere (a report's drill-down); empty otherwise. */
  initial?: SearchFilters;
}) {
  const { t } = useI18n();
  const s = t.cw.search;
  const id = useId();
  const [f, setF] = useState<SearchFilters>(initial ?? EMPTY_FILTERS);
  const set = <K extends keyof SearchFilters>(key: K, value: SearchFilters[K]) => setF((x) => ({ ...x, [key]: value }));
  const toggleStatus = (status: CaseStatus, on: boolean) =>
    set('status', CASE_STATUSES.filter((x) => (x === status ? on : f.status.includes(x))));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSearch(f);
  };

  return (
    <form className="panel search-form" role="search" data-testid="search-form" onSubmit={submit}>
      <div className="search-main">
        <label htmlFor={`${id}-q`} className="visually-hidden">{s.q}</label>
        <input
          id={`${id}-q`}
          type="search"
          className="input input-grow search-q"
          placeholder={s.qPlaceholder}
          autoComplete="off"
          maxLength={100}
          value={f.q}
          data-testid="search-q"
          onChange={(e) => set('q', e.target.value)}
        />
        <button type="submit" className="button button-primary" disabled={busy} data-testid="search-submit">{busy ? s.searching : s.submit}</button>
        <button type="button" className="button" onClick={() => setF(EMPTY_FILTERS)}>{s.clear}</button>
      </div>
      <div className="search-filters">
        <div className="field">
          <label htmlFor={`${id}-category`}>{s.category}</label>
          <select id={`${id}-category`} className="input" value={f.category} data-testid="search-category" onChange={(e) => set('category', e.target.value as Category | '')}>
            <option value="">{s.anyCategory}</option>
            {CATEGORIES.map((c) => <option key={c} value={c}>{t.categories[c]}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-office`}>{s.office}</label>
          <OfficeSelect id={`${id}-office`} value={f.office} emptyLabel={t.esc.offices.any} data-testid="search-office" onChange={(office) => set('office', office)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-from`}>{s.from}</label>
          <input id={`${id}-from`} type="date" className="input" value={f.from} data-testid="search-from" onChange={(e) => set('from', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{s.to}</label>
          <input id={`${id}-to`} type="date" className="input" value={f.to} data-testid="search-to" onChange={(e) => set('to', e.target.value)} />
        </div>
        <fieldset className="field check-group search-statuses" data-testid="search-status">
          <legend>{s.status}</legend>
          <div className="check-list">
            {CASE_STATUSES.map((st) => (
              <label key={st} className="check">
                <input type="checkbox" value={st} checked={f.status.includes(st)} onChange={(e) => toggleStatus(st, e.target.checked)} />
                {t.statuses[st]}
              </label>
            ))}
          </div>
        </fieldset>
        <label className="check">
          <input type="checkbox" checked={f.nonData} data-testid="search-non-data" onChange={(e) => set('nonData', e.target.checked)} />
          {s.nonData}
        </label>
      </div>
    </form>
  );
}
