import { api } from '../api.js';
import { useFetched } from './useFetched.js';

/** The same caller's other cases (GET /api/cases/:id/earlier), newest first; null while loading. */
export function useEarlierCases(caseId: string, onUnauthorized: () => void, refreshKey: unknown = 0) {
  const { value, failed } = useFetched(caseId, api.earlierCases, onUnauthorized, refreshKey);
  return { cases: value?.cases ?? null, failed };
}
