import { useId } from 'react';
import type { CaseEventDto } from '../../../../src/contracts/index.js';
import { fieldLabel, labelOf } from '../../case-labels.js';
import { formatDuration } from '../../format.js';
import { actorLabel, eventKindLabel, useI18n, type Messages } from '../../i18n.js';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** A changed value in words, for the fields whose values the server puts on the timeline. */
function valueText(t: Messages, field: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.map((x) => valueText(t, field, x)).join(', ') || '—';
  const s = String(v);
  if (field === 'category') return labelOf(t.categories, s);
  if (field === 'priority') return `P${s}`;
  if (field === 'relationship') return labelOf(t.cw.relationships, s);
  if (field === 'subcategory') return labelOf(t.cw.subcategories, s);
  if (field === 'requestTypes') return labelOf(t.cw.requestTypes, s);
  if (field === 'situation.facilityType') return labelOf(t.cw.facilityTypes, s);
  return typeof v === 'object' ? '' : s;
}

interface Change { field: string; from?: unknown; to?: unknown }

function Details({ e }: { e: CaseEventDto }) {
  const { t, formatDateTime } = useI18n();
  const tl = t.cw.timeline;
  const d = e.data;
  switch (e.kind) {
    case 'call': {
      const recordings = Array.isArray(d.recordings) ? (d.recordings as { sid: string; kind: string; durationS: number | null }[]) : [];
      return (
        <div className="timeline-details">
          <span>{d.direction === 'outbound' ? tl.callOut : tl.callIn}</span>
          {typeof d.status === 'string' && <span className="muted">{labelOf(tl.callStatus, d.status)}</span>}
          <span>
            <span className="muted">{tl.duration}: </span>
            <span className="mono" data-testid="timeline-call-duration">{formatDuration(typeof d.durationS === 'number' ? d.durationS : null)}</span>
          </span>
          {e.actorName && <span>{tl.answeredBy(e.actorName)}</span>}
          {recordings.map((r) => (
            <div key={r.sid} className="timeline-recording" data-testid="timeline-recording" data-sid={r.sid}>
              <span className="muted">{t.detail.recordingKinds[r.kind as 'call' | 'voicemail'] ?? tl.recording} · {formatDuration(r.durationS)}</span>
              <audio controls preload="none" src={`/api/recordings/${encodeURIComponent(r.sid)}/audio`} aria-label={tl.listen(formatDateTime(e.at))} />
            </div>
          ))}
        </div>
      );
    }
    case 'status.changed':
      return (
        <div className="timeline-details">
          {tl.statusChange(labelOf(t.statuses, str(d.from)), labelOf(t.statuses, str(d.to)))}
          {d.notifyCaller === true && <span className="muted"> · {tl.notified}</span>}
        </div>
      );
    case 'fields.changed': {
      const changes = Array.isArray(d.changes) ? (d.changes as Change[]) : [];
      return (
        <ul className="timeline-details timeline-changes">
          {changes.map((c, i) => (
            <li key={`${c.field}-${i}`}>
              {fieldLabel(t, c.field)}
              {('from' in c || 'to' in c) && valueText(t, c.field, c.to) !== '' && (
                <span className="muted"> ({valueText(t, c.field, c.from)} → {valueText(t, c.field, c.to)})</span>
              )}
            </li>
          ))}
        </ul>
      );
    }
    case 'note.added':
      return d.redacted === true
        ? <p className="timeline-details muted">{t.cw.notes.redacted}</p>
        : <p className="timeline-details timeline-note" data-testid="timeline-note">{str(d.text)}</p>;
    case 'sms.sent': {
      const purpose = str(d.purpose);
      return purpose ? <div className="timeline-details muted">{labelOf(tl.sms, purpose.split(':')[0] ?? purpose)}</div> : null;
    }
    case 'case.merged':
      return <div className="timeline-details">{tl.mergedFrom(str(d.from))}</div>;
    case 'case.merged_into':
      return <div className="timeline-details">{tl.mergedInto(str(d.into))}</div>;
    case 'call.moved':
      return <div className="timeline-details">{tl.callMoved(str(d.into))}</div>;
    case 'case.non_data':
      return <div className="timeline-details">{labelOf(t.cw.nonDataReasons, str(d.reason))}</div>;
    case 'escalation.sent':
    case 'escalation.acknowledged':
    case 'escalation.action':
    case 'escalation.note':
    case 'escalation.info_requested':
    case 'escalation.info_provided':
    case 'escalation.closed':
    case 'escalation.reminder':
    case 'escalation.breach':
    case 'escalation.delivery_failed':
      return <EscalationDetails e={e} />;
    default:
      return null;
  }
}

/** An escalation step on the case: which office, and what it said or decided. */
function EscalationDetails({ e }: { e: CaseEventDto }) {
  const { t, formatDateTime } = useI18n();
  const esc = t.esc;
  const d = e.data;
  const which = str(d.which);
  return (
    <div className="timeline-details" data-testid="timeline-escalation">
      {str(d.officeName) && <span className="strong">{str(d.officeName)}</span>}
      {e.kind === 'escalation.sent' && str(d.reason) && <span className="muted">{labelOf(esc.reasons, str(d.reason))}</span>}
      {e.kind === 'escalation.closed' && <span className="strong">{labelOf(esc.outcomes, str(d.outcome))}</span>}
      {(which === 'ack' || which === 'action') && (
        <span className="muted">{esc.deadlines[which]}{str(d.due) && <> · <time dateTime={str(d.due)}>{formatDateTime(str(d.due))}</time></>}</span>
      )}
      {e.kind === 'escalation.delivery_failed' && <span className="muted">{labelOf(esc.channels, str(d.channel))}</span>}
      {(str(d.text) || str(d.note)) && <p className="timeline-note timeline-note-wide">{str(d.text) || str(d.note)}</p>}
    </div>
  );
}

/** Who did it: a person's name, the phone menu or the system; a call names who answered in its details. */
function actorText(t: Messages, e: CaseEventDto): string {
  if (e.kind === 'call') return '';
  return e.actorName ?? (e.actor === 'ivr' || e.actor === 'system' ? actorLabel(t, e.actor) : '');
}

/** Everything that happened to the case, oldest first, in Tegucigalpa time with seconds. */
export function Timeline({ events }: { events: CaseEventDto[] }) {
  const { t, formatDateTimeSeconds } = useI18n();
  const d = t.detail;
  const titleId = useId();
  return (
    <section className="drawer-section" aria-labelledby={titleId}>
      <h3 id={titleId}>
        {d.timeline} <span className="note-inline">{d.timeZoneNote}</span>
      </h3>
      {events.length === 0
        ? <p className="muted">{d.noEvents}</p>
        : (
          <ol className="timeline">
            {events.map((e, i) => (
              <li key={`${i}-${e.kind}-${e.at}`} className="timeline-event" data-testid="timeline-event" data-kind={e.kind}>
                <time className="mono" dateTime={e.at}>{formatDateTimeSeconds(e.at)}</time>
                <span className="timeline-kind">{eventKindLabel(t, e.kind)}</span>
                <span className="muted timeline-actor">{actorText(t, e)}</span>
                <Details e={e} />
              </li>
            ))}
          </ol>
        )}
    </section>
  );
}
