import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api.js';
import { BlockNumberForm } from '../components/blocked/BlockNumberForm.js';
import { BlockedList } from '../components/blocked/BlockedList.js';
import { AbuseEditor } from '../components/settings/AbuseEditor.js';
import { useFetched } from '../hooks/useFetched.js';
import { useI18n } from '../i18n.js';

// Stable, as useFetched asks: a new function would mean a new request on every render.
const fetchBlocked = () => api.blockedNumbers();
const fetchSettings = () => api.settings();

/**
 * Supervisors only (the server refuses others with 403 anyway): floods and abuse in one place, the
 * hourly limit every number has and the numbers blocked by hand, with their unblock.
 */
export function BlockedNumbersPage({ onUnauthorized }: { onUnauthorized: () => void }) {
  const { t } = useI18n();
  const b = t.blk;
  const onUnauthorizedRef = useRef(onUnauthorized);
  useEffect(() => {
    onUnauthorizedRef.current = onUnauthorized;
  }, [onUnauthorized]);
  const expire = useCallback(() => onUnauthorizedRef.current(), []);

  const [listAsk, setListAsk] = useState(0);
  const [settingsAsk, setSettingsAsk] = useState(0);
  const list = useFetched('blocked', fetchBlocked, expire, listAsk);
  const settings = useFetched('settings', fetchSettings, expire, settingsAsk);
  const reloadList = useCallback(() => setListAsk((n) => n + 1), []);

  return (
    <div className="settings-page blocked-page" data-testid="blocked-page">
      <div className="page-head">
        <h1>{b.title}</h1>
        <p className="muted">{b.intro}</p>
      </div>
      <div className="settings-grid">
        <BlockNumberForm onBlocked={reloadList} onUnauthorized={expire} />
        <div className="settings-column">
          {settings.value
            ? <AbuseEditor initial={settings.value.settings.abuse} onUnauthorized={expire} />
            : (
              <section className="panel settings-section" aria-labelledby="settings-abuse-title" data-testid="settings-abuse-loading">
                <div className="panel-head">
                  <h2 id="settings-abuse-title">{b.limit.title}</h2>
                </div>
                {settings.failed
                  ? (
                    <div className="alert panel-alert" role="alert">
                      {t.settings.loadError}{' '}
                      <button type="button" className="button button-small" onClick={() => setSettingsAsk((n) => n + 1)}>{t.settings.retry}</button>
                    </div>
                  )
                  : <p className="muted empty" role="status">{t.settings.loading}</p>}
              </section>
            )}
        </div>
        <div className="settings-wide">
          <BlockedList blocked={list.value?.blocked ?? null} failed={list.failed} onRetry={reloadList} onChanged={reloadList} onUnauthorized={expire} />
        </div>
      </div>
    </div>
  );
}
