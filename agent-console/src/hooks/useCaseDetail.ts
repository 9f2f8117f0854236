import { useCallback } from 'react';
import type { CaseDetailDto } from '../../../src/contracts/index.js';
import { api } from '../api.js';
import type { CaseListener } from './useLiveData.js';
import { useLiveResource, type ChangeFeed, type LiveResourceError } from './useLiveResource.js';

export type CaseLoadError = LiveResourceError;

interface Options {
  onUnauthorized: () => void;
  subscribeCases: (listener: CaseListener) => () => void;
  /** Goes up on every socket (re)connect: updates missed while offline are fetched again. */
  connectCount: number;
}

const caseVersion = (detail: CaseDetailDto) => Date.parse(detail.case.updatedAt);

/**
 * One case from GET /api/cases/:id, loaded again whenever the case changes on the server (an event
 * newer than what is shown) or the socket reconnects. Shared by the case panel and "my call".
 * `reload` resolves to what it loaded, or null when it failed or was overtaken.
 */
export function useCaseDetail(caseId: string, { onUnauthorized, subscribeCases, connectCount }: Options) {
  const subscribe = useCallback<ChangeFeed>(
    (onChanged) => subscribeCases((summary) => onChanged(summary.id, Date.parse(summary.updatedAt))),
    [subscribeCases],
  );
  const { value, error, reload } = useLiveResource(caseId, {
    fetch: api.caseDetail,
    versionOf: caseVersion,
    subscribe,
    connectCount,
    onUnauthorized,
  });
  return { detail: value, error, reload };
}
