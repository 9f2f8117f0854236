import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaseSummaryDto, QueueChange, WaitingCallDto } from '../../../src/contracts/index.js';
import { api, isUnauthorized } from '../api.js';
import type { Connection } from '../components/ConnectionStatus.js';
import { applyQueueChange, sortCases, sortWaiting, upsertCase } from '../live-state.js';
import { createSocket, type ConsoleSocket } from '../socket.js';

type LiveEvent = { kind: 'queue'; change: QueueChange } | { kind: 'case'; summary: CaseSummaryDto };

interface Snapshot { calls: WaitingCallDto[]; total: number; cases: CaseSummaryDto[] }

function applyEvent(s: Snapshot, e: LiveEvent): Snapshot {
  if (e.kind === 'case') return { ...s, cases: upsertCase(s.cases, e.summary) };
  const { calls, total } = applyQueueChange(s, e.change);
  return { ...s, calls, total };
}

export type CaseListener = (summary: CaseSummaryDto) => void;

/**
 * Waiting calls and open cases, kept current by the socket. Every (re)connect refetches both
 * lists, since events sent while disconnected are not replayed by the server; `connectCount`
 * goes up on each connect so that other views (the case detail) can refetch too. The socket itself
 * is handed out for the views that listen to more events (presence, offers, the agents panel,
 * escalations). Without `staff` (consulate users) only the connection is kept.
 */
export function useLiveData(onUnauthorized: () => void, { staff = true }: { staff?: boolean } = {}) {
  const [data, setData] = useState<Snapshot>({ calls: [], total: 0, cases: [] });
  const [connection, setConnection] = useState<Connection>('connecting');
  const [connectCount, setConnectCount] = useState(0);
  const [loadError, setLoadError] = useState(false);
  // Shared with the presence, offer and agents views, which add their own listeners to it.
  const [socket, setSocket] = useState<ConsoleSocket | null>(null);
  const onUnauthorizedRef = useRef(onUnauthorized);
  const caseListeners = useRef(new Set<CaseListener>());
  useEffect(() => {
    onUnauthorizedRef.current = onUnauthorized;
  }, [onUnauthorized]);

  useEffect(() => {
    const socket = createSocket();
    setSocket(socket);
    let disposed = false;
    let generation = 0;
    // Events that arrive while a snapshot is in flight may be newer than it: replay them on top.
    let buffered: LiveEvent[] | null = null;

    const receive = (e: LiveEvent) => {
      buffered?.push(e);
      setData((s) => applyEvent(s, e));
      if (e.kind === 'case') for (const listener of caseListeners.current) listener(e.summary);
    };

    const refetch = async () => {
      // Consulate users have no queue and no cases (the server refuses them): only the socket is theirs.
      if (!staff) return;
      const gen = ++generation;
      buffered = [];
      try {
        const [queue, list] = await Promise.all([api.queue(), api.cases()]);
        if (disposed || gen !== generation) return;
        const replay = buffered ?? [];
        buffered = null;
        const calls = sortWaiting(queue.waiting);
        const start: Snapshot = { calls, total: Math.max(queue.total ?? 0, calls.length), cases: sortCases(list.cases) };
        setData(replay.reduce(applyEvent, start));
        setLoadError(false);
      } catch (err) {
        if (disposed || gen !== generation) return;
        buffered = null;
        if (isUnauthorized(err)) onUnauthorizedRef.current();
        else setLoadError(true);
      }
    };

    socket.on('connect', () => {
      setConnection('live');
      setConnectCount((n) => n + 1);
      void refetch();
    });
    socket.on('disconnect', (reason) => {
      setConnection('reconnecting');
      // The server dropped us on purpose (e.g. session revoked); reconnecting runs the auth check again.
      if (reason === 'io server disconnect') socket.connect();
    });
    socket.on('connect_error', (err) => {
      if (err.message === 'unauthorized') onUnauthorizedRef.current();
      else setConnection((c) => (c === 'live' ? 'reconnecting' : c));
    });
    socket.on('case.created', (summary) => receive({ kind: 'case', summary }));
    socket.on('case.updated', (summary) => receive({ kind: 'case', summary }));
    socket.on('queue.changed', (change) => receive({ kind: 'queue', change }));

    // Load right away rather than waiting for the handshake, so a blocked socket still shows data.
    void refetch();

    return () => {
      disposed = true;
      socket.disconnect();
      setSocket(null);
    };
  }, [staff]);

  /** Called with every case.created / case.updated; returns the unsubscribe function. */
  const subscribeCases = useCallback((listener: CaseListener) => {
    const listeners = caseListeners.current;
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, []);

  return { ...data, connection, connectCount, loadError, subscribeCases, socket };
}
