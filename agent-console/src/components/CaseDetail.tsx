import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaseDetailDto } from '../../../src/contracts/index.js';
import { HttpError, api, isUnauthorized } from '../api.js';
import { formatDuration, formatMenuPath } from '../format.js';
import type { CaseListener } from '../hooks/useLiveData.js';
import { actorLabel, eventKindLabel, useI18n } from '../i18n.js';
import { CaseFlags } from './CaseFlags.js';
import { PriorityBadge } from './PriorityBadge.js';

interface Props {
  caseId: string;
  onClose: () => void;
  onUnauthorized: () => void;
  subscribeCases: (listener: CaseListener) => () => void;
  /** Goes up on every socket (re)connect: updates missed while offline are fetched again. */
  connectCount: number;
}

type LoadError = 'not-found' | 'failed' | null;

/**
 * A side panel beside the lists (not modal: the queue stays usable). Loaded from
 * GET /api/cases/:id and loaded again whenever the case changes on the server.
 */
export function CaseDetail({ caseId, onClose, onUnauthorized, subscribeCases, connectCount }: Props) {
  const { t, formatDateTime, formatDateTimeSeconds } = useI18n();
  const d = t.detail;
  const [detail, setDetail] = useState<CaseDetailDto | null>(null);
  const [error, setError] = useState<LoadError>(null);
  const generation = useRef(0);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const onUnauthorizedRef = useRef(onUnauthorized);
  useEffect(() => {
    onUnauthorizedRef.current = onUnauthorized;
  }, [onUnauthorized]);

  const load = useCallback(async () => {
    // Only the latest answer counts: a slow early request must not overwrite a newer one.
    const gen = ++generation.current;
    try {
      const next = await api.caseDetail(caseId);
      if (gen !== generation.current) return;
      setDetail(next);
      setError(null);
    } catch (err) {
      if (gen !== generation.current) return;
      if (isUnauthorized(err)) onUnauthorizedRef.current();
      else setError(err instanceof HttpError && (err.status === 404 || err.status === 400) ? 'not-found' : 'failed');
    }
  }, [caseId]);

  // A different case: start from a clean panel rather than show the previous one under a new title.
  useEffect(() => {
    setDetail(null);
    setError(null);
    void load();
    return () => {
      generation.current++;
    };
  }, [load]);

  useEffect(
    () => subscribeCases((summary) => {
      if (summary.id === caseId) void load();
    }),
    [subscribeCases, caseId, load],
  );

  const seenConnects = useRef(connectCount);
  useEffect(() => {
    if (connectCount === seenConnects.current) return;
    seenConnects.current = connectCount;
    void load();
  }, [connectCount, load]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  // Move focus into the panel once its title is there, so keyboard and screen-reader users follow.
  const loaded = detail !== null;
  useEffect(() => {
    if (loaded) headingRef.current?.focus();
  }, [loaded, caseId]);

  const c = detail?.case;
  return (
    <aside className="drawer" role="dialog" aria-modal="false" aria-labelledby="case-detail-title" data-testid="case-detail" data-case-id={caseId}>
      <div className="drawer-head">
        <h2 id="case-detail-title" ref={headingRef} tabIndex={-1}>
          <span className="visually-hidden">{d.label} </span>
          <span className="mono" data-testid="case-detail-number">{c?.number ?? d.label}</span>
        </h2>
        {c && <span className={`status status-${c.status}`}>{t.statuses[c.status] ?? c.status}</span>}
        <button type="button" className="button drawer-close" data-testid="case-detail-close" aria-label={d.closeLabel} onClick={onClose}>
          {d.close}
        </button>
      </div>

      <div className="drawer-body">
        {error && (
          <div className="alert" role="alert" data-testid="case-detail-error">
            {error === 'not-found' ? d.notFound : d.loadError}{' '}
            {error === 'failed' && (
              <button type="button" className="button button-small" onClick={() => void load()}>{d.retry}</button>
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

            <section className="drawer-section" aria-labelledby="case-recordings-title">
              <h3 id="case-recordings-title">{d.recordings}</h3>
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

            <section className="drawer-section" aria-labelledby="case-timeline-title">
              <h3 id="case-timeline-title">
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
      </div>
    </aside>
  );
}
