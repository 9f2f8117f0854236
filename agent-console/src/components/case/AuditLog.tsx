import type { CaseAuditEntryDto } from '../../../../src/contracts/index.js';
import { caseApi } from '../../case-api.js';
import { fieldLabel, labelOf } from '../../case-labels.js';
import { useCurrentUser } from '../../current-user.js';
import { useFetched } from '../../hooks/useFetched.js';
import { useI18n } from '../../i18n.js';
import { AuditTrail } from '../AuditTrail.js';

/** Who looked at or changed the case (supervisors and admins); supervisors may also export it. */
export function AuditLog({ caseId, onUnauthorized }: { caseId: string; onUnauthorized: () => void }) {
  const { t } = useI18n();
  const a = t.cw.audit;
  const { role } = useCurrentUser();
  const { value, failed } = useFetched(caseId, caseApi.audit, onUnauthorized);

  return (
    <AuditTrail<CaseAuditEntryDto>
      title={a.title}
      whenLabel={a.when}
      whoLabel={a.who}
      columns={[
        { heading: a.action, render: (e) => labelOf(a.actions, e.action) },
        // A listen records recording ids, not case fields: they have no label.
        { heading: a.fields, className: 'audit-fields', render: (e) => e.fields.map((f) => (e.action === 'listen' ? f : fieldLabel(t, f))).join(', ') },
      ]}
      entries={value?.entries ?? null}
      failed={failed}
      loadError={a.loadError}
      emptyText={a.empty}
      testId="audit-log"
      entryTestId="audit-entry"
      entryData={(e) => ({ 'data-action': e.action })}
    >
      <p className="hint">{a.hint}</p>
      {role === 'supervisor' && (
        <p className="audit-export">
          {/* A plain download: the browser sends the session cookie, the server names the file. */}
          <a className="button button-small" href={caseApi.exportUrl(caseId)} download data-testid="case-export">{a.export}</a>
          <span className="hint"> {a.exportHint}</span>
        </p>
      )}
    </AuditTrail>
  );
}
