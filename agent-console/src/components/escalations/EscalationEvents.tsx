import { useId } from 'react';
import type { EscalationEventDto } from '../../../../src/contracts/index.js';
import { labelOf } from '../../case-labels.js';
import { useI18n } from '../../i18n.js';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function Details({ e }: { e: EscalationEventDto }) {
  const { t, formatDateTime } = useI18n();
  const esc = t.esc;
  const d = e.data;
  if (typeof d.text === 'string') return <p className="timeline-details timeline-note" data-testid="escalation-event-text">{d.text}</p>;
  switch (e.kind) {
    case 'close':
      return (
        <div className="timeline-details">
          <strong>{labelOf(esc.outcomes, str(d.outcome))}</strong>
          {str(d.note) && <span className="timeline-note">{str(d.note)}</span>}
        </div>
      );
    case 'delivered':
    case 'delivery_dead':
      return (
        <div className="timeline-details muted">
          {labelOf(esc.channels, str(d.channel))} · {labelOf(esc.purposes, str(d.purpose))} · {esc.detail.attempts(typeof d.attempts === 'number' ? d.attempts : 0)}
        </div>
      );
    case 'ack_breached':
    case 'action_breached':
    case 'ack_reminder':
    case 'action_reminder':
      return str(d.due) ? <div className="timeline-details muted"><time dateTime={str(d.due)}>{formatDateTime(str(d.due))}</time></div> : null;
    default:
      return null;
  }
}

/** What happened to the escalation, oldest first: both sides' steps, reminders, breaches, deliveries. */
export function EscalationEvents({ events }: { events: EscalationEventDto[] }) {
  const { t, formatDateTimeSeconds } = useI18n();
  const d = t.esc.detail;
  const titleId = useId();
  return (
    <section className="drawer-section" aria-labelledby={titleId} data-testid="escalation-events">
      <h3 id={titleId}>{d.events} <span className="note-inline">{d.timeZoneNote}</span></h3>
      {events.length === 0
        ? <p className="muted">{d.noEvents}</p>
        : (
          <ol className="timeline">
            {events.map((e, i) => (
              <li
                key={`${i}-${e.kind}-${e.at}`}
                className={`timeline-event${/breached|dead/.test(e.kind) ? ' timeline-event-alert' : ''}`}
                data-testid="escalation-event"
                data-kind={e.kind}
              >
                <time className="mono" dateTime={e.at}>{formatDateTimeSeconds(e.at)}</time>
                <span className="timeline-kind">{labelOf(t.esc.events, e.kind)}</span>
                <span className="muted timeline-actor">{e.actorName ?? ''}</span>
                <Details e={e} />
              </li>
            ))}
          </ol>
        )}
    </section>
  );
}
