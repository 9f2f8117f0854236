import type { KeyboardEvent } from 'react';
import type { EscalationDto } from '../../../../src/contracts/index.js';
import { isBreached } from '../../escalation-order.js';
import { useNow } from '../../hooks/useNow.js';
import { useI18n } from '../../i18n.js';
import { PriorityBadge } from '../PriorityBadge.js';
import { DeadlineCountdown } from './DeadlineCountdown.js';
import { EscalationStatusBadge } from './EscalationStatusBadge.js';

interface Props {
  /** In the order to show. */
  escalations: EscalationDto[];
  /**
   * The case's own list names the office (in the narrow case panel, without what the case already
   * says: priority, category); the office's inbox names the case; supervisors see everything.
   */
  show: { caseNumber: boolean; office: boolean; category: boolean; priority: boolean; sent: boolean };
  openId: string | null;
  onOpen: (id: string, row: HTMLElement) => void;
  label: string;
}

/** Escalations with live deadline countdowns; one past its deadline is marked red and says so. */
export function EscalationTable({ escalations, show, openId, onOpen, label }: Props) {
  const { t, formatDateTime } = useI18n();
  const l = t.esc.list;
  const now = useNow(1000);
  const key = (id: string) => (e: KeyboardEvent<HTMLTableRowElement>) => {
    if (e.target !== e.currentTarget) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onOpen(id, e.currentTarget);
    }
  };
  return (
    <div className="table-wrap">
      <table className="table-clickable esc-table" data-testid="escalation-list" aria-label={label}>
        <thead>
          <tr>
            {show.caseNumber && <th scope="col">{l.number}</th>}
            {show.office && <th scope="col">{l.office}</th>}
            {show.priority && <th scope="col">{l.priority}</th>}
            {show.category && <th scope="col">{l.category}</th>}
            <th scope="col">{l.status}</th>
            <th scope="col">{l.ack}</th>
            <th scope="col">{l.action}</th>
            {show.sent && <th scope="col">{l.sent}</th>}
          </tr>
        </thead>
        <tbody>
          {escalations.map((e) => {
            const breached = isBreached(e);
            const classes = [breached ? 'row-breached' : '', e.status === 'closed' ? 'row-closed' : '', e.id === openId ? 'row-open' : ''].filter(Boolean).join(' ');
            return (
              <tr
                key={e.id}
                data-testid="escalation-row"
                data-escalation-id={e.id}
                data-case-number={e.caseNumber}
                data-status={e.status}
                data-breached={breached ? 'true' : 'false'}
                tabIndex={0}
                title={l.openHint}
                aria-current={e.id === openId ? 'true' : undefined}
                className={classes || undefined}
                onMouseDown={(ev) => ev.preventDefault()}
                onClick={(ev) => onOpen(e.id, ev.currentTarget)}
                onKeyDown={key(e.id)}
              >
                {show.caseNumber && <td className="mono strong">{e.caseNumber}</td>}
                {show.office && <td className="esc-office-cell">{e.officeName}</td>}
                {show.priority && <td><PriorityBadge priority={e.priority} /></td>}
                {show.category && <td>{t.categories[e.category] ?? e.category}</td>}
                <td>
                  <EscalationStatusBadge e={e} />
                  {breached && <span className="breach-mark" data-testid="escalation-breached">{t.esc.deadlines.breached}</span>}
                </td>
                <td><DeadlineCountdown e={e} which="ack" now={now} /></td>
                <td><DeadlineCountdown e={e} which="action" now={now} /></td>
                {show.sent && <td><time dateTime={e.createdAt}>{formatDateTime(e.createdAt)}</time></td>}
              </tr>
            );
          })}
        </tbody>
      </table>
      {escalations.length === 0 && <p className="empty">{l.empty}</p>}
    </div>
  );
}
