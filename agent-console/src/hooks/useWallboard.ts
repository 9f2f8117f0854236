import { useCallback, useEffect, useState } from 'react';
import type { WallboardDto } from '../../../src/contracts/index.js';
import { api, HttpError, isUnauthorized } from '../api.js';
import { useLive } from '../live-context.js';
import { useNow } from './useNow.js';

/** No push for this long and the figures are marked out of date. */
export const STALE_AFTER_MS = 5000;

export type WallboardState =
  | { state: 'loading' }
  | { state: 'failed'; forbidden: boolean }
  | { state: 'ready'; board: WallboardDto; receivedAt: number };

/**
 * The wallboard: GET /api/wallboard when the page opens (and again on every reconnect, since pushes
 * missed while offline are not replayed), then each 'wallboard.updated' on the console's one socket.
 * An answer older than what is shown (a slow GET overtaken by a push) is dropped.
 */
export function useWallboard(): WallboardState & { stale: boolean; reload: () => void } {
  const { socket, connectCount, onUnauthorized } = useLive();
  const [result, setResult] = useState<WallboardState>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const now = useNow(1000);

  const accept = useCallback((board: WallboardDto) => {
    const receivedAt = Date.now();
    setResult((prev) => (prev.state === 'ready' && prev.board.at > board.at ? prev : { state: 'ready', board, receivedAt }));
  }, []);

  useEffect(() => {
    if (!socket) return undefined;
    socket.on('wallboard.updated', accept);
    return () => {
      socket.off('wallboard.updated', accept);
    };
  }, [socket, accept]);

  useEffect(() => {
    let cancelled = false;
    api.wallboard().then(
      (board) => {
        if (!cancelled) accept(board);
      },
      (err: unknown) => {
        if (cancelled) return;
        if (isUnauthorized(err)) return onUnauthorized();
        const forbidden = err instanceof HttpError && err.status === 403;
        // A failed refetch keeps the figures already shown; they turn stale on their own.
        setResult((prev) => (prev.state === 'ready' ? prev : { state: 'failed', forbidden }));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [connectCount, attempt, accept, onUnauthorized]);

  const reload = useCallback(() => {
    setResult({ state: 'loading' });
    setAttempt((n) => n + 1);
  }, []);
  const stale = result.state === 'ready' && now - result.receivedAt > STALE_AFTER_MS;
  return { ...result, stale, reload };
}
