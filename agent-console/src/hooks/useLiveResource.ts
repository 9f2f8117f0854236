import { useCallback, useEffect, useRef, useState } from 'react';
import { HttpError, isUnauthorized } from '../api.js';

export type LiveResourceError = 'not-found' | 'failed' | null;

/** Hands each server-side change on to `onChanged`; returns how to stop, or nothing when there is no feed yet. */
export type ChangeFeed = (onChanged: (id: string, version: number) => void) => (() => void) | undefined;

interface Options<T> {
  /** Should be stable (module-level or memoised): a new function means a fresh load. */
  fetch: (id: string) => Promise<T>;
  /** Orders what is shown against pushed changes: only a higher version is worth a reload. */
  versionOf: (value: T) => number;
  /** Should be stable for as long as the feed is the same (memoised on the socket). */
  subscribe: ChangeFeed;
  /** Goes up on every socket (re)connect: changes missed while offline are fetched again. */
  connectCount: number;
  onUnauthorized: () => void;
}

/**
 * One record by id, loaded again when a pushed change is newer than what is shown, when the socket
 * reconnects, and whenever the caller asks (`reload`, e.g. after its own action). `reload` resolves to
 * what it loaded, or null when it failed or was overtaken.
 */
export function useLiveResource<T>(id: string, { fetch, versionOf, subscribe, connectCount, onUnauthorized }: Options<T>) {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<LiveResourceError>(null);
  const generation = useRef(0);
  // Loads can be costly (a case view is audited on the server): changes already shown are skipped.
  const shownVersion = useRef(-Infinity);
  const onUnauthorizedRef = useRef(onUnauthorized);
  useEffect(() => {
    onUnauthorizedRef.current = onUnauthorized;
  }, [onUnauthorized]);

  const load = useCallback(async (): Promise<T | null> => {
    // Only the latest answer counts: a slow early request must not overwrite a newer one.
    const gen = ++generation.current;
    try {
      const next = await fetch(id);
      if (gen !== generation.current) return null;
      shownVersion.current = versionOf(next);
      setValue(next);
      setError(null);
      return next;
    } catch (err) {
      if (gen !== generation.current) return null;
      if (isUnauthorized(err)) onUnauthorizedRef.current();
      else setError(err instanceof HttpError && (err.status === 404 || err.status === 400) ? 'not-found' : 'failed');
      return null;
    }
  }, [id, fetch, versionOf]);

  // A different record: start clean rather than show the previous one under a new title.
  useEffect(() => {
    setValue(null);
    setError(null);
    shownVersion.current = -Infinity;
    void load();
    return () => {
      generation.current++;
    };
  }, [load]);

  useEffect(
    () => subscribe((changedId, version) => {
      if (changedId === id && version > shownVersion.current) void load();
    }),
    [subscribe, id, load],
  );

  const seenConnects = useRef(connectCount);
  useEffect(() => {
    if (connectCount === seenConnects.current) return;
    seenConnects.current = connectCount;
    void load();
  }, [connectCount, load]);

  return { value, error, reload: load };
}
