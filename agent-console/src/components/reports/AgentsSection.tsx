import { useCallback, useMemo } from 'react';
import { useReport } from '../../hooks/useReport.js';
import { useI18n } from '../../i18n.js';
import { reportApi, reportCsvUrl, type ReportFilters } from '../../report-api.js';
import { reportFormats } from '../../report-format.js';
import { ReportSection } from './ReportSection.js';

/** Calls each agent answered in the range, and their mean talk time. */
export function AgentsSection({ filters }: { filters: ReportFilters }) {
  const { t, lang } = useI18n();
  const a = t.rep.agents;
  const f = useMemo(() => reportFormats(lang, t.rep.none), [lang, t]);
  const load = useCallback(() => reportApi.agents(filters, lang), [filters, lang]);
  const result = useReport(load);
  return (
    <ReportSection id="agents" title={a.title} result={result} csvUrl={reportCsvUrl('agents', filters)}>
      {({ rows }) => (rows.length === 0
        ? <p className="empty" data-testid="agents-empty">{a.empty}</p>
        : (
          <div className="table-wrap">
            <table className="report-table" data-testid="agents-table">
              <caption className="visually-hidden">{a.title}</caption>
              <thead>
                <tr>
                  <th scope="col">{a.name}</th>
                  <th scope="col" className="num">{a.handled}</th>
                  <th scope="col" className="num">{a.talkAvg}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.agentId} data-testid={`agents-row-${r.agentId}`}>
                    <th scope="row">{r.agentName}</th>
                    <td className="num">{f.int(r.handled)}</td>
                    <td className="num">{f.duration(r.talkSAvg)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </ReportSection>
  );
}
