import { useId } from 'react';
import type { CaseDetailDto } from '../../../src/contracts/index.js';
import { formatDuration, formatMenuPath } from '../format.js';
import type { CaseLoadError } from '../hooks/useCaseDetail.js';
import { actorLabel, eventKindLabel, useI18n } from '../i18n.js';
import { CaseFlags } from './CaseFlags.js';
import { PriorityBadge } from './PriorityBadge.js';

interface Props {
  detail: CaseDetailDto | null;
  error: CaseLoadError;
  onRetry: () => void;
}

/** A case's facts, voice messages and timeline; used by the case panel and by "my call". */
export function CaseDetailBody({ detail, error, onRetry }: Props) {
  const { t, formatDateTime, formatDateTimeSeconds } = useI18n();
  const d = t.detail;
  // Both the panel and "my call" may be on screen at once: heading ids must not collide.
  const recordingsTitle = useId();
  const timelineTitle = useId();
  const c = detail?.case;
  return (
    <>
      {error && (
        <div className="alert" role="alert" data-testid="case-detail-error">
          {error === 'not-found' ? d.notFound : d.loadError}{' '}
          {error === 'failed' && (
            <button type="button" className="button button-small" onClick={onRetry}>{d.retry}</button>
          )}
        </div>
      )}
      {!c && !error && <p className="muted" role="status">{d.loading}</p>}

      {c && detail && (
        <>
          <dl className="facts">
            <div><dt>{d.priority}</dt><dd><PriorityBadge priority={c.priority} /></dd></div>
            <div><dt>{d.category}</dt><dd>{t.categories[c.category] ?? c.category}</dd></div>
            <div><dt>{d.caller}</dt><dd className="mono">{c.callerMasked}</dd></div>
            <div><dt>{d.language}</dt><dd>{t.languages[c.language] ?? c.language}</dd></div>
            {c.officeId && <div><dt>{d.office}</dt><dd className="mono" data-testid="case-detail-office">{c.officeId}</dd></div>}
            <div><dt>{d.createdAt}</dt><dd><time dateTime={c.createdAt}>{formatDateTime(c.createdAt)}</time></dd></div>
            <div className="facts-wide"><dt>{d.menuPath}</dt><dd className="mono">{formatMenuPath(c.menuPath)}</dd></div>
            <div className="facts-wide">
              <dt>{d.flags}</dt>
              <dd>
                {(c.flags?.length ?? 0) > 0 || c.vulnerable
                  ? <CaseFlags flags={c.flags ?? []} vulnerable={c.vulnerable === true} />
                  : <span className="muted">{d.noFlags}</span>}
              </dd>
            </div>
          </dl>

          <section className="drawer-section" aria-labelledby={recordingsTitle}>
            <h3 id={recordingsTitle}>{d.recordings}</h3>
            <p className="info-note" data-testid="transcription-note">{d.transcriptionNote}</p>
            {detail.recordings.length === 0
              ? <p className="muted">{d.noRecordings}</p>
              : (
                <ul className="recordings">
                  {detail.recordings.map((r) => {
                    const when = formatDateTime(r.createdAt);
                    return (
                      <li key={r.sid} className="recording" data-testid="recording" data-sid={r.sid}>
                        <div className="recording-meta">
                          <span className="strong">{d.recordingKinds[r.kind] ?? r.kind}</span>
                          <span>
                            <span className="visually-hidden">{d.duration}: </span>
                            <span className="mono" data-testid="recording-duration">{formatDuration(r.durationS)}</span>
                          </span>
                          <span className="muted">
                            <span className="visually-hidden">{d.receivedAt}: </span>
                            <time dateTime={r.createdAt}>{when}</time>
                          </span>
                        </div>
                        <audio controls preload="none" src={r.audioUrl} aria-label={d.listenLabel(when)}>
                          {d.noAudio}
                        </audio>
                      </li>
                    );
                  })}
                </ul>
              )}
          </section>

          <section className="drawer-section" aria-labelledby={timelineTitle}>
            <h3 id={timelineTitle}>
              {d.timeline} <span className="note-inline">{d.timeZoneNote}</span>
            </h3>
            {detail.timeline.length === 0
              ? <p className="muted">{d.noEvents}</p>
              : (
                <ol className="timeline">
                  {detail.timeline.map((e, i) => (
                    <li key={`${i}-${e.kind}-${e.at}`} className="timeline-event" data-testid="timeline-event" data-kind={e.kind}>
                      <time className="mono" dateTime={e.at}>{formatDateTimeSeconds(e.at)}</time>
                      <span className="timeline-kind">{eventKindLabel(t, e.kind)}</span>
                      <span className="muted timeline-actor">{actorLabel(t, e.actor)}</span>
                    </li>
                  ))}
                </ol>
              )}
          </section>
        </>
      )}
    </>
  );
}
