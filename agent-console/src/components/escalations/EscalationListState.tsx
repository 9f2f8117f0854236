import type { ReactNode } from 'react';
import { useI18n } from '../../i18n.js';

/** A list of escalations while it loads, when it failed (with a retry), and once it is there. */
export function EscalationListState({ list, children }: { list: { state: 'loading' | 'ready' | 'failed'; reload: () => unknown }; children: ReactNode }) {
  const { t } = useI18n();
  if (list.state === 'failed') {
    return (
      <p className="alert panel-alert" role="alert">
        {t.esc.list.loadError}{' '}
        <button type="button" className="button button-small" onClick={() => void list.reload()}>{t.esc.list.retry}</button>
      </p>
    );
  }
  if (list.state === 'loading') return <p className="muted empty" role="status">{t.esc.list.loading}</p>;
  return <>{children}</>;
}
