import type { KeyboardEvent } from 'react';
import type { CaseSummaryDto } from '../../../../src/contracts/index.js';
import { useI18n } from '../../i18n.js';
import { CaseFlags } from '../CaseFlags.js';
import { PriorityBadge } from '../PriorityBadge.js';

interface Props {
  cases: CaseSummaryDto[];
  openId: string | null;
  onOpen: (id: string, row: HTMLElement) => void;
}

/** Found cases, newest first; a row opens its case in the side panel. */
export function SearchResults({ cases, openId, onOpen }: Props) {
  const { t, formatDateTime } = useI18n();
  const s = t.cw.search;
  const h = t.cases;
  const key = (id: string) => (e: KeyboardEvent<HTMLTableRowElement>) => {
    if (e.target !== e.currentTarget || (e.key !== 'Enter' && e.key !== ' ')) return;
    e.preventDefault();
    onOpen(id, e.currentTarget);
  };
  return (
    <div className="table-wrap">
      <table className="table-clickable" data-testid="search-results">
        <thead>
          <tr>
            <th scope="col">{h.number}</th>
            <th scope="col">{h.createdAt}</th>
            <th scope="col">{h.status}</th>
            <th scope="col">{h.priority}</th>
            <th scope="col">{h.category}</th>
            <th scope="col">{s.name}</th>
            <th scope="col">{h.caller}</th>
            <th scope="col">{h.flags}</th>
          </tr>
        </thead>
        <tbody>
          {cases.map((c) => (
            <tr
              key={c.id}
              tabIndex={0}
              title={s.openHint}
              data-testid="search-result"
              data-case-id={c.id}
              aria-current={c.id === openId ? 'true' : undefined}
              className={c.id === openId ? 'row-open' : undefined}
              onMouseDown={(e) => e.preventDefault()}
              onClick={(e) => onOpen(c.id, e.currentTarget)}
              onKeyDown={key(c.id)}
            >
              <td className="mono strong">{c.number}</td>
              <td><time dateTime={c.createdAt}>{formatDateTime(c.createdAt)}</time></td>
              <td><span className={`status status-${c.status}`}>{t.statuses[c.status] ?? c.status}</span></td>
              <td><PriorityBadge priority={c.priority} /></td>
              <td>{t.categories[c.category] ?? c.category}</td>
              <td data-testid="search-result-name">{c.displayName ?? '—'}</td>
              <td className="mono">{c.callerMasked}</td>
              <td><CaseFlags flags={c.flags ?? []} vulnerable={c.vulnerable === true} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
