import { useCallback, useRef, useState, type ReactNode } from 'react';
import type { CaseSummaryDto, WaitingCallDto } from '../../../src/contracts/index.js';
import { CaseDetail } from '../components/CaseDetail.js';
import { CaseList } from '../components/CaseList.js';
import { WaitingList } from '../components/WaitingList.js';
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
  const [openId, setOpenId] = useState<string | null>(null);
  // The row that opened the panel gets focus back when it closes.
  const opener = useRef<HTMLElement | null>(null);

  const open = useCallback((id: string, row: HTMLElement) => {
    opener.current = row;
    setOpenId(id);
  }, []);

  const close = useCallback(() => {
    setOpenId(null);
    const row = opener.current;
    opener.current = null;
    if (row?.isConnected) row.focus({ preventScroll: true });
  }, []);

  return (
    <div className={openId ? 'queue-page queue-page-with-drawer' : 'queue-page'}>
      <WaitingList calls={calls} total={total} />
      {agentsPanel}
      <CaseList cases={cases} openId={openId} onOpen={open} />
      {openId && (
        <CaseDetail
          caseId={openId}
          onClose={close}
          onUnauthorized={onUnauthorized}
          subscribeCases={subscribeCases}
          connectCount={connectCount}
        />
      )}
    </div>
  );
}
