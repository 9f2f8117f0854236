import { useEffect, useRef, useState } from 'react';
import type { CaseSummaryDto, QueueChange, WaitingCallDto } from '../../../src/contracts/index.js';
import { api, isUnauthorized } from '../api.js';
import type { Connection } from '../components/ConnectionStatus.js';
import { applyQueueChange, sortCases, sortWaiting, upsertCase } from '../live-state.js';
import { createSocket } from '../socket.js';

type LiveEvent = { kind: 'queue'; change: QueueChange } | { kind: 'case'; summary: CaseSummaryDto };

interface Snapshot { calls: WaitingCallDto[]; cases: CaseSummaryDto[] }

function applyEvent(s: Snapshot, e: LiveEvent): Snapshot {
  return e.kind === 'queue'
    ? { ...s, calls: applyQueueChange(s.calls, e.change) }
    : { ...s, cases: upsertCase(s.cases, e.summary) };
}

/**
 * Waiting calls and open cases, kept current by the socket. Every (re)connect refetches both
 * lists, since events sent while disconnected are not replayed by the server.
 */
export function useLiveData(onUnauthorized: () => void) {
  const [data, setData] = useState<Snapshot>({ calls: [], cases: [] });
  const [connection, setConnection] = useState<Connection>('connecting');
  const [loadError, setLoadError] = useState(false);
  const onUnauthorizedRef = useRef(onUnauthorized);
  useEffect(() => {
    onUnauthorizedRef.current = onUnauthorized;
  }, [onUnauthorized]);

  useEffect(() => {
    const socket = createSocket();
    let disposed = false;
    let generation = 0;
    // Events that arrive while a snapshot is in flight may be newer than it: replay them on top.
    let buffered: LiveEvent[] | null = null;

    const receive = (e: LiveEvent) => {
      buffered?.push(e);
      setData((s) => applyEvent(s, e));
    };

    const refetch = async () => {
      const gen = ++generation;
      buffered = [];
      try {
        const [queue, list] = await Promise.all([api.queue(), api.cases()]);
        if (disposed || gen !== generation) return;
        const replay = buffered ?? [];
        buffered = null;
        const fresh = replay.reduce(applyEvent, { calls: sortWaiting(queue.waiting), cases: sortCases(list.cases) });
        setData(fresh);
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
    };
  }, []);

  return { ...data, connection, loadError };
}
