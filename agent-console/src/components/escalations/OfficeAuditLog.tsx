import { escalationApi, type OfficeAuditEntryDto } from '../../escalation-api.js';
import { useFetched } from '../../hooks/useFetched.js';
import { useI18n, type Messages } from '../../i18n.js';
import { useLive } from '../../live-context.js';
import { AuditTrail } from '../AuditTrail.js';

const show = (v: unknown): string => {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.length ? v.join(', ') : '—';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
};

function fieldName(t: Messages, key: string): string {
  const labels = t.esc.offices as unknown as Record<string, unknown>;
  const label = labels[key];
  return typeof label === 'string' ? label : key;
}

/** Who changed the office, when, and each field before and after; `version` reloads it after a save. */
export function OfficeAuditLog({ officeId, version }: { officeId: string; version: number }) {
  const { t } = useI18n();
  const o = t.esc.offices;
  const { onUnauthorized } = useLive();
  const { value, failed } = useFetched(officeId, escalationApi.officeAudit, onUnauthorized, version);

  return (
    <AuditTrail<OfficeAuditEntryDto>
      title={o.auditTitle}
      whenLabel={o.when}
      whoLabel={o.who}
      columns={[{
        heading: o.what,
        className: 'audit-fields',
        render: (e) => (e.changes.webhookSecret === 'shown'
          ? o.secretShown
          : (
            <ul className="office-changes">
              {Object.entries(e.changes).map(([key, change]) => {
                const c = (change ?? {}) as { from?: unknown; to?: unknown };
                return <li key={key}><strong>{fieldName(t, key)}</strong>: {show(c.from)} → {show(c.to)}</li>;
              })}
            </ul>
          )),
      }]}
      entries={value?.entries ?? null}
      failed={failed}
      loadError={o.auditLoadError}
      emptyText={o.auditEmpty}
      testId="office-audit"
      entryTestId="office-audit-entry"
    />
  );
}
