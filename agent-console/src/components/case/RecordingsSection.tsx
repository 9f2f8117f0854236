import { useId } from 'react';
import type { RecordingDto } from '../../../../src/contracts/index.js';
import { formatDuration } from '../../format.js';
import { useI18n } from '../../i18n.js';

/** The case's voice messages and call recordings, each with a player (served through our API). */
export function RecordingsSection({ recordings }: { recordings: RecordingDto[] }) {
  const { t, formatDateTime } = useI18n();
  const d = t.detail;
  const titleId = useId();
  return (
    <section className="drawer-section" aria-labelledby={titleId}>
      <h3 id={titleId}>{d.recordings}</h3>
      <p className="info-note" data-testid="transcription-note">{d.transcriptionNote}</p>
      {recordings.length === 0
        ? <p className="muted">{d.noRecordings}</p>
        : (
          <ul className="recordings">
            {recordings.map((r) => {
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
  );
}
