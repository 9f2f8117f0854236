import type { CaseSummaryDto } from '../../../src/contracts/index.js';
import { formatMenuPath } from '../format.js';
import { useI18n } from '../i18n.js';
import { CaseFlags } from './CaseFlags.js';
import { CaseRow, CaseSummaryCells, CaseSummaryHeadings } from './CaseRow.js';

interface Props {
  cases: CaseSummaryDto[];
  /** The case whose detail is open, marked in the list. */
  openId: string | null;
  onOpen: (id: string, row: HTMLElement) => void;
}

export function CaseList({ cases, openId, onOpen }: Props) {
  const { t } = useI18n();
  const h = t.cases;

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
              <CaseSummaryHeadings />
              <th scope="col">{h.flags}</th>
              <th scope="col">{h.language}</th>
              <th scope="col">{h.caller}</th>
              <th scope="col">{h.menuPath}</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((c) => (
              <CaseRow key={c.id} caseId={c.id} open={c.id === openId} title={h.openHint} testId="case-row" onOpen={onOpen}>
                <CaseSummaryCells c={c} />
                <td><CaseFlags flags={c.flags ?? []} vulnerable={c.vulnerable === true} /></td>
                <td>{t.languages[c.language] ?? c.language}</td>
                <td className="mono">{c.callerMasked}</td>
                <td className="mono">{formatMenuPath(c.menuPath)}</td>
              </CaseRow>
            ))}
          </tbody>
        </table>
        {cases.length === 0 && <p className="empty">{h.empty}</p>}
      </div>
    </section>
  );
}
