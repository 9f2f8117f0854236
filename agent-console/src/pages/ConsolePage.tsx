import { useCallback, useEffect, useState } from 'react';
import type { Role, UserDto } from '../../../src/contracts/index.js';
import { api } from '../api.js';
import { Header, type ConsoleView } from '../components/Header.js';
import { useLiveData } from '../hooks/useLiveData.js';
import { useI18n } from '../i18n.js';
import { QueuePage } from './QueuePage.js';
import { SettingsPage } from './SettingsPage.js';

interface Props {
  user: UserDto;
  onSignedOut: (expired: boolean) => void;
}

export const canConfigure = (role: Role): boolean => role === 'supervisor' || role === 'admin';

const SETTINGS_HASH = '#settings';

/** The view in the address, so that reload and the back button keep it; agents only ever get the queue. */
function viewFromLocation(allowed: boolean): ConsoleView {
  return allowed && window.location.hash === SETTINGS_HASH ? 'settings' : 'queue';
}

/**
 * Everything after sign-in. The live connection belongs here rather than to the queue view, so it
 * stays up (and the header's status stays true) while a supervisor is in the settings.
 */
export function ConsolePage({ user, onSignedOut }: Props) {
  const { t } = useI18n();
  const expire = useCallback(() => onSignedOut(true), [onSignedOut]);
  const live = useLiveData(expire);
  const allowed = canConfigure(user.role);
  const [view, setView] = useState<ConsoleView>(() => viewFromLocation(allowed));

  useEffect(() => {
    const onPop = () => setView(viewFromLocation(allowed));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [allowed]);

  const navigate = useCallback((next: ConsoleView) => {
    setView(next);
    const url = next === 'settings' ? SETTINGS_HASH : window.location.pathname + window.location.search;
    if ((next === 'settings') !== (window.location.hash === SETTINGS_HASH)) window.history.pushState(null, '', url);
  }, []);

  const logout = () => {
    // Leave the console even if the request fails: the agent asked to go.
    api.logout().catch(() => undefined).finally(() => onSignedOut(false));
  };

  return (
    <div className="app">
      <Header
        user={user}
        connection={live.connection}
        onLogout={logout}
        view={view}
        onNavigate={allowed ? navigate : undefined}
      />
      <main className={`content${live.connection === 'live' || view !== 'queue' ? '' : ' content-stale'}`}>
        {view === 'settings' && allowed
          ? <SettingsPage onUnauthorized={expire} />
          : (
            <>
              {live.loadError && <p className="alert" role="alert">{t.loadError}</p>}
              <QueuePage
                calls={live.calls}
                total={live.total}
                cases={live.cases}
                subscribeCases={live.subscribeCases}
                connectCount={live.connectCount}
                onUnauthorized={expire}
              />
            </>
          )}
      </main>
    </div>
  );
}
