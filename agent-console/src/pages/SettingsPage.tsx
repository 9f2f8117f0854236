import { useCallback, useEffect, useRef, useState } from 'react';
import { api, isUnauthorized } from '../api.js';
import { DeadlinesEditor } from '../components/settings/DeadlinesEditor.js';
import { HolidaysEditor } from '../components/settings/HolidaysEditor.js';
import { HoursEditor } from '../components/settings/HoursEditor.js';
import { OnCallEditor } from '../components/settings/OnCallEditor.js';
import { PromptsEditor } from '../components/settings/PromptsEditor.js';
import { QueueEditor } from '../components/settings/QueueEditor.js';
import { ReportsEditor } from '../components/settings/ReportsEditor.js';
import { RetentionEditor } from '../components/settings/RetentionEditor.js';
import { SmsEditor } from '../components/settings/SmsEditor.js';
import { WallboardEditor } from '../components/settings/WallboardEditor.js';
import { useI18n } from '../i18n.js';
import type { HotlineSettings } from '../settings-types.js';

type Load = { kind: 'loading' } | { kind: 'failed' } | { kind: 'ready'; settings: HotlineSettings };

/** Supervisors and admins only (the server refuses others with 403 anyway). */
export function SettingsPage({ onUnauthorized }: { onUnauthorized: () => void }) {
  const { t } = useI18n();
  const s = t.settings;
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const onUnauthorizedRef = useRef(onUnauthorized);
  useEffect(() => {
    onUnauthorizedRef.current = onUnauthorized;
  }, [onUnauthorized]);
  const expire = useCallback(() => onUnauthorizedRef.current(), []);

  const fetchSettings = useCallback(() => {
    let cancelled = false;
    setLoad({ kind: 'loading' });
    api.settings()
      .then(({ settings }) => !cancelled && setLoad({ kind: 'ready', settings }))
      .catch((err: unknown) => {
        if (cancelled) return;
        if (isUnauthorized(err)) onUnauthorizedRef.current();
        else setLoad({ kind: 'failed' });
      });
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(fetchSettings, [fetchSettings]);

  return (
    <div className="settings-page" data-testid="settings-page">
      <div className="page-head">
        <h1>{s.title}</h1>
        <p className="muted">{s.intro}</p>
      </div>
      {load.kind === 'loading' && <p className="muted" role="status">{s.loading}</p>}
      {load.kind === 'failed' && (
        <div className="alert" role="alert">
          {s.loadError}{' '}
          <button type="button" className="button button-small" onClick={() => fetchSettings()}>{s.retry}</button>
        </div>
      )}
      {load.kind === 'ready' && (
        <div className="settings-grid">
          <HoursEditor initial={load.settings.hours} onUnauthorized={expire} />
          <div className="settings-column">
            <OnCallEditor initial={load.settings.onCall} onUnauthorized={expire} />
            <QueueEditor initial={load.settings.queue} onUnauthorized={expire} />
            <HolidaysEditor initial={load.settings.holidays} onUnauthorized={expire} />
            <RetentionEditor initial={load.settings.retention} onUnauthorized={expire} />
            <ReportsEditor initial={load.settings.reports} onUnauthorized={expire} />
          </div>
          <div className="settings-wide">
            <DeadlinesEditor initial={load.settings.escalationDeadlines} onUnauthorized={expire} />
          </div>
          <div className="settings-wide">
            <WallboardEditor initial={load.settings.wallboard} onUnauthorized={expire} />
          </div>
          <div className="settings-wide">
            <SmsEditor initial={load.settings.sms} onUnauthorized={expire} />
          </div>
          <div className="settings-wide">
            <PromptsEditor initial={load.settings.flow} onUnauthorized={expire} />
          </div>
        </div>
      )}
    </div>
  );
}
