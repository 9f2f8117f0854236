import type { CaseSummaryDto } from '../../../src/contracts/index.js';
import { formatMenuPath } from '../format.js';
import { useI18n } from '../i18n.js';
import { PriorityBadge } from './PriorityBadge.js';

export function CaseList({ cases }: { cases: CaseSummaryDto[] }) {
  const { t, formatDateTime } = useI18n();
  const h = t.cases;
  return (
    <section className="panel" aria-labelledby="cases-title">
      <div className="panel-head">
        <h2 id="cases-title">{h.title}</h2>
        <span className="count">{t.caseCount(cases.length)}</span>
        <span className="note">{h.timeZoneNote}</span>
      </div>
      <div className="table-wrap">
        <table data-testid="case-list">
          <thead>
            <tr>
              <th scope="col">{h.number}</th>
              <th scope="col">{h.createdAt}</th>
              <th scope="col">{h.status}</th>
              <th scope="col">{h.priority}</th>
              <th scope="col">{h.category}</th>
              <th scope="col">{h.language}</th>
              <th scope="col">{h.caller}</th>
              <th scope="col">{h.menuPath}</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((c) => (
              <tr key={c.id} data-testid="case-row" data-case-id={c.id}>
                <td className="mono strong">{c.number}</td>
                <td><time dateTime={c.createdAt}>{formatDateTime(c.createdAt)}</time></td>
                <td><span className={`status status-${c.status}`}>{t.statuses[c.status] ?? c.status}</span></td>
                <td><PriorityBadge priority={c.priority} /></td>
                <td>{t.categories[c.category] ?? c.category}</td>
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
