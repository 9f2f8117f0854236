import type { ReactNode } from 'react';
import type { CaseSummaryDto, WaitingCallDto } from '../../../src/contracts/index.js';
import { CaseDetail } from '../components/CaseDetail.js';
import { CaseList } from '../components/CaseList.js';
import { WaitingList } from '../components/WaitingList.js';
import { useCaseDrawer } from '../hooks/useCaseDrawer.js';
import type { CaseListener } from '../hooks/useLiveData.js';

interface Props {
  calls: WaitingCallDto[];
  total: number;
  cases: CaseSummaryDto[];
  subscribeCases: (listener: CaseListener) => () => void;
  connectCount: number;
  onUnauthorized: () => void;
  /** The supervisors' agents panel, between the waiting calls and the cases. */
  agentsPanel?: ReactNode;
}

/** The waiting list and the open cases; a case opens in a side panel. */
export function QueuePage({ calls, total, cases, subscribeCases, connectCount, onUnauthorized, agentsPanel }: Props) {
  const drawer = useCaseDrawer();
  return (
    <div className={drawer.openId ? 'queue-page queue-page-with-drawer' : 'queue-page'}>
      <WaitingList calls={calls} total={total} />
      {agentsPanel}
      <CaseList cases={cases} openId={drawer.openId} onOpen={drawer.open} />
      {drawer.openId && (
        <CaseDetail
          key={drawer.openId}
          caseId={drawer.openId}
          onClose={drawer.close}
          onUnauthorized={onUnauthorized}
          subscribeCases={subscribeCases}
          connectCount={connectCount}
          onOpenCase={drawer.open}
        />
      )}
    </div>
  );
}
