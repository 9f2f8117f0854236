import type { ReactNode } from 'react';
import type { UserDto } from '../../../src/contracts/index.js';
import { useI18n } from '../i18n.js';
import { ConnectionStatus, type Connection } from './ConnectionStatus.js';
import { LanguageSwitch } from './LanguageSwitch.js';

export type ConsoleView = 'queue' | 'settings';

interface Props {
  user: UserDto;
  connection: Connection;
  onLogout: () => void;
  view: ConsoleView;
  /** Only for roles that may open the settings; without it there is no navigation at all. */
  onNavigate?: (view: ConsoleView) => void;
  /** The agent's own state and its control, for users who take calls. */
  presence?: ReactNode;
}

export function Header({ user, connection, onLogout, view, onNavigate, presence }: Props) {
  const { t } = useI18n();
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-name">{t.appName}</span>
        <span className="brand-sub">{t.consoleName}</span>
      </div>
      {onNavigate && (
        <nav className="nav" aria-label={t.nav.label}>
          <button
            type="button"
            className="nav-item"
            data-testid="nav-queue"
            aria-current={view === 'queue' ? 'page' : undefined}
            onClick={() => onNavigate('queue')}
          >
            {t.nav.queue}
          </button>
          <button
            type="button"
            className="nav-item"
            data-testid="nav-settings"
            aria-current={view === 'settings' ? 'page' : undefined}
            onClick={() => onNavigate('settings')}
          >
            {t.nav.settings}
          </button>
        </nav>
      )}
      <ConnectionStatus state={connection} />
      {presence}
      <div className="header-actions">
        <span className="user">
          <span className="user-name">
            <span className="visually-hidden">{t.header.signedInAs} </span>
            {user.name}
          </span>
          <span className="user-role">{t.roles[user.role]}</span>
        </span>
        <LanguageSwitch />
        <button type="button" className="button" data-testid="logout" onClick={onLogout}>
          {t.header.logout}
        </button>
      </div>
    </header>
  );
}
