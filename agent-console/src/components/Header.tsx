import { useLayoutEffect, useRef, type ReactNode } from 'react';
import type { UserDto } from '../../../src/contracts/index.js';
import { useI18n } from '../i18n.js';
import { ConnectionStatus, type Connection } from './ConnectionStatus.js';
import { LanguageSwitch } from './LanguageSwitch.js';

export type ConsoleView = 'queue' | 'search' | 'escalations' | 'reports' | 'settings' | 'offices' | 'inbox' | 'wallboard' | 'blocked';

interface Props {
  user: UserDto;
  connection: Connection;
  onLogout: () => void;
  view: ConsoleView;
  /** The views this role may open; with fewer than two there is no navigation at all. */
  views: readonly ConsoleView[];
  onNavigate: (view: ConsoleView) => void;
  /** The agent's own state and its control, for users who take calls. */
  presence?: ReactNode;
  /** Under the brand: what this console is for this user (agents' console, a consulate's inbox). */
  subtitle?: string;
}

/**
 * The header stays in view, and the case panel opens below it (its height goes to the CSS as
 * --header-height), so presence, language and sign-out stay at hand while a case is open.
 */
function useHeaderHeight() {
  const ref = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const root = document.documentElement.style;
    const update = () => root.setProperty('--header-height', `${el.offsetHeight}px`);
    update();
    const observer = new ResizeObserver(update);
    observer.observe(el);
    return () => {
      observer.disconnect();
      root.removeProperty('--header-height');
    };
  }, []);
  return ref;
}

export function Header({ user, connection, onLogout, view, views, onNavigate, presence, subtitle }: Props) {
  const { t } = useI18n();
  const ref = useHeaderHeight();
  return (
    <header className="app-header" ref={ref}>
      <div className="brand">
        <span className="brand-name">{t.appName}</span>
        <span className="brand-sub">{subtitle ?? t.consoleName}</span>
      </div>
      {views.length > 1 && (
        <nav className="nav" aria-label={t.nav.label}>
          {views.map((v) => (
            <button
              key={v}
              type="button"
              className="nav-item"
              data-testid={`nav-${v}`}
              aria-current={view === v ? 'page' : undefined}
              onClick={() => onNavigate(v)}
            >
              {t.nav[v]}
            </button>
          ))}
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
