import type { EscalationAlert } from '../../hooks/useEscalationAlerts.js';
import { labelOf } from '../../case-labels.js';
import { useI18n } from '../../i18n.js';

interface Props {
  alerts: EscalationAlert[];
  onShow: (escalationId: string) => void;
  onDismiss: (a: EscalationAlert) => void;
  onDismissAll: () => void;
}

/** Supervisors' banner, on every view, until each alert is dismissed: a missed deadline or a failed delivery. */
export function EscalationAlerts({ alerts, onShow, onDismiss, onDismissAll }: Props) {
  const { t, formatDateTime } = useI18n();
  const a = t.esc.alerts;
  if (alerts.length === 0) return null;
  return (
    <section className="esc-alerts" role="alert" aria-label={a.title} data-testid="escalation-alerts">
      <div className="esc-alerts-head">
        <strong>{a.title}</strong>
        {alerts.length > 1 && <button type="button" className="button button-small" onClick={onDismissAll}>{a.dismissAll}</button>}
      </div>
      <ul className="esc-alert-list">
        {alerts.map((x) => (
          <li key={`${x.kind}:${x.escalationId}`} className="esc-alert" data-testid="escalation-alert" data-kind={x.kind} data-escalation-id={x.escalationId}>
            <span className="esc-alert-kind">{labelOf(a.kinds, x.kind)}</span>
            <span className="mono">{x.caseNumber}</span>
            <span>{x.officeName}</span>
            <time className="muted" dateTime={x.at}>{formatDateTime(x.at)}</time>
            <span className="esc-alert-actions">
              <button type="button" className="button button-small" data-testid="escalation-alert-show" onClick={() => onShow(x.escalationId)}>{a.show}</button>
              <button type="button" className="button button-small" data-testid="escalation-alert-dismiss" aria-label={a.dismissLabel(x.caseNumber)} onClick={() => onDismiss(x)}>{a.dismiss}</button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
