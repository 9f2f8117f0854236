import { useCallback, useEffect, useRef, useState } from 'react';
import type { EscalationDetailDto, EscalationDto } from '../../../src/contracts/index.js';
import { HttpError, isUnauthorized } from '../api.js';
import { escalationApi } from '../escalation-api.js';
import { useLive } from '../live-context.js';

export type EscalationLoadError = 'not-found' | 'failed' | null;

/**
 * One escalation from GET /api/escalations/:id (packet, events, deliveries), loaded again when an
 * event shows a newer version, on reconnect, and after this console's own actions.
 */
export function useEscalationDetail(escalationId: string) {
  const { socket, connectCount, onUnauthorized } = useLive();
  const [detail, setDetail] = useState<EscalationDetailDto | null>(null);
  const [error, setError] = useState<EscalationLoadError>(null);
  const generation = useRef(0);
  const shownVersion = useRef(-1);
  const onUnauthorizedRef = useRef(onUnauthorized);
  useEffect(() => {
    onUnauthorizedRef.current = onUnauthorized;
  }, [onUnauthorized]);

  const load = useCallback(async (): Promise<EscalationDetailDto | null> => {
    const gen = ++generation.current;
    try {
      const next = await escalationApi.detail(escalationId);
      if (gen !== generation.current) return null;
      shownVersion.current = next.escalation.version;
      setDetail(next);
      setError(null);
      return next;
    } catch (err) {
      if (gen !== generation.current) return null;
      if (isUnauthorized(err)) onUnauthorizedRef.current();
      else setError(err instanceof HttpError && (err.status === 404 || err.status === 400) ? 'not-found' : 'failed');
      return null;
    }
  }, [escalationId]);

  useEffect(() => {
    setDetail(null);
    setError(null);
    shownVersion.current = -1;
    void load();
    return () => {
      generation.current++;
    };
  }, [load]);

  useEffect(() => {
    if (!socket) return undefined;
    const onUpdated = (e: EscalationDto) => {
      if (e.id === escalationId && e.version > shownVersion.current) void load();
    };
    socket.on('escalation.updated', onUpdated);
    return () => {
      socket.off('escalation.updated', onUpdated);
    };
  }, [socket, escalationId, load]);

  const seenConnects = useRef(connectCount);
  useEffect(() => {
    if (connectCount === seenConnects.current) return;
    seenConnects.current = connectCount;
    void load();
  }, [connectCount, load]);

  return { detail, error, reload: load };
}
