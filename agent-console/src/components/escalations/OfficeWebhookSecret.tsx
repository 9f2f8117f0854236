import { useId, useState } from 'react';
import { isUnauthorized } from '../../api.js';
import { escalationApi } from '../../escalation-api.js';
import { useI18n } from '../../i18n.js';
import { useLive } from '../../live-context.js';

/**
 * The secret the office's receiver checks webhooks with, shown only on request (and the request is
 * audited), with how the receiver verifies a delivery.
 */
export function OfficeWebhookSecret({ officeId, onShown }: { officeId: string; onShown: () => void }) {
  const { t } = useI18n();
  const o = t.esc.offices;
  const { onUnauthorized } = useLive();
  const titleId = useId();
  const [secret, setSecret] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  const show = async () => {
    setBusy(true);
    setFailed(false);
    try {
      setSecret((await escalationApi.webhookSecret(officeId)).secret);
      onShown();
    } catch (err) {
      if (isUnauthorized(err)) onUnauthorized();
      else setFailed(true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="drawer-section" aria-labelledby={titleId} data-testid="office-webhook-secret">
      <h3 id={titleId}>{o.secretTitle}</h3>
      <div className="section-actions">
        {secret === null
          ? <button type="button" className="button button-small" disabled={busy} data-testid="office-secret-show" onClick={() => void show()}>{o.secretShow}</button>
          : <button type="button" className="button button-small" data-testid="office-secret-hide" onClick={() => setSecret(null)}>{o.secretHide}</button>}
        <span className="hint">{o.secretAudited}</span>
      </div>
      {failed && <p className="alert" role="alert">{o.secretFailed}</p>}
      {secret !== null && <code className="secret mono" data-testid="office-secret">{secret}</code>}
      <div className="info-note verify-note" data-testid="office-verify-note">
        <strong>{o.verifyTitle}</strong>
        <ol>{o.verify.map((line) => <li key={line}>{line}</li>)}</ol>
      </div>
    </section>
  );
}
