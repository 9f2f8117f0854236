import { useEffect, useRef, useState } from 'react';
import { HttpError, isUnauthorized } from '../../api.js';
import { escalationApi, type OfficeDetailDto } from '../../escalation-api.js';
import { useI18n } from '../../i18n.js';
import { useLive } from '../../live-context.js';
import { OfficeAuditLog } from './OfficeAuditLog.js';
import { OfficeEditor } from './OfficeEditor.js';
import { OfficeWebhookSecret } from './OfficeWebhookSecret.js';

/** One office in the side panel (admins): its fields to edit, the webhook secret on demand, and its change log. */
export function OfficeDrawer({ officeId, onClose, onSaved }: { officeId: string; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const o = t.esc.offices;
  const { onUnauthorized } = useLive();
  const [office, setOffice] = useState<OfficeDetailDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Goes up after each save or secret shown: the change log is read again.
  const [auditVersion, setAuditVersion] = useState(0);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const onUnauthorizedRef = useRef(onUnauthorized);
  useEffect(() => {
    onUnauthorizedRef.current = onUnauthorized;
  }, [onUnauthorized]);

  useEffect(() => {
    let cancelled = false;
    escalationApi.office(officeId)
      .then((loaded) => !cancelled && setOffice(loaded))
      .catch((err: unknown) => {
        if (cancelled) return;
        if (isUnauthorized(err)) onUnauthorizedRef.current();
        else setError(err instanceof HttpError && err.status !== 0 ? err.message : o.loadError);
      });
    return () => {
      cancelled = true;
    };
  }, [officeId, o.loadError]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  const loaded = office !== null;
  useEffect(() => {
    if (loaded) headingRef.current?.focus();
  }, [loaded]);

  return (
    <aside className="drawer" role="dialog" aria-modal="false" aria-labelledby="office-drawer-title" data-testid="office-detail" data-office-id={officeId}>
      <div className="drawer-head">
        <h2 id="office-drawer-title" ref={headingRef} tabIndex={-1}>
          <span className="visually-hidden">{o.edit}: </span>
          {office?.name ?? officeId}
        </h2>
        <button type="button" className="button drawer-close" data-testid="office-detail-close" aria-label={o.closeLabel} onClick={onClose}>{o.close}</button>
      </div>
      <div className="drawer-body">
        {error && <p className="alert" role="alert">{error}</p>}
        {!office && !error && <p className="muted" role="status">{o.loading}</p>}
        {office && (
          <>
            <p className="mono muted">{office.id}</p>
            <OfficeEditor
              office={office}
              onSaved={(saved) => {
                setOffice(saved);
                setAuditVersion((v) => v + 1);
                onSaved();
              }}
            />
            <OfficeWebhookSecret officeId={office.id} onShown={() => setAuditVersion((v) => v + 1)} />
            <OfficeAuditLog officeId={office.id} version={auditVersion} />
          </>
        )}
      </div>
    </aside>
  );
}
