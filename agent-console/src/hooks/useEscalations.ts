import { useCallback, useEffect, useRef, useState } from 'react';
import type { EscalationDto } from '../../../src/contracts/index.js';
import { isUnauthorized } from '../api.js';
import { escalationApi, type EscalationQuery } from '../escalation-api.js';
import { upsertEscalation } from '../escalation-order.js';
import { useLive } from '../live-context.js';

interface Options {
  query: EscalationQuery;
  /** Whether an escalation from an event belongs in this list (its case; still open); one that no longer does leaves it. */
  belongs: (e: EscalationDto) => boolean;
  /** Told of escalations that appear through an event, not through the first load (the inbox announces them). */
  onArrived?: (e: EscalationDto) => void;
}

/**
 * A list from GET /api/escalations kept current by `escalation.created` / `escalation.updated`, and
 * fetched again on every reconnect (missed events are not replayed). Order is the caller's business.
 */
export function useEscalations({ query, belongs, onArrived }: Options) {
  const { socket, connectCount, onUnauthorized } = useLive();
  const [escalations, setEscalations] = useState<EscalationDto[]>([]);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const key = JSON.stringify(query);
  const belongsRef = useRef(belongs);
  const arrivedRef = useRef(onArrived);
  const onUnauthorizedRef = useRef(onUnauthorized);
  useEffect(() => {
    belongsRef.current = belongs;
    arrivedRef.current = onArrived;
    onUnauthorizedRef.current = onUnauthorized;
  });
  // Events that arrive while the list is in flight are replayed on top of it.
  const buffered = useRef<EscalationDto[] | null>(null);
  const generation = useRef(0);

  const apply = useCallback((list: EscalationDto[], e: EscalationDto) => {
    if (belongsRef.current(e)) return upsertEscalation(list, e);
    return list.some((x) => x.id === e.id) ? list.filter((x) => x.id !== e.id) : list;
  }, []);

  useEffect(() => {
    if (!socket) return undefined;
    const onCreated = (e: EscalationDto) => {
      buffered.current?.push(e);
      setEscalations((list) => apply(list, e));
      if (belongsRef.current(e)) arrivedRef.current?.(e);
    };
    const onUpdated = (e: EscalationDto) => {
      buffered.current?.push(e);
      setEscalations((list) => apply(list, e));
    };
    socket.on('escalation.created', onCreated);
    socket.on('escalation.updated', onUpdated);
    return () => {
      socket.off('escalation.created', onCreated);
      socket.off('escalation.updated', onUpdated);
    };
  }, [socket, apply]);

  const load = useCallback(async () => {
    const gen = ++generation.current;
    buffered.current = [];
    try {
      const { escalations: list } = await escalationApi.list(JSON.parse(key) as EscalationQuery);
      if (gen !== generation.current) return;
      const replay = buffered.current ?? [];
      buffered.current = null;
      setEscalations(replay.reduce(apply, list));
      setState('ready');
    } catch (err) {
      if (gen !== generation.current) return;
      buffered.current = null;
      if (isUnauthorized(err)) onUnauthorizedRef.current();
      else setState('failed');
    }
  }, [key, apply]);

  useEffect(() => {
    void load();
    return () => {
      generation.current++;
    };
  }, [connectCount, load]);

  /** An escalation as the server answered an action with it: shown at once, the event that follows changes nothing. */
  const put = useCallback((e: EscalationDto) => setEscalations((list) => apply(list, e)), [apply]);

  return { escalations, state, reload: load, put };
}
