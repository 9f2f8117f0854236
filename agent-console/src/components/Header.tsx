import type { UserDto } from '../../../src/contracts/index.js';
import { useI18n } from '../i18n.js';
import { ConnectionStatus, type Connection } from './ConnectionStatus.js';
import { LanguageSwitch } from './LanguageSwitch.js';

interface Props {
  user: UserDto;
  connection: Connection;
  onLogout: () => void;
}

export function Header({ user, connection, onLogout }: Props) {
  const { t } = useI18n();
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-name">{t.appName}</span>
        <span className="brand-sub">{t.consoleName}</span>
      </div>
      <ConnectionStatus state={connection} />
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
