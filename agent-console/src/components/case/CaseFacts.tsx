import type { CaseDto } from '../../../../src/contracts/index.js';
import { formatMenuPath } from '../../format.js';
import { useOffices } from '../../hooks/useOffices.js';
import { useI18n } from '../../i18n.js';
import { CaseFlags } from '../CaseFlags.js';
import { PriorityBadge } from '../PriorityBadge.js';

/** The case at a glance, as it is stored (the editor below may hold unsaved changes). */
export function CaseFacts({ c }: { c: CaseDto }) {
  const { t, formatDateTime } = useI18n();
  const d = t.detail;
  const { offices } = useOffices(c.officeId !== null);
  const office = c.officeId ? offices?.find((o) => o.id === c.officeId) : undefined;
  return (
    <dl className="facts">
      <div><dt>{d.priority}</dt><dd><PriorityBadge priority={c.priority} /></dd></div>
      <div><dt>{d.category}</dt><dd data-testid="case-detail-category">{t.categories[c.category] ?? c.category}</dd></div>
      {c.displayName && <div><dt>{t.cw.search.name}</dt><dd data-testid="case-detail-name">{c.displayName}</dd></div>}
      <div><dt>{d.caller}</dt><dd className="mono">{c.callerMasked}</dd></div>
      <div><dt>{d.language}</dt><dd>{t.languages[c.language] ?? c.language}</dd></div>
      {c.officeId && (
        <div>
          <dt>{d.office}</dt>
          <dd className={office ? undefined : 'mono'} data-testid="case-detail-office" data-office-id={c.officeId}>{office?.name ?? c.officeId}</dd>
        </div>
      )}
      <div><dt>{d.createdAt}</dt><dd><time dateTime={c.createdAt}>{formatDateTime(c.createdAt)}</time></dd></div>
      <div className="facts-wide"><dt>{d.menuPath}</dt><dd className="mono">{formatMenuPath(c.menuPath)}</dd></div>
      <div className="facts-wide">
        <dt>{d.flags}</dt>
        <dd>
          {(c.flags?.length ?? 0) > 0 || c.vulnerable
            ? <CaseFlags flags={c.flags ?? []} vulnerable={c.vulnerable === true} />
            : <span className="muted">{d.noFlags}</span>}
        </dd>
      </div>
    </dl>
  );
}
