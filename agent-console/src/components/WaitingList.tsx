import type { WaitingCallDto } from '../../../src/contracts/index.js';
import { formatMenuPath, formatWait } from '../format.js';
import { useNow } from '../hooks/useNow.js';
import { useI18n } from '../i18n.js';
import { PriorityBadge } from './PriorityBadge.js';

interface Props {
  calls: WaitingCallDto[];
  /** Exact number waiting; the list itself is capped by the server. */
  total: number;
}

export function WaitingList({ calls, total }: Props) {
  const { t } = useI18n();
  const now = useNow();
  const w = t.waiting;
  return (
    <section className="panel" aria-labelledby="waiting-title">
      <div className="panel-head">
        <h2 id="waiting-title">{w.title}</h2>
        <span className="count" aria-live="polite" data-testid="waiting-count" data-total={total}>
          {t.count(total)}
          {calls.length < total && <span className="count-shown"> · {t.countShown(calls.length)}</span>}
        </span>
      </div>
      <div className="table-wrap">
        <table data-testid="waiting-list">
          <thead>
            <tr>
              <th scope="col" className="num">{w.position}</th>
              <th scope="col">{w.priority}</th>
              <th scope="col">{w.waitTime}</th>
              <th scope="col">{w.category}</th>
              <th scope="col">{w.caller}</th>
              <th scope="col">{w.language}</th>
              <th scope="col">{w.menuPath}</th>
              <th scope="col">{w.caseNumber}</th>
            </tr>
          </thead>
          <tbody>
            {calls.map((c, i) => {
              const callback = c.kind === 'callback';
              const classes = [c.priority === 1 ? 'row-urgent' : '', callback ? 'row-callback' : ''].filter(Boolean).join(' ');
              return (
                <tr
                  key={c.callSid}
                  data-testid="waiting-row"
                  data-call-sid={c.callSid}
                  data-kind={c.kind}
                  className={classes || undefined}
                >
                  <td className="num">{i + 1}</td>
                  <td><PriorityBadge priority={c.priority} /></td>
                  <td className="mono" data-testid="wait-time">{formatWait(now - Date.parse(c.enqueuedAt))}</td>
                  <td>{t.categories[c.category] ?? c.category}</td>
                  <td>
                    <span className="mono">{c.callerMasked}</span>
                    {callback && (
                      <span className="kind-badge" data-testid="waiting-kind" data-kind={c.kind} title={w.kindCallbackHint}>
                        {w.kindCallback}
                      </span>
                    )}
                  </td>
                  <td>{t.languages[c.language] ?? c.language}</td>
                  <td className="mono">{formatMenuPath(c.menuPath)}</td>
                  <td className="mono">{c.caseNumber}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {calls.length === 0 && <p className="empty">{w.empty}</p>}
      </div>
    </section>
  );
}
