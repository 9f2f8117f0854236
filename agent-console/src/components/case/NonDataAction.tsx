import { useId, useState } from 'react';
import { NON_DATA_REASONS, type NonDataReason } from '../../../../src/contracts/case-fields.js';
import { caseApi } from '../../case-api.js';
import { useI18n } from '../../i18n.js';

/** The server records these itself; an agent picks among the others. */
const AGENT_REASONS = NON_DATA_REASONS.filter((r) => r !== 'ivr_hangup');

/** A silent, abusive, test or wrong-number contact: recorded, closed, and kept out of the cases. */
export function NonDataAction({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { t } = useI18n();
  const n = t.cw.nonDataAction;
  const selectId = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<NonDataReason | ''>('');
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);

  const confirm = async () => {
    if (!reason) return;
    setBusy(true);
    setFailed(null);
    try {
      await caseApi.markNonData(caseId, reason);
      setOpen(false);
      onDone();
    } catch (err) {
      setFailed(err instanceof Error && err.message ? `${n.failed} ${err.message}` : n.failed);
    } finally {
      setBusy(false);
    }
  };

  if (!open) {
    return <button type="button" className="button button-small" data-testid="non-data-open" onClick={() => setOpen(true)}>{n.open}</button>;
  }
  return (
    <div className="inline-panel" data-testid="non-data">
      <p className="hint">{n.hint}</p>
      <div className="inline-form">
        <label htmlFor={selectId}>{n.reason}</label>
        <select id={selectId} className="input" value={reason} data-testid="non-data-reason" onChange={(e) => setReason(e.target.value as NonDataReason | '')}>
          <option value="">—</option>
          {AGENT_REASONS.map((r) => <option key={r} value={r}>{t.cw.nonDataReasons[r]}</option>)}
        </select>
        <button type="button" className="button button-small button-danger" disabled={!reason || busy} data-testid="non-data-confirm" onClick={() => void confirm()}>{n.confirm}</button>
        <button type="button" className="button button-small" onClick={() => setOpen(false)}>{n.cancel}</button>
      </div>
      {failed && <p className="alert" role="alert">{failed}</p>}
    </div>
  );
}
