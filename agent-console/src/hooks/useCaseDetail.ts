import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaseDetailDto } from '../../../src/contracts/index.js';
import { HttpError, api, isUnauthorized } from '../api.js';
import type { CaseListener } from './useLiveData.js';

export type CaseLoadError = 'not-found' | 'failed' | null;

interface Options {
  onUnauthorized: () => void;
  subscribeCases: (listener: CaseListener) => () => void;
  /** Goes up on every socket (re)connect: updates missed while offline are fetched again. */
  connectCount: number;
}

/**
 * One case from GET /api/cases/:id, loaded again whenever the case changes on the server (an event
 * newer than what is shown) or the socket reconnects. Shared by the case panel and "my call".
 * `reload` resolves to what it loaded, or null when it failed or was overtaken.
 */
export function useCaseDetail(caseId: string, { onUnauthorized, subscribeCases, connectCount }: Options) {
  const [detail, setDetail] = useState<CaseDetailDto | null>(null);
  const [error, setError] = useState<CaseLoadError>(null);
  const generation = useRef(0);
  // Every load is an audited view on the server: events about what is already shown are skipped.
  const shownUpdatedAt = useRef(0);
  const onUnauthorizedRef = useRef(onUnauthorized);
  useEffect(() => {
    onUnauthorizedRef.current = onUnauthorized;
  }, [onUnauthorized]);

  const load = useCallback(async (): Promise<CaseDetailDto | null> => {
    // Only the latest answer counts: a slow early request must not overwrite a newer one.
    const gen = ++generation.current;
    try {
      const next = await api.caseDetail(caseId);
      if (gen !== generation.current) return null;
      shownUpdatedAt.current = Date.parse(next.case.updatedAt);
      setDetail(next);
      setError(null);
      return next;
    } catch (err) {
      if (gen !== generation.current) return null;
      if (isUnauthorized(err)) onUnauthorizedRef.current();
      else setError(err instanceof HttpError && (err.status === 404 || err.status === 400) ? 'not-found' : 'failed');
      return null;
    }
  }, [caseId]);

  // A different case: start clean rather than show the previous one under a new title.
  useEffect(() => {
    setDetail(null);
    setError(null);
    shownUpdatedAt.current = 0;
    void load();
    return () => {
      generation.current++;
    };
  }, [load]);

  useEffect(
    () => subscribeCases((summary) => {
      if (summary.id === caseId && Date.parse(summary.updatedAt) > shownUpdatedAt.current) void load();
    }),
    [subscribeCases, caseId, load],
  );

  const seenConnects = useRef(connectCount);
  useEffect(() => {
    if (connectCount === seenConnects.current) return;
    seenConnects.current = connectCount;
    void load();
  }, [connectCount, load]);

  return { detail, error, reload: load };
}
