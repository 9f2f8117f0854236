import { useState } from 'react';
import type { CaseDetailDto, CaseStatus } from '../../../src/contracts/index.js';
import { useCurrentUser, worksCases } from '../current-user.js';
import type { CaseLoadError } from '../hooks/useCaseDetail.js';
import { useCaseEditor } from '../hooks/useCaseEditor.js';
import { useI18n } from '../i18n.js';
import { AuditLog } from './case/AuditLog.js';
import { CaseEditor } from './case/CaseEditor.js';
import { CaseFacts } from './case/CaseFacts.js';
import { CaseNotices } from './case/CaseNotices.js';
import { MergeDialog } from './case/MergeDialog.js';
import { NonDataAction } from './case/NonDataAction.js';
import { NotesForm } from './case/NotesForm.js';
import { RecordingsSection } from './case/RecordingsSection.js';
import { StatusActions } from './case/StatusActions.js';
import { Timeline } from './case/Timeline.js';
import { CaseEscalations } from './escalations/CaseEscalations.js';

interface Props {
  detail: CaseDetailDto | null;
  error: CaseLoadError;
  /** Loads the case again; resolves to what it loaded. */
  reload: () => Promise<CaseDetailDto | null>;
  onUnauthorized: () => void;
  /** Shows another case (where this one was merged into); absent where there is nowhere to show it. */
  onOpenCase?: (id: string) => void;
}

type Tab = 'case' | 'audit';

/**
 * A case to work on: its facts, status, escalations to consulates, every editable part, voice
 * messages, the timeline, notes, merging and "non-data". Used by the case panel and by "my call".
 */
export function CaseDetailBody({ detail, error, reload, onUnauthorized, onOpenCase }: Props) {
  const { t } = useI18n();
  const d = t.detail;
  const { role } = useCurrentUser();
  const editor = useCaseEditor(detail, reload, onUnauthorized);
  const [tab, setTab] = useState<Tab>('case');
  const c = detail?.case;
  const refresh = () => void reload();
  const canAudit = role === 'supervisor' || role === 'admin';
  // Cases merged away, non-data contacts and anonymised ones are kept for the record, not worked.
  const workable = !!c && worksCases(role) && !c.redacted && !c.mergedInto && !c.nonData && !c.anonymisedAt;

  return (
    <>
      {error && (
        <div className="alert" role="alert" data-testid="case-detail-error">
          {error === 'not-found' ? d.notFound : d.loadError}{' '}
          {error === 'failed' && (
            <button type="button" className="button button-small" onClick={refresh}>{d.retry}</button>
          )}
        </div>
      )}
      {!c && !error && <p className="muted" role="status">{d.loading}</p>}

      {c && detail && (
        <>
          <CaseNotices c={c} timeline={detail.timeline} onOpenCase={onOpenCase} />
          {canAudit && (
            <div className="tabs" role="tablist" aria-label={t.cw.tabs.label}>
              {(['case', 'audit'] as const).map((k) => (
                <button
                  key={k}
                  type="button"
                  role="tab"
                  className="tab"
                  aria-selected={tab === k}
                  data-testid={`case-tab-${k}`}
                  onClick={() => setTab(k)}
                >
                  {t.cw.tabs[k]}
                </button>
              ))}
            </div>
          )}
          {tab === 'audit' && canAudit
            ? <AuditLog key={c.version} caseId={c.id} onUnauthorized={onUnauthorized} />
            : (
              <>
                <CaseFacts c={c} />
                {workable && (
                  <StatusActions c={c} busy={editor.saving} onChange={(to: CaseStatus, notifyCaller: boolean) => editor.save({ status: to, notifyCaller })} />
                )}
                {worksCases(role) && !c.redacted && (
                  <CaseEscalations key={c.id} c={c} workable={workable} unsaved={editor.changed.length} onSent={refresh} />
                )}
                {!c.redacted && <CaseEditor c={c} editor={editor} readOnly={!workable} onChanged={refresh} />}
                <RecordingsSection recordings={detail.recordings} />
                <Timeline events={detail.timeline} />
                {workable && <NotesForm caseId={c.id} onAdded={refresh} />}
                {workable && (
                  <MergeDialog
                    c={c}
                    onMerged={(into) => {
                      refresh();
                      onOpenCase?.(into.id);
                    }}
                  />
                )}
                {workable && (
                  <div className="case-actions">
                    <NonDataAction caseId={c.id} onDone={refresh} />
                  </div>
                )}
              </>
            )}
        </>
      )}
    </>
  );
}
