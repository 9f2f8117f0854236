import type { CaseSummaryDto } from '../../../../src/contracts/index.js';
import { useI18n } from '../../i18n.js';
import { CaseFlags } from '../CaseFlags.js';
import { CaseRow, CaseSummaryCells, CaseSummaryHeadings } from '../CaseRow.js';

interface Props {
  cases: CaseSummaryDto[];
  openId: string | null;
  onOpen: (id: string, row: HTMLElement) => void;
}

/** Found cases, newest first; a row opens its case in the side panel. */
export function SearchResults({ cases, openId, onOpen }: Props) {
  const { t } = useI18n();
  const s = t.cw.search;
  const h = t.cases;
  return (
    <div className="table-wrap">
      <table className="table-clickable" data-testid="search-results">
        <thead>
          <tr>
            <CaseSummaryHeadings />
            <th scope="col">{s.name}</th>
            <th scope="col">{h.caller}</th>
            <th scope="col">{h.flags}</th>
          </tr>
        </thead>
        <tbody>
          {cases.map((c) => (
            <CaseRow key={c.id} caseId={c.id} open={c.id === openId} title={s.openHint} testId="search-result" onOpen={onOpen}>
              <CaseSummaryCells c={c} />
              <td data-testid="search-result-name">{c.displayName ?? '—'}</td>
              <td className="mono">{c.callerMasked}</td>
              <td><CaseFlags flags={c.flags ?? []} vulnerable={c.vulnerable === true} /></td>
            </CaseRow>
          ))}
        </tbody>
      </table>
    </div>
  );
}
