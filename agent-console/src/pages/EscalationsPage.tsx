import { useCallback, useEffect, useMemo, useState } from 'react';
import type { EscalationDto } from '../../../src/contracts/index.js';
import { CaseDetail } from '../components/CaseDetail.js';
import { DeadLetters } from '../components/escalations/DeadLetters.js';
import { EscalationDrawer } from '../components/escalations/EscalationDrawer.js';
import { EscalationTable } from '../components/escalations/EscalationTable.js';
import { isBreached, sortByUrgency } from '../escalation-order.js';
import { useCaseDrawer } from '../hooks/useCaseDrawer.js';
import { useEscalations } from '../hooks/useEscalations.js';
import type { CaseListener } from '../hooks/useLiveData.js';
import { useI18n } from '../i18n.js';
import { EscalationListState } from '../components/escalations/EscalationListState.js';

interface Props {
  subscribeCases: (listener: CaseListener) => () => void;
  connectCount: number;
  onUnauthorized: () => void;
  /** An escalation to open (from an alert's "Ver"). */
  openRequest: string | null;
  /** Called once it is open, so coming back to the page later does not open it again. */
  onOpenHandled: () => void;
}

const stillOpen = (e: EscalationDto) => e.status !== 'closed';
const OPEN_ONLY = { open: true };

/**
 * Supervisors: every office's open escalations, missed deadlines first and marked, then the nearest
 * deadline, live; and the deliveries that gave up, to send again. An escalation opens beside the list
 * and from there its case.
 */
export function EscalationsPage({ subscribeCases, connectCount, onUnauthorized, openRequest, onOpenHandled }: Props) {
  const { t } = useI18n();
  const s = t.esc.supervisor;
  const drawer = useCaseDrawer();
  const [caseId, setCaseId] = useState<string | null>(null);
  const list = useEscalations({ query: OPEN_ONLY, belongs: stillOpen });
  const sorted = useMemo(() => sortByUrgency(list.escalations), [list.escalations]);
  const breached = sorted.filter(isBreached).length;

  const openEscalation = useCallback((id: string, from?: HTMLElement) => {
    setCaseId(null);
    drawer.open(id, from);
  }, [drawer.open]);

  useEffect(() => {
    if (!openRequest) return;
    openEscalation(openRequest);
    onOpenHandled();
  }, [openRequest, openEscalation, onOpenHandled]);

  const withDrawer = drawer.openId || caseId;
  return (
    <div className={withDrawer ? 'escalations-page queue-page-with-drawer' : 'escalations-page'} data-testid="escalations-page">
      <div className="page-head">
        <h1>{s.title}</h1>
        <p className="muted">{s.intro}</p>
      </div>
      <section className="panel" aria-labelledby="open-escalations-title">
        <div className="panel-head">
          <h2 id="open-escalations-title">{s.open}</h2>
          <span className="count" data-testid="escalations-count">{t.esc.list.count(sorted.length)}</span>
          {breached > 0 && <span className="breach-mark" data-testid="escalations-breached-count">{s.breached(breached)}</span>}
          <span className="note">{t.cases.timeZoneNote}</span>
        </div>
        <EscalationListState list={list}>
          <EscalationTable escalations={sorted} show={{ caseNumber: true, office: true, category: true, priority: true, sent: true }} openId={drawer.openId} onOpen={openEscalation} label={s.open} />
        </EscalationListState>
      </section>
      <DeadLetters onOpen={openEscalation} />
      {drawer.openId && !caseId && (
        <EscalationDrawer
          key={drawer.openId}
          escalationId={drawer.openId}
          summary={sorted.find((e) => e.id === drawer.openId)}
          side="hotline"
          onClose={drawer.close}
          onChanged={list.put}
          onOpenCase={setCaseId}
        />
      )}
      {caseId && (
        <CaseDetail
          key={caseId}
          caseId={caseId}
          onClose={() => setCaseId(null)}
          onUnauthorized={onUnauthorized}
          subscribeCases={subscribeCases}
          connectCount={connectCount}
          onOpenCase={setCaseId}
        />
      )}
    </div>
  );
}
