import { useId } from 'react';
import type { DeliveryDto } from '../../../../src/contracts/index.js';
import { labelOf } from '../../case-labels.js';
import { useI18n } from '../../i18n.js';

/** The escalation's deliveries on the office's outside channels (webhook, e-mail, SMS) and how they went. */
export function EscalationDeliveries({ deliveries }: { deliveries: DeliveryDto[] }) {
  const { t } = useI18n();
  const esc = t.esc;
  const dl = esc.deadLetters;
  const titleId = useId();
  return (
    <section className="drawer-section" aria-labelledby={titleId} data-testid="escalation-deliveries">
      <h3 id={titleId}>{esc.detail.deliveries}</h3>
      {deliveries.length === 0
        ? <p className="muted">{esc.detail.noDeliveries}</p>
        : (
          <div className="table-wrap">
            <table className="audit-table">
              <thead>
                <tr><th scope="col">{dl.channel}</th><th scope="col">{dl.purpose}</th><th scope="col">{esc.list.status}</th><th scope="col">{dl.attempts}</th><th scope="col">{dl.error}</th></tr>
              </thead>
              <tbody>
                {deliveries.map((d) => (
                  <tr key={d.id} data-testid="escalation-delivery" data-status={d.status} data-channel={d.channel}>
                    <td>{labelOf(esc.channels, d.channel)}</td>
                    <td>{labelOf(esc.purposes, d.purpose)}</td>
                    <td><span className={`delivery-status delivery-${d.status}`}>{labelOf(esc.deliveryStatuses, d.status)}</span></td>
                    <td className="mono">{d.attempts}</td>
                    <td className="mono delivery-error">{d.lastError ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
    </section>
  );
}
