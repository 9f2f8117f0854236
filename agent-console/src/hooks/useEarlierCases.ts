import { useEffect, useRef, useState } from 'react';
import type { CaseSummaryDto } from '../../../src/contracts/index.js';
import { api, isUnauthorized } from '../api.js';

/** The same caller's other cases (GET /api/cases/:id/earlier), newest first; null while loading. */
export function useEarlierCases(caseId: string, onUnauthorized: () => void, refreshKey: unknown = 0) {
  const [cases, setCases] = useState<CaseSummaryDto[] | null>(null);
  const [failed, setFailed] = useState(false);
  const onUnauthorizedRef = useRef(onUnauthorized);
  useEffect(() => {
    onUnauthorizedRef.current = onUnauthorized;
  }, [onUnauthorized]);

  useEffect(() => {
    let cancelled = false;
    api.earlierCases(caseId)
      .then(({ cases: list }) => {
        if (cancelled) return;
        setCases(list);
        setFailed(false);
      })
      .catch((err: unknown) => {
        if (cancelled) return;
        if (isUnauthorized(err)) onUnauthorizedRef.current();
        else setFailed(true);
      });
    return () => {
      cancelled = true;
    };
  }, [caseId, refreshKey]);

  return { cases, failed };
}
