import type { EscalationDto } from '../../../../src/contracts/index.js';
import { labelOf } from '../../case-labels.js';
import { useI18n } from '../../i18n.js';

/** Where an escalation stands; a closed one says with what outcome. */
export function EscalationStatusBadge({ e }: { e: EscalationDto }) {
  const { t } = useI18n();
  return (
    <span className="esc-status-wrap">
      <span className={`status esc-status-${e.status}`} data-testid="escalation-status" data-status={e.status}>{t.esc.statuses[e.status] ?? e.status}</span>
      {e.outcome && <span className="muted esc-outcome"> · {labelOf(t.esc.outcomes, e.outcome)}</span>}
    </span>
  );
}
