import { useId } from 'react';
import type { EscalationDto } from '../../../../src/contracts/index.js';
import { labelOf } from '../../case-labels.js';
import { useEscalationDetail } from '../../hooks/useEscalationDetail.js';
import { useNow } from '../../hooks/useNow.js';
import { useI18n } from '../../i18n.js';
import { PriorityBadge } from '../PriorityBadge.js';
import { DeadlineCountdown } from './DeadlineCountdown.js';
import { EscalationDeliveries } from './EscalationDeliveries.js';
import { EscalationEvents } from './EscalationEvents.js';
import { EscalationStatusBadge } from './EscalationStatusBadge.js';
import { HotlineEscalationActions } from './HotlineEscalationActions.js';
import { OfficeEscalationActions } from './OfficeEscalationActions.js';
import { PacketView } from './PacketView.js';

interface Props {
  escalationId: string;
  /** The office works it (consulate users); the hotline answers and notes (agents, supervisors). */
  side: 'office' | 'hotline';
  /** The escalation as stored after an action here, for the list it was opened from. */
  onChanged?: (e: EscalationDto) => void;
  /** Shows the case (supervisors' page); absent where the case is already on screen or out of reach. */
  onOpenCase?: (caseId: string) => void;
}

/**
 * One escalation: where it stands and its deadlines, what this side may do, the packet as sent, the
 * history of both sides, and the deliveries to the office. Follows the escalation live.
 */
export function EscalationDetailView({ escalationId, side, onChanged, onOpenCase }: Props) {
  const { t, formatDateTime } = useI18n();
  const d = t.esc.detail;
  const now = useNow(1000);
  const factsId = useId();
  const { detail, error, reload } = useEscalationDetail(escalationId);

  const changed = (e?: EscalationDto) => {
    if (e) onChanged?.(e);
    void reload();
  };

  if (error) {
    return (
      <div className="alert" role="alert" data-testid="escalation-detail-error">
        {error === 'not-found' ? d.notFound : d.loadError}{' '}
        {error === 'failed' && <button type="button" className="button button-small" onClick={() => void reload()}>{d.retry}</button>}
      </div>
    );
  }
  if (!detail) return <p className="muted" role="status">{d.loading}</p>;
  const e = detail.escalation;
  const packet = <PacketView packet={detail.packet} />;

  return (
    <div className="esc-detail" data-testid="escalation-detail-body" data-status={e.status} data-version={e.version}>
      <section className="drawer-section" aria-labelledby={factsId}>
        <h3 id={factsId} className="visually-hidden">{d.facts}</h3>
        <dl className="facts">
          <div><dt>{t.esc.list.status}</dt><dd><EscalationStatusBadge e={e} /></dd></div>
          <div><dt>{t.esc.list.office}</dt><dd data-testid="escalation-office">{e.officeName}</dd></div>
          <div><dt>{t.esc.list.number}</dt><dd className="mono">{e.caseNumber}</dd></div>
          <div><dt>{t.esc.list.priority}</dt><dd><PriorityBadge priority={e.priority} /> {t.categories[e.category] ?? e.category}</dd></div>
          <div><dt>{t.esc.list.sent}</dt><dd><time dateTime={e.createdAt}>{formatDateTime(e.createdAt)}</time></dd></div>
          <div><dt>{t.esc.deadlines.ackDue}</dt><dd><DeadlineCountdown e={e} which="ack" now={now} withDate /></dd></div>
          <div><dt>{t.esc.deadlines.actionDue}</dt><dd><DeadlineCountdown e={e} which="action" now={now} withDate /></dd></div>
          {e.outcome && (
            <div className="facts-wide">
              <dt>{d.outcome}</dt>
              <dd data-testid="escalation-outcome">
                <strong>{labelOf(t.esc.outcomes, e.outcome)}</strong>{e.outcomeNote && <span className="packet-text"> — {e.outcomeNote}</span>}
              </dd>
            </div>
          )}
        </dl>
        {onOpenCase && (
          <p className="esc-open-case">
            <button type="button" className="button button-small" data-testid="escalation-open-case" onClick={() => onOpenCase(e.caseId)}>{d.openCase}</button>
          </p>
        )}
      </section>
      {side === 'office'
        ? <OfficeEscalationActions e={e} onChanged={changed} />
        : <HotlineEscalationActions detail={detail} onChanged={changed} />}
      {side === 'office'
        ? <section className="drawer-section"><h3>{d.packet}</h3>{packet}</section>
        : (
          <details className="drawer-section esc-packet-details">
            <summary>{d.packet}</summary>
            {packet}
          </details>
        )}
      <EscalationEvents events={detail.events} />
      <EscalationDeliveries deliveries={detail.deliveries} />
    </div>
  );
}
