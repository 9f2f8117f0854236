import { useCallback, useEffect, useState } from 'react';
import { HttpError, isUnauthorized } from '../api.js';
import { useI18n } from '../i18n.js';
import { useLive } from '../live-context.js';

export type ReportResult<T> =
  | { state: 'loading'; data: null }
  | { state: 'ready'; data: T }
  | { state: 'failed'; data: null; message: string };

/**
 * One section's report, fetched again whenever `load` changes (new filters). Only the latest answer
 * counts, and figures from earlier filters are never shown under the new ones.
 */
export function useReport<T>(load: () => Promise<T>): ReportResult<T> & { reload: () => void } {
  const { t } = useI18n();
  const { onUnauthorized } = useLive();
  const [result, setResult] = useState<ReportResult<T>>({ state: 'loading', data: null });
  const [attempt, setAttempt] = useState(0);
  const { refused, forbidden, loadError } = t.rep;

  useEffect(() => {
    let cancelled = false;
    setResult({ state: 'loading', data: null });
    load().then(
      (data) => {
        if (!cancelled) setResult({ state: 'ready', data });
      },
      (err: unknown) => {
        if (cancelled) return;
        if (isUnauthorized(err)) return onUnauthorized();
        const message = !(err instanceof HttpError) ? loadError
          : err.status === 403 ? forbidden
            : err.status === 400 || err.status === 422 ? `${refused} ${err.message}` : loadError;
        setResult({ state: 'failed', data: null, message });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [load, attempt, onUnauthorized, refused, forbidden, loadError]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...result, reload };
}
