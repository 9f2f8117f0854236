import type { UserDto } from '../../../src/contracts/index.js';
import { api } from '../api.js';
import { CaseList } from '../components/CaseList.js';
import { Header } from '../components/Header.js';
import { WaitingList } from '../components/WaitingList.js';
import { useLiveData } from '../hooks/useLiveData.js';
import { useI18n } from '../i18n.js';

interface Props {
  user: UserDto;
  onSignedOut: (expired: boolean) => void;
}

export function QueuePage({ user, onSignedOut }: Props) {
  const { t } = useI18n();
  const { calls, cases, connection, loadError } = useLiveData(() => onSignedOut(true));

  const logout = () => {
    // Leave the console even if the request fails: the agent asked to go.
    api.logout().catch(() => undefined).finally(() => onSignedOut(false));
  };

  return (
    <div className="app">
      <Header user={user} connection={connection} onLogout={logout} />
      <main className={`content${connection === 'live' ? '' : ' content-stale'}`}>
        {loadError && <p className="alert" role="alert">{t.loadError}</p>}
        <WaitingList calls={calls} />
        <CaseList cases={cases} />
      </main>
    </div>
  );
}
