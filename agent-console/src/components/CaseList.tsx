import type { KeyboardEvent, MouseEvent } from 'react';
import type { CaseSummaryDto } from '../../../src/contracts/index.js';
import { formatMenuPath } from '../format.js';
import { useI18n } from '../i18n.js';
import { CaseFlags } from './CaseFlags.js';
import { PriorityBadge } from './PriorityBadge.js';

interface Props {
  cases: CaseSummaryDto[];
  /** The case whose detail is open, marked in the list. */
  openId: string | null;
  onOpen: (id: string, row: HTMLElement) => void;
}

export function CaseList({ cases, openId, onOpen }: Props) {
  const { t, formatDateTime } = useI18n();
  const h = t.cases;

  const click = (id: string) => (e: MouseEvent<HTMLTableRowElement>) => onOpen(id, e.currentTarget);
  const key = (id: string) => (e: KeyboardEvent<HTMLTableRowElement>) => {
    if (e.target !== e.currentTarget) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onOpen(id, e.currentTarget);
    }
  };

  return (
    <section className="panel" aria-labelledby="cases-title">
      <div className="panel-head">
        <h2 id="cases-title">{h.title}</h2>
        <span className="count">{t.caseCount(cases.length)}</span>
        <span className="note">{h.timeZoneNote}</span>
      </div>
      <div className="table-wrap">
        <table data-testid="case-list" className="table-clickable">
          <thead>
            <tr>
              <th scope="col">{h.number}</th>
              <th scope="col">{h.createdAt}</th>
              <th scope="col">{h.status}</th>
              <th scope="col">{h.priority}</th>
              <th scope="col">{h.category}</th>
              <th scope="col">{h.flags}</th>
              <th scope="col">{h.language}</th>
              <th scope="col">{h.caller}</th>
              <th scope="col">{h.menuPath}</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((c) => (
              <tr
                key={c.id}
                data-testid="case-row"
                data-case-id={c.id}
                tabIndex={0}
                title={h.openHint}
                aria-current={c.id === openId ? 'true' : undefined}
                className={c.id === openId ? 'row-open' : undefined}
                // No focus on mouse down: focusing a row wider than its scroll box scrolls the table sideways.
                onMouseDown={(e) => e.preventDefault()}
                onClick={click(c.id)}
                onKeyDown={key(c.id)}
              >
                <td className="mono strong">{c.number}</td>
                <td><time dateTime={c.createdAt}>{formatDateTime(c.createdAt)}</time></td>
                <td><span className={`status status-${c.status}`}>{t.statuses[c.status] ?? c.status}</span></td>
                <td><PriorityBadge priority={c.priority} /></td>
                <td>{t.categories[c.category] ?? c.category}</td>
                <td><CaseFlags flags={c.flags ?? []} vulnerable={c.vulnerable === true} /></td>
                <td>{t.languages[c.language] ?? c.language}</td>
                <td className="mono">{c.callerMasked}</td>
                <td className="mono">{formatMenuPath(c.menuPath)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {cases.length === 0 && <p className="empty">{h.empty}</p>}
      </div>
    </section>
  );
}
