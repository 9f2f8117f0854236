import { useId, useState } from 'react';
import type { CaseDto, CaseStatus } from '../../../../src/contracts/index.js';
import { CASE_STATUSES } from '../../../../src/contracts/domain.js';
import { canTransition } from '../../../../src/contracts/case-fields.js';
import { useCurrentUser } from '../../current-user.js';
import { useI18n } from '../../i18n.js';

interface Props {
  c: CaseDto;
  busy: boolean;
  /** Saves the agent's pending edits together with the new status. */
  onChange: (to: CaseStatus, notifyCaller: boolean) => Promise<boolean>;
}

/**
 * One button per status the workflow allows this role from here (contracts' canTransition).
 * 'escalated' is never a button: a case is escalated by sending it to a consulate.
 */
export function StatusActions({ c, busy, onChange }: Props) {
  const { t } = useI18n();
  const s = t.cw.status;
  const { role } = useCurrentUser();
  const titleId = useId();
  const [notify, setNotify] = useState(false);
  const [pending, setPending] = useState<CaseStatus | null>(null);
  const targets = CASE_STATUSES.filter((to) => to !== 'escalated' && to !== c.status && canTransition(c.status, to, role));

  const change = async (to: CaseStatus) => {
    setPending(to);
    if (await onChange(to, notify)) setNotify(false);
    setPending(null);
  };

  return (
    <section className="case-section status-actions" aria-labelledby={titleId} data-testid="status-actions">
      <h3 id={titleId}>
        {t.cw.sections.status}{' '}
        <span className={`status status-${c.status}`} data-testid="case-status" data-status={c.status}>{t.statuses[c.status] ?? c.status}</span>
      </h3>
      {targets.length === 0
        ? <p className="muted">{c.status === 'closed' ? s.closedHint : s.none}</p>
        : (
          <>
            <div className="status-buttons">
              {targets.map((to) => (
                <button
                  key={to}
                  type="button"
                  className="button button-small"
                  data-testid={`status-to-${to}`}
                  disabled={busy || pending !== null}
                  onClick={() => void change(to)}
                >
                  {pending === to ? s.changing : s.to(t.statuses[to])}
                </button>
              ))}
            </div>
            <label className="check">
              <input type="checkbox" checked={notify} data-testid="status-notify" onChange={(e) => setNotify(e.target.checked)} />
              {s.notify}
            </label>
          </>
        )}
    </section>
  );
}
