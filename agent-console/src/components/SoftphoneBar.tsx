import type { SoftphoneControls } from '../hooks/useSoftphone.js';
import { useI18n } from '../i18n.js';

/** The browser softphone's state and its buttons, under the header of users who take calls. */
export function SoftphoneBar({ phone }: { phone: SoftphoneControls }) {
  const { t } = useI18n();
  const s = t.softphone;
  const { status, muted, error } = phone;
  return (
    <div className="callbar" role="region" aria-label={s.label} data-testid="softphone">
      <span className="softphone-status" data-testid="softphone-status" data-state={status} role="status">
        <span className="softphone-dot" aria-hidden="true" />
        <span className="callbar-label">{s.label}:</span> {s.status[status]}
      </span>
      {status === 'unavailable' && <span className="callbar-note" data-testid="softphone-unavailable-note">{s.unavailableNote}</span>}
      {status === 'ringing' && (
        <span className="callbar-actions">
          <span className="callbar-ringing">{s.ringing}</span>
          <button type="button" className="button button-accept button-small" data-testid="softphone-answer" onClick={phone.answer}>{s.answer}</button>
          <button type="button" className="button button-small" data-testid="softphone-reject" onClick={phone.reject}>{s.reject}</button>
        </span>
      )}
      {status === 'in-call' && (
        <span className="callbar-actions">
          <button
            type="button"
            className={`button button-small${muted ? ' button-pressed' : ''}`}
            data-testid="softphone-mute"
            aria-pressed={muted}
            onClick={phone.toggleMute}
          >
            {s.mute}
          </button>
          {muted && <span className="callbar-muted" data-testid="softphone-muted">{s.muted}</span>}
          <button type="button" className="button button-danger button-small" data-testid="softphone-hangup" onClick={phone.hangup}>{s.hangup}</button>
        </span>
      )}
      {error && <span className="callbar-error" role="alert" data-testid="softphone-error">{s.error(error)}</span>}
    </div>
  );
}
