import { useEffect, useRef, useState } from 'react';
import { isUnauthorized } from '../api.js';

/**
 * What `fetch(key)` answers, null until the first answer. Asked again when `key` or `refreshKey`
 * changes; what is shown stays until the new answer arrives, and an answer to an earlier ask is dropped.
 * `fetch` should be stable (e.g. an api method): a new function means a new request.
 */
export function useFetched<T>(
  key: string,
  fetch: (key: string) => Promise<T>,
  onUnauthorized: () => void,
  refreshKey: unknown = 0,
): { value: T | null; failed: boolean } {
  const [value, setValue] = useState<T | null>(null);
  const [failed, setFailed] = useState(false);
  const onUnauthorizedRef = useRef(onUnauthorized);
  useEffect(() => {
    onUnauthorizedRef.current = onUnauthorized;
  }, [onUnauthorized]);

  useEffect(() => {
    let cancelled = false;
    fetch(key)
      .then((next) => {
        if (cancelled) return;
        setValue(next);
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
  }, [key, fetch, refreshKey]);

  return { value, failed };
}
