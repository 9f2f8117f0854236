import { useI18n } from '../i18n.js';

export type Connection = 'connecting' | 'live' | 'reconnecting';

export function ConnectionStatus({ state }: { state: Connection }) {
  const { t } = useI18n();
  const live = state === 'live';
  return (
    <span
      className={`connection ${live ? 'connection-live' : 'connection-offline'}`}
      data-testid="connection-status"
      data-state={live ? 'live' : 'offline'}
      role="status"
    >
      <span className="connection-dot" aria-hidden="true" />
      {t.connection[state]}
    </span>
  );
}
