import type { EscalationDto } from '../../../../src/contracts/index.js';
import { formatSpan } from '../../escalation-order.js';
import { useI18n } from '../../i18n.js';

/** Under this, a running deadline is shown as close (amber). */
const SOON_MS = 30 * 60_000;

interface Props {
  e: EscalationDto;
  which: 'ack' | 'action';
  /** The caller's clock (one timer per list, see useNow). */
  now: number;
  /** Also show the deadline itself, not only the time left. */
  withDate?: boolean;
}

/**
 * One of an escalation's deadlines: time left while it runs, how late once missed, and when it was
 * met. The server's breach flag counts even if this browser's clock disagrees.
 */
export function DeadlineCountdown({ e, which, now, withDate = false }: Props) {
  const { t, formatDateTime } = useI18n();
  const d = t.esc.deadlines;
  const due = which === 'ack' ? e.ackDueAt : e.actionDueAt;
  const metAt = which === 'ack' ? e.acknowledgedAt : e.firstActionAt;
  const breached = e.breaches.includes(which);
  const testId = `deadline-${which}`;
  if (!due) return <span className="deadline muted" data-testid={testId} data-state="none">{d.none}</span>;
  const dueText = withDate && <span className="deadline-date"> · <time dateTime={due}>{formatDateTime(due)}</time></span>;
  if (metAt) {
    const late = breached || Date.parse(metAt) > Date.parse(due);
    return (
      <span className={`deadline ${late ? 'deadline-late' : 'deadline-met'}`} data-testid={testId} data-state={late ? 'met-late' : 'met'} title={`${d[which]}: ${formatDateTime(due)}`}>
        {late ? d.metLate : d.met} <time dateTime={metAt} className="muted">{formatDateTime(metAt)}</time>
        {dueText}
      </span>
    );
  }
  const left = Date.parse(due) - now;
  const overdue = breached || left <= 0;
  const state = overdue ? 'overdue' : left < SOON_MS ? 'soon' : 'running';
  return (
    <span className={`deadline deadline-${state}`} data-testid={testId} data-state={state} title={`${d[which]}: ${formatDateTime(due)}`}>
      {overdue ? d.overdue(formatSpan(Math.min(left, 0))) : d.left(formatSpan(left))}
      {dueText}
    </span>
  );
}
